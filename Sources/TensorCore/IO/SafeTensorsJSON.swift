/// A JSON value as the safetensors header parser sees it. Objects keep their keys in file order (the header's
/// order is the file's tensor order), and numbers keep their text so integers are checked exactly.
indirect enum SafeTensorsJSON: Sendable {
    case object([(key: String, value: SafeTensorsJSON)])
    case array([SafeTensorsJSON])
    case string(String)
    case number(String)
    case bool(Bool)
    case null

    /// A short name for error messages ("a string", "an array"...).
    var kindName: String {
        switch self {
        case .object: "an object"
        case .array: "an array"
        case .string: "a string"
        case .number: "a number"
        case .bool: "a boolean"
        case .null: "null"
        }
    }

    /// The value as a non-negative integer that fits in `Int`, or nil (fractions, exponents, signs are refused,
    /// as the reference implementation's `usize` fields refuse them).
    var nonNegativeInt: Int? {
        guard case .number(let text) = self, !text.isEmpty, text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        return Int(text)
    }
}
