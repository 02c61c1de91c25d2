import CKernels

/// A left-hand GEMM matrix A[M×K] (the Winograd filters of one point) in the layout the packed GEMM kernel
/// streams: panels of `panelRows` rows, each stored column by column, rows past M zero. Built once at load.
public struct PackedMatrix: Sendable {
    /// Rows per panel.
    public static let panelRows = Int(FACET_PANEL_ROWS)

    public let rows: Int
    public let depth: Int
    let storage: TensorStorage

    /// A zero matrix, to be filled row by row with `setRow` while it is built (no row-major copy needed).
    init(zeroRows rows: Int, depth: Int) {
        precondition(rows > 0 && depth > 0, "a packed matrix needs rows and depth, got \(rows)×\(depth)")
        self.rows = rows
        self.depth = depth
        storage = TensorStorage(capacity: facet_packed_count(rows, depth))
    }

    /// Sets A[row, k] = values[k · stride] for k = 0..<depth; only while the matrix is being built.
    func setRow(_ row: Int, from values: UnsafePointer<Float>, stride: Int) {
        let start = storage.base + offset(row: row, column: 0)
        for k in 0..<depth { start[k * Self.panelRows] = values[k * stride] }
    }

    /// A[row, column], read back from the packed layout.
    public subscript(row: Int, column: Int) -> Float { storage.base[offset(row: row, column: column)] }

    private func offset(row: Int, column: Int) -> Int {
        precondition(row >= 0 && row < rows && column >= 0 && column < depth, "(\(row), \(column)) of \(rows)×\(depth)")
        let (panel, r) = row.quotientAndRemainder(dividingBy: Self.panelRows)
        return (panel * depth + column) * Self.panelRows + r  // so A[row, column + 1] is panelRows floats on
    }

    var pointer: UnsafePointer<Float> { UnsafePointer(storage.base) }
}
