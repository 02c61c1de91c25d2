extension Ops {
    /// y[N,O] = x[N,I] · w[O,I]ᵀ + bias[O]. `x` may have any shape whose trailing elements per item number I
    /// (a flattened NCHW feature map is C-major, as PyTorch's `flatten`).
    public static func linear(_ x: Tensor, weight w: Tensor, bias: Tensor?, into y: Tensor) {
        let n = x.shape[0], o = w.shape[0], i = w.shape[1]
        precondition(x.count == n * i, "linear input \(x.shape) vs weight \(w.shape)")
        precondition(y.shape == Shape(n, o), "linear output \(y.shape), expected [\(n), \(o)]")
        if n == 1 {
            // One item (an embedding per image): a matrix-vector product, about twice as fast as sgemm with M = 1
            // on the 25088×512 fc, which is bound by reading its 51 MB of weights.
            BLAS.sgemv(m: o, n: i, a: w.pointer, lda: i, x: x.pointer, y: y.pointer)  // y[O] = w[O, I] · x[I]
        } else {
            // y[N, O] = x[N, I] · w[O, I]ᵀ
            BLAS.sgemm(transB: true, m: n, n: o, k: i, a: x.pointer, lda: i, b: w.pointer, ldb: i, c: y.pointer, ldc: o)
        }
        if let bias {
            precondition(bias.shape == Shape(o), "linear bias \(bias.shape), expected [\(o)]")
            for r in 0..<n {
                for j in 0..<o { y.pointer[r * o + j] += bias.pointer[j] }
            }
        }
    }
}
