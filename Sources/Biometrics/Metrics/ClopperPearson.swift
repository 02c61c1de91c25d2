import Foundation

/// Exact (Clopper–Pearson) binomial confidence intervals for an error rate k/n.
///
/// Lower = Beta⁻¹(α/2; k, n − k + 1) (0 when k = 0), upper = Beta⁻¹(1 − α/2; k + 1, n − k) (1 when k = n), as
/// bob.measure's `confidence_for_indicator_variable` and SciPy's `beta.ppf` give.
public enum ClopperPearson {
    public static func interval(successes k: Int, trials n: Int, alpha: Double = 0.05) -> ClosedRange<Double> {
        guard n > 0 else { return 0...1 }
        let low = k == 0 ? 0 : inverseRegularizedBeta(alpha / 2, a: Double(k), b: Double(n - k + 1))
        let high = k == n ? 1 : inverseRegularizedBeta(1 - alpha / 2, a: Double(k + 1), b: Double(n - k))
        return low...max(low, high)
    }

    /// The x in [0, 1] with I_x(a, b) = p, by bisection (I is increasing in x). 200 halvings reach the resolution
    /// of Double near both 0 and 1.
    static func inverseRegularizedBeta(_ p: Double, a: Double, b: Double) -> Double {
        var lo = 0.0
        var hi = 1.0
        for _ in 0..<200 {
            let mid = (lo + hi) / 2
            if mid == lo || mid == hi { break }
            if regularizedBeta(mid, a: a, b: b) < p { lo = mid } else { hi = mid }
        }
        return (lo + hi) / 2
    }

    /// The regularized incomplete beta function I_x(a, b), by its continued fraction evaluated with the modified
    /// Lentz method, using the symmetry I_x(a, b) = 1 − I_{1−x}(b, a) where the fraction converges slowly.
    static func regularizedBeta(_ x: Double, a: Double, b: Double) -> Double {
        if x <= 0 { return 0 }
        if x >= 1 { return 1 }
        let logFront = lgamma(a + b) - lgamma(a) - lgamma(b) + a * log(x) + b * log1p(-x)
        if x < (a + 1) / (a + b + 2) {
            return exp(logFront) * continuedFraction(x, a: a, b: b) / a
        }
        return 1 - exp(logFront) * continuedFraction(1 - x, a: b, b: a) / b
    }

    /// 1 / (1 + d₁ / (1 + d₂ / (1 + …))) with d_{2m+1} = −(a+m)(a+b+m)x / ((a+2m)(a+2m+1)) and
    /// d_{2m} = m(b−m)x / ((a+2m−1)(a+2m)).
    private static func continuedFraction(_ x: Double, a: Double, b: Double) -> Double {
        let tiny = 1e-300
        var c = 1.0
        var d = 1 - (a + b) * x / (a + 1)
        if abs(d) < tiny { d = tiny }
        d = 1 / d
        var h = d
        for m in 1...100_000 {
            let m = Double(m)
            let even = m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m))
            d = 1 + even * d
            if abs(d) < tiny { d = tiny }
            c = 1 + even / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            h *= d * c
            let odd = -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1))
            d = 1 + odd * d
            if abs(d) < tiny { d = tiny }
            c = 1 + odd / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            let step = d * c
            h *= step
            if abs(step - 1) < 1e-15 { break }
        }
        return h
    }
}
