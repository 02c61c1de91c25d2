import ArgumentParser
import Biometrics
import Foundation
import TensorCore

/// `facet metrics`: biometric metrics of score files, per series and between conditions.
struct MetricsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "metrics",
        abstract: "d', EER, FMR/FNMR, FNMR at FMR, AUC, KS and Clopper-Pearson intervals from score files.",
        discussion: """
            Score files: Facet's (K,) float32 .npy, the reference's (K, 3) float64 .npy (column 2 is the score; \
            Fortran order accepted), any 1-D .npy, a *_tally.npy of (K, 2) [score, count] rows (facet match \
            --score-format none), or text with one score per line (last field of each line). \
            NaN scores are skipped and reported.

            Decision rule: match when score >= threshold (with --lower-is-better, for distances: match when \
            score <= threshold, FMR(t) = #impostor <= t, FNMR(t) = #genuine > t; thresholds, means and extremes in \
            the files' units). A series whose genuine mean is on the wrong side of its impostor mean for the chosen \
            direction is warned about. Otherwise: FMR(t) = #impostor >= t / #impostor, \
            FNMR(t) = #genuine < t / #genuine. d' = |mean_g - mean_i| / sqrt((var_g + var_i) / 2), population \
            variances. EER: pyeer / FVC2000 convention (first threshold where FMR <= FNMR and the one before; the \
            one with the smaller FMR + FNMR, the earlier on a tie; EER = midpoint of its two rates), with its \
            threshold. FNMR at FMR x: the smallest distinct score whose FMR <= x; "resolved": false when \
            #impostor * x < 1. AUC = scikit-learn roc_auc_score. Intervals: 95% Clopper-Pearson.

            With several series, "between" compares each series with series 1: authentic vs authentic and \
            impostor vs impostor d' and two-sample Kolmogorov-Smirnov statistic.
            """)

    @OptionGroup var series: ScoreSeriesOptions

    @Option(help: "FMR targets, comma-separated (1 to 1000 rates in (0, 1]).")
    var fmrTargets: String = "1e-1,1e-2,1e-3,1e-4,1e-5,1e-6"

    @Option(help: "Thresholds at which to report FMR and FNMR, comma-separated (finite, at most 1000).")
    var thresholds: String?

    @Option(help: "Output format: json, or csv (series,metric,value rows, value numeric: empty where there is no number, e.g. no threshold reaches an FMR target; resolved is 1 or 0).")
    var format: OutputFormat = .json

    @Option(
        name: [.customShort("o"), .long],
        help: "Write to this file (atomically; it must be a regular file if it exists) instead of stdout; - or /dev/stdout streams to stdout.")
    var output: String?

    @Option(help: "Also write ROC/DET curve data (series,threshold,fmr,fnmr) to this CSV file (- or /dev/stdout: stdout).")
    var curves: String?

    @Flag(help: "Overwrite existing -o and --curves files.")
    var force = false

    enum OutputFormat: String, ExpressibleByArgument, CaseIterable { case json, csv }

    struct SeriesReport: Codable {
        let label: String
        let metrics: MetricsReport?
        let authenticCount: Int?
        let impostorCount: Int?
        /// NaN scores left out (comparisons that did not complete).
        let authenticNaNCount: Int?
        let impostorNaNCount: Int?
    }

    struct Between: Codable {
        let first: String
        let second: String
        let authenticDPrime: Double?
        let impostorDPrime: Double?
        let authenticKS: Double?
        let impostorKS: Double?
    }

    struct Report: Codable {
        let series: [SeriesReport]
        let between: [Between]
    }

    func validate() throws {
        try LibraryCheck.run {
            _ = try CommandParsing.targets(fmrTargets)
            _ = try CommandParsing.thresholds(thresholds)
        }
    }

    func run() throws {
        try TextOutput.check(output, force: force)
        try TextOutput.check(curves, force: force)
        let loaded = try series.load()
        let targets = try CommandParsing.targets(fmrTargets)
        let thresholdValues = try CommandParsing.thresholds(thresholds)
        var reports = [SeriesReport]()
        var curveRows = "series,threshold,fmr,fnmr\n"
        // With --lower-is-better the rates are computed on the negated scores, then reported in the files' units.
        let sign = series.lowerIsBetter ? -1.0 : 1.0
        for (s, similarities) in zip(loaded, series.similarities(loaded)) {
            var metrics: MetricsReport?
            if let a = similarities.authentic, let i = similarities.impostor {
                let rates = try ErrorRates(genuine: a.tally, impostor: i.tally)
                let report = MetricsReport(rates: rates, targets: targets, thresholds: thresholdValues.map { sign * $0 })
                metrics = series.lowerIsBetter ? MetricsReport.ofDistances(negatedReport: report) : report
                if curves != nil {
                    for p in rates.curve { curveRows += "\(csvField(s.label)),\(sign * p.threshold),\(p.fmr),\(p.fnmr)\n" }
                }
            }
            reports.append(
                SeriesReport(
                    label: s.label, metrics: metrics, authenticCount: s.authentic?.tally.total,
                    impostorCount: s.impostor?.tally.total, authenticNaNCount: s.authentic?.nanCount,
                    impostorNaNCount: s.impostor?.nanCount))
        }
        let between = loaded.dropFirst().map { other in
            let first = loaded[0]
            func compare(_ x: ScoreSet?, _ y: ScoreSet?) -> (Double?, Double?) {
                guard let x = x?.tally, let y = y?.tally else { return (nil, nil) }
                return (Moments.decidability(x.moments, y.moments), KolmogorovSmirnov.statistic(x, y))
            }
            let a = compare(first.authentic, other.authentic)
            let i = compare(first.impostor, other.impostor)
            return Between(
                first: first.label, second: other.label, authenticDPrime: a.0, impostorDPrime: i.0, authenticKS: a.1,
                impostorKS: i.1)
        }
        let report = Report(series: reports, between: between)
        let data: Data
        switch format {
        case .json: data = try JSONOutput.encode(report)
        case .csv: data = Data(csv(report).utf8)
        }
        try TextOutput.write(data, to: output ?? "-")
        if let curves { try TextOutput.write(Data(curveRows.utf8), to: curves) }
    }

    private func csv(_ report: Report) -> String {
        var text = "series,metric,value\n"
        for s in report.series {
            for (k, v) in s.metrics?.csvRows() ?? [] { text += "\(csvField(s.label)),\(k),\(csvNumber(v))\n" }
        }
        for b in report.between {
            let pairLabel = csvField("\(b.first) vs \(b.second)")
            for (k, v) in [
                ("authentic_d_prime", b.authenticDPrime), ("impostor_d_prime", b.impostorDPrime),
                ("authentic_ks", b.authenticKS), ("impostor_ks", b.impostorKS),
            ] {
                if let v { text += "\(pairLabel),\(k),\(csvNumber(v))\n" }
            }
        }
        return text
    }

    /// A number pandas reads as one; a missing or non-finite one is an empty field (NaN).
    private func csvNumber(_ v: Double?) -> String { v.flatMap { $0.isFinite ? "\($0)" : nil } ?? "" }

    private func csvField(_ s: String) -> String {
        s.contains(",") || s.contains("\"") ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
    }
}
