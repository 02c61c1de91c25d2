import Biometrics
import Foundation

/// The reference's score-distribution figure (`plot_relative_freq_histogram_v2.py`): per series a density step
/// histogram with NumPy 'auto' bins of the authentic scores (solid) and of the impostor scores (dashed), colours
/// b, r, g, k, c, m; a legend above the axes; a d′ legend in the upper left; x from −0.5 to 1 as the reference
/// (wider, to the next half, when the scores go beyond it); 6 × 4.5 in at 150 dpi (900 × 675 px).
public struct HistogramFigure {
    public var series: [ScoreSeries]
    /// Drawn only when `showTitle` (the reference parses -t but does not draw it).
    public var title: String?
    public var showTitle = false
    /// The score axis; nil follows the data (see `scoreRange`).
    public var xRange: ClosedRange<Double>?
    public var widthPoints = 432.0
    public var heightPoints = 324.0
    public var dpi = 150.0
    public var fontSize = 8.0
    public var dPrimeFontSize = 10.0
    public var lineWidth = 1.0
    /// matplotlib's 'dashed' pattern, in line widths.
    public static let dashed: [Double] = [3.7, 1.6]

    public init(series: [ScoreSeries]) { self.series = series }

    /// The reference's legend columns: 4 for ≥ 5 series, 3 for ≥ 3, 2 for 2, else 1.
    var legendColumns: Int { series.count >= 5 ? 4 : series.count >= 3 ? 3 : series.count == 2 ? 2 : 1 }

    public func render(format: PlotFormat) throws -> Canvas {
        let canvas = try Canvas(width: widthPoints, height: heightPoints, format: format, dpi: dpi)
        var steps = [(points: [(Double, Double)], color: PlotColor, dash: [Double])]()
        var entries = [(handle: Legend.Handle, label: String)]()
        var top = 0.0
        for (k, s) in series.enumerated() {
            let color = PlotColor.series[k % PlotColor.series.count]
            for (scores, dash, kind) in [(s.authentic, [Double](), "Authentic"), (s.impostor, Self.dashed, "Impostor")] {
                guard let scores, !scores.tally.isEmpty else { continue }
                let h = Histogram(autoBins: scores.tally, float32: scores.isFloat32)
                let density = h.density
                top = max(top, density.max() ?? 0)
                var outline = [(h.edges[0], 0.0)]
                for b in density.indices {
                    outline.append((h.edges[b], density[b]))
                    outline.append((h.edges[b + 1], density[b]))
                }
                outline.append((h.edges[h.edges.count - 1], 0))
                steps.append((outline, color, dash))
                entries.append((.line(color, dash: dash), "\(s.label) \(kind)"))
            }
        }
        var legend = Legend(entries: entries)
        legend.columns = legendColumns
        legend.fontSize = fontSize
        legend.lineWidth = lineWidth
        // Fitted to the figure width less the y-axis margin (an estimate before the layout is known).
        legend = legend.fitted(width: widthPoints * 0.86, on: canvas)

        let yRange = 0...(top > 0 ? top * 1.05 : 1)
        let xRange = xRange ?? scoreRange
        let pad = 0.2 * fontSize
        let titleSpace = showTitle && title != nil ? fontSize * 1.2 * 1.5 : 0
        let left = pad + PlotArea.leftMargin(canvas: canvas, yScale: .linear, yRange: yRange, fontSize: fontSize)
        let right = pad + fontSize
        let bottom = pad + PlotArea.bottomMargin(fontSize: fontSize)
        let topMargin = pad + titleSpace + legend.height + 0.02 * heightPoints * 0.8
        let area = PlotArea(
            x: left, y: topMargin, width: widthPoints - left - right, height: heightPoints - topMargin - bottom,
            xRange: xRange, yRange: yRange, xScale: .linear, yScale: .linear)

        for step in steps {
            canvas.polyline(
                step.points.map { area.point($0.0, $0.1) }, color: step.color, lineWidth: lineWidth, dash: step.dash,
                clip: area.clip)
        }
        area.drawAxes(on: canvas, xLabel: "Match Scores", yLabel: "Relative Frequency", fontSize: fontSize)
        legend.draw(on: canvas, x: area.x, y: area.y - 0.02 * area.height - legend.height, width: area.width)

        let dPrimes = series.enumerated().compactMap { k, s in
            s.dPrime.map { (Legend.Handle.patch(PlotColor.series[k % PlotColor.series.count]), "d-prime: \(Self.rounded3($0))") }
        }
        if !dPrimes.isEmpty {
            var dLegend = Legend(entries: dPrimes)
            dLegend.fontSize = dPrimeFontSize
            dLegend.edge = PlotColor(0.8, 0.8, 0.8)
            let inset = 0.5 * dPrimeFontSize
            dLegend.draw(on: canvas, x: area.x + inset, y: area.y + inset, width: dLegend.width(on: canvas))
        }
        if showTitle, let title {
            canvas.text(title, x: area.x + area.width / 2, y: pad + fontSize * 1.2, size: fontSize * 1.2, anchor: .center)
        }
        return canvas
    }

    /// The reference's −0.5…1, widened to the next multiple of 0.5 on a side where a score lies beyond it, so no
    /// distribution is clipped.
    var scoreRange: ClosedRange<Double> {
        let sets = series.flatMap { [$0.authentic, $0.impostor] }.compactMap { $0?.tally }
        let low = min(-0.5, ((sets.compactMap(\.minimum).min() ?? 0) * 2).rounded(.down) / 2)
        let high = max(1, ((sets.compactMap(\.maximum).max() ?? 0) * 2).rounded(.up) / 2)
        return low...high
    }

    /// Python's `round(d, 3)` printed with `str`: trailing zeros dropped (8.739, 10.5).
    static func rounded3(_ d: Double) -> String {
        var s = String(format: "%.3f", d)
        while s.hasSuffix("0") { s.removeLast() }
        if s.hasSuffix(".") { s += "0" }
        return s
    }
}
