extension Ops {
    /// PyTorch's legacy `interpolate(mode='nearest')`: src = min(⌊dst·(in/out)⌋, in−1), scale in float32.
    public static func upsampleNearest(_ x: Tensor, into y: Tensor) {
        let (n, c, h, w) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3])
        let (oh, ow) = (y.shape[2], y.shape[3])
        precondition(y.shape[0] == n && y.shape[1] == c, "nearest \(x.shape) -> \(y.shape)")
        let sy = Float(h) / Float(oh), sx = Float(w) / Float(ow)
        for i in 0..<n * c {
            let src = x.pointer + i * h * w, dst = y.pointer + i * oh * ow
            for oy in 0..<oh {
                let iy = min(Int(Float(oy) * sy), h - 1)
                for ox in 0..<ow { dst[oy * ow + ox] = src[iy * w + min(Int(Float(ox) * sx), w - 1)] }
            }
        }
    }

    /// Bilinear resize of the spatial axes, as PyTorch's `interpolate(mode='bilinear')`.
    ///
    /// align_corners=true: src = dst·(in−1)/(out−1). align_corners=false: src = max(0, (dst+0.5)·in/out − 0.5).
    /// Then i0 = ⌊src⌋, i1 = min(i0+1, in−1), λ = src − i0; all in float32.
    /// Output rows are split over `workers` threads when the output is large (BiSeNet's 19×512×512 logits).
    public static func upsampleBilinear(_ x: Tensor, alignCorners: Bool, into y: Tensor, workers: Int = BLAS.threads) {
        let (n, c, h, w) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3])
        let (oh, ow) = (y.shape[2], y.shape[3])
        precondition(y.shape[0] == n && y.shape[1] == c, "bilinear \(x.shape) -> \(y.shape)")
        let ys = bilinearTaps(input: h, output: oh, alignCorners: alignCorners)
        let xs = bilinearTaps(input: w, output: ow, alignCorners: alignCorners)
        parallelFor(n * c * oh, workers: y.count >= 1 << 16 ? workers : 1) { planeRow in
            let (plane, oy) = planeRow.quotientAndRemainder(dividingBy: oh)
            let src = x.pointer + plane * h * w, out = y.pointer + planeRow * ow
            let (y0, y1, ly) = ys[oy]
            let r0 = src + y0 * w, r1 = src + y1 * w
            for ox in 0..<ow {
                let (x0, x1, lx) = xs[ox]
                let top = (1 - lx) * r0[x0] + lx * r0[x1]
                let bottom = (1 - lx) * r1[x0] + lx * r1[x1]
                out[ox] = (1 - ly) * top + ly * bottom
            }
        }
    }

    /// Source indices and weight per output index for one axis of a bilinear resize.
    public static func bilinearTaps(input: Int, output: Int, alignCorners: Bool) -> [(Int, Int, Float)] {
        (0..<output).map { o in
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
}
