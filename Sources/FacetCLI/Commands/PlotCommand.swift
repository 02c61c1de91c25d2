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
            Reference flags: -a1 A1.npy -i1 I1.npy -l1 L1 [… up to -a6 -i6 -l6] -t Title -d <dest dir> -n <name>; \
            any number of further series with --series A.npy:I.npy:Label. \
            Writes <dest>/<name>.<format> ('/' in the name becomes '_'). Score files as for 'facet metrics'.

            histogram (default): per series, plt.hist(scores, bins='auto', histtype='step', density=True) of the \
            authentic (solid) and impostor (dashed) scores, colours b r g k c m, x from -0.5 to 1 (widened to \
            the next half to cover every score; --xlim sets it), \
            "Match Scores" / "Relative Frequency", a legend above the axes and "d-prime: <round(d', 3)>" per series. \
            roc: TMR against FMR (log axis). det: FNMR against FMR on normal-deviate axes. Their axes start at \
            the smallest rate the pair counts resolve (1/#impostor for FMR, 1/#genuine for FNMR, to the power of \
            ten below) and end at 50% (99% when an EER is above 40%); --fmr-range and --fnmr-range set them. The \
            legend goes in the corner it hides the fewest curve points in.
            The -t title is drawn above the axes; --hide-title leaves it out, as the reference script does (it \
            parses -t but never draws it). Series 1-6 take the reference colours b r g k c m; further series \
            take six more (orange, purple, brown, pink, olive, grey), then the twelve repeat.
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

    @Option(help: ArgumentHelp("Histogram score axis (default: -0.5:1, widened to cover every score).", valueName: "low:high"))
    var xlim: String?

    @Option(help: ArgumentHelp("ROC/DET false match rate axis, e.g. 1e-6:0.5 (default: from 1/#impostor).", valueName: "low:high"))
    var fmrRange: String?

    @Option(help: ArgumentHelp("DET false non-match rate axis (default: from 1/#genuine to 50%).", valueName: "low:high"))
    var fnmrRange: String?

    @Flag(help: "Do not draw the -t title (the reference script's figure).")
    var hideTitle = false

    @Flag(help: "Overwrite an existing output file.")
    var force = false

    @Flag(name: .shortAndLong, help: "Do not print each series' d' on stderr.")
    var quiet = false

    func validate() throws {
        try LibraryCheck.run {
            try SettingCheck.integer(width, in: 100...10000, "--width", unit: "pixels")
            _ = try ranges()
        }
    }

    /// --xlim, --fmr-range and --fnmr-range, checked.
    func ranges() throws -> (score: ClosedRange<Double>?, fmr: ClosedRange<Double>?, fnmr: ClosedRange<Double>?) {
        let rates = 1e-12...1.0
        return (
            try xlim.map { try CommandParsing.range($0, option: "--xlim") },
            try fmrRange.map { try CommandParsing.range($0, option: "--fmr-range", within: rates) },
            try fnmrRange.map { try CommandParsing.range($0, option: "--fnmr-range", within: rates) }
        )
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
        let (scoreRange, fmr, fnmr) = try ranges()
        // Error curves do not depend on the scores' units: drawn from the similarities; histograms from the files.
        let canvas = try kind.render(
            kind.errorCurve == nil ? loaded : series.similarities(loaded), title: title, showTitle: title != nil && !hideTitle, dpi: 150.0 * Double(width) / 900, format: format,
            scoreRange: scoreRange, fmrRange: fmr, fnmrRange: fnmr)
        try canvas.write(to: path)
        for s in loaded where !quiet {
            if let d = s.dPrime { Console.info("\(s.label): d' = \(d)") }
        }
    }
}
