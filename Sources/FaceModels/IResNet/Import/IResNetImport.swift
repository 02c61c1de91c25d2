import Checkpoints

/// An IResNet weight file read for the model: its tensors under arcface_torch `iresnet.py` state_dict names, and the
/// facts about the network that the file's format records or implies. `IResNet(weights:)` is built from this.
///
/// Made by `WeightFile.iresnet(_:)` from any format, or directly by `init(stateDict:)` (a store already under
/// arcface_torch names), `init(mxnet:)` (`MXNetKeyMap`) and `init(onnx:)` (`ONNXIResNetMapping`).
public struct IResNetImport: Sendable {
    /// The tensors under arcface_torch names. Its metadata is the file's own (safetensors `__metadata__`), or none.
    public var weights: WeightStore
    public var family: IResNetFamily
    /// Blocks of `layer1`, `layer2`, … as the file holds them (a full IResNet has 4 stages).
    public var blocksPerStage: [Int]
    public var batchNormEpsilon: Double
    /// How pixels become the network's input; the model applies it to raw RGB 0…255 in every case.
    public var inputNormalization: IResNetInputNormalization
    /// Whether the original network normalized its input inside its own graph (the MXNet models, in-graph ONNX
    /// exports): the importer left those nodes out, so the model must apply `inputNormalization` itself.
    public var inputNormalizationInGraph: Bool
    /// Whether an exporter folded BatchNorms into the convolutions before them (see `ONNXIResNetMapping`).
    public var bnFolded: Bool
    /// Whether the `features` BatchNorm uses γ = 1 whatever its stored weight (MXNet `fix_gamma=True`).
    public var featuresGammaFixed: Bool
    /// Where the facts came from, with what that importer recorded beyond them.
    public var source: IResNetImportSource

    public init(
        weights: WeightStore, family: IResNetFamily, blocksPerStage: [Int], batchNormEpsilon: Double,
        inputNormalization: IResNetInputNormalization, inputNormalizationInGraph: Bool, bnFolded: Bool,
        featuresGammaFixed: Bool, source: IResNetImportSource
    ) {
        self.weights = weights
        self.family = family
        self.blocksPerStage = blocksPerStage
        self.batchNormEpsilon = batchNormEpsilon
        self.inputNormalization = inputNormalization
        self.inputNormalizationInGraph = inputNormalizationInGraph
        self.bnFolded = bnFolded
        self.featuresGammaFixed = featuresGammaFixed
        self.source = source
    }

    /// Blocks per stage from `layer{i}.{b}.` keys, for stages 1 … highest seen (a stage with none counts 0).
    static func blocksPerStage(_ names: [String]) -> [Int] {
        var highest: [Int: Int] = [:]
        for name in names where name.hasPrefix("layer") {
            let fields = name.dropFirst(5).split(separator: ".", maxSplits: 2)
            guard fields.count >= 2, let stage = Int(fields[0]), let block = Int(fields[1]) else { continue }
            highest[stage] = max(highest[stage] ?? 0, block + 1)
        }
        guard let last = highest.keys.max() else { return [] }
        return (1...last).map { highest[$0] ?? 0 }
    }

    /// The depth in the published naming (r50, r100, …): two convolutions per block plus the stem and the fc.
    var depth: Int { 2 * blocksPerStage.reduce(0, +) + 2 }
}
