/// One job a study submits to a cluster scheduler: a stage's array of shards, or the final job.
public struct ClusterJob: Sendable {
    /// The stage name, or "final".
    public let name: String
    /// The task indices to run (1…shards) for an array job; nil for the single final job.
    public let tasks: [Int]?
    public let cpus: Int
    /// The command each task runs; `ClusterJob.taskIndex` in an argument stands for the task's index, which the
    /// scheduler's script takes from its environment.
    public let command: [String]
    /// Where the scheduler writes the job's output: one log per task (see `ClusterLayout.log`).
    public let logs: String
    public let workingDirectory: String

    public static let taskIndex = "{task}"
}
