import Biometrics

extension PlotKind {
    /// Draws this kind of figure of `series`. `dpi` scales the 6×4.5-inch figure (150 dpi: 900×675 PNG); the
    /// title is drawn only when `showTitle` is set, as the reference plot script does.
    /// `scoreRange` is a histogram's x axis, `fmrRange` and `fnmrRange` an error curve's; nil follows the data.
    public func render(
        _ series: [ScoreSeries], title: String? = nil, showTitle: Bool = false, dpi: Double = 150,
        format: PlotFormat = .png, scoreRange: ClosedRange<Double>? = nil, fmrRange: ClosedRange<Double>? = nil,
        fnmrRange: ClosedRange<Double>? = nil
    ) throws -> Canvas {
        guard let curve = errorCurve else {
            var figure = HistogramFigure(series: series)
            figure.title = title
            figure.showTitle = showTitle
            figure.dpi = dpi
            figure.xRange = scoreRange
            return try figure.render(format: format)
        }
        var figure = ErrorCurveFigure(kind: curve, series: series)
        figure.title = title
        figure.showTitle = showTitle
        figure.dpi = dpi
        figure.fmrRange = fmrRange
        figure.fnmrRange = fnmrRange
        return try figure.render(format: format)
    }
}
