import TensorCore

/// FMR and FNMR at every candidate threshold: the distinct scores of both classes, ascending.
///
/// Decision rule (pyeer `calculate_roc`, scikit-learn): a comparison is a match when score ≥ τ. So
/// FMR(τ) = #{impostor ≥ τ} / #impostor and FNMR(τ) = #{genuine < τ} / #genuine; a score equal to τ is accepted.
public struct ErrorRates: Sendable {
    public let genuine: ScoreTally
    public let impostor: ScoreTally
    /// Distinct scores of both classes, ascending.
    public let thresholds: [Double]
    /// falseMatches[k] = #{impostor ≥ thresholds[k]}.
    public let falseMatches: [Int]
    /// falseNonMatches[k] = #{genuine < thresholds[k]}.
    public let falseNonMatches: [Int]

    public init(genuine: ScoreTally, impostor: ScoreTally) throws {
        guard !genuine.isEmpty, !impostor.isEmpty else {
            let name = genuine.isEmpty ? "genuine" : "impostor"
            throw FacetError(.badData, "no \(name) scores: metrics need at least one genuine and one impostor score")
        }
        self.genuine = genuine
        self.impostor = impostor
        var thresholds = [Double]()
        var fm = [Int]()
        var fnm = [Int]()
        thresholds.reserveCapacity(genuine.values.count + impostor.values.count)
        ScoreTally.forEachMergedValue(genuine, impostor) { t, genuineBelow, impostorBelow in
            thresholds.append(t)
            fnm.append(genuineBelow)
            fm.append(impostor.total - impostorBelow)
        }
        self.thresholds = thresholds
        falseMatches = fm
        falseNonMatches = fnm
    }

    public var genuineCount: Int { genuine.total }
    public var impostorCount: Int { impostor.total }

    public func fmr(at k: Int) -> Double { Double(falseMatches[k]) / Double(impostorCount) }
    public func fnmr(at k: Int) -> Double { Double(falseNonMatches[k]) / Double(genuineCount) }

    /// FMR and FNMR at any threshold τ, with their counts.
    public func rates(atThreshold t: Double) -> OperatingPoint {
        OperatingPoint(
            threshold: t, falseMatches: impostor.count(atLeast: t), impostorCount: impostorCount,
            falseNonMatches: genuine.count(below: t), genuineCount: genuineCount)
    }

    public func operatingPoint(at k: Int) -> OperatingPoint {
        OperatingPoint(
            threshold: thresholds[k], falseMatches: falseMatches[k], impostorCount: impostorCount,
            falseNonMatches: falseNonMatches[k], genuineCount: genuineCount)
    }
}
