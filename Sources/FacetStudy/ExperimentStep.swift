/// One step of a study, as a value: which stage runs for which group and condition, reading and writing what.
/// `ExperimentRunner` calls the library stage for it directly; `ExperimentPlan.commandLine(_:)` renders the
/// `facet` command that does the same, recorded in `run.json` so a person can rerun one step by hand.
public struct ExperimentStep: Sendable {
    public enum Stage: String, CaseIterable, Sendable, Codable {
        case parse, blur, extract, match, plot, report

        /// Position in the study's order.
        public var order: Int { Self.allCases.firstIndex(of: self) ?? Self.allCases.count }
    }

    /// What the step does, with its inputs and outputs.
    public enum Work: Sendable {
        /// Label maps of the group's originals.
        case parse(images: String, labels: String)
        /// Every part blurred in the group's originals, using the label maps in `labels`.
        case blur(images: String, labels: String, destination: String)
        /// Embeddings of the images in the list file (originals and every blurred set), under `destination`.
        case extract(list: String, destination: String)
        /// All-pairs matching of one condition into score files and a summary.
        case match(ExperimentLayout.Condition, probe: String, gallery: String?, output: String)
        /// One figure of one part: distribution (original vs blurred) or DET (with the cross condition too).
        case plot(part: String, ExperimentLayout.PlotKind, series: [PlotSeries], path: String)
    }

    /// One curve of a figure: a condition's score files and its legend label.
    public struct PlotSeries: Sendable {
        public let condition: ExperimentLayout.Condition
        public let authentic: String
        public let impostor: String
        public let label: String
    }

    public let group: String
    public let work: Work

    public var stage: Stage {
        switch work {
        case .parse: .parse
        case .blur: .blur
        case .extract: .extract
        case .match: .match
        case .plot: .plot
        }
    }

    /// Short description for messages and `run.json`, e.g. "match CM cross_eyes".
    public var label: String {
        switch work {
        case .parse, .blur, .extract: "\(stage.rawValue) \(group)"
        case .match(let condition, _, _, _): "match \(group) \(condition.folder)"
        case .plot(let part, let kind, _, _): "plot \(group) \(part) \(kind.rawValue)"
        }
    }
}
