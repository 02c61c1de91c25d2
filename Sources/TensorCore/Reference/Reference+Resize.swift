extension Reference {
    /// PyTorch legacy `nearest`: y[oy, ox] = x[min(⌊oy·(H/OH)⌋, H−1), min(⌊ox·(W/OW)⌋, W−1)], scale in float32.
    public static func upsampleNearest(_ x: Tensor, height oh: Int, width ow: Int) -> Tensor {
        let (n, c, h, w) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3])
        let y = Tensor(zeros: Shape(n, c, oh, ow))
        for plane in 0..<n * c {
            for oy in 0..<oh {
                for ox in 0..<ow {
                    let iy = min(Int((Float(oy) * (Float(h) / Float(oh))).rounded(.down)), h - 1)
                    let ix = min(Int((Float(ox) * (Float(w) / Float(ow))).rounded(.down)), w - 1)
                    y.pointer[(plane * oh + oy) * ow + ox] = x.pointer[(plane * h + iy) * w + ix]
                }
            }
        }
        return y
    }

    /// PyTorch `interpolate(mode='bilinear')`, coordinates and weights in float32:
    /// align_corners=true: src = dst·(in−1)/(out−1) (0 when out = 1);
    /// align_corners=false: src = max(0, (dst + 0.5)·in/out − 0.5).
    /// Then i0 = ⌊src⌋, i1 = i0 + 1 unless i0 is the last index, λ = src − i0, and
    /// y = (1−λy)·[(1−λx)·v00 + λx·v01] + λy·[(1−λx)·v10 + λx·v11].
    public static func upsampleBilinear(_ x: Tensor, height oh: Int, width ow: Int, alignCorners: Bool) -> Tensor {
        let (n, c, h, w) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3])
        let y = Tensor(zeros: Shape(n, c, oh, ow))
        for plane in 0..<n * c {
            for oy in 0..<oh {
                let (y0, y1, ly) = sourceCoordinate(oy, input: h, output: oh, alignCorners: alignCorners)
                for ox in 0..<ow {
                    let (x0, x1, lx) = sourceCoordinate(ox, input: w, output: ow, alignCorners: alignCorners)
                    func v(_ iy: Int, _ ix: Int) -> Float { x.pointer[(plane * h + iy) * w + ix] }
                    let top = (1 - lx) * v(y0, x0) + lx * v(y0, x1)
                    let bottom = (1 - lx) * v(y1, x0) + lx * v(y1, x1)
                    y.pointer[(plane * oh + oy) * ow + ox] = (1 - ly) * top + ly * bottom
                }
            }
        }
        return y
    }

    private static func sourceCoordinate(_ o: Int, input: Int, output: Int, alignCorners: Bool) -> (Int, Int, Float) {
        var src: Float
        if alignCorners {
            src = output > 1 ? Float(o) * (Float(input - 1) / Float(output - 1)) : 0
        } else {
            src = (Float(o) + 0.5) * (Float(input) / Float(output)) - 0.5
            if src < 0 { src = 0 }
        }
        let i0 = min(Int(src.rounded(.down)), input - 1)
        let i1 = i0 == input - 1 ? i0 : i0 + 1
        return (i0, i1, src - Float(i0))
    }
}
