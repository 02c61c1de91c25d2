/// Every metric of one genuine/impostor score set, ready for JSON (`Codable`) or CSV.
public struct MetricsReport: Codable, Sendable, Equatable {
    public struct Distribution: Codable, Sendable, Equatable {
        public let count: Int
        public let mean: Double
        public let variance: Double
        public let standardDeviation: Double
        public let minimum: Double?
        public let maximum: Double?
    }

    public struct Rate: Codable, Sendable, Equatable {
        public internal(set) var threshold: Double?
        public let fmr: Double
        public let fnmr: Double
        public let falseMatches: Int
        public let falseNonMatches: Int
        /// 95 % Clopper–Pearson intervals [low, high].
        public let fmrInterval95: [Double]
        public let fnmrInterval95: [Double]

        init(_ p: OperatingPoint) {
            threshold = p.threshold
            fmr = p.fmr
            fnmr = p.fnmr
            falseMatches = p.falseMatches
            falseNonMatches = p.falseNonMatches
            let a = p.fmrInterval()
            let b = p.fnmrInterval()
            fmrInterval95 = [a.lowerBound, a.upperBound]
            fnmrInterval95 = [b.lowerBound, b.upperBound]
        }
    }

    public struct TargetRate: Codable, Sendable, Equatable {
        public let targetFMR: Double
        /// False when #impostor · target < 1: too few impostor pairs to measure an FMR that small.
        public let resolved: Bool
        public let rate: Rate
    }

    public struct EER: Codable, Sendable, Equatable {
        public let eer: Double
        public let low: Double
        public let high: Double
        public let threshold: Double
    }

    public static let decisionRule =
        "match when score >= threshold; FMR = #impostor >= t / #impostor, FNMR = #genuine < t / #genuine"
    public static let eerMethod =
        "pyeer / FVC2000 (Maio et al. 2002): first threshold where FMR <= FNMR and the one before it; the one with "
        + "the smaller FMR+FNMR (earlier on a tie); EER = midpoint of its FMR and FNMR"
    public static let targetMethod =
        "smallest threshold among the distinct scores whose FMR is at most the target (bob.measure far_threshold)"

    public internal(set) var decisionRule: String
    public internal(set) var eerMethod: String
    public internal(set) var targetMethod: String
    public internal(set) var genuine: Distribution
    public internal(set) var impostor: Distribution
    public let dPrime: Double
    public internal(set) var equalErrorRate: EER
    /// scikit-learn's `roc_auc_score`.
    public let areaUnderROC: Double
    public let kolmogorovSmirnov: Double
    public internal(set) var fnmrAtFMR: [TargetRate]
    public internal(set) var atThresholds: [Rate]

    public static let defaultTargets = [1e-1, 1e-2, 1e-3, 1e-4, 1e-5, 1e-6]

    public init(rates: ErrorRates, targets: [Double] = Self.defaultTargets, thresholds: [Double] = []) {
        func distribution(_ t: ScoreTally) -> Distribution {
            let m = t.moments
            return Distribution(
                count: m.count, mean: m.mean, variance: m.variance, standardDeviation: m.standardDeviation,
                minimum: t.minimum, maximum: t.maximum)
        }
        decisionRule = Self.decisionRule
        eerMethod = Self.eerMethod
        targetMethod = Self.targetMethod
        genuine = distribution(rates.genuine)
        impostor = distribution(rates.impostor)
        dPrime = Moments.decidability(rates.genuine.moments, rates.impostor.moments)
        let e = rates.equalErrorRate
        equalErrorRate = EER(eer: e.eer, low: e.low, high: e.high, threshold: e.threshold)
        areaUnderROC = rates.areaUnderROC
        kolmogorovSmirnov = KolmogorovSmirnov.statistic(rates.genuine, rates.impostor)
        fnmrAtFMR = targets.map { target in
            let r = rates.fnmr(atFMR: target)
            return TargetRate(targetFMR: target, resolved: r.resolved, rate: Rate(r.point))
        }
        atThresholds = thresholds.map { Rate(rates.rates(atThreshold: $0)) }
    }

    /// `(name, value)` pairs, one per number, for a CSV whose value column is numeric: a threshold that no score
    /// reaches (the FMR target is below 1/#impostor) is nil, `resolved` is 1 or 0.
    public func csvRows() -> [(String, Double?)] {
        var rows: [(String, Double?)] = [
            ("genuine_count", Double(genuine.count)), ("genuine_mean", genuine.mean),
            ("genuine_variance", genuine.variance), ("impostor_count", Double(impostor.count)),
            ("impostor_mean", impostor.mean), ("impostor_variance", impostor.variance),
            ("d_prime", dPrime), ("eer", equalErrorRate.eer), ("eer_low", equalErrorRate.low),
            ("eer_high", equalErrorRate.high), ("eer_threshold", equalErrorRate.threshold),
            ("auc", areaUnderROC), ("ks_genuine_impostor", kolmogorovSmirnov),
        ]
        for t in fnmrAtFMR {
            let key = "fmr_\(t.targetFMR)"
            rows += [
                ("\(key)_threshold", t.rate.threshold), ("\(key)_fmr", t.rate.fmr), ("\(key)_fnmr", t.rate.fnmr),
                ("\(key)_fnmr_ci_low", t.rate.fnmrInterval95[0]), ("\(key)_fnmr_ci_high", t.rate.fnmrInterval95[1]),
                ("\(key)_resolved", t.resolved ? 1 : 0),
            ]
        }
        for r in atThresholds {
            let key = "threshold_\(r.threshold ?? .nan)"
            rows += [
                ("\(key)_fmr", r.fmr), ("\(key)_fnmr", r.fnmr), ("\(key)_fmr_ci_low", r.fmrInterval95[0]),
                ("\(key)_fmr_ci_high", r.fmrInterval95[1]), ("\(key)_fnmr_ci_low", r.fnmrInterval95[0]),
                ("\(key)_fnmr_ci_high", r.fnmrInterval95[1]),
            ]
        }
        return rows
    }
}
