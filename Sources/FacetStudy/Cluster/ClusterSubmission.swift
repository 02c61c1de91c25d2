import Foundation
import TensorCore

/// A study as cluster jobs: one array job per stage (parse, blur, extract, match; `shards` tasks each), chained so
/// each starts once the one before succeeded, and a final job that merges the match blocks, plots and reports.
/// Every job runs `facet experiment --config <root>/slurm/study.json`, so the outputs land in the same output
/// root, with the same files, as a local run's. A resubmission submits only the shards not finished yet.
public struct ClusterSubmission {
    public let study: Study
    public let scheduler: any ClusterScheduler
    public let shards: Int
    public let cpusPerTask: Int
    /// The user's scheduler directives (`--sbatch-arg`), written into every script.
    public let extraDirectives: [String]
    /// The `facet` the jobs run (this executable by default; a path that the compute nodes see).
    public let executable: String
    public let layout: ClusterLayout

    /// Largest images per shard the default aims at: a parse shard of this size takes a few minutes on two cores.
    public static let imagesPerShard = 500
    public static let defaultShardLimit = 100

    /// - Parameter shards: tasks per stage; nil picks one per `imagesPerShard` images of the largest group (1…100).
    public init(
        study: Study, scheduler: any ClusterScheduler, shards: Int?, cpusPerTask: Int, extraDirectives: [String],
        executable: String
    ) throws {
        let largest = study.plan.dataset.groups.map(\.files.count).max() ?? 0
        let count = shards ?? min(Self.defaultShardLimit, max(1, (largest + Self.imagesPerShard - 1) / Self.imagesPerShard))
        guard (1...Shard.maximumCount).contains(count) else {
            throw FacetError(.usage, "--shards \(count): use 1…\(Shard.maximumCount)")
        }
        guard cpusPerTask >= 1 else { throw FacetError(.usage, "--threads \(cpusPerTask): use at least 1") }
        for directive in extraDirectives where directive.contains("\n") {
            throw FacetError(.usage, "--sbatch-arg '\(directive.clippedForMessage())': one line per directive")
        }
        self.study = study
        self.scheduler = scheduler
        self.shards = count
        self.cpusPerTask = cpusPerTask
        self.extraDirectives = extraDirectives
        self.executable = executable
        layout = ClusterLayout(root: study.plan.layout.root)
    }

    /// The array stages this study has (no parse stage when label maps are given), in order.
    public var stages: [ExperimentStep.Stage] {
        let present = Set(study.plan.steps.map(\.stage))
        return StudyTask.arrayStages.filter(present.contains)
    }

    /// The shards of `stage` whose tasks have not finished (no status record, or one saying it failed).
    public func unfinishedShards(_ stage: ExperimentStep.Stage) throws -> [Int] {
        try (1...shards).filter { k in
            TaskRecord.read(layout.status(try StudyTask(stage: stage, shard: Shard(k, of: shards))))?.isFinished != true
        }
    }

    func job(_ stage: ExperimentStep.Stage, tasks: [Int]) -> ClusterJob {
        ClusterJob(
            name: stage.rawValue, tasks: tasks, cpus: cpusPerTask,
            command: [
                executable, "experiment", "--config", layout.config, "--task", stage.rawValue, "--shard",
                "\(ClusterJob.taskIndex)/\(shards)", "--threads", "\(cpusPerTask)",
            ], logs: layout.logs, workingDirectory: study.plan.layout.root)
    }

    var finalJob: ClusterJob {
        ClusterJob(
            name: "final", tasks: nil, cpus: cpusPerTask,
            command: [executable, "experiment", "--config", layout.config, "--threads", "\(cpusPerTask)"],
            logs: layout.logs, workingDirectory: study.plan.layout.root)
    }

    /// Readies the output root for the jobs: the study's `run.json` (refused if the root holds another run), the
    /// linked originals and extract lists, `study.json`, one script per job and `submit.sh`, which submits every
    /// shard in order.
    @discardableResult
    func prepare(command: [String]) throws -> RunRecord {
        let plan = study.plan
        var record = try RunRecord.start(command: command, config: study.config, dataset: plan.dataset, models: study.models)
        if FileManager.default.fileExists(atPath: plan.layout.runRecord) {
            try record.resume(try RunRecord.read(plan.layout.runRecord), path: plan.layout.runRecord)
        }
        record.status = "submitted"
        try plan.prepareInputs()
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try AtomicFile.write(try encoder.encode(study.config), to: layout.config)
        try FileManager.default.createDirectory(atPath: layout.logs, withIntermediateDirectories: true)
        var submitLines = ["#!/bin/bash", "# Submits the study's jobs in order; \(scheduler.name) runs each once the one before succeeded.", "set -euo pipefail"]
        var previous: String?
        for stage in stages {
            let job = job(stage, tasks: Array(1...shards))
            try writeScript(job)
            submitLines.append(scheduler.submitLine(scriptPath: layout.script(job.name), job: job, id: stage.rawValue, after: previous))
            previous = stage.rawValue
        }
        try writeScript(finalJob)
        submitLines.append(scheduler.submitLine(scriptPath: layout.script("final"), job: finalJob, id: "final", after: previous))
        submitLines.append("echo \"submitted; the final job is $final\"")
        try AtomicFile.write(Data((submitLines.joined(separator: "\n") + "\n").utf8), to: layout.submitScript)
        chmod(layout.submitScript, 0o755)
        try record.write(to: plan.layout.runRecord)
        return record
    }

    private func writeScript(_ job: ClusterJob) throws {
        try AtomicFile.write(Data(scheduler.script(job, extraDirectives: extraDirectives).utf8), to: layout.script(job.name))
    }

    /// Writes the scripts; the command that submits them all (`bash <root>/slurm/submit.sh`).
    public func writeScripts(command: [String]) throws -> String {
        try prepare(command: command)
        return "bash \(SlurmScheduler.quoted(layout.submitScript))"
    }

    /// Prepares the root and submits the shards not finished yet, stage after stage, then the final job; records
    /// the job ids in `run.json`.
    public func submit(command: [String], log: any PipelineLog) throws -> [ClusterRecord.Job] {
        var record = try prepare(command: command)
        var jobs = [ClusterRecord.Job]()
        var previous: String?
        for stage in stages {
            let tasks = try unfinishedShards(stage)
            guard !tasks.isEmpty else {
                log.info("experiment: \(stage.rawValue): all \(shards) shards finished; not submitted")
                continue
            }
            let job = job(stage, tasks: tasks)
            let id = try scheduler.submit(scriptPath: layout.script(job.name), job: job, after: previous, held: false)
            log.info("experiment: \(stage.rawValue): job \(id), shards \(SlurmScheduler.ranges(tasks)) of \(shards)")
            jobs.append(ClusterRecord.Job(name: stage.rawValue, id: id, tasks: tasks))
            previous = id
        }
        // Held until run.json names it, so the final job (which continues run.json) cannot start before.
        let final = try scheduler.submit(scriptPath: layout.script("final"), job: finalJob, after: previous, held: true)
        jobs.append(ClusterRecord.Job(name: "final", id: final, tasks: nil))
        record.cluster = ClusterRecord(
            scheduler: scheduler.name, submittedAt: RunRecord.timestamp(), shards: shards, jobs: jobs)
        try record.write(to: study.plan.layout.runRecord)
        try scheduler.release(final)
        log.info("experiment: final job \(final) (merge, plots, report); logs in \(layout.logs)")
        return jobs
    }
}
