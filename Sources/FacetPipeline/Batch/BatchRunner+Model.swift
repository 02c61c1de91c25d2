import TensorCore

extension BatchRunner {
    /// Runs a model over `items`, `batch` at a time: `threads` split into one worker per batch (at most `threads`)
    /// and kernel threads for each worker's layers (`ThreadSplit.forBatches`), each worker with its own buffers.
    public static func runModel(
        _ label: String, items: [BatchItem], batch: Int, threads: Int, log: any PipelineLog, stop: StopRequest,
        process: @Sendable (InferenceBuffers, ArraySlice<BatchItem>) -> [Result<BatchOutcome, Error>]
    ) throws -> BatchSummary {
        // The commands check these with their flag names first; library callers get the same limits.
        try ThreadSplit.checkBatch(batch, "batch")
        try ThreadSplit.checkThreads(threads, "threads")
        let split = ThreadSplit.forBatches(itemCount: items.count, batch: batch, threads: threads)
        return try runChunks(
            label, items: items, chunkSize: batch, workers: split.workers, log: log, stop: stop,
            makeWorker: { InferenceBuffers(threads: split.kernelThreads) }, process: { buffers, chunk in process(buffers, chunk) })
    }
}
