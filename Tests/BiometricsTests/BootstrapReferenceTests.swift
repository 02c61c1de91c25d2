import Foundation
import Testing
import TestSupport
import TensorCore
@testable import Biometrics

/// The subject bootstrap against Tools/make_bootstrap_fixtures.py, which draws the same resamples from the
/// documented SplitMix64 rule and measures each resampled multiset of scores with plain NumPy.
@Suite struct BootstrapReferenceTests {
    let expected: [String: Any]
    let state: BootstrapState
    let targets: [Double]

    init() throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: Fixtures.path("bootstrap/expected.json")))
        expected = try JSONSerialization.jsonObject(with: data) as! [String: Any]
        targets = expected.doubles("targets")
        // Rows [genuine, subject a, subject b, score·10⁶] → the state a match of these pairs collects.
        let pairs = try NPY.read(path: Fixtures.path("bootstrap/pairs.npy")).doubles().map { Int32($0) }
        var genuine = [Int32]()
        var impostor = [Int32]()
        for p in stride(from: 0, to: pairs.count, by: 4) {
            if pairs[p] == 1 { genuine += [pairs[p + 1], pairs[p + 3]] } else { impostor += pairs[p + 1...p + 3] }
        }
        let design = BootstrapDesign(method: .exact, subjects: expected.int("subjects"), subjectsSHA256: "")
        state = BootstrapState(design: design, genuine: genuine, impostor: impostor)
    }

    var resamples: SubjectResamples {
        SubjectResamples(
            replicates: expected.int("replicates"), subjects: state.design.subjects,
            seed: UInt64(expected.int("seed")))
    }

    /// The genuine and impostor tallies of the full sample.
    func tallies() -> (ScoreTally, ScoreTally) {
        let g = stride(from: 1, to: state.genuine.count, by: 2).map { MatchScore.widened(state.genuine[$0]) }
        let i = stride(from: 2, to: state.impostor.count, by: 3).map { MatchScore.widened(state.impostor[$0]) }
        return (ScoreTally(scores: g), ScoreTally(scores: i))
    }

    func replicates(threads: Int) -> BootstrapReplicates {
        let (g, i) = tallies()
        return BootstrapReplicates(
            state: state, resamples: resamples, targets: targets,
            point: BootstrapReplicates.metrics(genuine: g, impostor: i, targets: targets), threads: threads)
    }

    /// The metric values of Facet and NumPy agree: rates exactly (ratios of the same integer counts), d′ to
    /// the moment budget (NumPy sums every repeated score, Facet each distinct score times its count).
    func expectClose(_ facet: [Double], _ numpy: [Double], _ what: String, firstColumn: Int = 0) {
        #expect(facet.count == numpy.count, "\(what)")
        for (c, (a, b)) in zip(facet, numpy).enumerated() {
            let budget =
                c + firstColumn == 0 ? MetricTolerance.momentRelative * abs(b) : MetricTolerance.bootstrapRateAbs
            #expect(abs(a - b) <= budget, "\(what) column \(c): \(a) vs \(b)")
        }
    }

    @Test func resamplesAreTheDocumentedSplitMix64Draws() {
        let first = (expected["first_multiplicities"] as! [[Int]])
        for (r, row) in first.enumerated() { #expect(resamples.row(r).map(Int.init) == row, "replicate \(r)") }
        for r in 0..<resamples.replicates { #expect(resamples.row(r).reduce(0, +) == Int32(state.design.subjects)) }
    }

    @Test func replicatesAndIntervalsMatchNumPy() {
        let facet = replicates(threads: 2)
        #expect(facet.columns == (expected["columns"] as! [String]))
        let m = facet.columns.count
        for (r, row) in (expected["first_replicates"] as! [[String]]).enumerated() {
            expectClose(Array(facet.values[r * m..<(r + 1) * m]), row.map { Double($0)! }, "replicate \(r)")
        }
        let summary = BootstrapSummary(
            group: "G", settings: BootstrapSettings(), design: state.design, replicates: facet)
        let numpy = expected.objects("intervals")
        #expect(summary.intervals.map(\.metric) == numpy.map { $0["metric"] as! String })
        for (c, (interval, reference)) in zip(summary.intervals, numpy).enumerated() {
            #expect(interval.finiteReplicates == reference.int("finite"))
            expectClose([interval.low!], [reference.double("low")], "\(interval.metric) low", firstColumn: c)
            expectClose([interval.high!], [reference.double("high")], "\(interval.metric) high", firstColumn: c)
        }
    }

    /// Every subject once is the original sample: its replicate is the point estimate `MetricsReport` gives,
    /// exactly, and NumPy's.
    @Test func theAllOnesResampleIsThePointEstimate() throws {
        let (g, i) = tallies()
        let report = MetricsReport(rates: try ErrorRates(genuine: g, impostor: i), targets: targets)
        let ones = BootstrapReplicates(
            state: state, resamples: SubjectResamples(identityOf: state.design.subjects), targets: targets,
            point: BootstrapReplicates.metrics(genuine: g, impostor: i, targets: targets), threads: 1)
        #expect(ones.values == [report.dPrime, report.equalErrorRate.eer] + report.fnmrAtFMR.map(\.rate.fnmr))
        expectClose(ones.values, expected.doubles("point"), "point estimate")
    }

    @Test func replicatesDoNotDependOnThreads() {
        #expect(replicates(threads: 1) == replicates(threads: 2))
    }
}
