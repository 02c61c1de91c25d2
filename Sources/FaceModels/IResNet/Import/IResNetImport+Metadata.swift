import Checkpoints
import TensorCore

/// The import facts as string metadata, as `facet convert` records them in a safetensors `__metadata__`, and back.
/// The keys and spellings are the ones the MXNet and ONNX imports have always written:
///
/// - both: `format` (the source format), `architecture` = `iresnet`, `family` = `mxnet-r<depth>` or
///   `onnx-r<depth>`, `blocks` = blocks per stage, e.g. `3,13,30,3`, `bn_eps`, `input_normalization`,
///   `input_mean` and `input_scale` (y = (x − mean)·scale on RGB 0…255)
/// - MXNet: `bn_eps` = `2e-5`, `features_gamma` = `fixed-1`, `input_normalization` = `(x-127.5)*0.0078125`,
///   `dropped` = the original names left out, comma-separated (only when some were)
/// - ONNX: `bn_folded` = `true`/`false`; `bn_eps` = every epsilon, comma-separated; `input_normalization` =
///   `in-graph` (with the graph's constants when they could be read) or `(x-127.5)/127.5`; `input_name`,
///   `input_shape`, `output_name`, `producer`, `opset`
extension IResNetImport {
    /// The facts as metadata. A state dict's facts came from its own metadata, which is returned as it is.
    public var metadata: [String: String] {
        var metadata = ["architecture": "iresnet", "blocks": blocksPerStage.map(String.init).joined(separator: ",")]
        switch source {
        case .stateDict:
            return weights.metadata
        case .mxnet(let dropped):
            metadata["format"] = CheckpointFormat.mxnetParams.rawValue
            metadata["family"] = "mxnet-r\(depth)"
            metadata["bn_eps"] = "2e-5"
            metadata["input_normalization"] = "(x-127.5)*0.0078125"
            metadata["input_mean"] = "127.5"
            metadata["input_scale"] = "0.0078125"
            if featuresGammaFixed { metadata["features_gamma"] = "fixed-1" }
            if !dropped.isEmpty { metadata["dropped"] = dropped.joined(separator: ",") }
        case .onnx(let graph):
            metadata["format"] = CheckpointFormat.onnx.rawValue
            metadata["family"] = "onnx-r\(depth)"
            metadata["bn_folded"] = bnFolded ? "true" : "false"
            metadata["bn_eps"] = Self.list(graph.batchNormEpsilons)
            if inputNormalizationInGraph {
                metadata["input_normalization"] = "in-graph"
                if let mean = graph.inGraphMean, let scale = graph.inGraphScale {
                    metadata["input_mean"] = Self.list(mean)
                    metadata["input_scale"] = Self.list(scale)
                }
            } else {
                // insightface's normalization for graphs without their own, with the scale written in Float64.
                metadata["input_normalization"] = "(x-127.5)/127.5"
                metadata["input_mean"] = "127.5"
                metadata["input_scale"] = "\(1 / 127.5)"
            }
            metadata["input_name"] = graph.inputName
            metadata["input_shape"] = graph.inputShape
            metadata["output_name"] = graph.outputName
            metadata["producer"] = graph.producer
            metadata["opset"] = String(graph.opset)
        }
        return metadata
    }

    /// A store already under arcface_torch names, with the facts read from its metadata as `metadata` writes them.
    /// A `.pth` has none: an arcface_torch model. A value that does not parse (e.g. per-channel means, or several
    /// epsilons) leaves the family's own. The blocks are counted from the keys, not read.
    public init(stateDict store: WeightStore) throws {
        let recorded = store.metadata
        let family = try Self.family(named: recorded["family"], in: store.source)
        var normalization = family.inputNormalization
        if let mean = recorded["input_mean"].flatMap(Float.init), let scale = recorded["input_scale"].flatMap(Float.init) {
            normalization = .affine(mean: mean, scale: scale)
        }
        self.init(
            weights: store, family: family, blocksPerStage: Self.blocksPerStage(store.names),
            batchNormEpsilon: recorded["bn_eps"].flatMap(Double.init) ?? family.batchNormEpsilon,
            inputNormalization: normalization,
            inputNormalizationInGraph: recorded["input_normalization"] == "in-graph" || family.normalizesInputInGraph,
            bnFolded: recorded["bn_folded"] == "true", featuresGammaFixed: family.featuresGammaFixed, source: .stateDict)
    }

    /// The family a recorded `family` names: `mxnet-r<depth>` (the MXNet import) is `mxnet`; none, `arcface-torch`
    /// or `onnx-r<depth>` (the ONNX import) is `arcfaceTorch`.
    private static func family(named name: String?, in source: String) throws -> IResNetFamily {
        guard let name, name != IResNetFamily.arcfaceTorch.rawValue, !name.hasPrefix("onnx-") else { return .arcfaceTorch }
        guard name.hasPrefix("mxnet-") || name == IResNetFamily.mxnet.rawValue else {
            throw FacetError(.unsupported, "\(source): unknown IResNet family '\(name)' in weight metadata")
        }
        return .mxnet
    }

    /// Values as the importers write them: each float's shortest form, comma-separated.
    private static func list(_ values: [Float]) -> String { values.map { "\($0)" }.joined(separator: ",") }
}
