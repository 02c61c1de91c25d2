import Checkpoints
import FaceModels
import Foundation
import TensorCore

/// The timing loop and report shared by `facet bench bisenet` and `facet bench iresnet`.
///
/// One `InferenceWorkspace`, OpenBLAS set to `threads`; `warmup` untimed passes, then `iterations` timed passes.
/// The report includes the workspace's buffer allocations during the timed passes, which must be 0.
struct ModelBenchmark {
    struct Report: Encodable {
        let model: String
        let batch: Int
        let threads: Int
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
    let warmup: Int
    let iterations: Int

    func run(_ forward: (InferenceWorkspace) -> Void) -> Report {
        BLAS.threads = threads
        let workspace = InferenceWorkspace()
        for _ in 0..<warmup { forward(workspace) }
        let warmAllocations = workspace.allocations
        var times: [Double] = []
        let clock = ContinuousClock()
        for _ in 0..<iterations {
            let elapsed = clock.measure { forward(workspace) }
            times.append(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)
        }
        let total = times.reduce(0, +)
        return Report(
            model: model, batch: batch, threads: threads, iterations: iterations,
            imagesPerSecond: Double(batch * iterations) / total, millisecondsPerBatch: 1000 * total / Double(iterations),
            bestMillisecondsPerBatch: 1000 * (times.min() ?? 0), allocationsDuringWarmup: warmAllocations,
            allocationsPerImageAfterWarmup: Double(workspace.allocations - warmAllocations) / Double(batch * iterations),
            workspaceMegabytes: Double(workspace.floatsHeld * 4) / 1_048_576, weights: weights, blasCore: BLAS.coreName)
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
                format: "%@ batch %d, %d thread(s): %.2f images/s (%.1f ms/batch, best %.1f), %.0f MB workspace, "
                    + "%g allocations per image after warm-up\n",
                report.model, report.batch, report.threads, report.imagesPerSecond, report.millisecondsPerBatch,
                report.bestMillisecondsPerBatch, report.workspaceMegabytes, report.allocationsPerImageAfterWarmup)
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

    /// A weight file as a `WeightStore`.
    static func loadWeights(path: String) throws -> WeightStore {
        // Becomes `try CheckpointFormat.detect(path: path).load(path: path)` when the importers land on main.
        throw FacetError(.unsupported, "\(path): weight file import is not built in yet; omit --weights for synthetic weights")
    }
}
