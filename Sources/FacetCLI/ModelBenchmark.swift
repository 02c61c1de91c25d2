import ArgumentParser
import Checkpoints
import Dispatch
import FaceModels
import Foundation
import TensorCore

/// The timing loop and report shared by `facet bench bisenet` and `facet bench iresnet`.
///
/// `warmup` untimed passes over the batch, then `iterations` timed ones. With `.layers`, one worker runs the whole
/// batch and every layer splits its work over `threads`; with `.images`, `threads` workers each run their share of
/// the batch with their own `InferenceWorkspace`, one thread each (how `facet` processes image lists). OpenBLAS is
/// single-threaded in both. The report
/// includes the workspaces' buffer allocations during the timed passes, which must be 0.
struct ModelBenchmark {
    enum Parallelism: String, ExpressibleByArgument, CaseIterable, Sendable {
        case layers, images
    }

    struct Report: Encodable {
        let model: String
        let batch: Int
        let threads: Int
        let parallel: String
        let iterations: Int
        let imagesPerSecond: Double
        let millisecondsPerBatch: Double
        let bestMillisecondsPerBatch: Double
        let allocationsDuringWarmup: Int
        let allocationsPerImageAfterWarmup: Double
        let workspaceMegabytes: Double
        let weights: String
        let blasCore: String
    }

    let model: String
    let weights: String
    let batch: Int
    let threads: Int
    let parallel: Parallelism
    let warmup: Int
    let iterations: Int

    /// Times `forward(workspace, items)`, which must run batch items `items` using `workspace`.
    func run(_ forward: @escaping @Sendable (InferenceWorkspace, Range<Int>) -> Void) -> Report {
        let split = parallel == .images
            ? ThreadSplit(workers: min(threads, batch), kernelThreads: 1) : ThreadSplit(workers: 1, kernelThreads: threads)
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
        var times: [Double] = []
        let clock = ContinuousClock()
        for _ in 0..<iterations {
            let elapsed = clock.measure { pass() }
            times.append(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)
        }
        let median = times.sorted()[times.count / 2]
        return Report(
            model: model, batch: batch, threads: threads, parallel: parallel.rawValue, iterations: iterations,
            imagesPerSecond: Double(batch) / median, millisecondsPerBatch: 1000 * median,
            bestMillisecondsPerBatch: 1000 * (times.min() ?? 0), allocationsDuringWarmup: warmAllocations,
            allocationsPerImageAfterWarmup: Double(pool.allocations - warmAllocations) / Double(batch * iterations),
            workspaceMegabytes: Double(pool.floatsHeld * 4) / 1_048_576, weights: weights, blasCore: BLAS.coreName)
    }

    /// The report on stdout: one JSON object (snake_case keys), or one readable line.
    static func emit(_ report: Report, json: Bool) throws {
        if json {
            let encoder = JSONEncoder()
            encoder.keyEncodingStrategy = .convertToSnakeCase
            encoder.outputFormatting = [.sortedKeys]
            FileHandle.standardOutput.write(try encoder.encode(report) + Data("\n".utf8))
        } else {
            let line = String(
                format: "%@ batch %d, %d thread(s) over %@: %.2f images/s (%.1f ms/batch, best %.1f), "
                    + "%.0f MB workspace, %g allocations per image after warm-up\n",
                report.model, report.batch, report.threads, report.parallel, report.imagesPerSecond,
                report.millisecondsPerBatch, report.bestMillisecondsPerBatch, report.workspaceMegabytes,
                report.allocationsPerImageAfterWarmup)
            FileHandle.standardOutput.write(Data(line.utf8))
        }
    }

    /// Synthetic stand-in weights (`SyntheticWeights`, with a cheap deterministic generator instead of the
    /// tests' NamedRandom: timing does not depend on the values, only on their magnitudes).
    static func syntheticValues(key: String, shape: [Int]) -> [Float] {
        SyntheticWeights.values(key: key, shape: shape) { _, count, scale in
            (0..<count).map { i in (Float(UInt32(truncatingIfNeeded: i &* 2_654_435_761) >> 8) / 8_388_608 - 1) * scale }
        }
    }
}

/// One workspace per benchmark worker. Worker `w` only ever touches `workspaces[w]`, which is what makes sharing
/// the pool across the `concurrentPerform` body safe.
private final class WorkspacePool: @unchecked Sendable {
    let workspaces: [InferenceWorkspace]
    init(count: Int, threads: Int) { workspaces = (0..<count).map { _ in InferenceWorkspace(threads: threads) } }
    var allocations: Int { workspaces.reduce(0) { $0 + $1.allocations } }
    var floatsHeld: Int { workspaces.reduce(0) { $0 + $1.floatsHeld } }
}
