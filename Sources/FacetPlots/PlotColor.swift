/// An RGB colour in [0, 1].
public struct PlotColor: Sendable, Equatable {
    public let red: Double
    public let green: Double
    public let blue: Double

    public init(_ red: Double, _ green: Double, _ blue: Double) {
        self.red = red
        self.green = green
        self.blue = blue
    }

    public static let black = PlotColor(0, 0, 0)
    public static let white = PlotColor(1, 1, 1)
    public static let grid = PlotColor(0.85, 0.85, 0.85)

    /// Series colours: the reference script's 1…6, matplotlib's single-letter b, r, g, k, c, m; then, for more
    /// series, six of matplotlib's tab10 colours unlike those (orange, purple, brown, pink, olive, grey).
    public static let series: [PlotColor] = [
        PlotColor(0, 0, 1), PlotColor(1, 0, 0), PlotColor(0, 0.5, 0), PlotColor(0, 0, 0), PlotColor(0, 0.75, 0.75),
        PlotColor(0.75, 0, 0.75),
        PlotColor(1, 0.498, 0.055), PlotColor(0.580, 0.404, 0.741), PlotColor(0.549, 0.337, 0.294),
        PlotColor(0.890, 0.467, 0.761), PlotColor(0.737, 0.741, 0.133), PlotColor(0.498, 0.498, 0.498),
    ]
}
