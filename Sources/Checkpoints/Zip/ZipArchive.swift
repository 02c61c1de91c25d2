import Foundation
import TensorCore

/// A read-only view of a zip archive's stored (uncompressed) entries, enough for PyTorch's checkpoint format.
///
/// Reads the end-of-central-directory record (and its zip64 form, which PyTorch writes for large files), then
/// the central directory. Every offset and size is checked against the file before use, so a corrupt or hostile
/// directory yields an error, not an out-of-bounds read. Compressed or encrypted entries are refused by `data`.
struct ZipArchive {
    let source: String
    private let file: Data
    /// Entry names in central-directory order.
    private(set) var names: [String] = []
    private var entries: [String: ZipEntry] = [:]

    static let localHeaderSignature: UInt32 = 0x0403_4B50
    private static let centralHeaderSignature: UInt32 = 0x0201_4B50
    private static let endSignature: UInt32 = 0x0605_4B50
    private static let zip64EndSignature: UInt32 = 0x0606_4B50
    private static let zip64LocatorSignature: UInt32 = 0x0706_4B50

    init(_ file: Data, source: String) throws {
        self.file = file
        self.source = source
        let (count, directoryOffset, directorySize) = try findCentralDirectory()
        var cursor = directoryOffset
        let directoryEnd = directoryOffset + directorySize
        for _ in 0..<count {
            guard cursor + 46 <= directoryEnd, try u32(cursor) == Self.centralHeaderSignature else {
                throw bad("central directory entry \(names.count) is malformed")
            }
            let flags = try u16(cursor + 8), method = try u16(cursor + 10)
            var compressed = Int(try u32(cursor + 20)), size = Int(try u32(cursor + 24))
            let nameLength = Int(try u16(cursor + 28)), extraLength = Int(try u16(cursor + 30))
            let commentLength = Int(try u16(cursor + 32))
            var localOffset = Int(try u32(cursor + 42))
            let nameStart = cursor + 46, extraStart = nameStart + nameLength
            let next = extraStart + extraLength + commentLength
            guard next <= directoryEnd else { throw bad("central directory entry \(names.count) runs past the directory") }
            guard let name = String(data: try slice(nameStart, nameLength), encoding: .utf8) else {
                throw bad("entry name is not UTF-8")
            }
            guard flags & 1 == 0 else { throw FacetError(.unsupported, "\(source): zip entry '\(name)' is encrypted") }
            // zip64: each 32-bit field saturated at 0xFFFFFFFF is in the 0x0001 extra field, in this order.
            if compressed == 0xFFFF_FFFF || size == 0xFFFF_FFFF || localOffset == 0xFFFF_FFFF {
                var fields = try zip64Fields(extraStart, extraLength, name: name)
                func take() throws -> Int {
                    guard !fields.isEmpty else { throw bad("entry '\(name)' lacks its zip64 sizes") }
                    return fields.removeFirst()
                }
                if size == 0xFFFF_FFFF { size = try take() }
                if compressed == 0xFFFF_FFFF { compressed = try take() }
                if localOffset == 0xFFFF_FFFF { localOffset = try take() }
            }
            guard entries[name] == nil else { throw bad("duplicate entry '\(name)'") }
            entries[name] = ZipEntry(name: name, method: method, compressedSize: compressed, size: size,
                                     localHeaderOffset: localOffset)
            names.append(name)
            cursor = next
        }
    }

    subscript(name: String) -> ZipEntry? { entries[name] }

