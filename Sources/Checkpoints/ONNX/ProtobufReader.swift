import Foundation
import TensorCore

/// A minimal protocol-buffers wire-format decoder over one message's bytes (protobuf "Encoding" spec): a message is
/// a sequence of fields, each a varint key = field number << 3 | wire type, then the payload:
/// 0 varint, 1 fixed 64-bit, 2 length-delimited (strings, bytes, sub-messages, packed repeated scalars),
/// 5 fixed 32-bit. Groups (3/4) are deprecated and rejected, as are wire types 6/7.
///
/// Every read is bounds-checked against the enclosing message's end, lengths are checked before any slice is taken,
/// and sub-messages nest at most `maxDepth` deep, so hostile input fails with a `FacetError` naming the file.
struct ProtobufReader {
    enum WireType: UInt64 {
        case varint = 0, fixed64 = 1, lengthDelimited = 2, fixed32 = 5
    }

    static let maxDepth = 32

    let data: Data
    let source: String
    let depth: Int
    private(set) var offset: Int
    let end: Int

    /// A reader for a whole file.
    init(data: Data, source: String) {
        self.data = data
        self.source = source
        self.depth = 0
        self.offset = data.startIndex
        self.end = data.endIndex
    }

    private init(parent: ProtobufReader, range: Range<Int>) {
        data = parent.data
        source = parent.source
        depth = parent.depth + 1
        offset = range.lowerBound
        end = range.upperBound
    }

    var isAtEnd: Bool { offset >= end }

    func error(_ problem: String) -> FacetError {
        FacetError(.badData, "\(source): malformed ONNX protobuf: \(problem) at byte \(offset - data.startIndex)")
    }

    /// The next field's number and wire type, or nil at the end of the message.
    mutating func nextField() throws -> (number: Int, wireType: WireType)? {
        guard !isAtEnd else { return nil }
        let key = try varint()
        let number = key >> 3
        guard number >= 1, number <= 0x1FFF_FFFF else { throw error("invalid field number \(number)") }
        guard let wireType = WireType(rawValue: key & 7) else {
            throw error("unsupported wire type \(key & 7) for field \(number)")
        }
        return (Int(number), wireType)
    }

    mutating func varint() throws -> UInt64 {
        var result: UInt64 = 0
        for shift in stride(from: UInt64(0), to: 70, by: 7) {
            guard offset < end else { throw error("truncated varint") }
            let byte = data[offset]
            offset += 1
            if shift == 63 && byte > 1 { throw error("varint overflows 64 bits") }
            result |= UInt64(byte & 0x7f) << shift
            if byte & 0x80 == 0 { return result }
        }
        throw error("varint longer than 10 bytes")
    }

    mutating func fixed32() throws -> UInt32 {
        let range = try take(4)
        return data.withUnsafeBytes { UInt32(littleEndian: $0.loadUnaligned(fromByteOffset: range.lowerBound - data.startIndex, as: UInt32.self)) }
    }

    mutating func fixed64() throws -> UInt64 {
        let range = try take(8)
        return data.withUnsafeBytes { UInt64(littleEndian: $0.loadUnaligned(fromByteOffset: range.lowerBound - data.startIndex, as: UInt64.self)) }
    }

    /// The byte range of a length-delimited payload, consumed.
    mutating func lengthDelimited() throws -> Range<Int> {
        let length = try varint()
        guard length <= UInt64(end - offset) else {
            throw error("length \(length) runs past the end of its message (\(end - offset) bytes left)")
        }
        return try take(Int(length))
    }

    mutating func string() throws -> String {
        let range = try lengthDelimited()
        guard let text = String(data: data[range], encoding: .utf8) else { throw error("string is not UTF-8") }
        return text
    }

    /// A reader for the sub-message in the next length-delimited payload.
    mutating func message() throws -> ProtobufReader {
        let range = try lengthDelimited()
        guard depth < Self.maxDepth else { throw error("messages nested deeper than \(Self.maxDepth)") }
        return ProtobufReader(parent: self, range: range)
    }

    /// Skips a field's payload.
    mutating func skip(_ wireType: WireType) throws {
        switch wireType {
        case .varint: _ = try varint()
        case .fixed64: _ = try take(8)
        case .lengthDelimited: _ = try lengthDelimited()
        case .fixed32: _ = try take(4)
        }
    }

    /// Reads a repeated varint field in either encoding: one value (wire type 0) or a packed run (wire type 2).
    mutating func repeatedVarints(_ wireType: WireType, into values: inout [UInt64]) throws {
        switch wireType {
        case .varint:
            values.append(try varint())
        case .lengthDelimited:
            var packed = try message()
            while !packed.isAtEnd { values.append(try packed.varint()) }
        default:
            throw error("wire type \(wireType.rawValue) for a repeated integer field")
        }
    }

    private mutating func take(_ count: Int) throws -> Range<Int> {
        guard count <= end - offset else { throw error("truncated field (needs \(count) bytes, \(end - offset) left)") }
        defer { offset += count }
        return offset..<(offset + count)
    }
}
