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
    @Option(help: "Threads: OpenBLAS threads (--parallel blas) or image workers (--parallel images).")
    var threads = 1
    @Option(help: "Where the threads go: blas (inside each GEMM) or images (workers over the batch).")
    var parallel = ModelBenchmark.Parallelism.blas
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
        let pixels = (0..<size * size * 3).map { UInt8(truncatingIfNeeded: ($0 &* 31) >> 3) }
        for n in 0..<batch { BiSeNet.writeInput(rgb: pixels, into: x, item: n) }
        let labels = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: batch * size * size)
        defer { labels.deallocate() }
        let labelBase = SendablePointer(labels.baseAddress!)

        let bench = ModelBenchmark(
            model: "bisenet", weights: weights ?? "synthetic", batch: batch, threads: threads, parallel: parallel,
            warmup: warmup, iterations: iterations)
        let report = bench.run { workspace, items in
            let plane = size * size
            let part = Tensor(
                shape: Shape(items.count, 3, size, size), storage: x.storage, offset: items.lowerBound * 3 * plane)
            let out = UnsafeMutableBufferPointer(
                start: labelBase.base + items.lowerBound * plane, count: items.count * plane)
            BiSeNet.labels(model(part, workspace: workspace), into: out)
        }
        try ModelBenchmark.emit(report, json: json)
    }
}
