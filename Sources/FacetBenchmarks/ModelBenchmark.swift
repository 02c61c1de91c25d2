import Dispatch
import FaceModels
import TensorCore

/// Times forward passes of a network over one batch, as `facet bench bisenet` and `facet bench iresnet` report them.
///
/// `warmup` untimed passes over the batch, then `iterations` timed ones. With `.layers`, one worker runs the whole
/// batch and every layer splits its work over `threads`; with `.images`, `threads` workers each run their share of
/// the batch with their own `InferenceWorkspace`, one thread each (how `facet` processes image lists). OpenBLAS is
/// single-threaded in both (`BLAS`). The report includes the workspaces' buffer allocations during the timed
/// passes, which must be 0. With `profile`, `iterations` more passes follow with a `LayerProfiler` on every
/// workspace (plus one that names the layers), and the report includes their `ModelProfile`.
public struct ModelBenchmark: Sendable {
    public let batch: Int
    public let threads: Int
    public let parallel: Parallelism
    public let warmup: Int
    public let iterations: Int
    public let profile: Bool

    public init(batch: Int, threads: Int, parallel: Parallelism, warmup: Int, iterations: Int, profile: Bool = false) {
        precondition(
            batch >= 1 && threads >= 1 && warmup >= 1 && iterations >= 1,
            "batch \(batch), threads \(threads), warmup \(warmup) and iterations \(iterations) must be at least 1")
        self.batch = batch
        self.threads = threads
        self.parallel = parallel
        self.warmup = warmup
        self.iterations = iterations
        self.profile = profile
    }

    /// How the passes spend `threads`: one worker splitting every layer, or up to one single-threaded worker per image.
    public var split: ThreadSplit {
        switch parallel {
        case .layers: ThreadSplit(workers: 1, kernelThreads: threads)
        case .images: ThreadSplit(workers: min(threads, batch), kernelThreads: 1)
        }
    }

    /// Times `forward(workspace, items)`, which must run the batch items `items` using `workspace`; each worker calls
    /// it with its own workspace and its share of `0..<batch`. `model` and `weights` only label the report.
    public func run(
        model: String, weights: String, _ forward: @Sendable (InferenceWorkspace, Range<Int>) -> Void
    ) -> Report {
        let workers = split.workers
        let pool = WorkspacePool(count: workers, threads: split.kernelThreads)
        let batch = self.batch
        func pass() {
            DispatchQueue.concurrentPerform(iterations: workers) { w in
                forward(pool.workspaces[w], batch * w / workers..<batch * (w + 1) / workers)
            }
        }
        for _ in 0..<warmup { pass() }
        let warmAllocations = pool.allocations
        let times = RunTimes(runs: iterations, pass)
        let timedAllocations = pool.allocations - warmAllocations
        return Report(
            model: model, batch: batch, threads: threads, parallel: parallel.rawValue, iterations: iterations,
            imagesPerSecond: Double(batch) / times.median, millisecondsPerBatch: 1000 * times.median,
            bestMillisecondsPerBatch: 1000 * times.best, allocationsDuringWarmup: warmAllocations,
            allocationsPerImageAfterWarmup: Double(timedAllocations) / Double(batch * iterations),
            workspaceMegabytes: Double(pool.floatsHeld * 4) / 1_048_576, weights: weights, blasCore: BLAS.coreName,
            profile: profile ? profiledPasses(pool, pass) : nil)
    }

    /// One pass with a profiler on every workspace to name the layers, then `iterations` profiled passes;
    /// the profile is worker 0's.
    private func profiledPasses(_ pool: WorkspacePool, _ pass: () -> Void) -> ModelProfile {
        let profilers = pool.workspaces.map { workspace in
            let profiler = LayerProfiler()
            workspace.profiler = profiler
            return profiler
        }
        defer { for workspace in pool.workspaces { workspace.profiler = nil } }
        pass()
        for profiler in profilers { profiler.discardTimes(reserving: iterations) }
        let allocations = pool.allocations
        let times = RunTimes(runs: iterations, pass)
        return ModelProfile(
            profiler: profilers[0], passSeconds: times.seconds, images: batch / split.workers,
            allocations: pool.allocations - allocations)
    }
}
