import TensorCore

extension MetricsReport {
    /// The most FMR targets or thresholds one report takes: each is a row of the report and a pass over the curve.
    public static let maximumPoints = 1000

    /// Refuses an empty list, more than `maximumPoints`, or a target that is not a rate in (0, 1].
    public static func checkTargets(_ targets: [Double], _ setting: String) throws {
        guard (1...maximumPoints).contains(targets.count) else {
            throw FacetError(.usage, "\(setting): \(targets.count) values; give 1 to \(maximumPoints)")
        }
        for target in targets { try SettingCheck.number(target, in: 0...1, setting, positive: true) }
    }

    /// Refuses more than `maximumPoints` thresholds, or one that is not finite.
    public static func checkThresholds(_ thresholds: [Double], _ setting: String) throws {
        guard thresholds.count <= maximumPoints else {
            throw FacetError(.usage, "\(setting): \(thresholds.count) values; give at most \(maximumPoints)")
        }
        for threshold in thresholds where !threshold.isFinite {
            throw FacetError(.usage, "\(setting) \(threshold): must be a finite number")
        }
    }
}
