/// A 95 % percentile interval of one metric's bootstrap replicates.
public struct BootstrapInterval: Codable, Sendable, Equatable {
    public static let percentiles = [2.5, 97.5]

    public let metric: String
    /// nil when no replicate is finite.
    public let low: Double?
    public let high: Double?
    /// The replicates the percentiles are taken over: the finite ones (a resample without genuine pairs, or
    /// with zero variance in both classes for d′, has none to give).
    public let finiteReplicates: Int

    public init(metric: String, replicates: [Double]) {
        let finite = replicates.filter(\.isFinite)
        self.metric = metric
        low = Percentile.linear(finite, Self.percentiles[0])
        high = Percentile.linear(finite, Self.percentiles[1])
        finiteReplicates = finite.count
    }

    /// The interval of a change between two conditions of a group: the percentiles of the per-replicate
    /// differences `changed[r] − original[r]` (the same resample r in both), nil if the conditions were not
    /// resampled alike or lack the metric.
    public static func change(
        _ metric: String, _ changed: BootstrapReplicates, against original: BootstrapReplicates
    ) -> BootstrapInterval? {
        guard changed.replicates == original.replicates, let a = changed.column(metric), let b = original.column(metric)
        else { return nil }
        return BootstrapInterval(metric: metric, replicates: zip(a, b).map { $0 - $1 })
    }

    /// Whether both ends lie on one side of zero.
    public var excludesZero: Bool {
        guard let low, let high else { return false }
        return low > 0 || high < 0
    }
}
