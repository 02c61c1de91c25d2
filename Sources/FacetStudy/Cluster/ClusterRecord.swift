/// The jobs of a study's latest cluster submission, as `run.json` records them under `cluster`.
public struct ClusterRecord: Codable, Sendable {
    public struct Job: Codable, Sendable {
        /// The stage, or "final".
        public let name: String
        public let id: String
        /// The shards submitted (those not finished before); nil for the final job.
        public let tasks: [Int]?
    }

    public let scheduler: String
    public let submittedAt: String
    public let shards: Int
    public var jobs: [Job]
    /// Tasks that failed, as "<stage> <k>/<n>", once `--wait` saw them.
    public var failedTasks: [String]?
}
