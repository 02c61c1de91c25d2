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
        let logFront = logPrefactor(x, a: a, b: b)
        if x < (a + 1) / (a + b + 2) {
            return exp(logFront) * continuedFraction(x, a: a, b: b) / a
        }
        return 1 - exp(logFront) * continuedFraction(1 - x, a: b, b: a) / b
    }

    /// ln(xᵃ (1 − x)ᵇ / B(a, b)). With ln B from `lgamma` directly, counts like 5 of 5·10⁸ lose ~7 digits
    /// (lgamma(5·10⁸) ≈ 10¹⁰ cancels); so for a or b ≥ 10 Stirling's series is written out and the large terms
    /// cancelled by hand: lnΓ(y) = (y − ½) ln y − y + ½ ln 2π + δ(y).
    static func logPrefactor(_ x: Double, a: Double, b: Double) -> Double {
        let s = a + b
        let halfLog2Pi = 0.5 * log(2 * Double.pi)
        switch (a >= 10, b >= 10) {
        case (true, true):
            // a ln(xs/a) + b ln((1−x)s/b) + ½ ln(ab/s) − ½ ln 2π − δ(a) − δ(b) + δ(s)
            return a * log1p((x * s - a) / a) + b * log1p((a - x * s) / b) + 0.5 * log(a * b / s) - halfLog2Pi
                - stirlingRemainder(a) - stirlingRemainder(b) + stirlingRemainder(s)
        case (false, true):
            // a ln(xs) + b ln((1−x)s/b) + ½ ln(b/s) − lnΓ(a) − a − δ(b) + δ(s)
            return a * log(x * s) + b * log1p((a - x * s) / b) + 0.5 * log(b / s) - lgamma(a) - a
                - stirlingRemainder(b) + stirlingRemainder(s)
        case (true, false):
            return logPrefactor(1 - x, a: b, b: a)
        case (false, false):
            return lgamma(s) - lgamma(a) - lgamma(b) + a * log(x) + b * log1p(-x)
        }
    }

    /// δ(y) = lnΓ(y) − [(y − ½) ln y − y + ½ ln 2π] = 1/(12y) − 1/(360y³) + 1/(1260y⁵) − 1/(1680y⁷), for y ≥ 10.
    static func stirlingRemainder(_ y: Double) -> Double {
        let r = 1 / (y * y)
        return (1.0 / 12 - r * (1.0 / 360 - r * (1.0 / 1260 - r / 1680))) / y
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
