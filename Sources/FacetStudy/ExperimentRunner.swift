import Biometrics
import FacetPipeline
import FacetPlots
import Foundation
import Imaging
import TensorCore

/// Runs a study's steps by calling the library stages directly, recording each in `run.json`. A step with failed
/// inputs (each logged) is recorded and the study goes on; so is a condition that cannot be matched or drawn (a gap
/// in the report). A stop request ends the study after the step in progress; any other error stops it.
struct ExperimentRunner {
    let plan: ExperimentPlan
    var record: RunRecord
    let models: StudyModels
    /// Stop after this stage (for partial runs); nil runs everything including the report.
    let stopAfter: ExperimentStep.Stage?
    let log: any PipelineLog
    let stop: StopRequest
    /// The part of each stage's inputs (or of each match's pair set) to run: a cluster array task's; whole locally.
    var shard = Shard.whole
    /// The inputs that failed in the steps run so far (each also logged).
    private(set) var failedInputs: [String] = []

    private var layout: ExperimentLayout { plan.layout }
    private var threads: Int { plan.config.threads ?? ProcessInfo.processInfo.activeProcessorCount }

    /// Runs every step and writes the report.
    mutating func run() throws -> StudyOutcome {
        try record.write(to: layout.runRecord)
        let last = stopAfter ?? .report
        let steps = plan.steps.filter { $0.stage.order <= last.order }
        var sweptTemporaryFeatures = false
        for (index, step) in steps.enumerated() {
            if stop.isRequested { return try finish(.interrupted) }
            if step.stage == .match && !sweptTemporaryFeatures {
                Self.removeTemporaryFiles(under: layout.path("features"))
                sweptTemporaryFeatures = true
            }
            if try !perform(step, position: "[\(index + 1)/\(steps.count)]") { return try finish(.interrupted) }
        }
        if stop.isRequested { return try finish(.interrupted) }
        if let stopAfter, stopAfter != .report { return try finish(.stoppedAfter(stopAfter, withFailures: failures)) }
        let start = Date()
        var reportStep = RunRecord.Step(stage: .report, label: "report", arguments: [], status: .done, seconds: 0)
        record.finishedAt = RunRecord.timestamp()
        record.status = failures ? StudyOutcome.completeWithFailures.status : StudyOutcome.complete.status
        let results = StudyResults(plan: plan)
        drawGroupComparison()
        let report = try ExperimentReport.build(plan: plan, record: record, results: results)
        try AtomicFile.write(Data(report.utf8), to: layout.report)
        try AtomicFile.write(Data(results.csv.utf8), to: layout.resultsCSV)
        try AtomicFile.write(try results.json(), to: layout.resultsJSON)
        reportStep.seconds = Date().timeIntervalSince(start)
        record.steps.append(reportStep)
        log.info("experiment: report written to \(layout.report)")
        return try finish(failures ? .completeWithFailures : .complete)
    }

    private var failures: Bool { record.steps.contains { $0.status != .done && $0.status != .skipped } }

    private mutating func finish(_ outcome: StudyOutcome) throws -> StudyOutcome {
        if outcome == .interrupted {
            log.info("experiment: interrupted; rerun the same command to continue where it stopped")
        }
        record.status = outcome.status
        record.finishedAt = RunRecord.timestamp()
        try record.write(to: layout.runRecord)
        return outcome
    }

    /// Runs one step (or records it as skipped); returns false if it was interrupted.
    private mutating func perform(_ step: ExperimentStep, position: String) throws -> Bool {
        let arguments = plan.commandLine(step)
        if plan.isFinished(step) {
            record.steps.append(
                RunRecord.Step(stage: step.stage, label: step.label, arguments: arguments, status: .skipped, seconds: 0))
            try record.write(to: layout.runRecord)
            return true
        }
        log.info("experiment: \(position) \(step.label)")
        let start = Date()
        var entry = RunRecord.Step(stage: step.stage, label: step.label, arguments: arguments, status: .done, seconds: 0)
        var stopError: Error?
        do {
            let failedBefore = failedInputs.count
            entry.status = try execute(step)
            if entry.status == .someFailed {
                entry.message = "some inputs failed (reported above)"
                entry.failedInputs = Array(failedInputs[failedBefore...])
            }
        } catch let error as FacetError where step.stage == .match || step.stage == .plot {
            // One condition that cannot be matched or drawn (e.g. no genuine pairs) leaves a gap in the report,
            // not a stopped study.
            log.error("\(step.label): \(error.message)")
            entry.status = .failed
            entry.message = error.message
        } catch {
            entry.status = .failed
            entry.message = (error as? FacetError)?.message ?? "\(error)"
            stopError = error
        }
        entry.seconds = Date().timeIntervalSince(start)
        record.steps.append(entry)
        if let stopError {
            _ = try finish(.failed)
            throw stopError
        }
        try record.write(to: layout.runRecord)
        return entry.status != .interrupted
    }

