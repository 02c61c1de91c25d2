import Foundation

/// How a batch job spends its threads: `workers` run batches side by side, and each worker's kernels split their
/// work over `kernelThreads` (the `workers:` parameter of the `Ops` kernels, via `InferenceWorkspace`).
///
/// OpenBLAS itself always runs single-threaded (`BLAS`): the kernels split their GEMMs over their own threads.
public struct ThreadSplit: Sendable, Hashable {
    public let workers: Int
    public let kernelThreads: Int

    /// The most threads any setting may ask for: 16 per core (at least 1). More only adds stacks and scheduling;
    /// far more (say 100,000) makes thread creation fail and the process abort.
    public static let maximumThreads = max(1, 16 * ProcessInfo.processInfo.activeProcessorCount)

    /// Refuses a thread count (of any command or config) outside 1…`maximumThreads`.
    public static func checkThreads(_ threads: Int, _ setting: String) throws {
        try SettingCheck.integer(threads, in: 1...maximumThreads, setting, unit: "(16 per core on this machine)")
    }

    /// The most images any setting may put in one forward pass. The split's arithmetic and the buffers are sized
    /// from the batch, so an absurd one must be refused before it overflows or exhausts memory.
    public static let maximumBatch = 4096

    /// Refuses a batch size (of any command or config) outside 1…`maximumBatch`.
    public static func checkBatch(_ batch: Int, _ setting: String) throws {
        try SettingCheck.integer(batch, in: 1...maximumBatch, setting, unit: "images")
    }

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
