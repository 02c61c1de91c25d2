import Foundation
import Testing
import TestSupport
@testable import Biometrics

/// The first-order bootstrap against the exact one on a synthetic group small enough for both: the figures
/// Sources/FacetStudy/FacetStudy.docc/Uncertainty.md quotes come from `measuredError` here.
@Suite struct FirstOrderBootstrapTests {
    static let targets = [1e-1, 1e-2, 1e-3]
    static let subjects = 200

    /// 200 subjects of 1 to 6 images (about 700 images, 2.4·10⁵ pairs), matched within the group. Each subject has
    /// its own genuine level and impostor offset, so a subject's pairs move together, as in face data.
    static func pairs() -> (genuine: [Int32], impostor: [Int32]) {
        var random = SeededGenerator(seed: 31_706)
        func normal(_ mean: Double, _ sd: Double) -> Double {
            let u = Double.random(in: Double.ulpOfOne..<1, using: &random)
            let v = Double.random(in: 0..<1, using: &random)
            return mean + sd * (-2 * log(u)).squareRoot() * cos(2 * .pi * v)
        }
        var subjectOfImage = [Int32]()
        var level = [Double]()
        var offset = [Double]()
        for s in 0..<subjects {
            subjectOfImage += [Int32](repeating: Int32(s), count: Int.random(in: 1...6, using: &random))
            level.append(normal(0.45, 0.1))
            offset.append(normal(0, 0.03))
        }
        var genuine = [Int32]()
        var impostor = [Int32]()
        for i in subjectOfImage.indices {
            for j in (i + 1)..<subjectOfImage.count {
                let (a, b) = (subjectOfImage[i], subjectOfImage[j])
                let score = a == b ? normal(level[Int(a)], 0.12) : normal(0.02 + offset[Int(a)] + offset[Int(b)], 0.09)
                let rounded = Int32((min(max(score, -1), 1) * 1e6).rounded())
                if a == b { genuine += [a, rounded] } else { impostor += [a, b, rounded] }
            }
        }
        return (genuine, impostor)
    }

    /// The exact and first-order states of `pairs()`, and the point estimate of their metrics.
    static func states() -> (exact: BootstrapState, firstOrder: BootstrapState, point: [Double]) {
        let (genuine, impostor) = pairs()
        var histograms = [Int32](repeating: 0, count: subjects * BootstrapMethod.binCount)
        for p in stride(from: 0, to: impostor.count, by: 3) {
            let k = BootstrapMethod.bin(rounded: impostor[p + 2])
            histograms[Int(impostor[p]) * BootstrapMethod.binCount + k] += 1
            histograms[Int(impostor[p + 1]) * BootstrapMethod.binCount + k] += 1
        }
        let exact = BootstrapState(
            design: BootstrapDesign(method: .exact, subjects: subjects, subjectsSHA256: ""), genuine: genuine,
            impostor: impostor)
        let firstOrder = BootstrapState(
            design: BootstrapDesign(method: .firstOrder, subjects: subjects, subjectsSHA256: ""), genuine: genuine,
            impostor: histograms)
        let g = ScoreTally(scores: stride(from: 1, to: genuine.count, by: 2).map { MatchScore.widened(genuine[$0]) })
        let i = ScoreTally(scores: stride(from: 2, to: impostor.count, by: 3).map { MatchScore.widened(impostor[$0]) })
        return (exact, firstOrder, BootstrapReplicates.metrics(genuine: g, impostor: i, targets: targets))
    }

    /// Largest |first-order − exact| of each metric's interval ends, as a share of the exact interval's width.
    static func measuredError() throws -> [(metric: String, exact: BootstrapInterval, firstOrder: BootstrapInterval, share: Double)] {
        let (exact, firstOrder, point) = states()
        let resamples = SubjectResamples(
            replicates: BootstrapSettings.defaultReplicates, subjects: subjects, seed: BootstrapSettings.defaultSeed)
        let settings = BootstrapSettings()
        let summaries = [exact, firstOrder].map { state in
            BootstrapSummary(
                group: "G", settings: settings, design: state.design,
                replicates: BootstrapReplicates(state: state, resamples: resamples, targets: targets, point: point, threads: 2))
        }
        return zip(summaries[0].intervals, summaries[1].intervals).map { e, f in
            let width = e.high! - e.low!
            let share = max(abs(f.low! - e.low!), abs(f.high! - e.high!)) / width
            return (e.metric, e, f, share)
        }
    }

    /// Every subject once gives the point estimate, although the bins alone would not (the scores lie off the
    /// bins' edges).
    @Test func theAllOnesResampleIsThePointEstimate() {
        let (_, firstOrder, point) = Self.states()
        let ones = BootstrapReplicates(
            state: firstOrder, resamples: SubjectResamples(identityOf: Self.subjects), targets: Self.targets,
            point: point, threads: 1)
        #expect(ones.values == point)
    }

    @Test func firstOrderIntervalsAreCloseToTheExactOnes() throws {
        for m in try Self.measuredError() {
            print(
                "first-order vs exact, \(m.metric): exact [\(m.exact.low!), \(m.exact.high!)], first-order "
                    + "[\(m.firstOrder.low!), \(m.firstOrder.high!)], largest end error \(m.share) of the width")
            #expect(m.share <= MetricTolerance.firstOrderIntervalShare, "\(m.metric)")
        }
    }
}
