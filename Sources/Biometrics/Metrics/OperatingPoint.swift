/// The error counts and rates at one decision threshold (match when score ≥ threshold).
public struct OperatingPoint: Sendable, Equatable {
    /// nil means "above every score": nothing is accepted.
    public let threshold: Double?
    public let falseMatches: Int
    public let impostorCount: Int
    public let falseNonMatches: Int
    public let genuineCount: Int

    public var fmr: Double { Double(falseMatches) / Double(impostorCount) }
    public var fnmr: Double { Double(falseNonMatches) / Double(genuineCount) }

    /// 95 % (or 1 − alpha) Clopper–Pearson intervals for both rates.
    public func fmrInterval(alpha: Double = 0.05) -> ClosedRange<Double> {
        ClopperPearson.interval(successes: falseMatches, trials: impostorCount, alpha: alpha)
    }

    public func fnmrInterval(alpha: Double = 0.05) -> ClosedRange<Double> {
        ClopperPearson.interval(successes: falseNonMatches, trials: genuineCount, alpha: alpha)
    }
}
