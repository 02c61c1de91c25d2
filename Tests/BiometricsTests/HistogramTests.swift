import Testing
import TestSupport
@testable import Biometrics

@Suite struct HistogramTests {
    func check(_ h: Histogram, _ e: [String: Any]) {
        #expect(h.edges == e.doubles("edges"))
        #expect(h.counts == e["counts"] as! [Int])
        let density = e.doubles("density")
        #expect(h.density.count == density.count)
        for (a, b) in zip(h.density, density) {
            #expect(MetricFixtures.isClose(a, b, relative: MetricTolerance.densityRelative))
        }
    }

    @Test(arguments: MetricFixtures.setNames, ["genuine", "impostor"])
    func autoBinsMatchNumPyFloat64(set: String, kind: String) throws {
        let e = try MetricFixtures.expected(set)["histogram_\(kind)"] as! [String: Any]
        check(Histogram(autoBins: try MetricFixtures.scores(set, kind)), e)
    }

    @Test(arguments: MetricFixtures.setNames, ["genuine", "impostor"])
    func autoBinsMatchNumPyFloat32(set: String, kind: String) throws {
        let e = try MetricFixtures.expected(set)["histogram_\(kind)_float32"] as! [String: Any]
        check(Histogram(autoBins: try MetricFixtures.scores(set, kind).map { Float($0) }), e)
    }

    @Test func degenerateSeries() throws {
        let all = try MetricFixtures.expected()
        check(Histogram(autoBins: [Double](repeating: 0.25, count: 10)), all["histogram_constant"] as! [String: Any])
        check(Histogram(autoBins: [0.5]), all["histogram_single"] as! [String: Any])
    }
}
