import ArgumentParser
import Foundation

/// What a batch did. `finish()` prints the one-line summary and turns failures into the exit status.
public struct BatchSummary: Sendable {
    public let label: String
    public var done = 0
    public var skipped = 0
    public var failed: [String] = []
    public var seconds: Double = 0
    public var interrupted = false

    public init(label: String) { self.label = label }

    public var line: String {
        let rate = seconds > 0 ? Double(done) / seconds : 0
        return "\(label): \(done) done, \(skipped) skipped (output exists), \(failed.count) failed in "
            + String(format: "%.1f s (%.2f/s)", seconds, rate) + (interrupted ? ", interrupted" : "")
    }

    /// Prints the summary on stderr; throws exit status 130 if interrupted, 1 if any input failed.
    public func finish(quiet: Bool = false) throws {
        if !quiet || !failed.isEmpty { Console.info(line) }
        if interrupted { throw ExitCode(130) }
        if !failed.isEmpty { throw ExitCode(1) }
    }
}
