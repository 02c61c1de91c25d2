import Foundation

/// Progress for a log file or a scheduler's output, where stderr is not a terminal: a plain line each time
/// another tenth of the items is done or `interval` seconds after the last line, whichever comes first, and one
/// at the end: `extract: 1234/31706 (3.9%), 8.4/s, ETA 01:00:12`.
struct ProgressReport {
    let label: String
    let total: Int
    let interval: Double
    private let start: Date
    private var lastLine: Date
    private var lastTenth = 0

    static let defaultInterval = 30.0

    init(label: String, total: Int, interval: Double = Self.defaultInterval, now: Date = Date()) {
        self.label = label
        self.total = total
        self.interval = interval
        start = now
        lastLine = now
    }

    /// The line to write with `finished` items done at `now`, if one is due.
    mutating func line(_ finished: Int, now: Date = Date()) -> String? {
        let tenth = total > 0 ? 10 * finished / total : 10
        guard finished == total || tenth > lastTenth || now.timeIntervalSince(lastLine) >= interval else { return nil }
        lastTenth = tenth
        lastLine = now
        return ProgressLine.status(label, finished: finished, total: total, seconds: now.timeIntervalSince(start), plain: true)
    }
}