    /// The bytes of a stored entry (a slice of the archive, no copy).
    func data(_ entry: ZipEntry) throws -> Data {
        guard entry.method == 0 else {
            throw FacetError(.unsupported, "\(source): zip entry '\(entry.name)' is compressed (method \(entry.method)); "
                + "PyTorch writes entries stored, so re-save the checkpoint with torch.save")
        }
        guard entry.compressedSize == entry.size else { throw bad("stored entry '\(entry.name)' has two different sizes") }
        let h = entry.localHeaderOffset
        guard h <= file.count - 30, try u32(h) == Self.localHeaderSignature else {
            throw bad("entry '\(entry.name)' has no local header at offset \(h)")
        }
        let start = h + 30 + Int(try u16(h + 26)) + Int(try u16(h + 28))
        guard start <= file.count, entry.size <= file.count - start else {
            throw bad("entry '\(entry.name)' (\(entry.size) bytes at offset \(start)) runs past the end of the file")
        }
        return try slice(start, entry.size)
    }

    // MARK: - Directory records

    /// (entry count, directory offset, directory size), from the end record or its zip64 form.
    private func findCentralDirectory() throws -> (Int, Int, Int) {
        // The end record is 22 bytes plus a comment of at most 65535 bytes; search backwards for its signature.
        guard file.count >= 22 else { throw bad("file is too short to be a zip archive") }
        var end = file.count - 22
        let lowest = max(0, file.count - 22 - 65535)
        while try u32(end) != Self.endSignature || Int(try u16(end + 20)) != file.count - end - 22 {
            guard end > lowest else { throw bad("no zip end-of-central-directory record") }
            end -= 1
        }
        var count = Int(try u16(end + 10)), size = Int(try u32(end + 12)), offset = Int(try u32(end + 16))
        if count == 0xFFFF || size == 0xFFFF_FFFF || offset == 0xFFFF_FFFF {
            guard end >= 20, try u32(end - 20) == Self.zip64LocatorSignature else { throw bad("zip64 locator missing") }
            let record = try u64(end - 12)
            guard record <= file.count - 56, try u32(record) == Self.zip64EndSignature else {
                throw bad("zip64 end record missing")
            }
            count = try u64(record + 32)
            size = try u64(record + 40)
            offset = try u64(record + 48)
        }
        guard offset <= file.count, size <= file.count - offset else {
            throw bad("central directory (\(size) bytes at offset \(offset)) runs past the end of the file")
        }
        guard count <= size / 46 else { throw bad("central directory claims \(count) entries in \(size) bytes") }
        return (count, offset, size)
    }

    private func zip64Fields(_ start: Int, _ length: Int, name: String) throws -> [Int] {
        var cursor = start
        while cursor + 4 <= start + length {
            let id = try u16(cursor), fieldLength = Int(try u16(cursor + 2))
            guard cursor + 4 + fieldLength <= start + length else { break }
            if id == 1 {
                return try (0..<fieldLength / 8).map { try u64(cursor + 4 + 8 * $0) }
            }
            cursor += 4 + fieldLength
        }
        throw bad("entry '\(name)' lacks its zip64 extra field")
    }

    // MARK: - Bounds-checked little-endian reads (offsets from the start of the archive)

    private func bad(_ what: String) -> FacetError { FacetError(.badData, "\(source): bad zip archive: \(what)") }

    private func slice(_ offset: Int, _ count: Int) throws -> Data {
        guard offset >= 0, count >= 0, offset <= file.count, count <= file.count - offset else {
            throw bad("read of \(count) bytes at offset \(offset) is outside the \(file.count)-byte file")
        }
        return file[file.startIndex + offset..<file.startIndex + offset + count]
    }

    private func unsigned(_ offset: Int, _ width: Int) throws -> UInt64 {
        try slice(offset, width).reversed().reduce(0) { $0 << 8 | UInt64($1) }
    }

    private func u16(_ offset: Int) throws -> UInt16 { UInt16(try unsigned(offset, 2)) }
    private func u32(_ offset: Int) throws -> UInt32 { UInt32(try unsigned(offset, 4)) }

    /// A zip64 field, refused if it does not fit in an Int (no file is that large).
    private func u64(_ offset: Int) throws -> Int {
        let v = try unsigned(offset, 8)
        guard v <= UInt64(Int.max) else { throw bad("64-bit size or offset \(v) is impossible") }
        return Int(v)
    }
}
