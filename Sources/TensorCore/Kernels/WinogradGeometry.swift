/// How one Winograd convolution covers its input: tiles, their placement and the two per-tile-row transforms.
///
/// Tile row g (counted over the whole batch) is image g / tilesY, output rows (g mod tilesY)·m ..< +m; its tile
/// tx reads input rows and columns from (row·m − p, tx·m − p), α of each. The transforms run on eight tiles at
/// once, one per SIMD lane. To load "column m·tx + k of eight tiles" as one vector, each input row is first split
/// into its m column phases (phase q, entry t = column m·t + q − p); the vector is then phase[k mod m] from
/// tx + k / m.
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

    /// Tiles are transformed eight at a time, one per SIMD lane; `groups` groups cover a tile row.
    var groups: Int { (tilesX + 7) / 8 }
    /// Entries per column phase: every group's eight tiles plus the one-tile overhang of columns k ≥ m.
    private var phaseLength: Int { groups * 8 + 1 }
    /// The zero-padded input row: column u is input column u − p.
    private var lineLength: Int { tile.outputSize * phaseLength }
    /// Floats of lane buffers: d, Bᵀd or Aᵀz per column, and one group's α×α (or m×α, m×m) intermediates.
    private var laneFloats: Int { 8 * (tile.inputSize * tile.inputSize + 2 * tile.inputSize) }

    /// Floats of scratch one `transformInput` or `transformOutput` call needs (a multiple of 16, so
    /// consecutive scratch areas stay 64-byte aligned if the first one is).
    var scratchCount: Int {
        let floats = laneFloats + lineLength + tile.inputSize * tile.outputSize * phaseLength
        return (floats + 15) / 16 * 16
    }

    /// V[ξ, t] for the tiles t of tile row `tileRow` and one channel: writes dst[ξ·pointStride + tx].
    /// `scratch` is 64-byte aligned with `scratchCount` floats.
    func transformInput(
        _ x: UnsafePointer<Float>, channel: Int, tileRow: Int, scratch: UnsafeMutablePointer<Float>,
        into dst: UnsafeMutablePointer<Float>, pointStride: Int
    ) {
        let (m, alpha, count) = (tile.outputSize, tile.inputSize, tilesX)
        let (image, ty) = tileRow.quotientAndRemainder(dividingBy: tilesY)
        let plane = x + (image * channels + channel) * height * width
        let top = ty * m - padding
        let lanes = UnsafeMutableRawPointer(scratch).bindMemory(to: WinogradLanes.self, capacity: laneFloats / 8)
        let (d, column, across) = (lanes, lanes + alpha, lanes + 2 * alpha)  // α, α, α×α lanes
        let line = scratch + laneFloats
        let phases = line + lineLength  // [α input rows r, m phases q, phaseLength]: input (r, m·t + q − p)

        // Split each of the α input rows into its m column phases, zero outside the image.
        let inside = padding..<min(lineLength, padding + width)
        line.update(repeating: 0, count: inside.lowerBound)
        (line + inside.upperBound).update(repeating: 0, count: lineLength - inside.upperBound)
        for r in 0..<alpha {
            let rowPhases = phases + r * m * phaseLength
            let iy = top + r
            guard iy >= 0 && iy < height else {
                rowPhases.update(repeating: 0, count: m * phaseLength)
                continue
            }
            (line + inside.lowerBound).update(from: plane + iy * width, count: inside.count)
            for q in 0..<m {
                let phase = rowPhases + q * phaseLength
                for t in 0..<phaseLength { phase[t] = line[m * t + q] }
            }
        }
        for g in 0..<groups {
            // Across each tile: across[r·α + j] = (d Bᵀᵀ)[r, j] = Σk Bᵀ[j, k] · input (r, tx·m + k).
            for r in 0..<alpha {
                let rowPhases = phases + r * m * phaseLength + 8 * g
                for k in 0..<alpha {
                    d[k] = UnsafeRawPointer(rowPhases + (k % m) * phaseLength + k / m).loadUnaligned(as: WinogradLanes.self)
                }
                tile.applyInputTransform(d, 1, into: across + r * alpha, 1)
            }
            // Down the columns: V[i·α + j] = Σr Bᵀ[i, r] · across[r·α + j].
            let tilesHere = min(8, count - 8 * g)
            for j in 0..<alpha {
                tile.applyInputTransform(across + j, alpha, into: column, 1)
                for i in 0..<alpha {
                    let out = dst + (i * alpha + j) * pointStride + 8 * g
                    if tilesHere == 8 {
                        UnsafeMutableRawPointer(out).storeBytes(of: column[i], as: WinogradLanes.self)
                    } else {
                        for l in 0..<tilesHere { out[l] = column[i][l] }
                    }
                }
            }
        }
    }

    /// The output tiles of tile row `tileRow` for output channel `channel` from Z[ξ, t] = z[ξ·pointStride + tx]:
    /// Aᵀ Z A + bias into y[N, M, OH, OW], rows and columns beyond the image dropped. Reads up to 7 floats past
    /// the last tile of each ξ (the lanes of a short last group), which the caller must keep readable.
    func transformOutput(
        _ z: UnsafePointer<Float>, pointStride: Int, channel: Int, outputChannels: Int, tileRow: Int, bias: Float,
        scratch: UnsafeMutablePointer<Float>, into y: UnsafeMutablePointer<Float>
    ) {
        let (m, alpha, count) = (tile.outputSize, tile.inputSize, tilesX)
        let (image, ty) = tileRow.quotientAndRemainder(dividingBy: tilesY)
        let lanes = UnsafeMutableRawPointer(scratch).bindMemory(to: WinogradLanes.self, capacity: laneFloats / 8)
        let (row, down, result) = (lanes, lanes + alpha, lanes + alpha + m * alpha)  // α, m×α, m×m lanes
        let rows = min(m, outputHeight - ty * m)
        let out = y + ((image * outputChannels + channel) * outputHeight + ty * m) * outputWidth
        for g in 0..<groups {
            // down[b·α + i] = Σj Aᵀ[b, j] · Z[i·α + j]
            for i in 0..<alpha {
                for j in 0..<alpha {
                    row[j] = UnsafeRawPointer(z + (i * alpha + j) * pointStride + 8 * g).loadUnaligned(as: WinogradLanes.self)
                }
                tile.applyOutputTransform(row, 1, into: down + i, alpha)
            }
            // result[a·m + b] = Σi Aᵀ[a, i] · down[b·α + i]: output (ty·m + a, tx·m + b) of every tile tx.
            for b in 0..<m {
                tile.applyOutputTransform(down + b * alpha, 1, into: result + b, m)
            }
            let tilesHere = min(8, count - 8 * g)
            for a in 0..<rows {
                let outRow = out + a * outputWidth
                for l in 0..<tilesHere {
                    let firstColumn = m * (8 * g + l)
                    for b in 0..<min(m, outputWidth - firstColumn) { outRow[firstColumn + b] = result[a * m + b][l] + bias }
                }
            }
        }
    }
}
