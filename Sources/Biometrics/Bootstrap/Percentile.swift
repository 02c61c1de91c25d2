/// Percentiles as NumPy's `np.percentile` computes them by default (method "linear"): sort, then for q in
/// [0, 100] interpolate between the sorted values at ⌊h⌋ and ⌊h⌋ + 1, h = (n − 1)·(q/100).
public enum Percentile {
    /// nil for no values.
    public static func linear(_ values: [Double], _ q: Double) -> Double? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let h = Double(sorted.count - 1) * (q / 100)
        let lo = Int(h.rounded(.down))
        let hi = min(lo + 1, sorted.count - 1)
        // NumPy's lerp: a + (b − a)·t, computed from the nearer end when t ≥ ½.
        let t = h - Double(lo)
        let (a, b) = (sorted[lo], sorted[hi])
        return t >= 0.5 ? b - (b - a) * (1 - t) : a + (b - a) * t
    }
}
