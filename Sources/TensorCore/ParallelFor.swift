import Dispatch
import Foundation

/// Runs `body(i)` for every `i` in `0..<count`, spread over `workers` threads (serially when `workers <= 1`).
///
/// The split is fixed: share `s` of `min(workers, count)` is `count·s / shares ..< count·(s + 1) / shares`, so a
/// kernel's arithmetic never depends on which thread ran what. The shares go to `WorkerPool`'s spinning threads;
/// when another thread holds the pool, or there are more shares than cores, to `DispatchQueue.concurrentPerform`.
/// (Spinning threads beyond the cores take the cores from the threads with work: IResNet-18 at 8 threads on
/// 2 cores ran 9× slower than at 2.)
public func parallelFor(_ count: Int, workers: Int, _ body: @Sendable (Int) -> Void) {
    if workers <= 1 || count <= 1 {
        for i in 0..<count { body(i) }
        return
    }
    let shares = min(workers, count)
    let share: @Sendable (Int) -> Void = { s in
        for i in count * s / shares..<count * (s + 1) / shares { body(i) }
    }
    if shares <= spinningShares {
        if WorkerPool.shared.run(shares, share) { return }
    }
    DispatchQueue.concurrentPerform(iterations: shares, execute: share)
}

/// The most shares `parallelFor` gives the spinning pool: one per core.
private let spinningShares = ProcessInfo.processInfo.activeProcessorCount
