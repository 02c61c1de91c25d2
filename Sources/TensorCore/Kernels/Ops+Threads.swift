import Synchronization

extension Ops {
    private static let threadSetting = Atomic<Int>(1)

    /// Threads one kernel call splits its work over: the default of every `workers:` parameter.
    ///
    /// The kernels split their GEMMs themselves (a share of the output rows or tiles per thread, each with a
    /// single-threaded sgemm), so run models with OpenBLAS at one thread (`BLAS.threads = 1`) and set this
    /// instead. Leaving the split to OpenBLAS was slower: its pool threads spin in `sched_yield` between calls
    /// and take the core from whatever runs in between (BiSeNet at 2 threads ran slower than at 1).
    public static var threads: Int {
        get { threadSetting.load(ordering: .relaxed) }
        set { threadSetting.store(max(1, newValue), ordering: .relaxed) }
    }
}
