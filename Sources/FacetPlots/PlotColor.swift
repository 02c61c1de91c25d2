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

    /// The reference script's series colours 1…6: matplotlib's single-letter b, r, g, k, c, m.
    public static let series: [PlotColor] = [
        PlotColor(0, 0, 1), PlotColor(1, 0, 0), PlotColor(0, 0.5, 0), PlotColor(0, 0, 0), PlotColor(0, 0.75, 0.75),
        PlotColor(0.75, 0, 0.75),
    ]
}
