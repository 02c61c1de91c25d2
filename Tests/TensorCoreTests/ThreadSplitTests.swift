import Testing
import TensorCore

/// The batch commands' thread rule: one worker per batch, at most the threads; the rest go to each worker's kernels.
struct ThreadSplitTests {
    @Test(arguments: [
        // (items, batch, threads) → (workers, kernel threads)
        (100, 8, 2, 2, 1),  // plenty of batches: one thread per worker
        (1, 1, 4, 1, 4),  // one image: its layers get every thread
        (3, 1, 8, 3, 2),  // three workers share eight threads, two each (the odd one stays idle)
        (0, 8, 2, 1, 2),  // nothing to do still makes one worker
        (9, 8, 2, 2, 1),
    ])
    func forBatches(items: Int, batch: Int, threads: Int, workers: Int, kernelThreads: Int) {
        let split = ThreadSplit.forBatches(itemCount: items, batch: batch, threads: threads)
        #expect(split == ThreadSplit(workers: workers, kernelThreads: kernelThreads))
    }
}