    /// Calls the library for one step, on this runner's shard of it.
    mutating func execute(_ step: ExperimentStep) throws -> RunRecord.Step.Status {
        switch step.work {
        case .parse(let images, let labels):
            let stage = ParseStage(parser: try models.parser(), destination: labels)
            return try status(of: stage.run(try shardOf(imagesIn: images), threads: threads, log: log, stop: stop))
        case .blur(let images, let labels, _):
            let stage = plan.blurStage(step.group, labels: .folder(labels))
            return try status(of: stage.run(try shardOf(imagesIn: images), threads: threads, log: log, stop: stop))
        case .extract(let list, let destination):
            var stage = ExtractStage(embedder: try models.embedder(), destination: destination)
            if let batch = plan.config.batch { stage.batch = batch }
            let items = Array(shard.select(try InputList.load(list, extensions: [])))
            return try status(of: stage.run(items, threads: threads, log: log, stop: stop))
        case .match(_, let probe, let gallery, let output):
            return try match(group: step.group, probe: probe, gallery: gallery, output: output)
        case .plot(let part, let kind, let series, let path):
            try plot(kind, series: series, title: ExperimentPlan.plotTitle(group: step.group, part: part), path: path)
            return .done
        }
    }

    private mutating func status(of summary: BatchSummary) -> RunRecord.Step.Status {
        summary.report(to: log)
        failedInputs += summary.failed
        if summary.interrupted { return .interrupted }
        return summary.failed.isEmpty ? .done : .someFailed
    }

    /// The shard's part of the images in a folder.
    private func shardOf(imagesIn folder: String) throws -> [BatchItem] {
        Array(shard.select(try InputList.load(folder, extensions: InputList.imageExtensions)))
    }

    private func match(group: String, probe: String, gallery: String?, output: String) throws -> RunRecord.Step.Status {
        func entries(_ folder: String) throws -> [FeatureEntry] {
            try FeatureEntry.listPaths(folder).paths.map { try FeatureEntry(path: $0, identity: .morph) }
        }
        let probeEntries = try entries(probe)
        guard !probeEntries.isEmpty else { throw FacetError(.badData, "no group has files to match") }
        var job = MatchJob(group: group, probe: probeEntries, gallery: try gallery.map(entries), outputFolder: output)
        job.format = ScoreFileFormat(rawValue: plan.scoreFormat) ?? .compact
        job.threads = threads
        job.block = shard
        if !shard.isWhole {
            if try MatchBlock.read(folder: MatchBlock.folder(output: output, group: group, block: shard)) != nil { return .skipped }
            return try job.runBlock(log: log, stop: stop) == nil ? .interrupted : .done
        }
        // Blocks that cluster tasks computed from these very features (checked) merge into the whole run's files.
        if MatchMerge.groups(in: output).contains(group) {
            do {
                let merged = try MatchMerge.merge(output: output, group: group, matching: job)
                log.info("match \(group): merged its blocks, \(merged.genuinePairs) genuine, \(merged.impostorPairs) impostor pairs")
                return .done
            } catch let error as FacetError {
                log.warning("match \(group): blocks in \(output) not merged (\(error.message)); matching in full")
                try? FileManager.default.removeItem(atPath: MatchBlock.groupFolder(output: output, group: group))
            }
        }
        return try job.run(log: log, stop: stop) == nil ? .interrupted : .done
    }

    /// The reference's distribution figure, or DET curves, as a 900×675 PNG.
    private func plot(
        _ kind: ExperimentLayout.PlotKind, series: [ExperimentStep.PlotSeries], title: String, path: String
    ) throws {
        let loaded = try series.map { try ScoreSeries.load(label: $0.label, authentic: $0.authentic, impostor: $0.impostor, log: log) }
        let canvas = try kind.figure.render(loaded, title: title)
        try canvas.write(to: path)
        for s in loaded { if let d = s.dPrime { log.info("\(s.label): d' = \(d)") } }
    }

    /// The groups compared on the original images: one DET curve per group that has both genuine and impostor
    /// scores (a group without is left out, with a message), redrawn with every report.
    private func drawGroupComparison() {
        let series = plan.dataset.groups.compactMap { group -> ScoreSeries? in
            let scores = { (genuine: Bool) in layout.scoreFile(group.name, .original, genuine: genuine, format: plan.scoreFormat) }
            do {
                return try ScoreSeries.load(label: group.name, authentic: scores(true), impostor: scores(false), log: log)
            } catch {
                log.warning("group comparison: \(group.name) left out (\(error))")
                return nil
            }
        }
        guard !series.isEmpty else { return }
        do {
            try OutputFolder.prepare((layout.groupComparisonPlot as NSString).deletingLastPathComponent)
            try ExperimentLayout.PlotKind.det.figure.render(series, title: "Groups, original images").write(to: layout.groupComparisonPlot)
        } catch {
            log.warning("group comparison: not drawn (\(error))")
        }
    }

    /// Deletes `.facet-tmp-*` files an interrupted stage left (AtomicFile never renames them into place).
    static func removeTemporaryFiles(under folder: String) {
        guard let walker = FileManager.default.enumerator(atPath: folder) else { return }
        for case let relative as String in walker where (relative as NSString).lastPathComponent.hasPrefix(".facet-tmp-") {
            try? FileManager.default.removeItem(atPath: (folder as NSString).appendingPathComponent(relative))
        }
    }
}
