import ArgumentParser
import FaceModels
import TensorCore

/// `facet bench bisenet`: BiSeNet forward passes (logits and label maps) at 512×512.
struct BenchBisenet: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bisenet",
        abstract: "Time BiSeNet face parsing (512×512 forward pass, upsampling and argmax).",
        discussion: "Without --weights, seeded synthetic weights of the real architecture are used.")

    @Option(help: "A face-parsing.PyTorch checkpoint (e.g. 79999_iter.pth or a safetensors copy).")
    var weights: String?
    @Option(help: "Images per forward pass.") var batch = 1
    @Option(help: "OpenBLAS threads.") var threads = 1
    @Option(help: "Untimed passes first.") var warmup = 1
    @Option(help: "Timed passes.") var iterations = 5
    @Flag(help: "Print one JSON object on stdout.") var json = false

    func validate() throws {
        guard batch > 0, threads > 0, warmup > 0, iterations > 0 else {
            throw ValidationError("--batch, --threads, --warmup and --iterations must be positive")
        }
    }

    func run() throws {
        let model: BiSeNet
        if let weights {
            model = try BiSeNet(weights: try ModelBenchmark.loadWeights(path: weights))
        } else {
            model = try BiSeNet(loading: WeightScope(generating: ModelBenchmark.syntheticValues))
        }
        let size = BiSeNet.inputSize
        let x = Tensor(zeros: Shape(batch, 3, size, size))
        let pixels = (0..<size * size * 3).map { UInt8(truncatingIfNeeded: $0 &* 31 >> 3) }
        for n in 0..<batch { BiSeNet.writeInput(rgb: pixels, into: x, item: n) }
        let labels = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: batch * size * size)
        defer { labels.deallocate() }

        let bench = ModelBenchmark(
            model: "bisenet", weights: weights ?? "synthetic", batch: batch, threads: threads, warmup: warmup,
            iterations: iterations)
        let report = bench.run { workspace in BiSeNet.labels(model(x, workspace: workspace), into: labels) }
        try ModelBenchmark.emit(report, json: json)
    }
}
