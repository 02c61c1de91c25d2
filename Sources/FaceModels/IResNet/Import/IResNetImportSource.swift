/// Where an `IResNetImport`'s facts came from.
public enum IResNetImportSource: Sendable, Equatable {
    /// A store already under arcface_torch names: a `.pth` state_dict, or a safetensors file whose metadata
    /// (written by `facet convert`, or none) gave the facts.
    case stateDict
    /// An insightface MXNet `.params` file, with the original names of the tensors left out (the classifier).
    case mxnet(dropped: [String])
    /// An ONNX export, with what its graph declares.
    case onnx(ONNXIResNetProvenance)
}
