import Foundation
import TensorCore

/// What a batch did.
public struct BatchSummary: Sendable {
    public let label: String
    public var done = 0
    public var skipped = 0
    /// The inputs that failed, sorted (each was logged with its problem).
    public var failed: [String] = []
    public var seconds: Double = 0
    /// The batch stopped on request before every item was handled.
    public var interrupted = false

    public init(label: String) { self.label = label }

    /// `parse: 40 done, 0 skipped (output exists), 0 failed in 3.1 s (12.90/s)`.
    public var line: String {
        let rate = seconds > 0 ? Double(done) / seconds : 0
        return "\(label): \(done) done, \(skipped) skipped (output exists), \(failed.count) failed in "
            + String(format: "%.1f s (%.2f/s)", seconds, rate) + (interrupted ? ", interrupted" : "")
    }

    /// Logs the summary line: as a notice when inputs failed, so a quiet log still shows it.
    public func report(to log: any PipelineLog) {
        if failed.isEmpty { log.info(line) } else { log.notice(line) }
    }
}
