import Biometrics
import Foundation

/// ROC (TMR = 1 − FNMR against FMR on a log₁₀ axis, as face-recognition papers draw it) or DET (FNMR against FMR,
/// both on the normal-deviate scale, Martin et al. 1997) curves, one per series with both score sets.
public struct ErrorCurveFigure {
    public enum Kind: String, Sendable, CaseIterable { case roc, det }

    public var kind: Kind
    public var series: [ScoreSeries]
    public var title: String?
    public var showTitle = false
    public var widthPoints = 432.0
    public var heightPoints = 324.0
    public var dpi = 150.0
    public var fontSize = 8.0
    public var lineWidth = 1.2
    /// The FMR (x) and FNMR (y; ROC: TMR) axis ranges; nil follows the data (see `axisRanges`).
    public var fmrRange: ClosedRange<Double>?
    public var fnmrRange: ClosedRange<Double>?

    public init(kind: Kind, series: [ScoreSeries]) {
        self.kind = kind
        self.series = series
    }

    public func render(format: PlotFormat) throws -> Canvas {
        let canvas = try Canvas(width: widthPoints, height: heightPoints, format: format, dpi: dpi)
        var curves = [(points: [(fmr: Double, fnmr: Double)], color: PlotColor, label: String)]()
        var counts = [(genuine: Int, impostor: Int)]()
        for (k, s) in series.enumerated() {
            guard let a = s.authentic, let i = s.impostor else { continue }
            let rates = try ErrorRates(genuine: a.tally, impostor: i.tally)
            let points = rates.curve.map { (fmr: $0.fmr, fnmr: $0.fnmr) }
            let eer = rates.equalErrorRate.eer
            counts.append((rates.genuineCount, rates.impostorCount))
            curves.append((points, PlotColor.series[k % PlotColor.series.count], "\(s.label) (EER \(String(format: "%.2f", eer * 100))%)"))
        }
        let (xRange, yRange) = axisRanges(counts, curves: curves.map(\.points))
        let (xScale, yScale): (AxisScale, AxisScale) = kind == .roc ? (.log10, .linear) : (.probit, .probit)
        let pad = 0.2 * fontSize
        let titleSpace = showTitle && title != nil ? fontSize * 1.2 * 1.5 : 0
        let left = pad + PlotArea.leftMargin(canvas: canvas, yScale: yScale, yRange: yRange, fontSize: fontSize)
        let bottom = pad + PlotArea.bottomMargin(fontSize: fontSize)
        let top = pad + titleSpace + fontSize
        let right = pad + fontSize * 1.5
        let area = PlotArea(
            x: left, y: top, width: widthPoints - left - right, height: heightPoints - top - bottom, xRange: xRange,
            yRange: yRange, xScale: xScale, yScale: yScale)
        area.drawAxes(
            on: canvas, xLabel: "False Match Rate",
            yLabel: kind == .roc ? "True Match Rate (1 − FNMR)" : "False Non-Match Rate", fontSize: fontSize,
            grid: true)
        var drawn = [[(Double, Double)]]()
        for curve in curves {
            var device = [(Double, Double)]()
            for p in curve.points {
                let q = kind == .roc ? area.point(p.fmr, 1 - p.fnmr) : area.point(p.fmr, p.fnmr)
                // Thin to points at least a quarter point apart: millions of thresholds, a few hundred visible.
                if let last = device.last, abs(last.0 - q.0) < 0.25 && abs(last.1 - q.1) < 0.25 { continue }
                device.append(q)
            }
            canvas.polyline(device, color: curve.color, lineWidth: lineWidth, clip: area.clip)
            drawn.append(device)
        }
        var legend = Legend(entries: curves.map { (.line($0.color, dash: []), $0.label) })
        legend.fontSize = fontSize
        legend.edge = PlotColor(0.8, 0.8, 0.8)
        let (legendX, legendY) = legendCorner(
            width: legend.width(on: canvas), height: legend.height, area: area, curves: drawn)
        legend.draw(on: canvas, x: legendX, y: legendY, width: legend.width(on: canvas))
        if showTitle, let title {
            canvas.text(title, x: area.x + area.width / 2, y: pad + fontSize * 1.2, size: fontSize * 1.2, anchor: .center)
        }
        return canvas
    }

    /// The axis ranges unless given: FMR from the smallest rate the impostor counts resolve (1/#impostor, down to
    /// its power of ten) and, for DET, FNMR likewise from 1/#genuine, so no curve runs off the bottom or the left;
    /// DET axes end at 50 %, or at 99 % when a curve would leave the plot above 50 % (a weak system: its FNMR at
    /// the smallest FMR shown, or its FMR at the smallest FNMR, is above 50 %).
    func axisRanges(_ counts: [(genuine: Int, impostor: Int)], curves: [[(fmr: Double, fnmr: Double)]])
        -> (ClosedRange<Double>, ClosedRange<Double>)
    {
        func decadeBelow(_ count: Int?) -> Double {
            guard let count, count > 0 else { return 1e-3 }
            return max(1e-9, pow(10, log10(1 / Double(count)).rounded(.down)))
        }
        let fmrLow = decadeBelow(counts.map(\.impostor).max())
        guard kind == .det else { return (fmrRange ?? fmrLow...1, fnmrRange ?? 0...1) }
        let fnmrLow = decadeBelow(counts.map(\.genuine).max())
        let leavesAbove = curves.contains { points in
            let fnmrAtLeft = points.filter { $0.fmr >= fmrLow }.map(\.fnmr).max() ?? 0
            let fmrAtBottom = points.filter { $0.fnmr >= fnmrLow }.map(\.fmr).max() ?? 0
            return fnmrAtLeft > 0.5 || fmrAtBottom > 0.5
        }
        let high = leavesAbove ? 0.99 : 0.5
        return (fmrRange ?? min(fmrLow, high / 10)...high, fnmrRange ?? min(fnmrLow, high / 10)...high)
    }

    /// Where the legend covers the fewest curve points: the corner preferred for the kind (upper right for DET,
    /// lower right for ROC), else whichever other corner is clearer.
    func legendCorner(width: Double, height: Double, area: PlotArea, curves: [[(Double, Double)]]) -> (Double, Double) {
        let inset = 0.5 * fontSize
        let (left, right) = (area.x + inset, area.x + area.width - inset - width)
        let (top, bottom) = (area.y + inset, area.y + area.height - inset - height)
        let corners =
            kind == .roc
            ? [(right, bottom), (right, top), (left, top), (left, bottom)]
            : [(right, top), (left, bottom), (right, bottom), (left, top)]
        func covered(_ corner: (Double, Double)) -> Int {
            curves.joined().filter { p in
                p.0 >= corner.0 && p.0 <= corner.0 + width && p.1 >= corner.1 && p.1 <= corner.1 + height
            }.count
        }
        return corners.min { covered($0) < covered($1) } ?? corners[0]
    }
}
