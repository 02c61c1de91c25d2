/// One number of a study, as a row of `results.csv` and an object of `results.json`: tidy (one metric per row),
/// so pandas (`pd.read_csv`, `pd.read_json`) and R (`read.csv`, `jsonlite::fromJSON`) read it with numeric columns.
public struct ResultRow: Encodable, Sendable, Equatable {
    public let group: String
    /// original, blurred or cross.
    public let condition: String
    /// The blurred part; empty for the original condition.
    public let part: String
    /// d_prime, eer, auc, genuine_mean, impostor_mean, or fnmr_at_fmr_<target> (e.g. fnmr_at_fmr_0.001).
    public let metric: String
    public let value: Double?
    /// 95 % Clopper–Pearson interval of a FNMR at an FMR target; nil (an empty field) for the other metrics.
    public let low: Double?
    public let high: Double?
    /// value − the same metric of the group's original condition; nil for the original itself.
    public let change: Double?
    public let genuinePairs: Int
    public let impostorPairs: Int

    enum CodingKeys: String, CodingKey {
        case group, condition, part, metric, value, low, high, change
        case genuinePairs = "genuine_pairs"
        case impostorPairs = "impostor_pairs"
    }

    static let csvHeader = "group,condition,part,metric,value,low,high,change,genuine_pairs,impostor_pairs"

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
        try c.encode(finite(change), forKey: .change)
        try c.encode(genuinePairs, forKey: .genuinePairs)
        try c.encode(impostorPairs, forKey: .impostorPairs)
    }
}
