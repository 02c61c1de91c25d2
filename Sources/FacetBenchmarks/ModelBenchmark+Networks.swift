import FaceModels
import TensorCore

extension ModelBenchmark {
    /// Times BiSeNet on a batch of 512×512 inputs: the forward pass, then the upsampling and argmax to label maps.
    /// `weights` labels the report: the checkpoint's path, or "synthetic".
    public func run(_ model: BiSeNet, weights: String) -> Report {
        let side = BiSeNet.inputSize
        let input = makeInput(side: side) { BiSeNet.writeInput(rgb: $0, into: $1, item: $2) }
        let plane = side * side
        let labels = UnsafeMutablePointer<UInt8>.allocate(capacity: batch * plane)
        defer { labels.deallocate() }
        let labelBase = SendablePointer(labels)
        return run(model: "bisenet", weights: weights) { workspace, items in
            let out = UnsafeMutableBufferPointer(start: labelBase.base + items.lowerBound * plane, count: items.count * plane)
            BiSeNet.labels(model(Self.images(items, of: input), workspace: workspace), into: out, workspace: workspace)
        }
    }

    /// Times IResNet on a batch of 112×112 inputs: the forward pass and the L2 normalization of the embeddings.
    /// The report names the depth ("iresnet-r100"), or the blocks per stage of a depth without a name.
    public func run(_ model: IResNet, weights: String) -> Report {
        let input = makeInput(side: IResNetFamily.inputSize) { model.writeInput(rgb: $0, into: $1, item: $2) }
        let depth = IResNet.Architecture.allCases.first { $0.blocksPerStage == model.blocksPerStage }
        let name = "iresnet-" + (depth?.rawValue ?? model.blocksPerStage.map(String.init).joined(separator: ","))
        return run(model: name, weights: weights) { workspace, items in
            _ = model.embed(Self.images(items, of: input), workspace: workspace)
        }
    }

    /// A batch of `side`×`side` RGB inputs, every item the same fixed pattern written by `write(pixels, tensor, item)`
    /// (the times do not depend on the pixels).
    private func makeInput(side: Int, write: ([UInt8], Tensor, Int) -> Void) -> Tensor {
        let x = Tensor(zeros: Shape(batch, 3, side, side))
        let pixels = (0..<side * side * 3).map { UInt8(truncatingIfNeeded: ($0 &* 31) >> 3) }
        for item in 0..<batch { write(pixels, x, item) }
        return x
    }

    /// Items `items` of the N×C×H×W batch `x`, sharing its storage.
    private static func images(_ items: Range<Int>, of x: Tensor) -> Tensor {
        let perImage = x.shape[1] * x.shape[2] * x.shape[3]
        return Tensor(
            shape: Shape(items.count, x.shape[1], x.shape[2], x.shape[3]), storage: x.storage,
            offset: x.offset + items.lowerBound * perImage)
    }
}
