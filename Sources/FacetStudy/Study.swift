import FacetPipeline
import Foundation
import TensorCore

/// A whole face-part blurring study: parse, blur every part, extract, match, plot and report, into one output
/// root (see `ExperimentLayout`), resumable after a stop or a crash.
///
///     let study = try Study(config: ExperimentConfig(images: "morph", output: "study").resolved())
///     let outcome = try study.run(log: SilentLog())
public struct Study: Sendable {
    /// The settings, with defaults filled in and the weight files found.
    public let config: ExperimentConfig
    public let plan: ExperimentPlan
    let models: [(name: String, path: String)]

    /// Checks everything before any work starts: the settings, the parts, every weight file (all missing ones
    /// named at once, `.missingInput`) and the input images.
    public init(config resolved: ExperimentConfig, log: any PipelineLog = SilentLog()) throws {
        var config = resolved
        models = try ExperimentWeights.resolve(config)
        // Every stage gets the very files that were found and hashed.
        config.bisenetWeights = models.first { $0.name == "bisenet" }?.path
        config.arcfaceWeights = models.first { $0.name == "arcface" }?.path
        guard let output = config.output else { throw FacetError(.usage, "no output root: give -o or \"output\" in the config") }
        self.config = config
        plan = try ExperimentPlan(config: config, dataset: try ExperimentDataset.load(config, log: log), layout: ExperimentLayout(root: output))
    }

    /// Runs the study, continuing an earlier run in the same output root (refused if that run had other inputs,
    /// parameters or weights).
    /// - Parameters:
    ///   - command: the command line to record in `run.json`.
    ///   - stopAfter: end after this stage; nil runs everything including the report.
    public func run(
        command: [String] = [], stopAfter: ExperimentStep.Stage? = nil, log: any PipelineLog = SilentLog(),
        stop: StopRequest = StopRequest()
    ) throws -> StudyOutcome {
        var record = try RunRecord.start(command: command, config: config, dataset: plan.dataset, models: models)
        if FileManager.default.fileExists(atPath: plan.layout.runRecord) {
            try record.resume(try RunRecord.read(plan.layout.runRecord), path: plan.layout.runRecord)
        }
        try plan.prepareInputs()
        var runner = ExperimentRunner(
            plan: plan, record: record,
            models: StudyModels(bisenet: config.bisenetWeights, arcface: config.arcfaceWeights), stopAfter: stopAfter,
            log: log, stop: stop)
        return try runner.run()
    }

    /// The same study with every path absolute (the images, labels, output root and the weight files found), as
    /// cluster jobs need it: they may start in another folder.
    public func withAbsolutePaths(log: any PipelineLog = SilentLog()) throws -> Study {
        func absolute(_ path: String?) -> String? {
            path.map { URL(fileURLWithPath: $0).standardizedFileURL.path }
        }
        var c = config
        (c.images, c.metadataCSV, c.labelsDir, c.output) = (absolute(c.images), absolute(c.metadataCSV), absolute(c.labelsDir), absolute(c.output))
        (c.bisenetWeights, c.arcfaceWeights) = (absolute(c.bisenetWeights), absolute(c.arcfaceWeights))
        return c == config ? self : try Study(config: c, log: log)
    }
}
