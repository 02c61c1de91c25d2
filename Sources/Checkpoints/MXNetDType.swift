/// MXNet's (mshadow's) element type flags as stored in `.params` files.
enum MXNetDType: Int32, CustomStringConvertible {
    case float32 = 0, float64 = 1, float16 = 2, uint8 = 3, int32 = 4, int8 = 5, int64 = 6, bool = 7
    case int16 = 8, uint16 = 9, uint32 = 10, uint64 = 11, bfloat16 = 12

    /// How to decode the values as weights; nil for integer types, which no weight tensor uses.
    /// bfloat16 is left out: its flag value (12) could not be checked against a file written by MXNet.
    var floatFormat: FloatDecoding.Format? {
        switch self {
        case .float32: .float32
        case .float64: .float64
        case .float16: .float16
        default: nil
        }
    }

    var description: String {
        switch self {
        case .float32: "float32"
        case .float64: "float64"
        case .float16: "float16"
        case .uint8: "uint8"
        case .int32: "int32"
        case .int8: "int8"
        case .int64: "int64"
        case .bool: "bool"
        case .int16: "int16"
        case .uint16: "uint16"
        case .uint32: "uint32"
        case .uint64: "uint64"
        case .bfloat16: "bfloat16"
        }
    }
}
