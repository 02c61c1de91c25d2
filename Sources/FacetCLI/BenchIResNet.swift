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
    @Option(help: "An IResNet checkpoint: arcface_torch .pth/safetensors, MXNet .params or ONNX.")
    var weights: String?
    @OptionGroup var options: ModelBenchOptions

    func validate() throws {
        guard IResNet.Architecture(rawValue: arch) != nil else { throw ValidationError("unknown --arch '\(arch)'") }
    }

    func run() throws {
        let model: IResNet
        if let weights {
            model = try IResNet(weights: try ModelWeights.load(weights, kind: .iresnet, reading: WeightFile.iresnet).weights)
        } else {
            let blocks = IResNet.Architecture(rawValue: arch)!.blocksPerStage
            model = try IResNet(
                loading: WeightScope(generating: ModelBenchmark.syntheticValues), blocksPerStage: blocks,
                family: .arcfaceTorch)
        }
        let size = IResNetFamily.inputSize
        let x = Tensor(zeros: Shape(options.batch, 3, size, size))
        let pixels = (0..<size * size * 3).map { UInt8(truncatingIfNeeded: ($0 &* 31) >> 3) }
        for n in 0..<options.batch { model.writeInput(rgb: pixels, into: x, item: n) }

        let depth = IResNet.Architecture.allCases.first { $0.blocksPerStage == model.blocksPerStage }
        let name = "iresnet-" + (depth?.rawValue ?? model.blocksPerStage.map(String.init).joined(separator: ","))
        let bench = options.benchmark(model: name, weights: weights)
        let report = bench.run { workspace, items in
            let perImage = 3 * size * size
            let part = Tensor(
                shape: Shape(items.count, 3, size, size), storage: x.storage, offset: items.lowerBound * perImage)
            _ = model.embed(part, workspace: workspace)
        }
        try ModelBenchmark.emit(report, json: options.json)
    }
}
