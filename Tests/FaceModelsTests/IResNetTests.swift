import Checkpoints
import TensorCore
import Testing
import TestSupport

@testable import FaceModels

/// IResNet with synthetic weights against PyTorch (`Tools/make_model_fixtures.py`, `Tools/model_reference.py`):
/// arcface_torch r50 and r100, and r100 in the MXNet family (eps 2e-5, fixed `features` gamma, in-graph input scale).
@Suite struct IResNetTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let manifest: String
        let family: IResNetFamily
        let metadata: [String: String]
        let fixture: String
        let blocks: [Int]
        var testDescription: String { "\(fixture) \(metadata.sorted { $0.key < $1.key })" }
    }

    static let cases = [
        Case(
            manifest: "iresnet_r50", family: .arcfaceTorch, metadata: ["family": "arcface-torch"], fixture: "r50",
            blocks: [3, 4, 14, 3]),
        // As the ONNX importer labels an arcface_torch export.
        Case(
            manifest: "iresnet_r100", family: .arcfaceTorch,
            metadata: ["family": "onnx-r100", "bn_eps": "1e-05", "input_mean": "127.5", "input_scale": "0.00784313725490196"],
            fixture: "r100", blocks: [3, 13, 30, 3]),
        // As the MXNet importer labels model-r100-ii; eps 2e-5 comes from the family.
        Case(
            manifest: "iresnet_r100", family: .mxnet, metadata: ["family": "mxnet-r100"], fixture: "mxnet_r100",
            blocks: [3, 13, 30, 3]),
    ]

    @Test(arguments: cases)
    func matchesPyTorch(_ c: Case) throws {
        let store = try SyntheticCheckpoint.store(c.manifest, metadata: c.metadata)
        let model = try IResNet(weights: IResNetImport(stateDict: store))
        #expect(model.blocksPerStage == c.blocks)
        #expect(model.family == c.family)
        let embeddings = model(Self.input(model.inputNormalization), workspace: InferenceWorkspace(threads: 1))
        let reference = try NPY.read(path: Fixtures.path("iresnet_\(c.fixture)_embeddings.npy")).floats()
        Self.expectClose(embeddings, reference)
    }

    /// An ONNX export with the post-conv BNs folded into conv biases (metadata `bn_folded`) gives the same output.
    @Test func acceptsConvBiasesWithBatchNormFoldedAway() throws {
        let original = try SyntheticCheckpoint.store("iresnet_r50")
        var folded = WeightStore(source: "r50-folded.synthetic")
        folded.metadata["bn_folded"] = "true"
        var dropped: Set<String> = []
        for name in original.names where name.hasSuffix(".weight") && original[name]!.shape.count == 4 {
            let conv = String(name.dropLast(".weight".count))
            let bn = Self.batchNormAfter(conv: conv)
            guard let gamma = original["\(bn).weight"] else { continue }
            let parameters = BatchNormParameters(
                gamma: gamma.values, beta: original["\(bn).bias"]!.values,
                mean: original["\(bn).running_mean"]!.values, variance: original["\(bn).running_var"]!.values,
                epsilon: 1e-5)
            let (weight, bias) = parameters.fold(convWeight: original[name]!.values, convBias: nil)
            try folded.insert(name, StoredTensor(shape: original[name]!.shape, values: weight))
            try folded.insert("\(conv).bias", StoredTensor(shape: [bias.count], values: bias))
            for leaf in ["weight", "bias", "running_mean", "running_var"] { dropped.insert("\(bn).\(leaf)") }
            dropped.insert(name)
        }
        for name in original.names where !dropped.contains(name) {
            // ONNX exports keep PReLU slopes as [C, 1, 1].
            let t = original[name]!
            let shape = name.hasSuffix("prelu.weight") ? t.shape + [1, 1] : t.shape
            try folded.insert(name, StoredTensor(shape: shape, values: t.values))
        }
        let model = try IResNet(weights: IResNetImport(stateDict: folded))
        let embeddings = model(Self.input(.arcfaceTorch), workspace: InferenceWorkspace(threads: 1))
        Self.expectClose(embeddings, try NPY.read(path: Fixtures.path("iresnet_r50_embeddings.npy")).floats())
    }

    /// The BN that directly follows a conv in arcface_torch naming.
    static func batchNormAfter(conv: String) -> String {
        if conv == "conv1" { return "bn1" }
        if conv.hasSuffix("downsample.0") { return String(conv.dropLast()) + "1" }
        if conv.hasSuffix(".conv1") { return String(conv.dropLast("conv1".count)) + "bn2" }
        return String(conv.dropLast("conv2".count)) + "bn3"
    }

    /// The fixture batch: 2 RGB images of 112×112 from NamedRandom, normalized.
    static func input(_ normalization: IResNetInputNormalization) -> Tensor {
        let size = IResNetFamily.inputSize, perImage = size * size * 3
        let pixels = SyntheticCheckpoint.pixels("iresnet.input", count: 2 * perImage)
        let x = Tensor(zeros: Shape(2, 3, size, size))
        for n in 0..<2 { normalization.writeInput(rgb: Array(pixels[n * perImage..<(n + 1) * perImage]), into: x, item: n) }
        return x
    }

    static func expectClose(_ embeddings: Tensor, _ reference: [Float]) {
        #expect(embeddings.shape == Shape(2, 512))
        let scale = reference.map(abs).max()!
        let maxError = zip(embeddings.scalars, reference).map { abs($0 - $1) }.max()!
        #expect(maxError <= Tolerance.iresnetRelativeToMax * scale, "max abs error \(maxError), scale \(scale)")
        for row in 0..<2 {
            let a = embeddings.scalars[row * 512..<(row + 1) * 512], b = reference[row * 512..<(row + 1) * 512]
            let dot = zip(a, b).reduce(0.0) { $0 + Double($1.0) * Double($1.1) }
            let norms = (a.reduce(0.0) { $0 + Double($1 * $1) } * b.reduce(0.0) { $0 + Double($1 * $1) }).squareRoot()
            #expect(dot / norms >= Tolerance.iresnetCosine, "row \(row) cosine \(dot / norms)")
        }
    }

    @Test func inputNormalizationPerFamily() throws {
        #expect(IResNetFamily.arcfaceTorch.inputNormalization.normalize(0) == -1)
        #expect(IResNetFamily.arcfaceTorch.inputNormalization.normalize(255) == 1)
        #expect(IResNetFamily.mxnet.inputNormalization.normalize(0) == -0.99609375)  // −127.5/128
        #expect(IResNetFamily.mxnet.inputNormalization.normalize(255) == 0.99609375)
        let recorded = try Self.recorded(["input_mean": "127.5", "input_scale": "0.0078125"]).inputNormalization
        #expect(recorded == .affine(mean: 127.5, scale: 0.0078125))
        // Nothing recorded but where it was computed: the family's own.
        #expect(try Self.recorded(["input_normalization": "in-graph"]).inputNormalization == .arcfaceTorch)
    }

    /// The facts a store with `metadata` (and no tensors) states.
    static func recorded(_ metadata: [String: String]) throws -> IResNetImport {
        var store = WeightStore(source: "recorded.safetensors")
        store.metadata = metadata
        return try IResNetImport(stateDict: store)
    }

    @Test func rejectsStoresThatAreNotIResNets() throws {
        var store = WeightStore(source: "bisenet.pth")
        try store.insert("cp.resnet.conv1.weight", StoredTensor(shape: [1], values: [0]))
        #expect(throws: FacetError.self) { _ = try IResNet(weights: IResNetImport(stateDict: store)) }
        store.metadata["family"] = "caffe"
        #expect(throws: FacetError.self) { _ = try IResNetImport(stateDict: store) }
        #expect(try Self.recorded([:]).family == .arcfaceTorch)
    }
}
