import CKernels

/// How one Winograd convolution covers its input: tiles, their placement and the two per-tile-row transforms.
///
/// Tile row g (counted over the whole batch) is image g / tilesY, output rows (g mod tilesY)·m ..< +m; its tile
/// tx reads input rows and columns from (row·m − p, tx·m − p), α of each. The transforms (in C, eight tiles per
/// vector, `facet_winograd_input_row` and `facet_winograd_output_row`) run AVX2 where the CPU has it, and give
/// the same bits either way.
struct WinogradGeometry: Sendable {
    let tile: WinogradTile
    let channels: Int
    let height: Int, width: Int
    let padding: Int
    let outputHeight: Int, outputWidth: Int
    let tilesY: Int, tilesX: Int

    init(tile: WinogradTile, channels: Int, height: Int, width: Int, padding: Int, outputHeight: Int, outputWidth: Int) {
        (self.tile, self.channels, self.height, self.width, self.padding) = (tile, channels, height, width, padding)
        (self.outputHeight, self.outputWidth) = (outputHeight, outputWidth)
        let m = tile.outputSize
        tilesY = (outputHeight + m - 1) / m
        tilesX = (outputWidth + m - 1) / m
    }

    /// Floats of scratch one `transformInput` call needs (a multiple of 16, so consecutive scratch areas stay
    /// 64-byte aligned if the first one is).
    var scratchCount: Int { (facet_winograd_scratch_count(Int32(tile.outputSize), tilesX) + 15) / 16 * 16 }

    /// V[ξ, t] for the tiles t of tile row `tileRow` and one channel: writes dst[ξ·pointStride + tx].
    func transformInput(
        _ x: UnsafePointer<Float>, channel: Int, tileRow: Int, scratch: UnsafeMutablePointer<Float>,
        into dst: UnsafeMutablePointer<Float>, pointStride: Int
    ) {
        let (image, ty) = tileRow.quotientAndRemainder(dividingBy: tilesY)
        let plane = x + (image * channels + channel) * height * width
        facet_winograd_input_row(
            PackedGEMM.best.isa, Int32(tile.outputSize), plane, height, width, padding, ty * tile.outputSize - padding,
            tilesX, scratch, dst, pointStride)
    }

    /// The output tiles of tile row `tileRow` for output channel `channel` from Z[ξ, t] = z[ξ·pointStride + tx]:
    /// Aᵀ Z A + bias into y[N, M, OH, OW], rows and columns beyond the image dropped. Reads up to 7 floats past
    /// the last tile of each ξ (the lanes of a short last group), which the caller must keep readable.
    func transformOutput(
        _ z: UnsafePointer<Float>, pointStride: Int, channel: Int, outputChannels: Int, tileRow: Int, bias: Float,
        into y: UnsafeMutablePointer<Float>
    ) {
        let m = tile.outputSize
        let (image, ty) = tileRow.quotientAndRemainder(dividingBy: tilesY)
        let out = y + ((image * outputChannels + channel) * outputHeight + ty * m) * outputWidth
        facet_winograd_output_row(
            PackedGEMM.best.isa, Int32(m), z, pointStride, tilesX, Int32(min(m, outputHeight - ty * m)), outputWidth,
            bias, out)
    }
}
