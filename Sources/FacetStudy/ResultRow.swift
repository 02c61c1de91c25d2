/// One number of a study, as a row of `results.csv` and an object of `results.json`: tidy (one metric per row),
/// so pandas (`pd.read_csv`, `pd.read_json`) and R (`read.csv`, `jsonlite::fromJSON`) read it with numeric columns.
public struct ResultRow: Encodable, Sendable, Equatable {
    public let group: String
    /// original, blurred or cross.
    public let condition: String
    /// The blurred part; empty for the original condition.
    public let part: String
    /// d_prime, eer, auc, genuine_mean, impostor_mean, fnmr_at_fmr_<target> (e.g. fnmr_at_fmr_0.001), and
    /// fmr_at_original_threshold_<target> / fnmr_at_original_threshold_<target>: the rates at the threshold that
    /// gives the target FMR on the group's original condition (a deployed system's fixed threshold).
    public let metric: String
    public let value: Double?
    /// The 95 % interval of the value, computed as `interval` says; nil (an empty field) for the other metrics.
    public let low: Double?
    public let high: Double?
    /// How low and high were computed: `subject_bootstrap_exact` or `subject_bootstrap_first_order` (d_prime,
    /// eer, fnmr_at_fmr_<target>: percentiles of the subject bootstrap, `BootstrapSummary`; the group's summary
    /// records R and the seed), `clopper_pearson` (the rates at the original's threshold: pairs taken as
    /// independent), or empty (no interval).
    public let interval: String
    /// value − the same metric of the group's original condition; nil for the original itself.
    public let change: Double?
    /// The 95 % interval of the change: percentiles of the per-resample differences, the same subject resample
    /// in both conditions (bootstrapped metrics only).
    public let changeLow: Double?
    public let changeHigh: Double?
    public let genuinePairs: Int
    public let impostorPairs: Int

    enum CodingKeys: String, CodingKey {
        case group, condition, part, metric, value, low, high, interval, change
        case changeLow = "change_low"
        case changeHigh = "change_high"
        case genuinePairs = "genuine_pairs"
        case impostorPairs = "impostor_pairs"
    }

    static let csvHeader =
        "group,condition,part,metric,value,low,high,interval,change,change_low,change_high,genuine_pairs,impostor_pairs"

    /// Every key, a missing or non-finite number as null, so each JSON object has every column.
    public func encode(to encoder: Encoder) throws {
        func finite(_ v: Double?) -> Double? { v.flatMap { $0.isFinite ? $0 : nil } }
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(group, forKey: .group)
        try c.encode(condition, forKey: .condition)
        try c.encode(part, forKey: .part)
        try c.encode(metric, forKey: .metric)
        try c.encode(finite(value), forKey: .value)
        try c.encode(finite(low), forKey: .low)
        try c.encode(finite(high), forKey: .high)
        try c.encode(interval, forKey: .interval)
        try c.encode(finite(change), forKey: .change)
        try c.encode(finite(changeLow), forKey: .changeLow)
        try c.encode(finite(changeHigh), forKey: .changeHigh)
        try c.encode(genuinePairs, forKey: .genuinePairs)
        try c.encode(impostorPairs, forKey: .impostorPairs)
    }
}
