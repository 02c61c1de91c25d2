extension Reference {
    /// y[n,c,oy,ox] = max of x over the k×k window at (oy·s − p, ox·s − p); positions outside the image are
    /// skipped (padding counts as −∞). Output size ⌊(H + 2p − k)/s⌋ + 1 (floor mode).
    public static func maxPool2d(_ x: Tensor, kernel k: Int, stride s: Int, padding p: Int) -> Tensor {
        let (n, c, h, w) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3])
        let oh = (h + 2 * p - k) / s + 1, ow = (w + 2 * p - k) / s + 1
        let y = Tensor(zeros: Shape(n, c, oh, ow))
        for plane in 0..<n * c {
            for oy in 0..<oh {
                for ox in 0..<ow {
                    var best = -Float.infinity
                    for i in 0..<k {
                        for j in 0..<k {
                            let iy = oy * s - p + i, ix = ox * s - p + j
                            if iy >= 0, iy < h, ix >= 0, ix < w { best = max(best, x.pointer[(plane * h + iy) * w + ix]) }
                        }
                    }
                    y.pointer[(plane * oh + oy) * ow + ox] = best
                }
            }
        }
        return y
    }

    /// y[n,c,0,0] = (Σ_{h,w} x[n,c,h,w]) / (H·W), summed in Float64.
    public static func globalAveragePool(_ x: Tensor) -> Tensor {
        let (n, c, h, w) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3])
        let y = Tensor(zeros: Shape(n, c, 1, 1))
        for plane in 0..<n * c {
            var sum = 0.0
            for p in 0..<h * w { sum += Double(x.pointer[plane * h * w + p]) }
            y.pointer[plane] = Float(sum / Double(h * w))
        }
        return y
    }
}
