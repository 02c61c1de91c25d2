import ArgumentParser
import FaceModels
import FacetBenchmarks
import FacetPipeline

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
        let model = try weights.map { try BiSeNetParser(weightsAt: try ModelWeights.resolve($0, kind: .bisenet)).model }
            ?? SyntheticBenchmarkWeights.bisenet()
        try options.emit(options.benchmark.run(model, weights: weights ?? "synthetic"))
    }
}
