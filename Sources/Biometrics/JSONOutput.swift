import Foundation

/// Deterministic JSON for reports: sorted keys, pretty-printed, NaN and infinities as strings.
public enum JSONOutput {
    /// JSON has no non-finite numbers; these strings stand for them, as Python's `float()` spells them.
    private static let infinity = "inf"
    private static let negativeInfinity = "-inf"
    private static let nan = "nan"

    public static func encode<T: Encodable>(_ value: T) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: infinity, negativeInfinity: negativeInfinity, nan: nan)
        var data = try encoder.encode(value)
        data.append(0x0A)
        return data
    }

    /// Reads what `encode` wrote, the non-finite strings back to numbers.
    public static func decode<T: Decodable>(_ type: T.Type, from data: Data) throws -> T {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(
            positiveInfinity: infinity, negativeInfinity: negativeInfinity, nan: nan)
        return try decoder.decode(type, from: data)
    }
}
