extension Ops {
    /// y[N,M,OH,OW] = conv(x[N,C,H,W], w[M,C,3,3]) + bias[M] for a 3×3, stride-1, undilated convolution with zero
    /// padding `padding`, through Winograd F(m×m, 3×3) with the filters already transformed (`filters`).
    ///
    /// Output tiles (m×m, the last row and column of tiles cut at the image edge) are taken in bands of whole tile
    /// rows, counted over the whole batch (a band may span images). Per band of T tiles:
    ///   1. V[ξ, C, T] = (Bᵀ d B)[ξ] of every tile's α×α input patch d (zero outside the image);
    ///   2. one packed GEMM per ξ = 0..<α²: Z[ξ, M, T] = U[ξ, M, C] · V[ξ, C, T];
    ///   3. every output tile = Aᵀ Z A + bias.
    /// Each of the three steps computes a tile's values from that tile alone, and `PackedGEMM` computes an element
    /// the same way wherever it sits in the product, so the bands (`winogradBandRows`, or `bandTileRows`) change
    /// no output bit: outputs are identical across batch sizes, batch compositions and `workers`.
    /// Whole bands are dealt to the `workers` threads, each running them in its own scratch with no barrier; the
    /// bands left over (fewer than `workers`, e.g. a batch of one) run one at a time with each phase split over
    /// the threads (channels, then ξ, then output channels), which changes no element's arithmetic either.
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
        let allTileRows = n * geometry.tilesY
        let maxBandRows = max(1, min(allTileRows, bandTileRows ?? winogradBandRows(
            inputChannels: c, outputChannels: outChannels, tile: tile, tilesX: geometry.tilesX)))
        // Bands of (nearly) equal height: dealt whole to the threads, a short last band would leave one idle.
        let totalBands = (allTileRows + maxBandRows - 1) / maxBandRows
        let bandRows = (allTileRows + totalBands - 1) / totalBands
        let workers = max(1, min(workers, totalBands * c))
        let maxTiles = bandRows * geometry.tilesX
        let points = alpha * alpha
        // Per worker: V, Z (plus one lane group's overhang, which the output transform reads), then scratch for
        // the transforms or the GEMM, each rounded to 16 floats so every area stays 64-byte aligned.
        let vCount = (points * c * maxTiles + 15) / 16 * 16
        let zCount = (points * outChannels * maxTiles + 8 + 15) / 16 * 16
        let perWorker = vCount + zCount + max(geometry.scratchCount, (PackedGEMM.scratchCount(depth: c) + 15) / 16 * 16)
        let scratch = SendablePointer(workspace.scratch(workers * perWorker))
        let input = SendablePointer(x.pointer), output = SendablePointer(y.pointer)
        let biasPointer = bias.map { SendablePointer($0.pointer) }

        /// Tile rows (over the whole batch, image-major) of band `index`.
        @Sendable func tileRows(ofBand index: Int) -> Range<Int> {
            index * bandRows..<min(allTileRows, (index + 1) * bandRows)
        }
        @Sendable func transformInput(
            _ band: Range<Int>, channels: Range<Int>, v: UnsafeMutablePointer<Float>, scratch: UnsafeMutablePointer<Float>
        ) {
            let tiles = band.count * geometry.tilesX
            for ch in channels {
                for row in band {
                    geometry.transformInput(
                        UnsafePointer(input.base), channel: ch, tileRow: row, scratch: scratch,
                        into: v + ch * tiles + (row - band.lowerBound) * geometry.tilesX, pointStride: c * tiles)
                }
            }
        }
        @Sendable func multiply(
            _ band: Range<Int>, points: Range<Int>, v: UnsafeMutablePointer<Float>, z: UnsafeMutablePointer<Float>,
            scratch: UnsafeMutablePointer<Float>
        ) {
            let tiles = band.count * geometry.tilesX
            for xi in points {
                PackedGEMM.multiply(
                    filters.points[xi], v + xi * c * tiles, ldb: tiles, columns: tiles, into: z + xi * outChannels * tiles,
                    ldc: tiles, scratch: scratch)
            }
        }
        @Sendable func transformOutput(_ band: Range<Int>, channels: Range<Int>, z: UnsafeMutablePointer<Float>) {
            let tiles = band.count * geometry.tilesX
            for o in channels {
                for row in band {
                    geometry.transformOutput(
                        z + o * tiles + (row - band.lowerBound) * geometry.tilesX,
                        pointStride: outChannels * tiles, channel: o, outputChannels: outChannels, tileRow: row,
                        bias: biasPointer.map { $0.base[o] } ?? 0, into: output.base)
                }
            }
        }

        // Whole bands, an equal number per worker.
        let dealt = totalBands - totalBands % workers
        parallelFor(workers, workers: workers) { worker in
            let v = scratch.base + worker * perWorker
            let (z, transformScratch) = (v + vCount, v + vCount + zCount)
            for index in dealt * worker / workers..<dealt * (worker + 1) / workers {
                let band = tileRows(ofBand: index)
                transformInput(band, channels: 0..<c, v: v, scratch: transformScratch)
                multiply(band, points: 0..<points, v: v, z: z, scratch: transformScratch)
                transformOutput(band, channels: 0..<outChannels, z: z)
            }
        }
        // The rest one at a time, each phase split over the workers: V and Z of worker 0, scratch their own.
        let (v, z) = (SendablePointer(scratch.base), SendablePointer(scratch.base + vCount))
        @Sendable func transformScratch(_ worker: Int) -> UnsafeMutablePointer<Float> {
            scratch.base + worker * perWorker + vCount + zCount
        }
        for index in dealt..<totalBands {
            let band = tileRows(ofBand: index)
            parallelFor(workers, workers: workers) { worker in
                let share = c * worker / workers..<c * (worker + 1) / workers
                transformInput(band, channels: share, v: v.base, scratch: transformScratch(worker))
            }
            parallelFor(workers, workers: workers) { worker in
                multiply(
                    band, points: points * worker / workers..<points * (worker + 1) / workers, v: v.base, z: z.base,
                    scratch: transformScratch(worker))
            }
            parallelFor(workers, workers: workers) { worker in
                let share = outChannels * worker / workers..<outChannels * (worker + 1) / workers
                transformOutput(band, channels: share, z: z.base)
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
