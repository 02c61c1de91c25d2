/// Element types of PyTorch storages, named by their legacy storage classes (`torch.FloatStorage`...), which
/// is how both checkpoint formats record a storage's type.
enum TorchDType: String, CaseIterable {
    case float32 = "FloatStorage"
    case float16 = "HalfStorage"
    case bfloat16 = "BFloat16Storage"
    case float64 = "DoubleStorage"
    case int64 = "LongStorage"
    case int32 = "IntStorage"
    case int16 = "ShortStorage"
    case int8 = "CharStorage"
    case uint8 = "ByteStorage"
    case bool = "BoolStorage"

    init?(storageClass: String) { self.init(rawValue: storageClass) }

    var storageClass: String { rawValue }

    var byteSize: Int {
        switch self {
        case .float64, .int64: 8
        case .float32, .int32: 4
        case .float16, .bfloat16, .int16: 2
        case .int8, .uint8, .bool: 1
        }
    }

    var isFloatingPoint: Bool { self == .float32 || self == .float16 || self == .bfloat16 || self == .float64 }
}
