/// The filters of a 3×3 convolution in the Winograd domain of `tile`, made once at load.
///
/// Shapes: weight [M, C, 3, 3] → transformed [α², M, C], where slice ξ = i·α + j holds (G g Gᵀ)[i, j] of every
/// filter, so each ξ is the left-hand matrix of one GEMM.
public struct WinogradFilters: Sendable {
    public let tile: WinogradTile
    public let transformed: Tensor  // [α², M, C]

    public var outputChannels: Int { transformed.shape[1] }
    public var inputChannels: Int { transformed.shape[2] }

    public init(weight w: Tensor, tile: WinogradTile) {
        precondition(w.shape.rank == 4 && w.shape[2] == 3 && w.shape[3] == 3, "Winograd needs 3×3 filters, got \(w.shape)")
        let (m, c, alpha) = (w.shape[0], w.shape[1], tile.inputSize)
        let points = alpha * alpha
        let transformed = Tensor(zeros: Shape(points, m, c))
        var u = [Float](repeating: 0, count: points)
        for o in 0..<m {
            for ch in 0..<c {
                u.withUnsafeMutableBufferPointer { tile.transformFilter(w.pointer + (o * c + ch) * 9, into: $0.baseAddress!) }
                for xi in 0..<points { transformed.pointer[(xi * m + o) * c + ch] = u[xi] }
            }
        }
        self.tile = tile
        self.transformed = transformed
    }
}
