import ArgumentParser
import FaceModels
import FacetBenchmarks
import FacetPipeline

/// `facet bench iresnet`: ArcFace IResNet embeddings at 112×112.
struct BenchIResNet: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "iresnet",
        abstract: "Time ArcFace IResNet embeddings (112×112 forward pass and L2 normalization).",
        discussion: "Without --weights, seeded synthetic weights of --arch are used; with them, the depth comes from the file.")

    @Option(help: "Depth for synthetic weights: \(IResNet.Architecture.allCases.map(\.rawValue).joined(separator: ", ")).")
    var arch: String = "r100"
    @Option(help: "An IResNet checkpoint: arcface_torch .pth/safetensors, MXNet .params or ONNX.")
    var weights: String?
    @OptionGroup var options: ModelBenchOptions

    /// `--arch` as a depth; an unknown one is a validation error.
    private var architecture: IResNet.Architecture {
        get throws {
            guard let architecture = IResNet.Architecture(rawValue: arch) else {
                throw ValidationError("unknown --arch '\(arch)'")
            }
            return architecture
        }
    }

    func validate() throws { _ = try architecture }

    func run() throws {
        let model = try weights.map { try IResNetEmbedder(weightsAt: try ModelWeights.resolve($0, kind: .iresnet)).model }
            ?? SyntheticBenchmarkWeights.iresnet(architecture)
        try options.emit(options.benchmark.run(model, weights: weights ?? "synthetic"))
    }
}
