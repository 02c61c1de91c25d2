import ArgumentParser
import Foundation
import TensorCore

/// Runs a study's steps in process through the same `facet` commands users run, recording each in `run.json`.
/// A step whose command exits 1 (some inputs failed; each already reported) is recorded and the study goes on;
/// Ctrl-C stops after the step in progress (exit 130); any other error stops the study with that error.
struct ExperimentRunner {
    let plan: ExperimentPlan
    var record: RunRecord
    /// Stop after this stage (for partial runs); nil runs everything including the report.
    let stopAfter: ExperimentStep.Stage?
    let quiet: Bool

    private var layout: ExperimentLayout { plan.layout }

    /// Runs every step and writes the report; throws `ExitCode(1)` at the end if any step had failures.
    mutating func run() throws {
        Interrupt.install()
        try record.write(to: layout.runRecord)
        let last = stopAfter ?? .report
        let steps = plan.steps.filter { $0.stage.order <= last.order }
        var sweptTemporaryFeatures = false
        for (index, step) in steps.enumerated() {
            if Interrupt.isRequested { return try finish(status: "interrupted", exit: ExitCode(130)) }
            if step.stage == .match && !sweptTemporaryFeatures {
                Self.removeTemporaryFiles(under: layout.path("features"))
                sweptTemporaryFeatures = true
            }
            try perform(step, position: "[\(index + 1)/\(steps.count)]")
        }
        if Interrupt.isRequested { return try finish(status: "interrupted", exit: ExitCode(130)) }
        if let stopAfter, stopAfter != .report {
            return try finish(status: "stopped-after-\(stopAfter.rawValue)", exit: failures ? ExitCode(1) : nil)
        }
        let start = Date()
        var reportStep = RunRecord.Step(stage: .report, label: "report", arguments: [], status: .done, seconds: 0)
        record.finishedAt = RunRecord.timestamp()
        record.status = failures ? "complete-with-failures" : "complete"
        let report = try ExperimentReport.build(plan: plan, record: record)
        try AtomicFile.write(Data(report.utf8), to: layout.report)
        reportStep.seconds = Date().timeIntervalSince(start)
        record.steps.append(reportStep)
        if !quiet { Console.info("experiment: report written to \(layout.report)") }
        try finish(status: record.status, exit: failures ? ExitCode(1) : nil)
    }

    private var failures: Bool { record.steps.contains { $0.status != .done && $0.status != .skipped } }

    private mutating func finish(status: String, exit: ExitCode?) throws {
        if status == "interrupted" {
            Console.info("experiment: interrupted; rerun the same command to continue where it stopped")
        }
        record.status = status
        record.finishedAt = RunRecord.timestamp()
        try record.write(to: layout.runRecord)
        if let exit { throw exit }
    }

    private mutating func perform(_ step: ExperimentStep, position: String) throws {
        if step.isFinished() {
            record.steps.append(
                RunRecord.Step(stage: step.stage, label: step.label, arguments: step.arguments, status: .skipped, seconds: 0))
            try record.write(to: layout.runRecord)
            return
        }
        if !quiet { Console.info("experiment: \(position) \(step.label)") }
        let start = Date()
        var entry = RunRecord.Step(
            stage: step.stage, label: step.label, arguments: step.arguments, status: .done, seconds: 0)
        var stopError: Error?
        do {
            var command = try Facet.parseAsRoot(step.arguments)
            try command.run()
        } catch let exit as ExitCode where exit == .failure {
            entry.status = .someFailed
            entry.message = "some inputs failed (reported above)"
        } catch let exit as ExitCode where exit.rawValue == 130 {
            entry.status = .interrupted
        } catch let error as FacetError where step.stage == .match || step.stage == .plot {
            // One condition that cannot be matched or drawn (e.g. no genuine pairs) leaves a gap in the report,
            // not a stopped study.
            Console.error("\(step.label): \(error.message)")
            entry.status = .failed
            entry.message = error.message
        } catch {
            entry.status = .failed
            entry.message = (error as? FacetError)?.message ?? "\(error)"
            stopError = error
        }
        entry.seconds = Date().timeIntervalSince(start)
        record.steps.append(entry)
        if entry.status == .interrupted { return try finish(status: "interrupted", exit: ExitCode(130)) }
        if let stopError {
            try finish(status: "failed", exit: nil)
            throw stopError
        }
        try record.write(to: layout.runRecord)
    }

    /// Deletes `.facet-tmp-*` files an interrupted stage left (AtomicFile never renames them into place).
    static func removeTemporaryFiles(under folder: String) {
        guard let walker = FileManager.default.enumerator(atPath: folder) else { return }
        for case let relative as String in walker where (relative as NSString).lastPathComponent.hasPrefix(".facet-tmp-") {
            try? FileManager.default.removeItem(atPath: (folder as NSString).appendingPathComponent(relative))
        }
    }
}
