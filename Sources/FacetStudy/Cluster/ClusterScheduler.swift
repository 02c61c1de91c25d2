/// What a study needs of a cluster's batch scheduler. Slurm is built in (`SlurmScheduler`); PBS/Torque, SGE and
/// LSF have array jobs and dependencies too, so each would be one more small type: its script header, its submit
/// and queue commands, and the variable that holds a task's index.
public protocol ClusterScheduler: Sendable {
    /// For messages and `run.json`: "slurm".
    var name: String { get }
    /// The batch script of `job`, with the scheduler's directives and `extraDirectives` (the user's, verbatim).
    func script(_ job: ClusterJob, extraDirectives: [String]) -> String
    /// The shell line that submits `scriptPath` for the job's tasks after the job in variable `after` succeeded,
    /// storing its id in variable `id` (for the submit script a user runs by hand).
    func submitLine(scriptPath: String, job: ClusterJob, id: String, after: String?) -> String
    /// Submits `scriptPath` for the job's tasks, to start once `after` (a job id) has succeeded, or only once
    /// released when `held`; its job id.
    func submit(scriptPath: String, job: ClusterJob, after: String?, held: Bool) throws -> String
    /// Lets a held job start.
    func release(_ job: String) throws
    /// The tasks of `jobs` still pending or running, as "<job id>_<task>" (or "<job id>" for single jobs).
    func queued(_ jobs: [String]) throws -> Set<String>
    /// Cancels `jobs` (best effort).
    func cancel(_ jobs: [String])
}
