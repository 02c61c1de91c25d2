import CWorkerPool

/// Kernel threads that spin between runs (then sleep after about a millisecond of no work), so that a layer's
/// `parallelFor` starts its shares in about a microsecond.
///
/// `DispatchQueue.concurrentPerform` wakes sleeping threads on every call: measured here, that cost 35-120 µs
/// a call when work came every 30 µs, often long enough that the calling thread had run every share itself.
/// One thread at a time runs a pool; a second caller (several multi-threaded workers at once) is told so and
/// goes elsewhere. The helpers live as long as the process.
final class WorkerPool: @unchecked Sendable {
    /// The pool `parallelFor` uses.
    static let shared = WorkerPool()

    private let pool: OpaquePointer?

    init() { pool = facet_pool_create() }

    /// Runs `task(i)` for i in 0..<count, i on its own thread (0 on the caller's), and returns true; or returns
    /// false without running anything when the pool is busy or cannot start its threads.
    func run(_ count: Int, _ task: @Sendable (Int) -> Void) -> Bool {
        guard let pool else { return false }
        return withoutActuallyEscaping(task) { task in
            var task = task
            return withUnsafeMutablePointer(to: &task) { context in
                facet_pool_run(pool, count, { context, index in
                    context!.assumingMemoryBound(to: (@Sendable (Int) -> Void).self).pointee(index)
                }, context) == 0
            }
        }
    }
}
