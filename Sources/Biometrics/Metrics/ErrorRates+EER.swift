/// The equal error rate by the FVC2000 convention (Maio et al. 2002), as pyeer's `get_eer_values` computes it.
public struct EqualErrorRate: Sendable, Equatable {
    /// (low + high) / 2.
    public let eer: Double
    public let low: Double
    public let high: Double
    /// The threshold of the chosen point.
    public let threshold: Double
}

extension ErrorRates {
    /// Walk the thresholds upward: FMR falls and FNMR rises. t2 = the first threshold with FMR − FNMR ≤ 0; t1 = the
    /// one before it, unless FMR = FNMR exactly at t2 or t2 is the first. Of t1 and t2 keep the one with the smaller
    /// FMR + FNMR (t1 on a tie). EER = midpoint of [min, max] of its two rates. If the curves never cross (FMR > FNMR
    /// everywhere, e.g. distance scores given as similarities), EER = 1 at the first threshold, as pyeer returns.
    public var equalErrorRate: EqualErrorRate {
        guard let t2 = (0..<thresholds.count).first(where: { fmr(at: $0) - fnmr(at: $0) <= 0 }) else {
            return EqualErrorRate(eer: 1, low: 1, high: 1, threshold: thresholds[0])
        }
        let t1 = (fmr(at: t2) - fnmr(at: t2) != 0 && t2 != 0) ? t2 - 1 : t2
        let k = fmr(at: t1) + fnmr(at: t1) <= fmr(at: t2) + fnmr(at: t2) ? t1 : t2
        let a = fmr(at: k)
        let b = fnmr(at: k)
        return EqualErrorRate(eer: (a + b) / 2, low: min(a, b), high: max(a, b), threshold: thresholds[k])
    }
}
