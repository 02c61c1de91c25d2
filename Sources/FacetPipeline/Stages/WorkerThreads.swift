import TensorCore

/// How many workers run a model over a batch, and how the rest of the threads split each worker's layers.
enum WorkerThreads {
    /// Sets up the threads for running a model over `itemCount` images taken `batch` at a time, and returns how
    /// many workers to run: one per batch, at most `threads`. Each worker's layers split over the threads left
    /// over (`Ops.threads`); OpenBLAS stays single-threaded, as the kernels split their GEMMs themselves.
    static func configure(itemCount: Int, batch: Int, threads: Int) -> Int {
        let workers = min(threads, max(1, (itemCount + batch - 1) / batch))
        BLAS.threads = 1
        Ops.threads = max(1, threads / workers)
        return workers
    }
}
