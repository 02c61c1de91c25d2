extension MetricsReport {
    public static let distanceDecisionRule =
        "match when score <= threshold; FMR = #impostor <= t / #impostor, FNMR = #genuine > t / #genuine"
    public static let distanceTargetMethod =
        "largest threshold among the distinct scores whose FMR is at most the target (bob.measure far_threshold on the negated scores)"

    /// The report of distance scores (lower = same person) from `negatedReport`, computed on the negated scores
    /// (`ScoreTally.negated`): thresholds, means and extremes back in the files' own units, the decision rule
    /// stated for distances. Rates, d', AUC and KS are the same either way.
    public static func ofDistances(negatedReport r: MetricsReport) -> MetricsReport {
        func distribution(_ d: Distribution) -> Distribution {
            Distribution(
                count: d.count, mean: -d.mean, variance: d.variance, standardDeviation: d.standardDeviation,
                minimum: d.maximum.map { -$0 }, maximum: d.minimum.map { -$0 })
        }
        func rate(_ x: Rate) -> Rate {
            var x = x
            x.threshold = x.threshold.map { -$0 }
            return x
        }
        var report = r
        report.decisionRule = distanceDecisionRule
        report.targetMethod = distanceTargetMethod
        report.genuine = distribution(r.genuine)
        report.impostor = distribution(r.impostor)
        let e = r.equalErrorRate
        report.equalErrorRate = EER(eer: e.eer, low: e.low, high: e.high, threshold: -e.threshold)
        report.fnmrAtFMR = r.fnmrAtFMR.map { TargetRate(targetFMR: $0.targetFMR, resolved: $0.resolved, rate: rate($0.rate)) }
        report.atThresholds = r.atThresholds.map(rate)
        return report
    }
}
