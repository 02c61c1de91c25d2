extension Ops {
    /// y[N,M,OH,OW] = conv(x[N,C,H,W], w[M,C,3,3]) + bias[M] for a 3×3, stride-1, undilated convolution with zero
    /// padding `padding`, through Winograd F(m×m, 3×3) with the filters already transformed (`filters`).
    ///
    /// Output tiles (m×m, the last row and column of tiles cut at the image edge) are taken in bands of whole tile
    /// rows; a band may span images, so small maps still make wide GEMMs. Per band of T tiles:
    ///   1. V[ξ, C, T] = (Bᵀ d B)[ξ] of every tile's α×α input patch d (zero outside the image);
    ///   2. one GEMM per ξ = 0..<α²: Z[ξ, M, T] = U[ξ, M, C] · V[ξ, C, T];
    ///   3. every output tile = Aᵀ Z A + bias.
    /// The tile rows are split over `workers` threads; each runs whole bands (transforms and GEMMs) in its own
    /// scratch, so the phases need no barrier.
    public static func conv2dWinograd(
        _ x: Tensor, filters: WinogradFilters, bias: Tensor?, padding p: Int, into y: Tensor, workspace: Workspace,
        workers: Int, bandTileRows: Int? = nil
    ) {
        let (n, c, h, wd) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3])
        let tile = filters.tile
        let (alpha, outChannels) = (tile.inputSize, filters.outputChannels)
        let (oh, ow) = (h + 2 * p - 2, wd + 2 * p - 2)
        precondition(filters.inputChannels == c, "Winograd filters for \(filters.inputChannels) channels, input \(x.shape)")
        precondition(oh > 0 && ow > 0, "input \(x.shape) too small for a 3×3 conv with padding \(p)")
        precondition(y.shape == Shape(n, outChannels, oh, ow), "conv output \(y.shape), expected \([n, outChannels, oh, ow])")
        precondition(bias == nil || bias!.shape == Shape(outChannels), "conv bias \(bias!.shape), expected [\(outChannels)]")
        let geometry = WinogradGeometry(
            tile: tile, channels: c, height: h, width: wd, padding: p, outputHeight: oh, outputWidth: ow)
        let totalRows = n * geometry.tilesY
        let workers = max(1, min(workers, totalRows))
        let bandRows = max(1, min((totalRows + workers - 1) / workers, bandTileRows ?? winogradBandRows(
            inputChannels: c, outputChannels: outChannels, tile: tile, tilesX: geometry.tilesX)))
        let maxTiles = bandRows * geometry.tilesX
        let points = alpha * alpha
        // Per worker: V, Z (plus one lane group's overhang, which the output transform reads) and transform
        // scratch, each rounded to 16 floats so every area stays 64-byte aligned.
        let vCount = (points * c * maxTiles + 15) / 16 * 16
        let zCount = (points * outChannels * maxTiles + 8 + 15) / 16 * 16
        let perWorker = vCount + zCount + geometry.scratchCount
        let scratch = SendablePointer(workspace.scratch(workers * perWorker))
        let input = SendablePointer(x.pointer), output = SendablePointer(y.pointer)
        let biasPointer = bias.map { SendablePointer($0.pointer) }
        parallelFor(workers, workers: workers) { worker in
            let v = scratch.base + worker * perWorker
            let z = v + vCount
            let transformScratch = z + zCount
            let share = totalRows * worker / workers..<totalRows * (worker + 1) / workers
            for firstRow in stride(from: share.lowerBound, to: share.upperBound, by: bandRows) {
                let band = firstRow..<min(share.upperBound, firstRow + bandRows)
                let tiles = band.count * geometry.tilesX
                for ch in 0..<c {
                    for row in band {
                        geometry.transformInput(
                            UnsafePointer(input.base), channel: ch, tileRow: row, scratch: transformScratch,
                            into: v + ch * tiles + (row - band.lowerBound) * geometry.tilesX, pointStride: c * tiles)
                    }
                }
                for xi in 0..<points {
                    BLAS.sgemm(
                        m: outChannels, n: tiles, k: c, a: filters.transformed.pointer + xi * outChannels * c,
                        lda: c, b: v + xi * c * tiles, ldb: tiles, c: z + xi * outChannels * tiles, ldc: tiles)
                }
                for o in 0..<outChannels {
                    for row in band {
                        geometry.transformOutput(
                            z + o * tiles + (row - band.lowerBound) * geometry.tilesX,
                            pointStride: outChannels * tiles, channel: o, outputChannels: outChannels, tileRow: row,
                            bias: biasPointer.map { $0.base[o] } ?? 0, scratch: transformScratch, into: output.base)
                    }
                }
            }
        }
    }

    /// Tile rows per band of `conv2dWinograd`: V and Z together stay near 2²¹ floats (8 MB) per worker. That bounds
    /// the scratch and still gives BiSeNet's 128×128 layer 448-tile GEMMs; other band sizes were not tried.
    public static func winogradBandRows(inputChannels c: Int, outputChannels m: Int, tile: WinogradTile, tilesX: Int) -> Int {
        let floatsPerTileRow = tile.inputSize * tile.inputSize * (c + m) * tilesX
        return max(1, (1 << 21) / floatsPerTileRow)
    }
}
