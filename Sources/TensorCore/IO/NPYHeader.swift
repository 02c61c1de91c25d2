import Foundation

/// What a `.npy` header says: element type, shape, memory order, and where the data starts.
///
/// `NPY.parse` accepts only C order; streaming readers of large files (the matcher's 12 GB score files, which the
/// reference writes in Fortran order) read just this and then the bytes they need.
public struct NPYHeader: Sendable {
    public let dtype: NPYDType
    public let shape: [Int]
    public let fortranOrder: Bool
    /// Byte offset of the first element.
    public let dataOffset: Int

    public var count: Int { shape.reduce(1, *) }
    public var byteCount: Int { count * dtype.byteSize }

    /// Parses the header at the start of `prefix`, which must hold at least the whole header.
    public init(prefix data: Data, name: String) throws {
        let bytes = [UInt8](data.prefix(12))
        guard bytes.starts(with: NPY.magic) else { throw FacetError(.badData, "\(name): not a .npy file (bad magic)") }
        guard bytes.count >= 10 else { throw FacetError(.badData, "\(name): truncated .npy header") }
        let major = bytes[6]
        let headerStart: Int, headerLength: Int
        switch major {
        case 1:
            headerStart = 10
            headerLength = Int(bytes[8]) | Int(bytes[9]) << 8
        case 2, 3:
            guard bytes.count >= 12 else { throw FacetError(.badData, "\(name): truncated .npy header") }
            headerStart = 12
            headerLength = Int(bytes[8]) | Int(bytes[9]) << 8 | Int(bytes[10]) << 16 | Int(bytes[11]) << 24
        default:
            throw FacetError(.unsupported, "\(name): .npy format version \(major).\(bytes[7]) is not supported")
        }
        guard headerLength <= NPY.maxHeaderLength else {
            throw FacetError(.badData, "\(name): .npy header length \(headerLength) exceeds the \(NPY.maxHeaderLength)-byte limit")
        }
        guard data.count >= headerStart + headerLength else {
            throw FacetError(.badData, "\(name): truncated .npy header")
        }
        let headerBytes = data.subdata(in: data.startIndex + headerStart..<data.startIndex + headerStart + headerLength)
        guard let text = String(data: headerBytes, encoding: major == 3 ? .utf8 : .isoLatin1) else {
            throw FacetError(.badData, "\(name): unreadable .npy header")
        }
        let (descr, fortran, shape) = try NPY.parseHeader(text, name: name)
        guard let dtype = NPYDType(descr: descr) else {
            if descr.hasPrefix(">") {
                throw FacetError(.unsupported, "\(name): big-endian dtype '\(descr)' is not supported; save it little-endian")
            }
            if descr.contains("O") {
                throw FacetError(.unsupported, "\(name): object arrays are not supported")
            }
            throw FacetError(.unsupported, "\(name): dtype '\(descr)' is not supported (use <f4, <f8, <i4, <i8 or |u1)")
        }
        let (count, overflow) = shape.reduce((1, false)) { acc, d in
            let (p, o) = acc.0.multipliedReportingOverflow(by: d)
            return (p, acc.1 || o)
        }
        guard !overflow, !count.multipliedReportingOverflow(by: dtype.byteSize).overflow else {
            throw FacetError(.badData, "\(name): shape \(shape) is too large")
        }
        (self.dtype, self.shape, fortranOrder, dataOffset) = (dtype, shape, fortran, headerStart + headerLength)
    }

    /// Reads only the header of the file at `path`.
    public init(path: String) throws {
        let handle = try InputFile.open(path)
        defer { try? handle.close() }
        let start = try InputFile.read(handle, upTo: 12, path: path)
        var length = 0
        if start.count >= 10 {
            let b = [UInt8](start)
            length = b[6] == 1 ? Int(b[8]) | Int(b[9]) << 8
                : start.count == 12 ? Int(b[8]) | Int(b[9]) << 8 | Int(b[10]) << 16 | Int(b[11]) << 24 : 0
        }
        let rest = length > 0 ? try InputFile.read(handle, upTo: min(length, NPY.maxHeaderLength + 1), path: path) : Data()
        try self.init(prefix: start + rest, name: path)
    }
}
