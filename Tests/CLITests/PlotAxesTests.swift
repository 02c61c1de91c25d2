import Biometrics
import Foundation
import Testing
import TestSupport

@testable import FacetCLI
@testable import FacetPlots

/// DET, ROC and histogram axes follow the data: every curve and every distribution is inside the axes, and the
/// DET legend goes where it hides no curve.
@Suite struct PlotAxesTests {
    /// `count` scores of N(mean, sd²) rounded to the matcher's 10⁻⁶ grid (Box–Muller over seeded uniforms).
    static func normal(_ name: String, count: Int, mean: Double, sd: Double) -> ScoreSet {
        let u = NamedRandom.uniform(name, count: 2 * count).map { (Double($0) + 1) / 2 }
        let scores = (0..<count).map { k in
            let r = (-2 * log(max(u[2 * k], 1e-12))).squareRoot() * cos(2 * .pi * u[2 * k + 1])
            return ((mean + sd * r) * 1e6).rounded() / 1e6
        }
        return ScoreSet(tally: ScoreTally(scores: scores))
    }

    static let strong = ScoreSeries(
        label: "strong", authentic: normal("strong-g", count: 20_000, mean: 0.45, sd: 0.09),
        impostor: normal("strong-i", count: 300_000, mean: 0, sd: 0.07))
    static let weak = ScoreSeries(
        label: "weak", authentic: normal("weak-g", count: 3000, mean: 0.25, sd: 0.15),
        impostor: normal("weak-i", count: 50_000, mean: 0, sd: 0.15))

    /// Each curve's smallest non-zero FMR and FNMR, and the DET axes and their ticks.
    func layout(_ series: [ScoreSeries]) throws -> (extents: [(Double, Double)], x: ClosedRange<Double>, y: ClosedRange<Double>) {
        let figure = ErrorCurveFigure(kind: .det, series: series)
        var counts = [(genuine: Int, impostor: Int)]()
        var curves = [[(fmr: Double, fnmr: Double)]]()
        var extents = [(Double, Double)]()
        for s in series {
            let rates = try ErrorRates(genuine: s.authentic!.tally, impostor: s.impostor!.tally)
            counts.append((rates.genuineCount, rates.impostorCount))
            let points = rates.curve.map { (fmr: $0.fmr, fnmr: $0.fnmr) }
            curves.append(points)
            extents.append((points.map(\.fmr).filter { $0 > 0 }.min()!, points.map(\.fnmr).filter { $0 > 0 }.min()!))
        }
        let (x, y) = figure.axisRanges(counts, curves: curves)
        return (extents, x, y)
    }

    @Test func detAxesReachTheSmallestRateOfEveryCurve() throws {
        let (extents, x, y) = try layout([Self.strong, Self.weak])
        for (fmr, fnmr) in extents {
            #expect(x.lowerBound <= fmr && y.lowerBound <= fnmr, "a curve starts below the axes: \(fmr), \(fnmr)")
            #expect(AxisScale.probit.ticks(low: x.lowerBound, high: x.upperBound).first!.value <= fmr)
            #expect(AxisScale.probit.ticks(low: y.lowerBound, high: y.upperBound).first!.value <= fnmr)
        }
        // 1/20,000 genuine pairs resolves FNMR down to 5·10⁻⁵: the axis starts at 10⁻⁵, far below the old 10⁻³.
        #expect(y.lowerBound == 1e-5)
        #expect(x.lowerBound == 1e-6)
        // The weak curve's FNMR at FMR 10⁻⁶ is far above 50 %: the axes go to 99 % so it is not cut off.
        #expect(x.upperBound == 0.99 && y.upperBound == 0.99)
    }

    @Test func aStrongCurveAloneKeepsTheUsualUpperBound() throws {
        let (_, x, y) = try layout([Self.strong])
        #expect(x.upperBound == 0.5 && y.upperBound == 0.5)
    }

    @Test func givenRangesWin() throws {
        var figure = ErrorCurveFigure(kind: .det, series: [Self.strong])
        figure.fmrRange = 1e-4...0.2
        figure.fnmrRange = 1e-3...0.3
        let (x, y) = figure.axisRanges([(20_000, 300_000)], curves: [])
        #expect(x == 1e-4...0.2 && y == 1e-3...0.3)
    }

    @Test func theLegendTakesTheCornerWithTheFewestCurvePoints() {
        let figure = ErrorCurveFigure(kind: .det, series: [])
        let area = PlotArea(
            x: 0, y: 0, width: 100, height: 100, xRange: 0...1, yRange: 0...1, xScale: .linear, yScale: .linear)
        // A curve through the upper right (device y grows downwards): the legend moves to the lower left.
        let through = (0..<50).map { (50.0 + Double($0), 2.0 + Double($0) / 10) }
        let (x, y) = figure.legendCorner(width: 30, height: 20, area: area, curves: [through])
        #expect(x < 50 && y > 50)
        // Nothing in the way: the usual upper right.
        let (x0, y0) = figure.legendCorner(width: 30, height: 20, area: area, curves: [])
        #expect(x0 > 50 && y0 < 50)
    }

    @Test func histogramAxesWidenToCoverEveryScore() {
        var figure = HistogramFigure(series: [Self.strong])
        #expect(figure.scoreRange == -0.5...1)
        let wide = ScoreSeries(
            label: "distances", authentic: Self.normal("wide-g", count: 500, mean: 1.2, sd: 0.3),
            impostor: Self.normal("wide-i", count: 500, mean: -0.4, sd: 0.3))
        figure.series = [wide]
        let range = figure.scoreRange
        for set in [wide.authentic!, wide.impostor!] {
            #expect(range.contains(set.tally.minimum!) && range.contains(set.tally.maximum!))
        }
        #expect(range.lowerBound.truncatingRemainder(dividingBy: 0.5) == 0 && range.upperBound.truncatingRemainder(dividingBy: 0.5) == 0)
    }

    @Test func probitTickLabelsNeverUseExponents() {
        #expect(AxisScale.percent(1e-5) == "0.001%")
        #expect(AxisScale.percent(2e-3) == "0.2%")
        #expect(AxisScale.percent(0.95) == "95%")
        #expect(AxisScale.probit.ticks(low: 1e-3, high: 0.5).map(\.value) == [0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.4])
    }

    @Test(arguments: [["--fmr-range", "0:0.5"], ["--fnmr-range", "0.5:0.1"], ["--xlim", "a:b"], ["--fmr-range", "1e-3"],
                      ["--xlim", "-inf:1"]])
    func badAxisRangesAreUsageErrors(option: [String]) {
        #expect(throws: (any Error).self, "\(option)") {
            _ = try Facet.parseAsRoot(["plot", "-a1", "a.npy", "-i1", "i.npy", "-n", "x"] + option)
        }
    }
}
