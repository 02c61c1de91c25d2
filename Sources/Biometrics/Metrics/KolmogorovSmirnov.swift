/// The two-sample Kolmogorov–Smirnov statistic D = max over x of |F₁(x) − F₂(x)|, with F the empirical CDFs
/// (the `statistic` of SciPy's `ks_2samp`, two-sided).
public enum KolmogorovSmirnov {
    public static func statistic(_ a: ScoreTally, _ b: ScoreTally) -> Double {
        guard !a.isEmpty, !b.isEmpty else { return .nan }
        var i = 0
        var j = 0
        var atOrBelowA = 0
        var atOrBelowB = 0
        var d = 0.0
        // Step through the merged distinct values; compare the CDFs after each one.
        while i < a.values.count || j < b.values.count {
            let va = i < a.values.count ? a.values[i] : .infinity
            let vb = j < b.values.count ? b.values[j] : .infinity
            let x = min(va, vb)
            if va == x {
                atOrBelowA += a.counts[i]
                i += 1
            }
            if vb == x {
                atOrBelowB += b.counts[j]
                j += 1
            }
            d = max(d, abs(Double(atOrBelowA) / Double(a.total) - Double(atOrBelowB) / Double(b.total)))
        }
        return d
    }
}
