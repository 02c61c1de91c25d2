/// The figures FacetPlots draws: the reference's score-distribution histogram (`HistogramFigure`) or ROC / DET
/// error curves (`ErrorCurveFigure`).
public enum PlotKind: String, Sendable, CaseIterable {
    case histogram, roc, det

    /// The kind of error-curve figure to draw; nil for the histogram.
    public var errorCurve: ErrorCurveFigure.Kind? {
        switch self {
        case .histogram: nil
        case .roc: .roc
        case .det: .det
        }
    }
}
