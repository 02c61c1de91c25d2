extension Ops {
    /// y[N,O] = x[N,I] · w[O,I]ᵀ + bias[O]. `x` may have any shape whose trailing elements per item number I
    /// (a flattened NCHW feature map is C-major, as PyTorch's `flatten`).
    ///
    /// One matrix-vector product per item, whatever N: an sgemm over the batch would make each item's result
    /// depend on the batch (OpenBLAS's result for an element depends on the GEMM's shape), and sgemv is about
    /// twice as fast as sgemm with M = 1 on the 25088×512 fc, which is bound by reading its 51 MB of weights.
    /// Items are split over `workers` threads; that changes no item's arithmetic.
    public static func linear(_ x: Tensor, weight w: Tensor, bias: Tensor?, into y: Tensor, workers: Int = 1) {
        let n = x.shape[0], o = w.shape[0], i = w.shape[1]
        precondition(x.count == n * i, "linear input \(x.shape) vs weight \(w.shape)")
        precondition(y.shape == Shape(n, o), "linear output \(y.shape), expected [\(n), \(o)]")
        precondition(bias == nil || bias!.shape == Shape(o), "linear bias \(bias!.shape), expected [\(o)]")
        let (input, weight, output) = (SendablePointer(x.pointer), SendablePointer(w.pointer), SendablePointer(y.pointer))
        let biasPointer = bias.map { SendablePointer($0.pointer) }
        parallelFor(n, workers: workers) { r in
            let yr = output.base + r * o
            BLAS.sgemv(m: o, n: i, a: weight.base, lda: i, x: input.base + r * i, y: yr)  // y[O] = w[O, I] · x[I]
            if let biasPointer {
                for j in 0..<o { yr[j] += biasPointer.base[j] }
            }
        }
    }
}
