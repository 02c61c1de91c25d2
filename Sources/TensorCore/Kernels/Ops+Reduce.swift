extension Ops {
    /// labels[n,h,w] = the channel of the largest x[n,:,h,w]; the first maximum wins ties.
    public static func argmaxChannels(_ x: Tensor, into labels: UnsafeMutablePointer<UInt8>) {
        let (n, c) = (x.shape[0], x.shape[1])
        precondition(c <= 256, "argmax into UInt8 needs at most 256 channels, got \(c)")
        let plane = x.count / (n * c)
        for i in 0..<n {
            let base = x.pointer + i * c * plane
            for p in 0..<plane {
                var best = base[p], arg = 0
                for ch in 1..<c where base[ch * plane + p] > best {
                    best = base[ch * plane + p]
                    arg = ch
                }
                labels[i * plane + p] = UInt8(arg)
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
