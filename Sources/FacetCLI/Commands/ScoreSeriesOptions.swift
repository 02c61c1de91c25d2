import ArgumentParser
import Biometrics
import TensorCore

/// The reference plot script's series flags, shared by `facet metrics` and `facet plot`: up to six series, each
/// an authentic (genuine) score file -aK, an impostor score file -iK and a legend label -lK.
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

    /// (authentic, impostor, label) per given series, in flag order.
    var given: [(authentic: String?, impostor: String?, label: String)] {
        let all = [(a1, i1, l1), (a2, i2, l2), (a3, i3, l3), (a4, i4, l4), (a5, i5, l5), (a6, i6, l6)]
        return all.enumerated().compactMap { k, s in
            s.0 == nil && s.1 == nil ? nil : (s.0, s.1, s.2 ?? "Series \(k + 1)")
        }
    }

    func validate() throws {
        guard !given.isEmpty else { throw ValidationError("give at least one series: -a1 <authentic> -i1 <impostor>") }
    }

    /// Loads every series; NaN scores are dropped with a warning naming the file.
    func load() throws -> [ScoreSeries] {
        try given.map { try ScoreSeries.load(label: $0.label, authentic: $0.authentic, impostor: $0.impostor, log: ConsoleLog()) }
    }
}
