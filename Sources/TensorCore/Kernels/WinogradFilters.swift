/// The filters of a 3×3 convolution in the Winograd domain of `tile`, made once at load.
///
/// Shapes: weight [M, C, 3, 3] → one packed GEMM matrix U[ξ] [M, C] per point ξ = i·α + j, holding
/// (G g Gᵀ)[i, j] of every filter: the left-hand matrix of that point's GEMM.
public struct WinogradFilters: Sendable {
    public let tile: WinogradTile
    public let outputChannels: Int
    public let inputChannels: Int
    /// U[ξ] for ξ = 0..<α².
    public let points: [PackedMatrix]

    public init(weight w: Tensor, tile: WinogradTile) {
        precondition(w.shape.rank == 4 && w.shape[2] == 3 && w.shape[3] == 3, "Winograd needs 3×3 filters, got \(w.shape)")
        let (m, c, alpha) = (w.shape[0], w.shape[1], tile.inputSize)
        let count = alpha * alpha
        let points = (0..<count).map { _ in PackedMatrix(zeroRows: m, depth: c) }
        // Per output channel: u[ch·α² + ξ] for every input channel, then one row of each U[ξ].
        withUnsafeTemporaryAllocation(of: Float.self, capacity: c * count) { u in
            for o in 0..<m {
                for ch in 0..<c { tile.transformFilter(w.pointer + (o * c + ch) * 9, into: u.baseAddress! + ch * count) }
                for xi in 0..<count { points[xi].setRow(o, from: u.baseAddress! + xi, stride: count) }
            }
        }
        self.tile = tile
        (outputChannels, inputChannels) = (m, c)
        self.points = points
    }
}
