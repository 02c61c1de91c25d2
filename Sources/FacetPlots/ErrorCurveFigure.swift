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

    public init(kind: Kind, series: [ScoreSeries]) {
        self.kind = kind
        self.series = series
    }

    public func render(format: PlotFormat) throws -> Canvas {
        let canvas = try Canvas(width: widthPoints, height: heightPoints, format: format, dpi: dpi)
        var curves = [(points: [(fmr: Double, fnmr: Double)], color: PlotColor, label: String)]()
        var smallest = 1.0, largestEER = 0.0
        for (k, s) in series.enumerated() {
            guard let a = s.authentic, let i = s.impostor else { continue }
            let rates = try ErrorRates(genuine: a.tally, impostor: i.tally)
            let points = rates.curve.map { (fmr: $0.fmr, fnmr: $0.fnmr) }
            smallest = min(smallest, 1 / Double(rates.impostorCount))
            let eer = rates.equalErrorRate.eer
            largestEER = max(largestEER, eer)
            curves.append((points, PlotColor.series[k % PlotColor.series.count], "\(s.label) (EER \(String(format: "%.2f", eer * 100))%)"))
        }
        let lowFMR = max(1e-6, pow(10, log10(smallest).rounded(.down)))
        let xRange: ClosedRange<Double>
        let yRange: ClosedRange<Double>
        let xScale: AxisScale
        let yScale: AxisScale
        switch kind {
        case .roc:
            (xRange, yRange, xScale, yScale) = (lowFMR...1, 0...1, .log10, .linear)
        case .det:
            // Up to 50 % as usual; further when a curve crosses the diagonal beyond it, so it stays visible.
            let high = largestEER > 0.4 ? 0.99 : 0.5
            (xRange, yRange, xScale, yScale) = (max(lowFMR, 1e-5)...high, 1e-3...high, .probit, .probit)
        }
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
        for curve in curves {
            var device = [(Double, Double)]()
            for p in curve.points {
                let q = kind == .roc ? area.point(p.fmr, 1 - p.fnmr) : area.point(p.fmr, p.fnmr)
                // Thin to points at least a quarter point apart: millions of thresholds, a few hundred visible.
                if let last = device.last, abs(last.0 - q.0) < 0.25 && abs(last.1 - q.1) < 0.25 { continue }
                device.append(q)
            }
            canvas.polyline(device, color: curve.color, lineWidth: lineWidth, clip: area.clip)
        }
        var legend = Legend(entries: curves.map { (.line($0.color, dash: []), $0.label) })
        legend.fontSize = fontSize
        legend.edge = PlotColor(0.8, 0.8, 0.8)
        let w = legend.width(on: canvas)
        let inset = 0.5 * fontSize
        let legendY = kind == .roc ? area.y + area.height - inset - legend.height : area.y + inset
        legend.draw(on: canvas, x: area.x + area.width - inset - w, y: legendY, width: w)
        if showTitle, let title {
            canvas.text(title, x: area.x + area.width / 2, y: pad + fontSize * 1.2, size: fontSize * 1.2, anchor: .center)
        }
        return canvas
    }
}
