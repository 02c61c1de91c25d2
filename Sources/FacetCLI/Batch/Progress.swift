import Foundation

/// A single redrawn status line on stderr, drawn only when stderr is a terminal and at most ten times a second:
/// `parse  1,234/31,706  (3.9%)  8.4 img/s  ETA 01:00:12`. Pipes and log files get no escape codes.
public final class Progress: @unchecked Sendable {
    private let label: String
    private let total: Int
    private let enabled: Bool
    private let start = Date()
    private var lastDraw = Date.distantPast
    private let lock = NSLock()

    public init(label: String, total: Int, enabled: Bool = Console.isTerminal) {
        self.label = label
        self.total = total
        self.enabled = enabled
    }

    public var elapsed: TimeInterval { Date().timeIntervalSince(start) }

    /// Redraws with `finished` items done (rate-limited).
    public func update(_ finished: Int) {
        guard enabled else { return }
        lock.lock()
        defer { lock.unlock() }
        let now = Date()
        guard finished == total || now.timeIntervalSince(lastDraw) >= 0.1 else { return }
        lastDraw = now
        let secs = max(now.timeIntervalSince(start), 1e-9)
        let rate = Double(finished) / secs
        let eta = rate > 0 ? Progress.clock(Double(total - finished) / rate) : "--:--"
        let pct = total > 0 ? 100 * Double(finished) / Double(total) : 100
        Console.write("\r\u{1B}[K\(label)  \(finished)/\(total)  (\(String(format: "%.1f", pct))%)  "
            + "\(String(format: "%.1f", rate))/s  ETA \(eta)")
    }

    /// Clears the line so the summary starts clean.
    public func finish() {
        guard enabled else { return }
        Console.write("\r\u{1B}[K")
    }

    static func clock(_ seconds: Double) -> String {
        let s = Int(seconds.rounded())
        return s >= 3600 ? String(format: "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
            : String(format: "%02d:%02d", s / 60, s % 60)
    }
}
