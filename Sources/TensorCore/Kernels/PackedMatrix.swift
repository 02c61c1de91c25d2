import CKernels

/// A left-hand GEMM matrix A[M×K] (convolution weights) repacked once at load into the layout the packed GEMM
/// kernel streams: panels of `panelRows` rows, each stored column by column (`facet_pack_a`).
public struct PackedMatrix: Sendable {
    /// Rows per panel.
    public static let panelRows = Int(FACET_PANEL_ROWS)

    public let rows: Int
    public let depth: Int
    let storage: TensorStorage

    /// Packs A[rows×depth], row-major with leading dimension `lda` (default `depth`).
    public init(rows: Int, depth: Int, from a: UnsafePointer<Float>, lda: Int? = nil) {
        precondition(rows > 0 && depth > 0, "a packed matrix needs rows and depth, got \(rows)×\(depth)")
        self.rows = rows
        self.depth = depth
        storage = TensorStorage(capacity: facet_packed_count(rows, depth))
        facet_pack_a(rows, depth, a, lda ?? depth, storage.base)
    }

    /// A zero matrix, to be filled entry by entry with `set` while it is built (no row-major copy needed).
    init(zeroRows rows: Int, depth: Int) {
        precondition(rows > 0 && depth > 0, "a packed matrix needs rows and depth, got \(rows)×\(depth)")
        self.rows = rows
        self.depth = depth
        storage = TensorStorage(capacity: facet_packed_count(rows, depth))
    }

    /// Sets A[row, column] in the packed layout; only while the matrix is being built.
    func set(_ value: Float, row: Int, column: Int) {
        let (panel, r) = row.quotientAndRemainder(dividingBy: Self.panelRows)
        storage.base[(panel * depth + column) * Self.panelRows + r] = value
    }

    var pointer: UnsafePointer<Float> { UnsafePointer(storage.base) }
}

extension PackedMatrix {
    /// A[row, column], read back from the packed layout.
    public subscript(row: Int, column: Int) -> Float {
        precondition(row >= 0 && row < rows && column >= 0 && column < depth, "(\(row), \(column)) of \(rows)×\(depth)")
        let (panel, r) = row.quotientAndRemainder(dividingBy: Self.panelRows)
        return storage.base[(panel * depth + column) * Self.panelRows + r]
    }
}
