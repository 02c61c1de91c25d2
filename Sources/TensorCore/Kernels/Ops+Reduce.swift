extension Ops {
    /// labels[n,h,w] = the channel of the largest x[n,:,h,w]; the first maximum wins ties.
    ///
    /// Channels are scanned plane by plane over a block of pixels (keeping the running maxima in `best`), so
    /// each read is sequential; blocks are split over `workers` threads when the map is large.
    public static func argmaxChannels(_ x: Tensor, into labels: UnsafeMutablePointer<UInt8>, workers: Int) {
        let (n, c) = (x.shape[0], x.shape[1])
        precondition(c >= 1 && c <= 256, "argmax into UInt8 needs 1 to 256 channels, got \(c)")
        let plane = x.count / (n * c)
        let block = 128  // 512 bytes of running maxima: small enough for the stack
        let blocksPerImage = (plane + block - 1) / block
        let out = SendablePointer(labels)
        parallelFor(n * blocksPerImage, workers: x.count >= 1 << 16 ? workers : 1) { job in
            let (i, b) = job.quotientAndRemainder(dividingBy: blocksPerImage)
            let first = b * block, count = min(block, plane - first)
            let base = x.pointer + i * c * plane + first
            let labelRow = out.base + i * plane + first
            withUnsafeTemporaryAllocation(of: Float.self, capacity: block) { best in
                for p in 0..<count {
                    best[p] = base[p]
                    labelRow[p] = 0
                }
                for ch in 1..<c {
                    let values = base + ch * plane
                    for p in 0..<count where values[p] > best[p] {
                        best[p] = values[p]
                        labelRow[p] = UInt8(ch)
                    }
                }
            }
        }
    }

    /// Each row of x[N, D] divided by its L2 norm; a zero row stays zero (as scikit-learn's `normalize`).
    public static func l2NormalizeRows(_ x: Tensor, into y: Tensor) {
        let n = x.shape[0], d = x.count / n
        precondition(y.count == x.count)
        for r in 0..<n {
            let src = x.pointer + r * d, dst = y.pointer + r * d
            var s = 0.0
            for j in 0..<d { s += Double(src[j]) * Double(src[j]) }
            let norm = s.squareRoot()
            let inv = norm > 0 ? Float(1 / norm) : 1
            for j in 0..<d { dst[j] = src[j] * inv }
        }
    }
}
