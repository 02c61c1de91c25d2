extension Ops {
    /// Max pool k×k, stride s, padding p (padding counts as −∞), floor mode.
    public static func maxPool2d(_ x: Tensor, kernel k: Int, stride s: Int, padding p: Int, into y: Tensor) {
        let (n, c, h, w) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3])
        let oh = (h + 2 * p - k) / s + 1, ow = (w + 2 * p - k) / s + 1
        precondition(y.shape == Shape(n, c, oh, ow), "maxpool output \(y.shape), expected \([n, c, oh, ow])")
        for i in 0..<n * c {
            let src = x.pointer + i * h * w, dst = y.pointer + i * oh * ow
            for oy in 0..<oh {
                let y0 = max(oy * s - p, 0), y1 = min(oy * s - p + k, h)
                for ox in 0..<ow {
                    let x0 = max(ox * s - p, 0), x1 = min(ox * s - p + k, w)
                    var m = -Float.infinity
                    for yy in y0..<y1 { for xx in x0..<x1 { m = max(m, src[yy * w + xx]) } }
                    dst[oy * ow + ox] = m
                }
            }
        }
    }

    /// y[N,C,1,1] = mean over H×W (summed in Float64 so the result does not depend on the plane size).
    public static func globalAveragePool(_ x: Tensor, into y: Tensor) {
        let (n, c) = (x.shape[0], x.shape[1])
        let plane = x.count / (n * c)
        precondition(y.shape == Shape(n, c, 1, 1), "global pool output \(y.shape)")
        for i in 0..<n * c {
            let src = x.pointer + i * plane
            var s = 0.0
            for p in 0..<plane { s += Double(src[p]) }
            y.pointer[i] = Float(s / Double(plane))
        }
    }
}
