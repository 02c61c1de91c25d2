/// How a group's bootstrap weighs impostor pairs. Resampling subject s w_s times weighs its genuine pairs by
/// w_s and an impostor pair of subjects (a, b) by w_a·w_b (pairs between two copies of one subject are not
/// formed). Genuine pairs are few and always kept exactly; impostor pairs are kept exactly up to
/// `BootstrapSettings.exactCellLimit` cells, beyond which only per-subject histograms are.
public enum BootstrapMethod: String, Codable, Sendable {
    /// Every impostor pair's subjects and rounded score kept (12 bytes a pair): each replicate's metrics are the
    /// existing metrics of the resampled distribution, exactly.
    case exact
    /// Per-subject impostor histograms on `binWidth` bins (S × `binCount` Int32 counts: 8 MB per 1,000 subjects);
    /// a replicate's impostor counts are the first-order form Σₐ wₐ·Hₐ − H of the w_a·w_b weighting (Hₐ: the pairs
    /// subject a is in, H: all pairs, so each pair counts w_a + w_b − 1 times), negative bins clipped to zero. Its
    /// replicate of a metric is the exact point estimate plus (binned replicate − binned original), which removes
    /// the bins' own bias and makes the all-ones resample give the point estimate.
    case firstOrder = "first-order"

    /// First-order bins: 10⁻³ wide (1,000 steps of the 10⁻⁶ score grid), bin k holding rounded scores in
    /// [k·1000 − 10⁶, (k+1)·1000 − 10⁶) (the top bin also holds 1.0 and the step above it), placed at its lower edge.
    public static let binWidth = 1000
    public static let binCount = 2001

    public static func forCells(_ cells: Int, exactCellLimit: Int) -> BootstrapMethod {
        cells <= exactCellLimit ? .exact : .firstOrder
    }

    /// The bin of a rounded score (score·10⁶).
    @inline(__always)
    static func bin(rounded: Int32) -> Int { min(max(Int(rounded) + 1_000_000, 0) / binWidth, binCount - 1) }

    /// The rounded score a bin stands for: its lower edge.
    static func binEdge(_ k: Int) -> Int32 { Int32(k * binWidth - 1_000_000) }
}
