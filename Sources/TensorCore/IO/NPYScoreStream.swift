import Foundation

/// Streams the score column of a large `.npy` in chunks, so a 12 GB reference (K, 3) file is read in a few MB.
///
/// `NPY.read` loads the whole payload, which is right for features and weights but not for 5·10⁸ scores. This
/// reads only the header (`NPYHeader`), checks the file length against it, and then reads the scores directly:
/// all of a 1-D array, column 2 of a C-order (K, C) array, or the contiguous third column of the reference
/// matcher's Fortran-order (K, 3) array.
public struct NPYScoreStream: Sendable {
    public let path: String
    /// `.float32` or `.float64`.
    public let dtype: NPYDType
    public let shape: [Int]
    public let fortranOrder: Bool
    /// Byte offset of the first element.
    public let dataOffset: Int

    /// Reads and checks the header; a dtype other than float32/float64 or a file length that disagrees with the
    /// shape is an error naming the file.
    public init(path: String) throws {
        self.path = path
        let header = try NPYHeader(path: path)
        guard header.dtype == .float32 || header.dtype == .float64 else {
            throw FacetError(.unsupported, "\(path): score dtype '\(header.dtype.rawValue)' is not supported (use <f4 or <f8)")
        }
        (dtype, shape, fortranOrder, dataOffset) = (header.dtype, header.shape, header.fortranOrder, header.dataOffset)
        let count = header.count
        let size = try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int ?? -1
        guard size == dataOffset + count * dtype.byteSize else {
            throw FacetError(.badData, "\(path): file length does not match shape \(shape) of \(dtype.rawValue)")
        }
    }

    /// Calls `body` with each score in file order (for Fortran order: column 2 in row order).
    public func forEachScore(_ body: (Double) -> Void) throws {
        let rows = shape.first ?? 0
        let columns: Int
        switch shape.count {
        case 1: columns = 1
        case 2 where shape[1] >= 3: columns = shape[1]
        default: throw FacetError(.badData, "\(path): score array shape \(shape), expected (K,) or (K, 3) [i, j, score]")
        }
        let handle = try InputFile.open(path)
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
            let data = try InputFile.read(handle, upTo: n * size, path: path)
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
