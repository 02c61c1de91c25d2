import Foundation

/// Reads and writes `.safetensors` files (huggingface/safetensors format), enforcing the reference
/// implementation's validation rules on read:
///
///     [u64 LE N] [N bytes UTF-8 JSON header] [data section]
///     header = {"name": {"dtype": "F32", "shape": [..], "data_offsets": [begin, end]}, ..., "__metadata__": {"k": "v"}}
///
/// Offsets are relative to the data section, `end` exclusive. Sorted by offset the tensors must tile the data
/// section exactly; each byte range must equal prod(shape) × dtype size.
public enum SafeTensors {
    /// The reference implementation's `MAX_HEADER_SIZE`.
    public static let maxHeaderSize = 100_000_000
    static let metadataKey = "__metadata__"

    /// Reads a file (memory-mapped): the tensors in header order and the string metadata.
    public static func read(path: String) throws -> (tensors: [SafeTensorsEntry], metadata: [String: String]) {
        guard FileManager.default.fileExists(atPath: path) else { throw FacetError(.missingInput, "\(path): no such file") }
        return try parse(MappedFile.read(path), name: path)
    }

    /// Parses and validates a whole file's bytes; `name` labels errors.
    public static func parse(_ file: Data, name: String) throws -> (tensors: [SafeTensorsEntry], metadata: [String: String]) {
        func bad(_ what: String) -> FacetError { FacetError(.badData, "\(name): \(what.clippedForMessage())") }
        let bytes = file.count
        guard bytes >= 8 else { throw bad("file is \(bytes) bytes, too short for the 8-byte safetensors header length") }
        let base = file.startIndex
        let headerLength = file[base..<base + 8].reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        guard headerLength <= UInt64(maxHeaderSize) else {
            throw bad("header length \(headerLength) exceeds the limit of \(maxHeaderSize) bytes")
        }
        let n = Int(headerLength)
        guard 8 + n <= bytes else { throw bad("header length \(n) runs past the end of the \(bytes)-byte file") }
        let headerBytes = [UInt8](file[base + 8..<base + 8 + n])
        guard String(validating: headerBytes, as: UTF8.self) != nil else { throw bad("header is not valid UTF-8") }
        let json: SafeTensorsJSON
        do {
            json = try SafeTensorsJSONParser.parse(headerBytes)
        } catch {
            throw bad("invalid JSON header: \(error.message)")
        }
        guard case .object(let members) = json else { throw bad("header is \(json.kindName), not a JSON object") }

        var metadata: [String: String] = [:]
        var infos: [(name: String, dtype: SafeTensorsDType, shape: [Int], begin: Int, end: Int)] = []
        for (key, value) in members {
            if key == metadataKey {
                metadata = try parseMetadata(value, file: name)
            } else {
                let info = try parseTensorInfo(key, value, file: name)
                infos.append((key, info.dtype, info.shape, info.begin, info.end))
            }
        }

        // Tiling: sorted by offsets, each tensor starts where the previous ended, from 0 to the data length.
        let dataLength = bytes - 8 - n
        var expectedBegin = 0
        for info in infos.sorted(by: { ($0.begin, $0.end) < ($1.begin, $1.end) }) {
            guard info.begin == expectedBegin else {
                throw bad(info.begin < expectedBegin
                    ? "tensor '\(info.name)' data_offsets [\(info.begin), \(info.end)] overlap the previous tensor (which ends at \(expectedBegin))"
                    : "gap in the data section before tensor '\(info.name)' (bytes \(expectedBegin)..<\(info.begin) belong to no tensor)")
            }
            guard info.end >= info.begin else { throw bad("tensor '\(info.name)' data_offsets [\(info.begin), \(info.end)] end before they begin") }
            let (elements, overflow1) = info.shape.reduce((1, false)) { acc, d in
                let (p, o) = acc.0.multipliedReportingOverflow(by: d)
                return (p, acc.1 || o)
            }
            let (byteCount, overflow2) = elements.multipliedReportingOverflow(by: info.dtype.byteSize)
            guard !overflow1, !overflow2 else { throw bad("tensor '\(info.name)' shape \(info.shape) overflows the byte count") }
            guard info.end - info.begin == byteCount else {
                throw bad("tensor '\(info.name)' has \(info.end - info.begin) bytes but \(info.dtype.rawValue) \(info.shape) needs \(byteCount)")
            }
            expectedBegin = info.end
        }
        guard expectedBegin == dataLength else {
            throw bad(expectedBegin > dataLength
                ? "tensor data needs \(expectedBegin) bytes but the data section has only \(dataLength) (truncated file?)"
                : "data section has \(dataLength) bytes but the tensors cover only \(expectedBegin)")
        }

        let dataStart = base + 8 + n
        let tensors = infos.map { info in
            SafeTensorsEntry(name: info.name, dtype: info.dtype, shape: info.shape,
                             data: file[dataStart + info.begin..<dataStart + info.end])
        }
        return (tensors, metadata)
    }

    private static func parseMetadata(_ value: SafeTensorsJSON, file: String) throws -> [String: String] {
        func bad(_ what: String) -> FacetError { FacetError(.badData, "\(file): \(what.clippedForMessage())") }
        if case .null = value { return [:] }  // the reference reads `null` as "no metadata"
        guard case .object(let pairs) = value else { throw bad("\(metadataKey) is \(value.kindName), not an object of strings") }
        var metadata: [String: String] = [:]
        for (key, v) in pairs {
            guard case .string(let s) = v else { throw bad("\(metadataKey) value for '\(key)' is \(v.kindName), not a string") }
            metadata[key] = s
        }
        return metadata
    }

    private static func parseTensorInfo(_ name: String, _ value: SafeTensorsJSON, file: String) throws
        -> (dtype: SafeTensorsDType, shape: [Int], begin: Int, end: Int)
    {
        func bad(_ what: String) -> FacetError { FacetError(.badData, "\(file): \(what.clippedForMessage())") }
        guard case .object(let fields) = value else { throw bad("tensor '\(name)' entry is \(value.kindName), not an object") }
        func field(_ key: String) throws -> SafeTensorsJSON {
            guard let v = fields.first(where: { $0.key == key })?.value else { throw bad("tensor '\(name)' has no '\(key)'") }
            return v
        }
        guard case .string(let dtypeName) = try field("dtype") else { throw bad("tensor '\(name)' dtype is not a string") }
        guard let dtype = SafeTensorsDType(rawValue: dtypeName) else {
            throw FacetError(.unsupported, "\(file): " + "tensor '\(name)' has unknown dtype '\(dtypeName)'".clippedForMessage())
        }
        guard case .array(let dims) = try field("shape") else { throw bad("tensor '\(name)' shape is not an array") }
        let shape = dims.compactMap(\.nonNegativeInt)
        guard shape.count == dims.count else { throw bad("tensor '\(name)' shape is not an array of non-negative integers") }
        guard case .array(let offsets) = try field("data_offsets"), offsets.count == 2,
              let begin = offsets[0].nonNegativeInt, let end = offsets[1].nonNegativeInt
        else { throw bad("tensor '\(name)' data_offsets is not a pair of non-negative integers") }
        return (dtype, shape, begin, end)
    }
}
