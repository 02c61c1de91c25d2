/// A JSON value as the safetensors header parser sees it. Objects keep their keys in file order (the header's
/// order is the file's tensor order). Numbers are either exact non-negative integers, the only kind a header
/// uses, or anything else, whose value is never needed. Not `indirect`: the array payloads already live on the
/// heap, and boxing every number would multiply what a hostile 100 MB header costs.
enum SafeTensorsJSON: Sendable {
    case object([(key: String, value: SafeTensorsJSON)])
    case array([SafeTensorsJSON])
    case string(String)
    /// A number written as plain digits that fits in `Int`.
    case integer(Int)
    /// Any other number: signed, fractional, with an exponent, or too large.
    case otherNumber
    case bool(Bool)
    case null

    /// A short name for error messages ("a string", "an array"...).
    var kindName: String {
        switch self {
        case .object: "an object"
        case .array: "an array"
        case .string: "a string"
        case .integer, .otherNumber: "a number"
        case .bool: "a boolean"
        case .null: "null"
        }
    }

    /// The value as a non-negative integer, or nil (fractions, exponents and signs are refused, as the
    /// reference implementation's `usize` fields refuse them).
    var nonNegativeInt: Int? {
        guard case .integer(let n) = self else { return nil }
        return n
    }
}
