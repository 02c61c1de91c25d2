import Foundation

/// NumPy `.npy` files (format versions 1.0, 2.0 and 3.0), read and written without NumPy.
///
/// Layout: magic `\x93NUMPY`, major and minor version bytes, header length (u16 LE for 1.0, u32 LE for 2.0/3.0),
/// then a Python dict literal `{'descr': '<f4', 'fortran_order': False, 'shape': (2, 512), }` padded with spaces
/// and ending in `\n`, then the raw C-order data. Our writer pads so the data starts at a multiple of 64 bytes, as
/// NumPy does; the reader accepts any padding. Big-endian, object and Fortran-order arrays are rejected.
public enum NPY {
    static let magic: [UInt8] = [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59]  // \x93NUMPY
    /// Larger headers are not something NumPy writes for the arrays Facet handles; refuse rather than trust them.
    static let maxHeaderLength = 1 << 20

    // MARK: - Reading

    public static func read(path: String) throws -> NPYArray {
        try parse(MappedFile.read(path), name: path)
    }

    public static func parse(_ data: Data, name: String) throws -> NPYArray {
        let header = try NPYHeader(prefix: data, name: name)
        if header.fortranOrder {
            throw FacetError(.unsupported, "\(name): Fortran-order arrays are not supported; save with np.ascontiguousarray")
        }
        let byteCount = header.byteCount, dataStart = header.dataOffset
        guard data.count - dataStart >= byteCount else {
            throw FacetError(.badData, "\(name): data is shorter than shape \(header.shape) of \(header.dtype.rawValue) needs")
        }
        guard data.count - dataStart == byteCount else {
            throw FacetError(.badData, "\(name): \(data.count - dataStart - byteCount) bytes of trailing data after the array")
        }
        let payload = data.subdata(in: data.startIndex + dataStart..<data.startIndex + dataStart + byteCount)
        return NPYArray(shape: header.shape, dtype: header.dtype, data: payload, source: name)
    }

    /// Parses the header dict. NumPy writes exactly three keys; any order is accepted.
    static func parseHeader(_ text: String, name: String) throws -> (descr: String, fortran: Bool, shape: [Int]) {
        func bad(_ why: String) -> FacetError { FacetError(.badData, "\(name): malformed .npy header (\(why))") }
        func value(after key: String) throws -> Substring {
            guard let r = text.range(of: "'\(key)'") ?? text.range(of: "\"\(key)\"") else { throw bad("no '\(key)'") }
            var rest = text[r.upperBound...].drop { $0 == " " }
            guard rest.first == ":" else { throw bad("no ':' after '\(key)'") }
            rest = rest.dropFirst().drop { $0 == " " }
            return rest
        }
        let d = try value(after: "descr")
        guard let quote = d.first, quote == "'" || quote == "\"", let end = d.dropFirst().firstIndex(of: quote) else {
            throw FacetError(.unsupported, "\(name): structured or object dtype in .npy header is not supported")
        }
        let descr = String(d[d.index(after: d.startIndex)..<end])
        let f = try value(after: "fortran_order")
        let fortran: Bool
        if f.hasPrefix("True") { fortran = true } else if f.hasPrefix("False") { fortran = false } else { throw bad("fortran_order") }
        let s = try value(after: "shape")
        guard s.first == "(", let close = s.firstIndex(of: ")") else { throw bad("shape is not a tuple") }
        let inner = s[s.index(after: s.startIndex)..<close]
        var shape: [Int] = []
        for part in inner.split(separator: ",") {
            let t = part.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "L", with: "")
            if t.isEmpty { continue }
            guard let v = Int(t), v >= 0 else { throw bad("shape entry '\(t)'") }
            shape.append(v)
        }
        return (descr, fortran, shape)
    }

    // MARK: - Writing

    /// A complete header (magic through the final `\n`) for a C-order array, padded to a multiple of 64 bytes.
    /// Version 1.0 unless the dict needs more than 65535 bytes. Like NumPy, it reserves spaces so the first axis
    /// can grow to 21 digits in place: a streaming writer rewrites the header with the final row count at the end
    /// without moving the data. With the default reserve the bytes equal `np.save`'s.
    public static func header(dtype: NPYDType, shape: [Int], reserve: Int? = nil) -> Data {
        let reserve = reserve ?? (shape.isEmpty ? 0 : 21 - String(shape[0]).count)
        let shapeText = shape.count == 1 ? "(\(shape[0]),)" : "(" + shape.map(String.init).joined(separator: ", ") + ")"
        var dict = "{'descr': '\(dtype.rawValue)', 'fortran_order': False, 'shape': \(shapeText), }"
        dict += String(repeating: " ", count: reserve)
        let version: UInt8 = dict.utf8.count + 11 + 64 > 65535 ? 2 : 1
        let prefix = version == 1 ? 10 : 12
        let total = (prefix + dict.utf8.count + 1 + 63) / 64 * 64
        dict += String(repeating: " ", count: total - prefix - dict.utf8.count - 1) + "\n"
        var out = Data(magic)
        out.append(contentsOf: [version, 0])
        let n = dict.utf8.count
        if version == 1 {
            out.append(contentsOf: [UInt8(n & 0xff), UInt8(n >> 8)])
        } else {
            out.append(contentsOf: [UInt8(n & 0xff), UInt8(n >> 8 & 0xff), UInt8(n >> 16 & 0xff), UInt8(n >> 24)])
        }
        out.append(contentsOf: Array(dict.utf8))
        return out
    }

    public static func encode<T>(_ values: [T], dtype: NPYDType, shape: [Int]) -> Data {
        precondition(shape.reduce(1, *) == values.count, "\(values.count) values for shape \(shape)")
        precondition(MemoryLayout<T>.size == dtype.byteSize, "element type does not match \(dtype)")
        var out = header(dtype: dtype, shape: shape)
        values.withUnsafeBytes { out.append(contentsOf: $0) }
        return out
    }

    public static func write(floats: [Float], shape: [Int], to path: String) throws {
        try AtomicFile.write(encode(floats, dtype: .float32, shape: shape), to: path)
    }

    public static func write(doubles: [Double], shape: [Int], to path: String) throws {
        try AtomicFile.write(encode(doubles, dtype: .float64, shape: shape), to: path)
    }

    public static func write(bytes: [UInt8], shape: [Int], to path: String) throws {
        try AtomicFile.write(encode(bytes, dtype: .uint8, shape: shape), to: path)
    }

    public static func write(int32s: [Int32], shape: [Int], to path: String) throws {
        try AtomicFile.write(encode(int32s, dtype: .int32, shape: shape), to: path)
    }
}
