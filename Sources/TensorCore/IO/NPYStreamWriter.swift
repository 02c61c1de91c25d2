import Foundation

/// Appends rows to a `.npy` whose length is unknown until the end. The header is written first with a row count
/// of 0 and rewritten in place by `finish()`; `NPY.header` reserves room for a 21-digit count, so its length
/// never changes. The caller owns the file (an `AtomicFile` temp file), so nothing partial becomes visible.
///
/// A struct (mutated in place by a caller's per-row loop, e.g. the matcher's) over a 4 MB buffer that is flushed
/// when full. `~Copyable`: a copy would share the buffer and the file, and two writers would corrupt both.
public struct NPYStreamWriter: ~Copyable {
    private let handle: FileHandle
    private let dtype: NPYDType
    private let columns: Int?
    private let headerLength: Int
    private let buffer: UnsafeMutableRawPointer
    private static let capacity = 1 << 22
    private var used = 0
    public private(set) var rows = 0

    /// `columns` nil writes a 1-D array (K,); otherwise (K, columns).
    public init(handle: FileHandle, dtype: NPYDType, columns: Int?) throws {
        self.handle = handle
        self.dtype = dtype
        self.columns = columns
        let header = NPY.header(dtype: dtype, shape: Self.shape(rows: 0, columns: columns))
        headerLength = header.count
        // Header first: if it throws, nothing is allocated yet for `deinit` to free.
        try handle.write(contentsOf: header)
        buffer = .allocate(byteCount: Self.capacity, alignment: 64)
    }

    deinit { buffer.deallocate() }

    private static func shape(rows: Int, columns: Int?) -> [Int] { columns.map { [rows, $0] } ?? [rows] }

    @inline(__always)
    public mutating func append(_ value: Float) throws {
        if used + 4 > Self.capacity { try flush() }
        buffer.storeBytes(of: value, toByteOffset: used, as: Float.self)
        used += 4
        rows += 1
    }

    /// One (i, j, score) row of float64, the reference layout.
    @inline(__always)
    public mutating func append(_ i: Int, _ j: Int, _ score: Float) throws {
        if used + 24 > Self.capacity { try flush() }
        buffer.storeBytes(of: Double(i), toByteOffset: used, as: Double.self)
        buffer.storeBytes(of: Double(j), toByteOffset: used + 8, as: Double.self)
        buffer.storeBytes(of: Double(score), toByteOffset: used + 16, as: Double.self)
        used += 24
        rows += 1
    }

    /// One (i, j) row of int32.
    @inline(__always)
    public mutating func append(pair i: Int, _ j: Int) throws {
        if used + 8 > Self.capacity { try flush() }
        buffer.storeBytes(of: Int32(i), toByteOffset: used, as: Int32.self)
        buffer.storeBytes(of: Int32(j), toByteOffset: used + 4, as: Int32.self)
        used += 8
        rows += 1
    }

    private mutating func flush() throws {
        guard used > 0 else { return }
        try handle.write(contentsOf: Data(bytesNoCopy: buffer, count: used, deallocator: .none))
        used = 0
    }

    /// Writes what is buffered and the final header.
    public mutating func finish() throws {
        try flush()
        let header = NPY.header(dtype: dtype, shape: Self.shape(rows: rows, columns: columns))
        precondition(header.count == headerLength, "npy header length changed")
        try handle.seek(toOffset: 0)
        try handle.write(contentsOf: header)
        try handle.seekToEnd()
    }
}
