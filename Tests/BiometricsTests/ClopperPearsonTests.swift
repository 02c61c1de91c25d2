import Testing
import TestSupport
@testable import Biometrics

@Suite struct ClopperPearsonTests {
    @Test(arguments: MetricFixtures.setNames)
    func matchesSciPyBetaPPF(set: String) throws {
        let e = try MetricFixtures.expected(set)
        for c in e.objects("clopper_pearson_95") {
            let ci = ClopperPearson.interval(successes: c.int("k"), trials: c.int("n"))
            let tol = MetricTolerance.clopperPearsonRelative
            #expect(MetricFixtures.isClose(ci.lowerBound, c.double("low"), relative: tol), "\(c)")
            #expect(MetricFixtures.isClose(ci.upperBound, c.double("high"), relative: tol), "\(c)")
        }
    }

    @Test func morphScaleCounts() throws {
        for c in try MetricFixtures.expected().objects("clopper_pearson_large") {
            let ci = ClopperPearson.interval(successes: c.int("k"), trials: c.int("n"))
            let tol = MetricTolerance.clopperPearsonRelative
            #expect(MetricFixtures.isClose(ci.lowerBound, c.double("low"), relative: tol), "\(c)")
            #expect(MetricFixtures.isClose(ci.upperBound, c.double("high"), relative: tol), "\(c)")
        }
    }

    @Test func bobGuideExample() throws {
        // bob.measure guide: 9856 of 10000 → 95 % CI ≈ [0.9831, 0.9878]; SciPy's exact values in the fixture.
        let e = try MetricFixtures.expected()["clopper_pearson_bob"] as! [String: Any]
        let ci = ClopperPearson.interval(successes: 9856, trials: 10000)
        #expect(MetricFixtures.isClose(ci.lowerBound, e.double("low"), relative: MetricTolerance.clopperPearsonRelative))
        #expect(MetricFixtures.isClose(ci.upperBound, e.double("high"), relative: MetricTolerance.clopperPearsonRelative))
        #expect((ci.lowerBound * 1e4).rounded() == 9831 && (ci.upperBound * 1e4).rounded() == 9878)
    }

    @Test func probitKnownValues() {
        // Φ⁻¹ values quoted by bob.measure's ppndf (NIST DETware): 0.001 → −3.090, 0.01 → −2.326, 0.1 → −1.282.
        #expect(abs(Probit.quantile(0.001) + 3.090232306) < MetricTolerance.probitQuotedAbs)
        #expect(abs(Probit.quantile(0.01) + 2.326347874) < MetricTolerance.probitQuotedAbs)
        #expect(abs(Probit.quantile(0.1) + 1.281551566) < MetricTolerance.probitQuotedAbs)
        #expect(abs(Probit.quantile(0.5)) < MetricTolerance.probitAtHalfAbs)
    }
}
