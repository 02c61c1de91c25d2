extension Ops {
    /// Max pool k×k, stride s, padding p (padding counts as −∞), floor mode.
    ///
    /// Per output row, first the elementwise max of its window rows (a contiguous, vectorizable pass), then the
    /// max over each k-wide window of that row. Planes are split over `workers` threads when the map is large.
    public static func maxPool2d(
        _ x: Tensor, kernel k: Int, stride s: Int, padding p: Int, into y: Tensor, workers: Int
    ) {
        let (n, c, h, w) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3])
        let oh = (h + 2 * p - k) / s + 1, ow = (w + 2 * p - k) / s + 1
        precondition(y.shape == Shape(n, c, oh, ow), "maxpool output \(y.shape), expected \([n, c, oh, ow])")
        parallelFor(n * c, workers: x.count >= 1 << 16 ? workers : 1) { plane in
            let src = x.pointer + plane * h * w, dst = y.pointer + plane * oh * ow
            withUnsafeTemporaryAllocation(of: Float.self, capacity: w) { buffer in
                let rowMax = buffer.baseAddress!
                for oy in 0..<oh {
                    let out = dst + oy * ow
                    let rows = max(oy * s - p, 0)..<min(oy * s - p + k, h)
                    guard let first = rows.first else {
                        for ox in 0..<ow { out[ox] = -.infinity }
                        continue
                    }
                    // rowMax[ix] = max over the window rows of x[iy, ix]
                    rowMax.update(from: src + first * w, count: w)
                    for iy in rows.dropFirst() {
                        let row = src + iy * w
                        for ix in 0..<w { rowMax[ix] = max(rowMax[ix], row[ix]) }
                    }
                    // out[ox] = max of rowMax over columns ox·s − p ..< ox·s − p + k, clipped to the image
                    for ox in 0..<ow {
                        let x0 = ox * s - p
                        if k == 3 && x0 >= 0 && x0 + 3 <= w {  // BiSeNet's 3×3 pool, away from the border
                            out[ox] = max(rowMax[x0], max(rowMax[x0 + 1], rowMax[x0 + 2]))
                            continue
                        }
                        var m = -Float.infinity
                        for ix in max(x0, 0)..<max(max(x0, 0), min(x0 + k, w)) { m = max(m, rowMax[ix]) }
                        out[ox] = m
                    }
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
