import Dispatch
import Foundation
import Synchronization
import TensorCore

/// What processing one item came to.
public enum BatchOutcome: Sendable {
    case done
    /// Its outputs already existed (reruns skip finished work).
    case skipped
}

/// Runs a batch over several worker threads, each with its own state (a model workspace, say), keeping going past
/// bad inputs: each failure is reported on stderr as it happens and counted; the summary says what happened.
public enum BatchRunner {
    /// - Parameters:
    ///   - workers: threads; each calls `makeWorker` once and then takes items in list order.
    ///   - makeWorker: per-thread state (not shared, so it need not be `Sendable`).
    ///   - process: handles one item; a thrown error marks the item failed and the batch goes on.
    public static func run<Worker>(
        _ label: String, items: [BatchItem], workers: Int, showProgress: Bool = Console.isTerminal,
        makeWorker: @Sendable () throws -> Worker,
        process: @Sendable (inout Worker, BatchItem) throws -> BatchOutcome
    ) throws -> BatchSummary {
        Interrupt.install()
        let progress = Progress(label: label, total: items.count, enabled: showProgress)
        let next = Atomic<Int>(0)
        let state = Mutex(BatchSummary(label: label))
        let setupError = Mutex<Error?>(nil)
        let threads = max(1, min(workers, items.count))

        DispatchQueue.concurrentPerform(iterations: threads) { _ in
            var worker: Worker
            do { worker = try makeWorker() } catch {
                setupError.withLock { $0 = $0 ?? error }
                return
            }
            while !Interrupt.isRequested {
                let i = next.add(1, ordering: .relaxed).oldValue
                guard i < items.count else { break }
                let item = items[i]
                let outcome: Result<BatchOutcome, Error> = Result { try process(&worker, item) }
                let finished = state.withLock { s -> Int in
                    switch outcome {
                    case .success(.done): s.done += 1
                    case .success(.skipped): s.skipped += 1
                    case .failure(let error):
                        s.failed.append(item.path)
                        progress.finish()
                        Console.error(BatchRunner.message(error, item: item))
                    }
                    return s.done + s.skipped + s.failed.count
                }
                progress.update(finished)
            }
        }
        progress.finish()
        if let error = setupError.withLock({ $0 }) { throw error }
        return state.withLock { s in
            s.seconds = progress.elapsed
            s.interrupted = Interrupt.isRequested && s.done + s.skipped + s.failed.count < items.count
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
