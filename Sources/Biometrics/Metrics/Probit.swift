import Foundation

/// The standard normal quantile Φ⁻¹(p) (the "normal deviate" of DET plots, Martin et al. 1997).
public enum Probit {
    /// Solved from Φ(x) = erfc(−x/√2)/2 by bisection on [−40, 40]; exact to Double resolution, fast enough for
    /// plot axes. p ≤ 0 gives −∞ and p ≥ 1 gives +∞.
    public static func quantile(_ p: Double) -> Double {
        if p <= 0 { return -.infinity }
        if p >= 1 { return .infinity }
        var lo = -40.0
        var hi = 40.0
        for _ in 0..<200 {
            let mid = (lo + hi) / 2
            if mid == lo || mid == hi { break }
            if erfc(-mid / 2.0.squareRoot()) / 2 < p { lo = mid } else { hi = mid }
        }
        return (lo + hi) / 2
    }
}
