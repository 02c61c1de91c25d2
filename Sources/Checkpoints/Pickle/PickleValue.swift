import Foundation

/// A value on the restricted unpickler's stack: the few Python types a PyTorch state_dict pickle builds, plus
/// the torch objects it rebuilds. Lists and dicts are reference types because pickles mutate them after
/// memoizing them (EMPTY_DICT, BINPUT, MARK ... SETITEMS). Not `indirect`, so scalars are not boxed.
enum PickleValue {
    case none
    case bool(Bool)
    case int(Int)
    /// An integer wider than 64 bits (LONG1), as little-endian two's-complement bytes; only compared, never used.
    case bigInt([UInt8])
    case float(Double)
    case string(String)
    case bytes(Data)
    /// Nesting depth is recorded when a container is made so it never has to be recomputed (see `maxDepth`).
    case tuple([PickleValue], depth: Int)
    case list(PickleList)
    case dict(PickleDict)
    case global(PickleGlobal)
    case storage(TorchStorageRef)
    case tensor(TorchTensorRef)

    /// How many containers deep this value is (0 for scalars).
    var depth: Int {
        switch self {
        case .tuple(_, let d): d
        case .list(let l): l.depth
        case .dict(let d): d.depth
        default: 0
        }
    }

    /// A short name for error messages.
    var typeName: String {
        switch self {
        case .none: "None"
        case .bool: "bool"
        case .int, .bigInt: "int"
        case .float: "float"
        case .string: "str"
        case .bytes: "bytes"
        case .tuple: "tuple"
        case .list: "list"
        case .dict: "dict"
        case .global(let g): "global \(g.qualifiedName)"
        case .storage: "storage"
        case .tensor: "tensor"
        }
    }

    /// Called when this value is stored inside a container: from then on a list or dict is frozen, so its depth,
    /// already counted in its parent, cannot grow behind the parent's back.
    func freeze() {
        switch self {
        case .list(let l): l.isFrozen = true
        case .dict(let d): d.isFrozen = true
        default: break
        }
    }
}
