import COpenBLAS

/// The only door to OpenBLAS. Everything else in Facet calls these.
///
/// OpenBLAS runs single-threaded: before the first product, this door sets its thread count to 1 once. The kernels
/// split their GEMMs themselves (a share of the output rows or tiles per thread, each with a single-threaded
/// sgemm). Leaving the split to OpenBLAS was slower: its pool threads spin in `sched_yield` between calls and take
/// the core from whatever runs in between (BiSeNet at 2 threads ran slower than at 1).
public enum BLAS {
    /// Sets OpenBLAS to one thread the first time it is read (Swift runs a static's initializer exactly once).
    @usableFromInline
    static let singleThreaded: Void = openblas_set_num_threads(1)

    /// C[M×N] = alpha · op(A) · op(B) + beta · C, row-major, with leading dimensions given explicitly.
    @inlinable
    public static func sgemm(
        transA: Bool = false, transB: Bool = false, m: Int, n: Int, k: Int,
        alpha: Float = 1, a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
        beta: Float = 0, c: UnsafeMutablePointer<Float>, ldc: Int
    ) {
        singleThreaded
        cblas_sgemm(
            CblasRowMajor, transA ? CblasTrans : CblasNoTrans, transB ? CblasTrans : CblasNoTrans,
            Int32(m), Int32(n), Int32(k), alpha, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
    }

    /// `sgemm` in Double: the subject bootstrap's weighted histogram counts, integers that stay exact below 2⁵³.
    @inlinable
    public static func dgemm(
        m: Int, n: Int, k: Int, a: UnsafePointer<Double>, lda: Int, b: UnsafePointer<Double>, ldb: Int,
        beta: Double = 0, c: UnsafeMutablePointer<Double>, ldc: Int
    ) {
        singleThreaded
        cblas_dgemm(
            CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(m), Int32(n), Int32(k), 1, a, Int32(lda), b, Int32(ldb),
            beta, c, Int32(ldc))
    }

    /// y[M] = alpha · A[M×N] · x[N] + beta · y, row-major A with leading dimension `lda`, unit strides.
    @inlinable
    public static func sgemv(
        m: Int, n: Int, alpha: Float = 1, a: UnsafePointer<Float>, lda: Int, x: UnsafePointer<Float>,
        beta: Float = 0, y: UnsafeMutablePointer<Float>
    ) {
        singleThreaded
        cblas_sgemv(CblasRowMajor, CblasNoTrans, Int32(m), Int32(n), alpha, a, Int32(lda), x, 1, beta, y, 1)
    }

    /// Threads OpenBLAS uses for one call: 1, once this door has set it up.
    public static var threads: Int {
        singleThreaded
        return Int(openblas_get_num_threads())
    }

    /// OpenBLAS build configuration, e.g. "OpenBLAS 0.3.21 DYNAMIC_ARCH NO_AFFINITY Cooperlake MAX_THREADS=64".
    public static var config: String { String(cString: openblas_get_config()) }

    /// The kernel core OpenBLAS picked at run time, e.g. "Cooperlake" or "Haswell".
    public static var coreName: String { String(cString: openblas_get_corename()) }
}
