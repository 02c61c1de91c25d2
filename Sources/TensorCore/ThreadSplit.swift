/// How a batch job spends its threads: `workers` run batches side by side, and each worker's kernels split their
/// work over `kernelThreads` (the `workers:` parameter of the `Ops` kernels, via `InferenceWorkspace`).
///
/// OpenBLAS itself always runs single-threaded (`BLAS`): the kernels split their GEMMs over their own threads.
public struct ThreadSplit: Sendable, Hashable {
    public let workers: Int
    public let kernelThreads: Int

    public init(workers: Int, kernelThreads: Int) {
        precondition(workers >= 1 && kernelThreads >= 1, "a thread split needs at least one of each, got \(workers)×\(kernelThreads)")
        self.workers = workers
        self.kernelThreads = kernelThreads
    }

    /// The split for `itemCount` items taken `batch` at a time on `threads` threads: one worker per batch, at most
    /// `threads` (workers = min(threads, max(1, ⌈items / batch⌉))), and each worker's kernels split over the threads
    /// left to it (kernelThreads = max(1, threads / workers)). Whole batches side by side come first because a
    /// worker per batch needs no synchronisation; the kernels only get threads that would otherwise sit idle.
    public static func forBatches(itemCount: Int, batch: Int, threads: Int) -> ThreadSplit {
        precondition(batch >= 1 && threads >= 1, "batch \(batch) and threads \(threads) must be at least 1")
        let workers = min(threads, max(1, (itemCount + batch - 1) / batch))
        return ThreadSplit(workers: workers, kernelThreads: max(1, threads / workers))
    }
}
