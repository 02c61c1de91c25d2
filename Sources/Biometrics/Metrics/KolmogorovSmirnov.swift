/// The two-sample Kolmogorov–Smirnov statistic D = max over x of |F₁(x) − F₂(x)|, with F the empirical CDFs
/// (the `statistic` of SciPy's `ks_2samp`, two-sided).
public enum KolmogorovSmirnov {
    public static func statistic(_ a: ScoreTally, _ b: ScoreTally) -> Double {
        guard !a.isEmpty, !b.isEmpty else { return .nan }
        // The CDFs just after each distinct value x are the counts below the next one (and 1 after the last, where
        // they agree), so comparing the counts below every merged value covers every x.
        var d = 0.0
        ScoreTally.forEachMergedValue(a, b) { _, belowA, belowB in
            d = max(d, abs(Double(belowA) / Double(a.total) - Double(belowB) / Double(b.total)))
        }
        return d
    }
}
