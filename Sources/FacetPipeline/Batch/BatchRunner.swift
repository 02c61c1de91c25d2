import Dispatch
import Foundation
import Synchronization
import TensorCore

/// Runs a batch over several worker threads, each with its own state (a model's buffers, say), keeping going past
/// bad inputs: each failure is logged as it happens and counted; the summary says what happened.
public enum BatchRunner {
    /// One item at a time per worker.
    /// - Parameters:
    ///   - workers: threads; each calls `makeWorker` once and then takes items in list order.
    ///   - log: failures and progress.
    ///   - stop: checked before each item; the batch ends after the items in flight.
    ///   - makeWorker: per-thread state (not shared, so it need not be `Sendable`).
    ///   - process: handles one item; a thrown error marks the item failed and the batch goes on.
    public static func run<Worker>(
        _ label: String, items: [BatchItem], workers: Int, log: any PipelineLog = SilentLog(),
        stop: StopRequest = StopRequest(),
        makeWorker: @Sendable () throws -> Worker,
        process: @Sendable (inout Worker, BatchItem) throws -> BatchOutcome
    ) throws -> BatchSummary {
        try runChunks(
            label, items: items, chunkSize: 1, workers: workers, log: log, stop: stop, makeWorker: makeWorker,
            process: { worker, chunk in [Result { try process(&worker, chunk[chunk.startIndex]) }] })
    }

    /// Up to `chunkSize` consecutive items at a time per worker (for models that run a batch per forward pass).
    /// `process` returns one result per item of its chunk, in order.
    public static func runChunks<Worker>(
        _ label: String, items: [BatchItem], chunkSize: Int, workers: Int, log: any PipelineLog = SilentLog(),
        stop: StopRequest = StopRequest(),
        makeWorker: @Sendable () throws -> Worker,
        process: @Sendable (inout Worker, ArraySlice<BatchItem>) -> [Result<BatchOutcome, Error>]
    ) throws -> BatchSummary {
        precondition(chunkSize >= 1)
        let start = Date()
        let next = Atomic<Int>(0)
        let state = Mutex(BatchSummary(label: label))
        let setupError = Mutex<Error?>(nil)
        let chunks = (items.count + chunkSize - 1) / chunkSize
        let threads = max(1, min(workers, chunks))

        DispatchQueue.concurrentPerform(iterations: threads) { _ in
            var worker: Worker
            do { worker = try makeWorker() } catch {
                setupError.withLock { $0 = $0 ?? error }
                return
            }
            while !stop.isRequested {
                let c = next.add(1, ordering: .relaxed).oldValue
                guard c < chunks else { break }
                let chunk = items[c * chunkSize..<min(items.count, (c + 1) * chunkSize)]
                let outcomes = process(&worker, chunk)
                precondition(outcomes.count == chunk.count, "one result per item")
                let finished = state.withLock { s -> Int in
                    for (item, outcome) in zip(chunk, outcomes) {
                        switch outcome {
                        case .success(.done): s.done += 1
                        case .success(.skipped): s.skipped += 1
                        case .failure(let error):
                            s.failed.append(item.path)
                            log.endProgress()
                            log.error(BatchRunner.message(error, item: item))
                        }
                    }
                    return s.done + s.skipped + s.failed.count
                }
                log.progress(label, finished: finished, total: items.count)
            }
        }
        log.endProgress()
        if let error = setupError.withLock({ $0 }) { throw error }
        return state.withLock { s in
            s.seconds = Date().timeIntervalSince(start)
            s.interrupted = stop.isRequested && s.done + s.skipped + s.failed.count < items.count
            s.failed.sort()
            return s
        }
    }

    /// One line naming the file and the problem.
    static func message(_ error: Error, item: BatchItem) -> String {
        if let e = error as? FacetError {
            return e.message.hasPrefix(item.path) ? e.message : "\(item.path): \(e.message)"
        }
        return "\(item.path): \(error)"
    }
}
