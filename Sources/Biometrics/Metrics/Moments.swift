import Foundation

/// Count, mean and population variance (NumPy `np.var`, ddof 0) of one score distribution.
public struct Moments: Sendable, Equatable, Codable {
    public let count: Int
    public let mean: Double
    public let variance: Double

    public init(count: Int, mean: Double, variance: Double) {
        self.count = count
        self.mean = mean
        self.variance = variance
    }

    public var standardDeviation: Double { variance.squareRoot() }

    /// The decidability index d′ = |μ₁ − μ₂| / √((σ₁² + σ₂²) / 2) with population variances, as the reference
    /// plot scripts compute it. Used for genuine vs impostor and, between conditions, authentic vs authentic.
    /// Both variances zero gives +∞ for distinct means (pyeer returns 1 there; we do not invent a value) and NaN
    /// for equal ones.
    public static func decidability(_ a: Moments, _ b: Moments) -> Double {
        abs(a.mean - b.mean) / (0.5 * (a.variance + b.variance)).squareRoot()
    }
}
