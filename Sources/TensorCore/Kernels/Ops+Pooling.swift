extension Ops {
    /// Max pool k×k, stride s, padding p (padding counts as −∞), floor mode.
    ///
    /// Window rows are folded into the output row one at a time, and the columns whose window lies wholly
    /// inside the image skip the bounds checks. Planes are split over `workers` threads when the map is large.
    public static func maxPool2d(
        _ x: Tensor, kernel k: Int, stride s: Int, padding p: Int, into y: Tensor, workers: Int = BLAS.threads
    ) {
        let (n, c, h, w) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3])
        let oh = (h + 2 * p - k) / s + 1, ow = (w + 2 * p - k) / s + 1
        precondition(y.shape == Shape(n, c, oh, ow), "maxpool output \(y.shape), expected \([n, c, oh, ow])")
        // Output columns lo..<hi have their whole window inside the image: ox·s − p ≥ 0 and ox·s − p + k ≤ w.
        let lo = min(ow, (p + s - 1) / s)
        let hi = max(lo, min(ow, w + p - k >= 0 ? (w + p - k) / s + 1 : 0))
        parallelFor(n * c, workers: x.count >= 1 << 16 ? workers : 1) { plane in
            let src = x.pointer + plane * h * w, dst = y.pointer + plane * oh * ow
            for oy in 0..<oh {
                let out = dst + oy * ow
                for ox in 0..<ow { out[ox] = -.infinity }
                for iy in max(oy * s - p, 0)..<min(oy * s - p + k, h) {
                    let row = src + iy * w
                    for ox in 0..<lo { out[ox] = max(out[ox], windowMax(row, from: ox * s - p, count: k, width: w)) }
                    for ox in lo..<hi {
                        let window = row + (ox * s - p)
                        var m = out[ox]
                        for j in 0..<k { m = max(m, window[j]) }
                        out[ox] = m
                    }
                    for ox in hi..<ow { out[ox] = max(out[ox], windowMax(row, from: ox * s - p, count: k, width: w)) }
                }
            }
        }
    }

    /// max of row[first..<first+count] clipped to 0..<width (−∞ when nothing is left).
    @inline(__always)
    private static func windowMax(_ row: UnsafeMutablePointer<Float>, from first: Int, count: Int, width: Int) -> Float {
        var m = -Float.infinity
        for j in max(first, 0)..<max(max(first, 0), min(first + count, width)) { m = max(m, row[j]) }
        return m
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
