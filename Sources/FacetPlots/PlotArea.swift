/// The axes rectangle of a figure (points) and the data ranges and scales drawn in it.
public struct PlotArea {
    public let x: Double
    public let y: Double
    public let width: Double
    public let height: Double
    public let xRange: ClosedRange<Double>
    public let yRange: ClosedRange<Double>
    public let xScale: AxisScale
    public let yScale: AxisScale

    public var clip: (x: Double, y: Double, width: Double, height: Double) { (x, y, width, height) }

    /// Device point of a data point.
    public func point(_ dx: Double, _ dy: Double) -> (Double, Double) {
        (x + width * fraction(dx, xRange, xScale), y + height * (1 - fraction(dy, yRange, yScale)))
    }

    private func fraction(_ v: Double, _ range: ClosedRange<Double>, _ scale: AxisScale) -> Double {
        let lo = scale.transform(range.lowerBound)
        let hi = scale.transform(range.upperBound)
        let t = scale.transform(v)
        // Off-scale values (log 0, probit 0 or 1) are pinned just outside so lines run off the frame.
        if !t.isFinite { return t < 0 ? -0.05 : 1.05 }
        return (t - lo) / (hi - lo)
    }

    /// Frame, outward ticks with labels, and axis titles, in matplotlib's default look.
    public func drawAxes(on canvas: Canvas, xLabel: String, yLabel: String, fontSize: Double, grid: Bool = false) {
        let tick = 3.5
        let labelGap = 3.5
        var lastLabelEnd = -Double.infinity
        for (value, label) in xScale.ticks(low: xRange.lowerBound, high: xRange.upperBound) {
            let (px, _) = point(value, yRange.lowerBound)
            if grid { canvas.polyline([(px, y), (px, y + height)], color: .grid, lineWidth: 0.6) }
            canvas.polyline([(px, y + height), (px, y + height + tick)], color: .black, lineWidth: 0.8)
            // Crowded probit ticks: label only those that clear the previous label.
            let w = canvas.textWidth(label, size: fontSize)
            guard px - w / 2 > lastLabelEnd + fontSize * 0.5 else { continue }
            lastLabelEnd = px + w / 2
            canvas.text(label, x: px, y: y + height + tick + labelGap + fontSize * 0.72, size: fontSize, anchor: .center)
        }
        var widest = 0.0
        for (value, label) in yScale.ticks(low: yRange.lowerBound, high: yRange.upperBound) {
            let (_, py) = point(xRange.lowerBound, value)
            if grid { canvas.polyline([(x, py), (x + width, py)], color: .grid, lineWidth: 0.6) }
            canvas.polyline([(x - tick, py), (x, py)], color: .black, lineWidth: 0.8)
            canvas.text(label, x: x - tick - labelGap, y: py + fontSize * 0.36, size: fontSize, anchor: .right)
            widest = max(widest, canvas.textWidth(label, size: fontSize))
        }
        canvas.strokeRectangle(x: x, y: y, width: width, height: height, color: .black, lineWidth: 0.8)
        canvas.text(
            xLabel, x: x + width / 2, y: y + height + tick + labelGap + fontSize * 0.72 + labelGap + fontSize,
            size: fontSize, anchor: .center)
        canvas.text(
            yLabel, x: x - tick - labelGap - widest - labelGap - fontSize * 0.28, y: y + height / 2, size: fontSize,
            anchor: .center, vertical: true)
    }

    /// Space the y tick labels and title need to the left of the frame.
    public static func leftMargin(canvas: Canvas, yScale: AxisScale, yRange: ClosedRange<Double>, fontSize: Double)
        -> Double
    {
        let widest = yScale.ticks(low: yRange.lowerBound, high: yRange.upperBound)
            .map { canvas.textWidth($0.label, size: fontSize) }.max() ?? 0
        return 3.5 + 3.5 + widest + 3.5 + fontSize * 1.1
    }

    /// Space the x tick labels and title need below the frame.
    public static func bottomMargin(fontSize: Double) -> Double { 3.5 + 3.5 + fontSize * 0.72 + 3.5 + fontSize * 1.3 }
}
