import ArgumentParser
import Biometrics
import FacetPlots
import Foundation
import TensorCore

/// `facet plot`: score-distribution histograms (the reference figure), ROC and DET curves.
struct PlotCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plot",
        abstract: "Plot score distributions (density step histograms with d'), ROC or DET curves.",
        discussion: """
            Reference flags: -a1 A1.npy -i1 I1.npy -l1 L1 [… up to -a6 -i6 -l6] -t Title -d <dest dir> -n <name>. \
            Writes <dest>/<name>.<format> ('/' in the name becomes '_'). Score files as for 'facet metrics'.

            histogram (default): per series, plt.hist(scores, bins='auto', histtype='step', density=True) of the \
            authentic (solid) and impostor (dashed) scores, colours b r g k c m, x from -0.5 to 1, \
            "Match Scores" / "Relative Frequency", a legend above the axes and "d-prime: <round(d', 3)>" per series. \
            roc: TMR against FMR (log axis). det: FNMR against FMR on normal-deviate axes.
            The title is drawn only with --show-title (the reference parses -t but does not draw it).
            """)

    @OptionGroup var series: ScoreSeriesOptions

    @Option(name: [.customShort("t"), .customLong("title")], help: "Figure title.")
    var title: String?

    @Option(name: [.customShort("d"), .customLong("dest")], help: "Destination folder (created if missing).")
    var dest: String = "."

    @Option(name: [.customShort("n"), .customLong("name")], help: "File name without extension.")
    var name: String

    @Option(help: "Figure kind: histogram, roc or det.")
    var kind: PlotKind = .histogram

    @Option(help: "Output format: png, svg or pdf.")
    var format: PlotFormat = .png

    @Option(help: "PNG width in pixels (height follows the 4:3 figure).")
    var width: Int = 900

    @Flag(help: "Draw the -t title.")
    var showTitle = false

    @Flag(help: "Overwrite an existing output file.")
    var force = false

    @Flag(name: .shortAndLong, help: "Do not print each series' d' on stderr.")
    var quiet = false

    func validate() throws {
        try LibraryCheck.run { try SettingCheck.integer(width, in: 100...10000, "--width", unit: "pixels") }
    }

    func run() throws {
        let path = (dest as NSString).appendingPathComponent(
            name.replacingOccurrences(of: "/", with: "_") + "." + format.rawValue)
        try AtomicFile.checkTarget(path)
        if !force && FileManager.default.fileExists(atPath: path) {
            throw FacetError(.cannotCreate, "\(path): already exists; use --force to overwrite")
        }
        let loaded = try series.load()
        if kind.errorCurve != nil && !loaded.contains(where: { $0.authentic != nil && $0.impostor != nil }) {
            throw ValidationError("\(kind.rawValue) curves need a series with both -aK and -iK")
        }
        let canvas = try kind.render(
            loaded, title: title, showTitle: showTitle, dpi: 150.0 * Double(width) / 900, format: format)
        try canvas.write(to: path)
        for s in loaded where !quiet {
            if let d = s.dPrime { Console.info("\(s.label): d' = \(d)") }
        }
    }
}
