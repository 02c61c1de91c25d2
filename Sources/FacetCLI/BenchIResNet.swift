import ArgumentParser
import FaceModels
import TensorCore

/// `facet bench iresnet`: ArcFace IResNet embeddings at 112×112.
struct BenchIResNet: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "iresnet",
        abstract: "Time ArcFace IResNet embeddings (112×112 forward pass and L2 normalization).",
        discussion: "Without --weights, seeded synthetic weights of --arch are used; with them, the depth comes from the file.")

    @Option(help: "Depth for synthetic weights: \(IResNet.Architecture.allCases.map(\.rawValue).joined(separator: ", ")).")
    var arch: String = "r100"
    @Option(help: "An arcface_torch or MXNet-r100 checkpoint.") var weights: String?
    @Option(help: "Images per forward pass.") var batch = 1
    @Option(help: "OpenBLAS threads.") var threads = 1
    @Option(help: "Untimed passes first.") var warmup = 1
    @Option(help: "Timed passes.") var iterations = 5
    @Flag(help: "Print one JSON object on stdout.") var json = false

    func validate() throws {
        guard batch > 0, threads > 0, warmup > 0, iterations > 0 else {
            throw ValidationError("--batch, --threads, --warmup and --iterations must be positive")
        }
        guard IResNet.Architecture(rawValue: arch) != nil else { throw ValidationError("unknown --arch '\(arch)'") }
    }

    func run() throws {
        let model: IResNet
        if let weights {
            model = try IResNet(weights: try ModelBenchmark.loadWeights(path: weights))
        } else {
            let blocks = IResNet.Architecture(rawValue: arch)!.blocksPerStage
            model = try IResNet(
                loading: WeightScope(generating: ModelBenchmark.syntheticValues), blocksPerStage: blocks,
                family: .arcfaceTorch)
        }
        let size = IResNetFamily.inputSize
        let x = Tensor(zeros: Shape(batch, 3, size, size))
        let pixels = (0..<size * size * 3).map { UInt8(truncatingIfNeeded: $0 &* 31 >> 3) }
        for n in 0..<batch { model.family.writeInput(rgb: pixels, into: x, item: n) }

        let name = weights == nil ? "iresnet-\(arch)" : "iresnet-\(model.blocksPerStage)"
        let bench = ModelBenchmark(
            model: name, weights: weights ?? "synthetic", batch: batch, threads: threads, warmup: warmup,
            iterations: iterations)
        let report = bench.run { workspace in _ = model.embed(x, workspace: workspace) }
        try ModelBenchmark.emit(report, json: json)
    }
}
