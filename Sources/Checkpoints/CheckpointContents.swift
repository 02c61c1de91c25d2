/// What a weight file holds, as its format stores it: named tensors, or for ONNX the whole graph (its weights are
/// named by where the graph uses them, so only a reader that knows the network can name them).
public enum CheckpointContents: Sendable {
    /// The file's tensors under its own names (`.pth`, safetensors with its `__metadata__`, MXNet `.params` with
    /// MXNet's `arg:`/`aux:` names).
    case tensors(WeightStore)
    /// An ONNX model: graph and initializers.
    case onnx(ONNXModel)
}
