import TensorCore

/// The bounds of a benchmark's warm-up and timed run counts, so a typo cannot keep the machine busy for days.
public enum BenchmarkRuns {
    public static let maximum = 10_000

    /// Refuses a run count outside 1…`maximum`.
    public static func check(_ runs: Int, _ setting: String) throws {
        try SettingCheck.integer(runs, in: 1...maximum, setting, unit: "runs")
    }
}
