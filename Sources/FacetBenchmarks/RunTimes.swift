/// The wall times of repeated runs of one piece of work, in seconds, and their median and fastest.
struct RunTimes {
    let seconds: [Double]

    /// Times `runs` runs of `body` (at least one); warm-up runs, if any, are the caller's.
    init(runs: Int, _ body: () -> Void) {
        precondition(runs >= 1, "timing needs at least one run, got \(runs)")
        let clock = ContinuousClock()
        seconds = (0..<runs).map { _ in
            let elapsed = clock.measure(body).components
            return Double(elapsed.seconds) + Double(elapsed.attoseconds) * 1e-18
        }
    }

    /// The middle time, or the mean of the two middle ones for an even count.
    var median: Double { Self.median(seconds) }

    /// The middle value of `values` (at least one), or the mean of the two middle ones for an even count.
    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted(), middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }

    /// The fastest run: on a shared machine, the least disturbed one.
    var best: Double { seconds.min() ?? 0 }
}
