import Checkpoints
import TensorCore

/// Reads the weight file of a network, whatever its format (recognised by content, `CheckpointFormat.detect`).
public enum WeightFile {
    /// BiSeNet weights: the file's tensors under their own names (a face-parsing.PyTorch `.pth` or a safetensors
    /// copy). An ONNX model is refused: only IResNet graphs are read.
    public static func bisenet(_ path: String) throws -> WeightStore {
        switch try CheckpointFormat.detect(path: path).load(path: path) {
        case .tensors(let store): return store
        case .onnx: throw FacetError(.unsupported, "\(path): an ONNX model; BiSeNet weights must be a PyTorch checkpoint or safetensors")
        }
    }

    /// IResNet weights from any format, under arcface_torch names with the import facts: `.pth` and safetensors
    /// as they are (facts from their metadata), MXNet `.params` renamed by `MXNetKeyMap`, ONNX by
    /// `ONNXIResNetMapping`.
    public static func iresnet(_ path: String) throws -> IResNetImport {
        let format = try CheckpointFormat.detect(path: path)
        return try iresnet(format.load(path: path), format: format)
    }

    /// The file's tensors as a store any network can read, which is what `facet convert` writes: a tensor file's
    /// own tensors and metadata; for MXNet `.params` and ONNX, which hold IResNets, the IResNet import's tensors
    /// with its facts as metadata (`IResNetImport.metadata`).
    public static func tensors(_ path: String) throws -> (format: CheckpointFormat, store: WeightStore) {
        let format = try CheckpointFormat.detect(path: path)
        let contents = try format.load(path: path)
        if case .tensors(let store) = contents, format != .mxnetParams { return (format, store) }
        let imported = try iresnet(contents, format: format)
        var store = imported.weights
        store.metadata = imported.metadata
        return (format, store)
    }

    private static func iresnet(_ contents: CheckpointContents, format: CheckpointFormat) throws -> IResNetImport {
        switch contents {
        case .onnx(let model): return try ONNXIResNetMapping.map(model)
        case .tensors(let store) where format == .mxnetParams: return try MXNetKeyMap.apply(to: store)
        case .tensors(let store): return try IResNetImport(stateDict: store)
        }
    }
}
