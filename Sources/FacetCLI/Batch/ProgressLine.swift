import Foundation

/// A single redrawn status line on stderr, for a terminal only, at most ten times a second:
/// `parse  1234/31706  (3.9%)  8.4/s  ETA 01:00:12`. Pipes and log files get no escape codes.
struct ProgressLine {
    let label: String
    let total: Int
    private let start = Date()
    private var lastDraw = Date.distantPast

    init(label: String, total: Int) {
        self.label = label
        self.total = total
    }

    /// Redraws with `finished` items done (rate-limited; the last item is always drawn).
    mutating func update(_ finished: Int) {
        let now = Date()
        guard finished == total || now.timeIntervalSince(lastDraw) >= 0.1 else { return }
        lastDraw = now
        Console.write("\r\u{1B}[K" + Self.status(label, finished: finished, total: total, seconds: now.timeIntervalSince(start)))
    }

    /// `parse  1234/31706  (3.9%)  8.4/s  ETA 01:00:12` after `seconds`; `plain`, for logs:
    /// `parse: 1234/31706 (3.9%), 8.4/s, ETA 01:00:12`.
    static func status(_ label: String, finished: Int, total: Int, seconds: Double, plain: Bool = false) -> String {
        let rate = Double(finished) / max(seconds, 1e-9)
        let eta = rate > 0 ? clock(Double(total - finished) / rate) : "--:--"
        let percent = String(format: "%.1f", total > 0 ? 100 * Double(finished) / Double(total) : 100)
        let speed = String(format: "%.1f", rate)
        return plain
            ? "\(label): \(finished)/\(total) (\(percent)%), \(speed)/s, ETA \(eta)"
            : "\(label)  \(finished)/\(total)  (\(percent)%)  \(speed)/s  ETA \(eta)"
    }

    /// Clears the line so the next message starts clean.
    static func clear() { Console.write("\r\u{1B}[K") }

    static func clock(_ seconds: Double) -> String {
        let s = Int(seconds.rounded())
        return s >= 3600 ? String(format: "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
            : String(format: "%02d:%02d", s / 60, s % 60)
    }
}
