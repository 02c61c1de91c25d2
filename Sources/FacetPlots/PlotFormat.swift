/// Output file types for figures, all drawn by Cairo.
public enum PlotFormat: String, Sendable, CaseIterable {
    case png, svg, pdf
}
