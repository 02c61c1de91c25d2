/// FNMR at a target FMR, with whether the impostor set is large enough to resolve the target.
public struct FNMRAtFMR: Sendable, Equatable {
    public let targetFMR: Double
    public let point: OperatingPoint
    /// False when target · #impostor < 1: the smallest non-zero FMR measurable is 1/#impostor, so the point found
    /// has FMR 0 and says nothing about the target.
    public let resolved: Bool
}

extension ErrorRates {
    /// τ = the smallest candidate threshold whose FMR is at most the target (bob.measure `far_threshold`'s "at
    /// most"); FNMR(τ) is reported. If no distinct score qualifies (the top score is an impostor's and the target
    /// is below its share), τ is "above every score" (nil) with FMR 0 and FNMR 1.
    public func fnmr(atFMR target: Double) -> FNMRAtFMR {
        // FMR is non-increasing in k: binary search for the first k with falseMatches[k] ≤ target · #impostor.
        var lo = 0
        var hi = thresholds.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if fmr(at: mid) <= target { hi = mid } else { lo = mid + 1 }
        }
        let point =
            lo < thresholds.count
            ? operatingPoint(at: lo)
            : OperatingPoint(
                threshold: nil, falseMatches: 0, impostorCount: impostorCount, falseNonMatches: genuineCount,
                genuineCount: genuineCount)
        return FNMRAtFMR(targetFMR: target, point: point, resolved: target * Double(impostorCount) >= 1)
    }
}
