import Testing
import TestSupport
@testable import Biometrics

@Suite struct ErrorRatesTests {
    func rates(_ set: String) throws -> ErrorRates {
        try ErrorRates(
            genuine: ScoreTally(scores: MetricFixtures.scores(set, "genuine")),
            impostor: ScoreTally(scores: MetricFixtures.scores(set, "impostor")))
    }

    @Test func tinyHandCheck() throws {
        // genuine {0.9, 0.8, 0.8, 0.4}, impostor {0.1, 0.4, 0.5, 0.2, 0.3}. At τ = 0.4: impostors ≥ 0.4 are
        // {0.4, 0.5} → FMR 2/5; genuine < 0.4: none → FNMR 0. At τ = 0.5: FMR 1/5, FNMR 1/4.
        let r = try rates("tiny")
        #expect(r.rates(atThreshold: 0.4).fmr == 0.4)
        #expect(r.rates(atThreshold: 0.4).fnmr == 0)
        #expect(r.rates(atThreshold: 0.5).fmr == 0.2)
        #expect(r.rates(atThreshold: 0.5).fnmr == 0.25)
        #expect(r.thresholds == [0.1, 0.2, 0.3, 0.4, 0.5, 0.8, 0.9])
    }

    @Test(arguments: MetricFixtures.setNames)
    func equalErrorRateMatchesPyeer(set: String) throws {
        let e = try MetricFixtures.expected(set)
        let eer = try rates(set).equalErrorRate
        #expect(eer.eer == e.double("eer"))
        #expect(eer.low == e.double("eer_low"))
        #expect(eer.high == e.double("eer_high"))
        #expect(eer.threshold == e.double("eer_threshold"))
    }

    @Test(arguments: MetricFixtures.setNames)
    func rocMatchesPyeer(set: String) throws {
        let e = try MetricFixtures.expected(set)
        let r = try rates(set)
        #expect(r.thresholds.count == e.int("threshold_count"))
        for point in e.objects("roc_sample") {
            let t = point.double("threshold")
            let k = try #require(r.thresholds.firstIndex(of: t))
            #expect(r.fmr(at: k) == point.double("fmr"))
            #expect(r.fnmr(at: k) == point.double("fnmr"))
        }
        for point in e.objects("at_thresholds") {
            let p = r.rates(atThreshold: point.double("threshold"))
            #expect(p.fmr == point.double("fmr"))
            #expect(p.fnmr == point.double("fnmr"))
        }
    }

    @Test(arguments: MetricFixtures.setNames)
    func aucMatchesScikitLearn(set: String) throws {
        let e = try MetricFixtures.expected(set)
        let auc = try rates(set).areaUnderROC
        #expect(MetricFixtures.isClose(auc, e.double("auc"), relative: MetricTolerance.momentRelative))
    }

    @Test(arguments: MetricFixtures.setNames)
    func fnmrAtFMRTargets(set: String) throws {
        let e = try MetricFixtures.expected(set)
        let r = try rates(set)
        for target in e.objects("fnmr_at_fmr") {
            let got = r.fnmr(atFMR: target.double("target"))
            #expect(got.point.threshold == target.optionalDouble("threshold"))
            #expect(got.point.fmr == target.double("fmr"))
            #expect(got.point.fnmr == target.double("fnmr"))
            #expect(got.resolved == target.bool("resolved"))
        }
    }

    @Test(arguments: MetricFixtures.setNames)
    func momentsAndDecidabilityMatchNumPy(set: String) throws {
        let e = try MetricFixtures.expected(set)
        let g = ScoreTally(scores: try MetricFixtures.scores(set, "genuine")).moments
        let i = ScoreTally(scores: try MetricFixtures.scores(set, "impostor")).moments
        let tol = MetricTolerance.momentRelative
        #expect(g.count == e.int("genuine_count"))
        #expect(MetricFixtures.isClose(g.mean, e.double("genuine_mean"), relative: tol, scale: 1))
        #expect(MetricFixtures.isClose(g.variance, e.double("genuine_var"), relative: tol))
        #expect(MetricFixtures.isClose(i.mean, e.double("impostor_mean"), relative: tol, scale: 1))
        #expect(MetricFixtures.isClose(i.variance, e.double("impostor_var"), relative: tol))
        #expect(MetricFixtures.isClose(Moments.decidability(g, i), e.double("dprime"), relative: tol))
        #expect(MetricFixtures.isClose(Moments.decidability(g, i), e.double("pyeer_dprime"), relative: tol))
    }

    @Test(arguments: MetricFixtures.setNames)
    func kolmogorovSmirnovMatchesSciPy(set: String) throws {
        let e = try MetricFixtures.expected(set)
        let d = KolmogorovSmirnov.statistic(
            ScoreTally(scores: try MetricFixtures.scores(set, "genuine")),
            ScoreTally(scores: try MetricFixtures.scores(set, "impostor")))
        #expect(MetricFixtures.isClose(d, e.double("ks_genuine_vs_impostor"), relative: MetricTolerance.ksRelative))
    }

    @Test func betweenConditions() throws {
        let e = try MetricFixtures.expected()["between"] as! [String: Any]
        let a1 = ScoreTally(scores: try MetricFixtures.scores("separated", "genuine"))
        let a2 = ScoreTally(scores: try MetricFixtures.scores("overlap", "genuine"))
        let tol = MetricTolerance.momentRelative
        #expect(MetricFixtures.isClose(Moments.decidability(a1.moments, a2.moments), e.double("dprime"), relative: tol))
        #expect(MetricFixtures.isClose(KolmogorovSmirnov.statistic(a1, a2), e.double("ks"), relative: MetricTolerance.ksRelative))
    }

    @Test func emptyClassIsAnError() {
        #expect(throws: (any Error).self) {
            try ErrorRates(genuine: ScoreTally(scores: []), impostor: ScoreTally(scores: [0.1]))
        }
    }
}
