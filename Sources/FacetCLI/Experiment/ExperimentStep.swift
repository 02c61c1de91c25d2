/// One stage-command invocation of a study: `facet <arguments>`, run in process.
struct ExperimentStep: Sendable {
    enum Stage: String, CaseIterable, Sendable, Codable {
        case parse, blur, extract, match, plot, report

        /// Position in the study's order.
        var order: Int { Self.allCases.firstIndex(of: self)! }
    }

    let stage: Stage
    /// Short description for messages and `run.json`, e.g. "match CM cross_eyes".
    let label: String
    let arguments: [String]
    /// Whether the step's outputs are complete from an earlier run, checked just before it would run. The batch
    /// stages (parse, blur, extract) skip finished files themselves; checking here as well spares loading a model
    /// when there is nothing left to do.
    let isFinished: @Sendable () -> Bool

    init(_ stage: Stage, _ label: String, _ arguments: [String], isFinished: @escaping @Sendable () -> Bool) {
        self.stage = stage
        self.label = label
        self.arguments = arguments
        self.isFinished = isFinished
    }
}
