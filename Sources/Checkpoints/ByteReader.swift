import Foundation
import TensorCore

/// A bounds-checked little-endian cursor over a whole file. Every read that would run past the end throws a
/// `FacetError` naming the file, what was being read and the byte offset, so a truncated or hostile file can never
/// make us read out of bounds or allocate more than the file holds.
struct ByteReader {
    let data: Data
    let source: String
    private(set) var offset = 0

    init(data: Data, source: String) {
        self.data = data
        self.source = source
    }

    var remaining: Int { data.count - offset }

    func error(_ problem: String) -> FacetError {
        FacetError(.badData, "\(source): \(problem) at byte \(offset)")
    }

    /// The byte range of the next `count` bytes, consumed.
    mutating func take(_ count: Int, _ what: @autoclosure () -> String) throws -> Range<Int> {
        guard count >= 0, count <= remaining else {
            throw error("truncated \(what()) (needs \(count) bytes, \(remaining) left)")
        }
        let start = data.startIndex + offset
        offset += count
        return start..<(start + count)
    }

    mutating func uint32(_ what: @autoclosure () -> String) throws -> UInt32 {
        let range = try take(4, what())
        return data.withUnsafeBytes { UInt32(littleEndian: $0.loadUnaligned(fromByteOffset: range.lowerBound - data.startIndex, as: UInt32.self)) }
    }

    mutating func int32(_ what: @autoclosure () -> String) throws -> Int32 {
        Int32(bitPattern: try uint32(what()))
    }

    mutating func uint64(_ what: @autoclosure () -> String) throws -> UInt64 {
        let range = try take(8, what())
        return data.withUnsafeBytes { UInt64(littleEndian: $0.loadUnaligned(fromByteOffset: range.lowerBound - data.startIndex, as: UInt64.self)) }
    }

    mutating func int64(_ what: @autoclosure () -> String) throws -> Int64 {
        Int64(bitPattern: try uint64(what()))
    }
}
