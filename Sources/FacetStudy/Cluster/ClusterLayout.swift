import Foundation

/// Where a study's cluster files live, under `<root>/slurm/`: the resolved config every job reads, one batch
/// script per stage and the final one, the submit script, the jobs' logs and the tasks' status records.
public struct ClusterLayout: Sendable {
    public let folder: String

    public init(root: String) { folder = (root as NSString).appendingPathComponent("slurm") }

    func path(_ parts: String...) -> String { parts.reduce(folder) { ($0 as NSString).appendingPathComponent($1) } }

    /// The study's config with every path absolute: what each job runs (`facet experiment --config`).
    public var config: String { path("study.json") }
    /// The script that submits every job in order (for `--slurm` without `--submit`).
    public var submitScript: String { path("submit.sh") }
    public var logs: String { path("logs") }

    /// `<stage>.sbatch`, or `final.sbatch` for the job that merges, plots and reports.
    public func script(_ job: String) -> String { path("\(job).sbatch") }

    /// The log of one task of a stage's array job (`<stage>-<k>.log`), or of the final job (`final.log`).
    public func log(_ job: String, task: Int?) -> String { path("logs", task.map { "\(job)-\($0).log" } ?? "\(job).log") }

    /// The status record of one task.
    func status(_ task: StudyTask) -> String {
        path("status", "\(task.stage.rawValue)-\(task.shard.index)-of-\(task.shard.count).json")
    }
}
