import ArgumentParser
import Biometrics
import TensorCore

/// The series flags shared by `facet metrics` and `facet plot`: the reference plot script's six, each an authentic
/// (genuine) score file -aK, an impostor score file -iK and a legend label -lK, then any number of
/// `--series AUTHENTIC:IMPOSTOR[:LABEL]`.
struct ScoreSeriesOptions: ParsableArguments {
    @Option(name: .customLong("a1", withSingleDash: true), help: "Series 1 authentic (genuine) scores.") var a1: String?
    @Option(name: .customLong("i1", withSingleDash: true), help: "Series 1 impostor scores.") var i1: String?
    @Option(name: .customLong("l1", withSingleDash: true), help: "Series 1 label.") var l1: String?
    @Option(name: .customLong("a2", withSingleDash: true), help: "Series 2 authentic scores.") var a2: String?
    @Option(name: .customLong("i2", withSingleDash: true), help: "Series 2 impostor scores.") var i2: String?
    @Option(name: .customLong("l2", withSingleDash: true), help: "Series 2 label.") var l2: String?
    @Option(name: .customLong("a3", withSingleDash: true), help: "Series 3 authentic scores.") var a3: String?
    @Option(name: .customLong("i3", withSingleDash: true), help: "Series 3 impostor scores.") var i3: String?
    @Option(name: .customLong("l3", withSingleDash: true), help: "Series 3 label.") var l3: String?
    @Option(name: .customLong("a4", withSingleDash: true), help: "Series 4 authentic scores.") var a4: String?
    @Option(name: .customLong("i4", withSingleDash: true), help: "Series 4 impostor scores.") var i4: String?
    @Option(name: .customLong("l4", withSingleDash: true), help: "Series 4 label.") var l4: String?
    @Option(name: .customLong("a5", withSingleDash: true), help: "Series 5 authentic scores.") var a5: String?
    @Option(name: .customLong("i5", withSingleDash: true), help: "Series 5 impostor scores.") var i5: String?
    @Option(name: .customLong("l5", withSingleDash: true), help: "Series 5 label.") var l5: String?
    @Option(name: .customLong("a6", withSingleDash: true), help: "Series 6 authentic scores.") var a6: String?
    @Option(name: .customLong("i6", withSingleDash: true), help: "Series 6 impostor scores.") var i6: String?
    @Option(name: .customLong("l6", withSingleDash: true), help: "Series 6 label.") var l6: String?

    @Option(
        name: .customLong("series"),
        help: ArgumentHelp(
            "A series of an authentic and an impostor score file and a label (default: Series <n>); repeatable, after -a1…-a6.",
            valueName: "authentic:impostor[:label]"))
    var series: [String] = []

    @Flag(help: "Lower scores mean the same person (distances): rates are computed for 'match when score <= threshold', thresholds stay in the files' units.")
    var lowerIsBetter = false

    /// (authentic, impostor, label) per given series, in flag order: -a1…-a6, then each --series.
    var given: [(authentic: String?, impostor: String?, label: String)] {
        get throws {
            let all = [(a1, i1, l1), (a2, i2, l2), (a3, i3, l3), (a4, i4, l4), (a5, i5, l5), (a6, i6, l6)]
            var given: [(authentic: String?, impostor: String?, label: String)] = all.enumerated().compactMap { k, s in
                s.0 == nil && s.1 == nil ? nil : (s.0, s.1, s.2 ?? "Series \(k + 1)")
            }
            for text in series {
                // The label is everything after the second colon, so it may hold colons itself.
                let fields = text.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false).map(String.init)
                guard fields.count >= 2, !fields[0].isEmpty, !fields[1].isEmpty else {
                    throw FacetError(.usage, "--series \(text): expected AUTHENTIC:IMPOSTOR or AUTHENTIC:IMPOSTOR:LABEL")
                }
                given.append((fields[0], fields[1], fields.count == 3 ? fields[2] : "Series \(given.count + 1)"))
            }
            return given
        }
    }

    func validate() throws {
        var count = 0
        try LibraryCheck.run { count = try given.count }
        guard count > 0 else {
            throw ValidationError("give at least one series: -a1 <authentic> -i1 <impostor>, or --series <authentic>:<impostor>")
        }
    }

    /// Loads every series; NaN scores are dropped with a warning naming the file, and a series whose genuine
    /// scores sit on the wrong side for `--lower-is-better` (or its absence) is warned about.
    func load() throws -> [ScoreSeries] {
        let log = ConsoleLog()
        let loaded = try given.map { try ScoreSeries.load(label: $0.label, authentic: $0.authentic, impostor: $0.impostor, log: log) }
        for s in loaded { if let warning = s.directionWarning(lowerIsBetter: lowerIsBetter) { log.warning(warning) } }
        return loaded
    }

    /// The series as similarities, which the rates assume: negated with `--lower-is-better`.
    func similarities(_ loaded: [ScoreSeries]) -> [ScoreSeries] { lowerIsBetter ? loaded.map(\.negated) : loaded }
}
