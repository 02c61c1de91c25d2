import TensorCore

/// One array task of a study on a cluster: one shard of one stage, over every group (the images of each group's
/// parse, blur and extract steps, or the pair set of each match step). Its outputs are the very files a local run
/// writes (match blocks, which the final job merges); the tasks of a stage together cover every input once.
public struct StudyTask: Sendable, Hashable {
    public let stage: ExperimentStep.Stage
    public let shard: Shard

    /// The stages that run as array jobs; plots and the report run in the final job.
    public static let arrayStages: [ExperimentStep.Stage] = [.parse, .blur, .extract, .match]

    public init(stage: ExperimentStep.Stage, shard: Shard) throws {
        guard Self.arrayStages.contains(stage) else {
            throw FacetError(
                .usage, "--task \(stage.rawValue): array tasks run \(Self.arrayStages.map(\.rawValue).joined(separator: ", "))")
        }
        self.stage = stage
        self.shard = shard
    }

    /// "extract 2/8".
    public var label: String { "\(stage.rawValue) \(shard)" }
}
