import Foundation

extension Reference {
    /// Inference batch norm, unfolded: y = (x − mean[c]) / √(var[c] + eps) · γ[c] + β[c], in Float64.
    public static func batchNorm(_ x: Tensor, _ bn: BatchNormParameters) -> Tensor {
        perChannel(x) { v, c in
            let normalized = (Double(v) - Double(bn.mean[c])) / (Double(bn.variance[c]) + bn.epsilon).squareRoot()
            return Float(normalized * Double(bn.gamma[c]) + Double(bn.beta[c]))
        }
    }

    /// y[n,c,…] = x[n,c,…] · scale[c] + shift[c], one float32 multiply and one add.
    public static func channelAffine(_ x: Tensor, scale: [Float], shift: [Float]) -> Tensor {
        perChannel(x) { v, c in v * scale[c] + shift[c] }
    }

    /// y = max(0, x).
    public static func relu(_ x: Tensor) -> Tensor { map(x) { $0 > 0 ? $0 : 0 } }

    /// y = x where x > 0, else slope[c] · x.
    public static func prelu(_ x: Tensor, slope: [Float]) -> Tensor {
        perChannel(x) { v, c in v > 0 ? v : slope[c] * v }
    }

    /// y = 1 / (1 + e^(−x)), evaluated in Float64 and rounded once.
    public static func sigmoid(_ x: Tensor) -> Tensor { map(x) { Float(1 / (1 + exp(-Double($0)))) } }

    /// y = a + b, same shapes.
    public static func add(_ a: Tensor, _ b: Tensor) -> Tensor {
        precondition(a.shape == b.shape)
        let y = Tensor(zeros: a.shape)
        for i in 0..<a.count { y.pointer[i] = a.pointer[i] + b.pointer[i] }
        return y
    }

    /// y[n,c,h,w] = x[n,c,h,w] + v[n,c,0,0].
    public static func addChannels(_ x: Tensor, _ v: Tensor) -> Tensor { broadcast(x, v, +) }

    /// y[n,c,h,w] = x[n,c,h,w] · v[n,c,0,0].
    public static func mulChannels(_ x: Tensor, _ v: Tensor) -> Tensor { broadcast(x, v, *) }

    /// y[n, c, h, w] = a[n, c, h, w] for c < Ca, else b[n, c − Ca, h, w].
    public static func concatChannels(_ a: Tensor, _ b: Tensor) -> Tensor {
        let (n, ca, cb, h, w) = (a.shape[0], a.shape[1], b.shape[1], a.shape[2], a.shape[3])
        let y = Tensor(zeros: Shape(n, ca + cb, h, w))
        for i in 0..<n {
            for c in 0..<ca + cb {
                for p in 0..<h * w {
                    y.pointer[(i * (ca + cb) + c) * h * w + p] =
                        c < ca ? a.pointer[(i * ca + c) * h * w + p] : b.pointer[(i * cb + c - ca) * h * w + p]
                }
            }
        }
        return y
    }

    // MARK: - Helpers

    private static func map(_ x: Tensor, _ f: (Float) -> Float) -> Tensor {
        let y = Tensor(zeros: x.shape)
        for i in 0..<x.count { y.pointer[i] = f(x.pointer[i]) }
        return y
    }

    /// Applies f(value, channel) with the channel taken from axis 1 of an [N, C, …] tensor.
    private static func perChannel(_ x: Tensor, _ f: (Float, Int) -> Float) -> Tensor {
        let (n, c) = (x.shape[0], x.shape[1])
        let plane = x.count / (n * c)
        let y = Tensor(zeros: x.shape)
        for i in 0..<x.count { y.pointer[i] = f(x.pointer[i], (i / plane) % c) }
        return y
    }

    private static func broadcast(_ x: Tensor, _ v: Tensor, _ f: (Float, Float) -> Float) -> Tensor {
        let (n, c) = (x.shape[0], x.shape[1])
        precondition(v.shape == Shape(n, c, 1, 1))
        let plane = x.count / (n * c)
        let y = Tensor(zeros: x.shape)
        for i in 0..<x.count { y.pointer[i] = f(x.pointer[i], v.pointer[i / plane]) }
        return y
    }
}
