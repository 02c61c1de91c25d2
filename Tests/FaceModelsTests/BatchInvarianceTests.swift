import Checkpoints
import TensorCore
import Testing
import TestSupport

@testable import FaceModels

/// Every network output must be bit-identical whatever the batch size, which images share the batch, an image's
/// position in it and the kernel thread count: sharded runs compose their batches differently, and users compare
/// runs. Each case runs the same eight seeded inputs in one arrangement and compares every image's output, bit
/// for bit, with that image run alone on one thread.
@Suite struct BatchInvarianceTests {
    /// How the eight images are run: in batches of `batch`, in the order `order`, on `threads` kernel threads.
    struct Arrangement: CustomTestStringConvertible, Sendable {
        let name: String
        let order: [Int]
        let batch: Int
        let threads: Int
        var testDescription: String { name }
    }

    static let arrangements = [
        Arrangement(name: "batch 1, 2 threads", order: Array(0..<8), batch: 1, threads: 2),
        Arrangement(name: "batch 8, 1 thread", order: Array(0..<8), batch: 8, threads: 1),
        Arrangement(name: "batch 8, 2 threads", order: Array(0..<8), batch: 8, threads: 2),
        Arrangement(name: "batch 8, 3 threads", order: Array(0..<8), batch: 8, threads: 3),
        Arrangement(name: "batch 5 + remainder 3, 2 threads", order: Array(0..<8), batch: 5, threads: 2),
        Arrangement(name: "permuted batch 8, 2 threads", order: [5, 2, 7, 0, 3, 6, 1, 4], batch: 8, threads: 2),
        Arrangement(name: "permuted batches of 3, 1 thread", order: [6, 1, 4, 7, 0, 3, 2, 5], batch: 3, threads: 1),
    ]

    static let imageCount = 8

    /// The outputs' bit patterns per image, for the images of `order` run `batch` at a time.
    static func outputs(
        _ arrangement: Arrangement, itemShape: (channels: Int, height: Int, width: Int),
        write: (Int, Tensor, Int) -> Void, run: (Tensor, InferenceWorkspace) -> Tensor
    ) -> [[UInt32]] {
        var result = [[UInt32]](repeating: [], count: imageCount)
        let workspace = InferenceWorkspace(threads: arrangement.threads)
        for first in stride(from: 0, to: imageCount, by: arrangement.batch) {
            let images = Array(arrangement.order[first..<min(imageCount, first + arrangement.batch)])
            let x = Tensor(zeros: Shape(images.count, itemShape.channels, itemShape.height, itemShape.width))
            for (item, image) in images.enumerated() { write(image, x, item) }
            let y = run(x, workspace)
            let perItem = y.count / images.count
            for (item, image) in images.enumerated() {
                result[image] = (0..<perItem).map { y.pointer[item * perItem + $0].bitPattern }
            }
        }
        return result
    }

    /// Which images differ from the reference, and by how much at most.
    static func expectIdentical(_ got: [[UInt32]], _ reference: [[UInt32]], _ arrangement: Arrangement) {
        for image in 0..<imageCount where got[image] != reference[image] {
            let maxDifference = zip(got[image], reference[image]).map {
                abs(Float(bitPattern: $0) - Float(bitPattern: $1))
            }.max() ?? 0
            Issue.record("\(arrangement.name): image \(image) differs from batch 1 on 1 thread by up to \(maxDifference)")
        }
    }

    // MARK: IResNet

    /// One block per stage (the r50 weights' first blocks): every kernel IResNet uses, fast.
    static let tinyIResNet: Result<IResNet, any Error> = Result {
        var store = WeightStore(source: "iresnet_tiny.synthetic")
        for (key, shape) in try SyntheticCheckpoint.manifest("iresnet_r50").sorted(by: { $0.key < $1.key }) {
            let fields = key.split(separator: ".")
            if fields.count > 1 && fields[0].hasPrefix("layer") && fields[1] != "0" { continue }
            try store.insert(key, StoredTensor(shape: shape, values: SyntheticCheckpoint.values(key: key, shape: shape)))
        }
        return try IResNet(weights: IResNetImport(stateDict: store))
    }

    static let iresnetPixels = SyntheticCheckpoint.pixels("invariance.iresnet.input", count: imageCount * 112 * 112 * 3)

    static func iresnetOutputs(_ model: IResNet, _ arrangement: Arrangement) -> [[UInt32]] {
        let perImage = 112 * 112 * 3
        return outputs(arrangement, itemShape: (3, 112, 112)) { image, x, item in
            model.writeInput(rgb: Array(iresnetPixels[image * perImage..<(image + 1) * perImage]), into: x, item: item)
        } run: { x, workspace in
            model(x, workspace: workspace)
        }
    }

    static let iresnetReference: Result<[[UInt32]], any Error> = Result {
        let model = try tinyIResNet.get()
        return iresnetOutputs(model, Arrangement(name: "reference", order: Array(0..<8), batch: 1, threads: 1))
    }

    @Test(arguments: arrangements)
    func iresnetEmbeddings(_ arrangement: Arrangement) throws {
        let model = try Self.tinyIResNet.get()
        Self.expectIdentical(Self.iresnetOutputs(model, arrangement), try Self.iresnetReference.get(), arrangement)
    }

    // MARK: BiSeNet

    /// Full-size weights at a reduced input (the kernels are still chosen for 512×512).
    static let bisenet: Result<BiSeNet, any Error> = Result { try BiSeNet(weights: try SyntheticCheckpoint.store("bisenet")) }
    static let bisenetHeight = 96, bisenetWidth = 136
    static let bisenetPixels = SyntheticCheckpoint.pixels(
        "invariance.bisenet.input", count: imageCount * bisenetHeight * bisenetWidth * 3)

    static func bisenetOutputs(_ model: BiSeNet, _ arrangement: Arrangement) -> [[UInt32]] {
        let perImage = bisenetHeight * bisenetWidth * 3
        return outputs(arrangement, itemShape: (3, bisenetHeight, bisenetWidth)) { image, x, item in
            BiSeNet.writeInput(rgb: Array(bisenetPixels[image * perImage..<(image + 1) * perImage]), into: x, item: item)
        } run: { x, workspace in
            model(x, workspace: workspace)
        }
    }

    static let bisenetReference: Result<[[UInt32]], any Error> = Result {
        let model = try bisenet.get()
        return bisenetOutputs(model, Arrangement(name: "reference", order: Array(0..<8), batch: 1, threads: 1))
    }

    @Test(arguments: arrangements)
    func bisenetLogits(_ arrangement: Arrangement) throws {
        let model = try Self.bisenet.get()
        Self.expectIdentical(Self.bisenetOutputs(model, arrangement), try Self.bisenetReference.get(), arrangement)
    }
}
