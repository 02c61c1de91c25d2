import Foundation
import TensorCore

extension ClusterSubmission {
    /// A task that ended without finishing its shard.
    public struct FailedTask: Sendable, CustomStringConvertible {
        public let task: StudyTask
        public let jobID: String
        public let log: String
        /// The task's own error, when it lived to record it.
        public let message: String?

        public var description: String {
            "\(task.stage.rawValue) shard \(task.shard) failed (job \(jobID)_\(task.shard.index))"
                + (message.map { ": \($0)" } ?? "") + "; log: \(log)"
        }
    }

    /// Watches `jobs` until the final job ends, or a task fails (each failed task is named on `log`, the jobs left
    /// are cancelled and `run.json` lists the failures: resubmitting then runs only the unfinished shards).
    /// Returns the study's outcome as the final job recorded it, or `.failed`.
    public func wait(
        for jobs: [ClusterRecord.Job], log: any PipelineLog, stop: StopRequest, poll: Double = 2
    ) throws -> StudyOutcome {
        let all = jobs.map(\.id)
        guard let final = jobs.last(where: { $0.name == "final" }) else { return .failed }
        while true {
            if stop.isRequested {
                log.info("experiment: stopped waiting; the jobs go on (\(all.joined(separator: ", ")))")
                return .interrupted
            }
            let queued = try scheduler.queued(all)
            let failed = try failedTasks(jobs, queued: queued)
            if !failed.isEmpty {
                scheduler.cancel(all.filter { id in queued.contains { $0 == id || $0.hasPrefix(id + "_") } })
                for task in failed { log.error("experiment: \(task)") }
                log.error("experiment: fix the cause and resubmit (the same command with --submit); only unfinished shards run again")
                try recordFailures(failed)
                return .failed
            }
            if !queued.contains(final.id) { return try finalOutcome(finalJob: final.id) }
            Thread.sleep(forTimeInterval: poll)
        }
    }

    /// The tasks of the earliest stage with a task that left the queue without finishing its shard (later stages
    /// never started, so they are not failures of their own).
    func failedTasks(_ jobs: [ClusterRecord.Job], queued: Set<String>) throws -> [FailedTask] {
        for job in jobs {
            guard let tasks = job.tasks, let stage = ExperimentStep.Stage(rawValue: job.name) else { continue }
            let failed = try tasks.compactMap { k -> FailedTask? in
                let task = try StudyTask(stage: stage, shard: Shard(k, of: shards))
                guard !queued.contains("\(job.id)_\(k)") else { return nil }
                // A task writes its record before it leaves the queue, so gone without a finished one is a failure.
                let record = TaskRecord.read(layout.status(task))
                if record?.isFinished == true { return nil }
                return FailedTask(task: task, jobID: job.id, log: layout.log(job.name, task: k), message: record?.message)
            }
            if !failed.isEmpty { return failed }
        }
        return []
    }

    private func recordFailures(_ failed: [FailedTask]) throws {
        var record = try RunRecord.read(study.plan.layout.runRecord)
        record.cluster?.failedTasks = failed.map(\.task.label)
        record.status = StudyOutcome.failed.status
        record.finishedAt = RunRecord.timestamp()
        try record.write(to: study.plan.layout.runRecord)
    }

    /// What the final job left in `run.json`.
    private func finalOutcome(finalJob: String) throws -> StudyOutcome {
        let record = try RunRecord.read(study.plan.layout.runRecord)
        switch record.status {
        case StudyOutcome.complete.status: return .complete
        case StudyOutcome.completeWithFailures.status: return .completeWithFailures
        default:
            throw FacetError(
                .io, "the final job \(finalJob) ended with the study \(record.status); log: \(layout.log("final", task: nil))")
        }
    }
}
