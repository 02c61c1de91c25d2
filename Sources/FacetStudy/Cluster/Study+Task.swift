import Foundation
import TensorCore

extension Study {
    /// Runs one array task: its shard of every step of its stage, writing the very files a local run writes (match
    /// steps write blocks, which the final job merges). Refused unless the output root holds this study's
    /// `run.json` (the submission writes it). Many tasks run at once, so a task never writes `run.json`; it
    /// leaves its status record instead, written last whatever happened (but an interruption: the shard then
    /// simply runs again).
    /// - Returns: the inputs that failed (each logged as it happened); the shard counts as finished all the same,
    ///   and the final job retries them, as a local rerun would.
    public func runTask(_ task: StudyTask, log: any PipelineLog = SilentLog(), stop: StopRequest = StopRequest())
        throws -> [String]
    {
        let layout = plan.layout
        guard FileManager.default.fileExists(atPath: layout.runRecord) else {
            throw FacetError(
                .missingInput, "\(layout.runRecord): no study here; submit it with facet experiment --slurm first")
        }
        let record = try RunRecord.start(command: [], config: config, dataset: plan.dataset, models: models)
        try record.checkResumable(previous: try RunRecord.read(layout.runRecord), path: layout.runRecord)
        var runner = ExperimentRunner(
            plan: plan, record: record,
            models: StudyModels(bisenet: config.bisenetWeights, arcface: config.arcfaceWeights), stopAfter: nil,
            log: log, stop: stop)
        runner.shard = task.shard
        let start = Date()
        let statusPath = ClusterLayout(root: layout.root).status(task)
        func finish(_ status: TaskRecord.Status, message: String? = nil) throws {
            try TaskRecord(
                stage: task.stage, shard: task.shard, status: status, failedInputs: runner.failedInputs,
                message: message, seconds: Date().timeIntervalSince(start), finishedAt: RunRecord.timestamp(),
                host: ProcessInfo.processInfo.hostName
            ).write(to: statusPath)
        }
        do {
            for step in plan.steps where step.stage == task.stage {
                log.info("experiment: task \(task.label): \(step.label)")
                if try runner.execute(step) == .interrupted { throw FacetError(.io, "interrupted") }
            }
        } catch where stop.isRequested {
            throw error
        } catch {
            try? finish(.failed, message: (error as? FacetError)?.message ?? "\(error)")
            throw error
        }
        try finish(runner.failedInputs.isEmpty ? .done : .someFailed)
        return runner.failedInputs
    }
}
