extension Ops {
    /// PyTorch's legacy `interpolate(mode='nearest')`: src = min(⌊dst·(in/out)⌋, in−1), scale in float32.
    ///
    /// Source columns are computed once per call; an output row with the same source row as the one before it
    /// (every other row of a ×2 upsample) is a copy of that row.
    public static func upsampleNearest(_ x: Tensor, into y: Tensor) {
        let (n, c, h, w) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3])
        let (oh, ow) = (y.shape[2], y.shape[3])
        precondition(y.shape[0] == n && y.shape[1] == c, "nearest \(x.shape) -> \(y.shape)")
        let sy = Float(h) / Float(oh), sx = Float(w) / Float(ow)
        withUnsafeTemporaryAllocation(of: Int.self, capacity: ow) { columns in
            for ox in 0..<ow { columns[ox] = min(Int(Float(ox) * sx), w - 1) }
            for i in 0..<n * c {
                let src = x.pointer + i * h * w, dst = y.pointer + i * oh * ow
                var previous = -1
                for oy in 0..<oh {
                    let iy = min(Int(Float(oy) * sy), h - 1)
                    let out = dst + oy * ow
                    if iy == previous {
                        out.update(from: out - ow, count: ow)
                    } else {
                        let row = src + iy * w
                        for ox in 0..<ow { out[ox] = row[columns[ox]] }
                    }
                    previous = iy
                }
            }
        }
    }

    /// Bilinear resize of the spatial axes, as PyTorch's `interpolate(mode='bilinear')`.
    ///
    /// align_corners=true: src = dst·(in−1)/(out−1). align_corners=false: src = max(0, (dst+0.5)·in/out − 0.5).
    /// Then i0 = ⌊src⌋, i1 = min(i0+1, in−1), λ = src − i0; all in float32.
    ///
    /// Each input row is interpolated horizontally once into a two-row cache (rows advance monotonically), and
    /// every output row is then a contiguous blend of two cached rows: the same float32 operations in the same
    /// order as the formula, without recomputing the horizontal taps for every output row. Planes are split
    /// over `workers` threads when the output is large (BiSeNet's 19×512×512 logits).
    public static func upsampleBilinear(_ x: Tensor, alignCorners: Bool, into y: Tensor, workers: Int) {
        let (n, c, h, w) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3])
        let (oh, ow) = (y.shape[2], y.shape[3])
        precondition(y.shape[0] == n && y.shape[1] == c, "bilinear \(x.shape) -> \(y.shape)")
        // The column taps are shared by every row of every plane: computed once, on the stack for usual widths.
        withUnsafeTemporaryAllocation(of: (Int, Int, Float).self, capacity: ow) { taps in
            for ox in 0..<ow { taps[ox] = bilinearTap(ox, input: w, output: ow, alignCorners: alignCorners) }
            let columnTaps = SendablePointer(taps.baseAddress!)
            parallelFor(n * c, workers: y.count >= 1 << 16 ? workers : 1) { plane in
                bilinearPlane(x.pointer + plane * h * w, height: h, width: w, into: y.pointer + plane * oh * ow,
                              outputHeight: oh, outputWidth: ow, columnTaps: columnTaps.base, alignCorners: alignCorners)
            }
        }
    }

    /// One plane of `upsampleBilinear`.
    private static func bilinearPlane(
        _ src: UnsafeMutablePointer<Float>, height h: Int, width w: Int, into dst: UnsafeMutablePointer<Float>,
        outputHeight oh: Int, outputWidth ow: Int, columnTaps: UnsafeMutablePointer<(Int, Int, Float)>,
        alignCorners: Bool
    ) {
        withUnsafeTemporaryAllocation(of: Float.self, capacity: 2 * ow) { cache in
            let slots = (cache.baseAddress!, cache.baseAddress! + ow)
            var cached = (-1, -1)  // the input row each slot holds
            func interpolate(row iy: Int, into out: UnsafeMutablePointer<Float>) {
                let r = src + iy * w
                for ox in 0..<ow {
                    let (x0, x1, lx) = columnTaps[ox]
                    out[ox] = (1 - lx) * r[x0] + lx * r[x1]
                }
            }
            for oy in 0..<oh {
                let (y0, y1, ly) = bilinearTap(oy, input: h, output: oh, alignCorners: alignCorners)
                if cached.0 != y0 && cached.1 != y0 {
                    if cached.0 == y1 { interpolate(row: y0, into: slots.1); cached.1 = y0 }
                    else { interpolate(row: y0, into: slots.0); cached.0 = y0 }
                }
                if cached.0 != y1 && cached.1 != y1 {
                    if cached.0 == y0 { interpolate(row: y1, into: slots.1); cached.1 = y1 }
                    else { interpolate(row: y1, into: slots.0); cached.0 = y1 }
                }
                let top = cached.0 == y0 ? slots.0 : slots.1
                let bottom = cached.0 == y1 ? slots.0 : slots.1
                let out = dst + oy * ow
                for ox in 0..<ow { out[ox] = (1 - ly) * top[ox] + ly * bottom[ox] }
            }
        }
    }

    /// (i0, i1, λ) of output index `o` along an axis resized from `input` to `output`.
    @inline(__always)
    static func bilinearTap(_ o: Int, input: Int, output: Int, alignCorners: Bool) -> (Int, Int, Float) {
        let src: Float
        if alignCorners {
            let scale: Float = output > 1 ? Float(input - 1) / Float(output - 1) : 0
            src = Float(o) * scale
        } else {
            let scale = Float(input) / Float(output)
            src = max(0, (Float(o) + 0.5) * scale - 0.5)
        }
        let i0 = min(Int(src), input - 1)
        let i1 = i0 < input - 1 ? i0 + 1 : i0
        return (i0, i1, src - Float(i0))
    }
}
