import Foundation
import TensorCore

/// What an array task leaves in `<root>/slurm/status/` when it ends: whether its shard is finished, the inputs
/// that failed (the final job retries and reports them, as a local rerun would), and the error that stopped it.
/// Written atomically as the task's last act, so a shard counts as finished only once its outputs are.
struct TaskRecord: Codable, Sendable {
    enum Status: String, Codable, Sendable {
        case done
        /// Finished; some inputs failed (named in `failedInputs`).
        case someFailed = "some-failed"
        /// An error stopped the task (`message`); the shard is not finished.
        case failed
    }

    let stage: ExperimentStep.Stage
    let shard: Shard
    let status: Status
    var failedInputs: [String] = []
    var message: String?
    let seconds: Double
    let finishedAt: String
    let host: String

    var isFinished: Bool { status != .failed }

    func write(to path: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try AtomicFile.write(try encoder.encode(self), to: path)
    }

    /// The record at `path`, or nil when there is none (or it cannot be read: the shard then runs again).
    static func read(_ path: String) -> TaskRecord? {
        FileManager.default.contents(atPath: path).flatMap { try? JSONDecoder().decode(TaskRecord.self, from: $0) }
    }
}
