/// The only Python globals the restricted unpickler will look up: what `torch.save(model.state_dict())` emits
/// (checked by disassembling files from torch 2.x and the legacy format with `pickletools`). Anything else,
/// e.g. `os.system` or `builtins.eval`, is refused when the GLOBAL opcode names it, before it could be called.
enum PickleGlobal: Equatable {
    case orderedDict
    case rebuildTensorV2
    case rebuildTensor
    case rebuildParameter
    case rebuildParameterWithState
    case storageType(TorchDType)

    init?(module: String, name: String) {
        switch (module, name) {
        case ("collections", "OrderedDict"): self = .orderedDict
        case ("torch._utils", "_rebuild_tensor_v2"): self = .rebuildTensorV2
        case ("torch._utils", "_rebuild_tensor"): self = .rebuildTensor
        case ("torch._utils", "_rebuild_parameter"): self = .rebuildParameter
        case ("torch._utils", "_rebuild_parameter_with_state"): self = .rebuildParameterWithState
        case ("torch", _):
            guard let dtype = TorchDType(storageClass: name) else { return nil }
            self = .storageType(dtype)
        default: return nil
        }
    }

    var qualifiedName: String {
        switch self {
        case .orderedDict: "collections.OrderedDict"
        case .rebuildTensorV2: "torch._utils._rebuild_tensor_v2"
        case .rebuildTensor: "torch._utils._rebuild_tensor"
        case .rebuildParameter: "torch._utils._rebuild_parameter"
        case .rebuildParameterWithState: "torch._utils._rebuild_parameter_with_state"
        case .storageType(let t): "torch.\(t.storageClass)"
        }
    }
}
