/// The `.npy` element types Facet reads and writes (all little-endian or byte-sized).
public enum NPYDType: String, Sendable {
    case float32 = "<f4"
    case float64 = "<f8"
    case int32 = "<i4"
    case int64 = "<i8"
    case uint8 = "|u1"

    public var byteSize: Int {
        switch self {
        case .float32, .int32: 4
        case .float64, .int64: 8
        case .uint8: 1
        }
    }

    /// Accepts NumPy's equivalent spellings (`<f4`, `f4`, `=f4` on little-endian hosts, `<u1`, `u1`, `|i1`...).
    init?(descr: String) {
        var d = descr
        if d.first == "=" || d.first == "<" || d.first == "|" { d.removeFirst() }
        switch d {
        case "f4": self = .float32
        case "f8": self = .float64
        case "i4": self = .int32
        case "i8": self = .int64
        case "u1": self = .uint8
        default: return nil
        }
    }
}
