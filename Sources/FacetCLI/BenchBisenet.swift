import ArgumentParser
import FaceModels
import FacetPipeline
import TensorCore

/// `facet bench bisenet`: BiSeNet forward passes (logits and label maps) at 512×512.
struct BenchBisenet: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bisenet",
        abstract: "Time BiSeNet face parsing (512×512 forward pass, upsampling and argmax).",
        discussion: "Without --weights, seeded synthetic weights of the real architecture are used.")

    @Option(help: "A face-parsing.PyTorch checkpoint (e.g. 79999_iter.pth or a safetensors copy).")
    var weights: String?
    @OptionGroup var options: ModelBenchOptions

    func run() throws {
        let model: BiSeNet
        if let weights {
            model = try BiSeNetParser(weightsAt: try ModelWeights.resolve(weights, kind: .bisenet)).model
        } else {
            model = try BiSeNet(loading: WeightScope(generating: ModelBenchmark.syntheticValues))
        }
        let size = BiSeNet.inputSize
        let x = Tensor(zeros: Shape(options.batch, 3, size, size))
        let pixels = (0..<size * size * 3).map { UInt8(truncatingIfNeeded: ($0 &* 31) >> 3) }
        for n in 0..<options.batch { BiSeNet.writeInput(rgb: pixels, into: x, item: n) }
        let labels = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: options.batch * size * size)
        defer { labels.deallocate() }
        let labelBase = SendablePointer(labels.baseAddress!)

        let bench = options.benchmark(model: "bisenet", weights: weights)
        let report = bench.run { workspace, items in
            let plane = size * size
            let part = Tensor(
                shape: Shape(items.count, 3, size, size), storage: x.storage, offset: items.lowerBound * 3 * plane)
            let out = UnsafeMutableBufferPointer(
                start: labelBase.base + items.lowerBound * plane, count: items.count * plane)
            BiSeNet.labels(model(part, workspace: workspace), into: out, threads: workspace.threads)
        }
        try ModelBenchmark.emit(report, json: options.json)
    }
}
