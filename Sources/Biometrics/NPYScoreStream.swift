import Foundation
import TensorCore

/// Streams the score column of a large `.npy` in chunks, so a 12 GB reference (K, 3) file is tallied in a few MB.
///
/// TensorCore's `NPY.read` loads the whole payload, which is right for features and weights but not for 5·10⁸
/// scores. This reads only the header (magic, version 1/2/3, `descr`, `fortran_order`, `shape`), checks the file
/// length against it, and then reads the scores directly: all of a 1-D array, column 2 of a C-order (K, C) array,
/// or the contiguous third column of the reference's Fortran-order (K, 3) array. A header-only reader in
/// TensorCore would replace the parsing here.
struct NPYScoreStream {
    let path: String
    let dtype: NPYDType
    let shape: [Int]
    let fortranOrder: Bool
    let dataOffset: Int

    init(path: String) throws {
        self.path = path
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw FacetError(.missingInput, "\(path): no such file or not readable")
        }
        defer { try? handle.close() }
        let prefix = [UInt8](handle.readData(ofLength: 12))
        guard prefix.count >= 10, prefix[0..<6].elementsEqual([0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59]) else {
            throw FacetError(.badData, "\(path): not a .npy file (bad magic)")
        }
        let major = prefix[6]
        let (start, length): (Int, Int)
        switch major {
        case 1: (start, length) = (10, Int(prefix[8]) | Int(prefix[9]) << 8)
        case 2, 3 where prefix.count == 12:
            (start, length) = (12, (8..<12).reduce(0) { $0 | Int(prefix[$1]) << (8 * ($1 - 8)) })
        default: throw FacetError(.unsupported, "\(path): .npy format version \(major) is not supported")
        }
        guard length <= 1 << 20 else { throw FacetError(.badData, "\(path): .npy header too long") }
        try handle.seek(toOffset: UInt64(start))
        let header = String(decoding: handle.readData(ofLength: length), as: UTF8.self)
        func field(_ pattern: String) throws -> String {
            guard let r = header.range(of: pattern, options: .regularExpression) else {
                throw FacetError(.badData, "\(path): malformed .npy header (\(header.prefix(80)))")
            }
            return String(header[r])
        }
        let descr = try field("'descr': *'[^']*'").split(separator: "'").last.map(String.init) ?? ""
        let normalized = descr.hasPrefix("=") || descr.hasPrefix("|") ? "<" + descr.dropFirst() : descr
        guard let dtype = NPYDType(rawValue: normalized.hasPrefix("<") ? normalized : "<" + normalized),
            dtype == .float32 || dtype == .float64
        else { throw FacetError(.unsupported, "\(path): score dtype '\(descr)' is not supported (use <f4 or <f8)") }
        self.dtype = dtype
        fortranOrder = try field("'fortran_order': *(True|False)").hasSuffix("True")
        let tuple = try field("'shape': *\\([^)]*\\)")
        shape = try tuple[tuple.index(after: tuple.firstIndex(of: "(")!)...].dropLast().split(separator: ",").compactMap {
            let t = $0.trimmingCharacters(in: .whitespaces)
            if t.isEmpty { return nil }
            guard let v = Int(t), v >= 0 else { throw FacetError(.badData, "\(path): bad shape \(tuple)") }
            return v
        }
        dataOffset = start + length
        let (count, overflow) = shape.reduce((1, false)) { acc, d in
            let (p, o) = acc.0.multipliedReportingOverflow(by: d)
            return (p, acc.1 || o)
        }
        let size = try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int ?? -1
        guard !overflow, size == dataOffset + count * dtype.byteSize else {
            throw FacetError(.badData, "\(path): file length does not match shape \(shape) of \(dtype.rawValue)")
        }
    }

    /// Calls `body` with each score in file order (for Fortran order: column 2 in row order).
    func forEachScore(_ body: (Double) -> Void) throws {
        let rows = shape.first ?? 0
        let columns: Int
        switch shape.count {
        case 1: columns = 1
        case 2 where shape[1] >= 3: columns = shape[1]
        default: throw FacetError(.badData, "\(path): score array shape \(shape), expected (K,) or (K, 3) [i, j, score]")
        }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw FacetError(.missingInput, "\(path): not readable")
        }
        defer { try? handle.close() }
        let size = dtype.byteSize
        // Which elements to read: a contiguous run, or every `stride`-th element of the whole payload.
        let (first, count, stride) =
            columns == 1 ? (0, rows, 1) : fortranOrder ? (2 * rows, rows, 1) : (2, rows, columns)
        try handle.seek(toOffset: UInt64(dataOffset + first * size))
        let chunkElements = 1 << 20 / stride * stride
        var remaining = count == 0 ? 0 : (count - 1) * stride + 1
        while remaining > 0 {
            let n = min(chunkElements, remaining)
            let data = handle.readData(ofLength: n * size)
            guard data.count == n * size else { throw FacetError(.io, "\(path): read failed part way") }
            data.withUnsafeBytes { raw in
                for k in Swift.stride(from: 0, to: n, by: stride) {
                    body(
                        dtype == .float32
                            ? Double(raw.loadUnaligned(fromByteOffset: k * 4, as: Float.self))
                            : raw.loadUnaligned(fromByteOffset: k * 8, as: Double.self))
                }
            }
            // Chunks hold a whole number of strides, so the next one starts at a kept element.
            remaining -= n
        }
    }
}
