import Biometrics
import FacetPipeline
import Foundation
import Imaging
import TensorCore

/// The steps of a study, in order, as values: parse each group once, blur every part, extract embeddings of the
/// originals and every blurred set, match each condition within the group and each blurred set against the
/// originals, then plot. Also says when a step's outputs are complete (so a rerun skips it) and renders each step
/// as the `facet` command that does the same.
public struct ExperimentPlan: Sendable {
    public let config: ExperimentConfig
    public let dataset: ExperimentDataset
    public let layout: ExperimentLayout
    /// The parts to blur, parsed from the config's names.
    public let faceParts: [FacePart]

    public init(config: ExperimentConfig, dataset: ExperimentDataset, layout: ExperimentLayout) throws {
        self.config = config
        self.dataset = dataset
        self.layout = layout
        faceParts = try (config.parts ?? []).map { name in
            do { return try FacePart.parse(name) } catch let error as FacetError {
                throw FacetError(.usage, "parts: \(error.message)")
            }
        }
    }

    public var parts: [String] { config.parts ?? [] }
    var scoreFormat: String { config.scoreFormat ?? "compact" }

    public var steps: [ExperimentStep] {
        dataset.groups.flatMap(parseSteps) + dataset.groups.flatMap(blurSteps) + dataset.groups.flatMap(extractSteps)
            + dataset.groups.flatMap(matchSteps) + dataset.groups.flatMap(plotSteps)
    }

    /// The folder of `<stem>_mask.png` label maps for a group: computed by the parse stage, or given.
    func labels(_ group: String) -> String {
        guard let given = config.labelsDir else { return layout.labels(group) }
        let perGroup = (given as NSString).appendingPathComponent(group)
        var isFolder: ObjCBool = false
        return FileManager.default.fileExists(atPath: perGroup, isDirectory: &isFolder) && isFolder.boolValue
            ? perGroup : given
    }

    func parseSteps(_ group: ExperimentDataset.Group) -> [ExperimentStep] {
        guard config.labelsDir == nil, config.bisenetWeights != nil else { return [] }
        return [ExperimentStep(group: group.name, work: .parse(images: layout.originals(group.name), labels: layout.labels(group.name)))]
    }

    func blurSteps(_ group: ExperimentDataset.Group) -> [ExperimentStep] {
        [ExperimentStep(
            group: group.name,
            work: .blur(images: layout.originals(group.name), labels: labels(group.name), destination: layout.blurred(group.name)))]
    }

    /// One run per group over a list of its originals and every blurred set, so the model loads once per group;
    /// list input puts each embedding under its image's folder name (`original`, `blurred_<part>`).
    func extractSteps(_ group: ExperimentDataset.Group) -> [ExperimentStep] {
        [ExperimentStep(group: group.name, work: .extract(list: layout.extractList(group.name), destination: layout.path("features", group.name)))]
    }

    func matchSteps(_ group: ExperimentDataset.Group) -> [ExperimentStep] {
        let name = group.name
        return ExperimentLayout.Condition.all(parts: parts).map { condition in
            ExperimentStep(
                group: name,
                work: .match(
                    condition, probe: probeFeatures(name, condition), gallery: galleryFeatures(name, condition),
                    output: layout.scores(name, condition)))
        }
    }

    func probeFeatures(_ group: String, _ condition: ExperimentLayout.Condition) -> String {
        switch condition {
        case .original, .blurred: layout.features(group, condition)
        case .cross(let part): layout.features(group, .blurred(part))
        }
    }

    func galleryFeatures(_ group: String, _ condition: ExperimentLayout.Condition) -> String? {
        if case .cross = condition { return layout.features(group, .original) }
        return nil
    }

    /// Per part: the reference's side-by-side distribution figure (original vs blurred, d' legend) and a DET
    /// figure with the cross-condition curve as well.
    func plotSteps(_ group: ExperimentDataset.Group) -> [ExperimentStep] {
        let name = group.name
        return parts.flatMap { part -> [ExperimentStep] in
            let series = [
                (ExperimentLayout.Condition.original, "\(name) original"), (.blurred(part), "\(name) blurred \(part)"),
                (.cross(part), "\(name) cross \(part)"),
            ].map { condition, label in
                ExperimentStep.PlotSeries(
                    condition: condition, authentic: layout.scoreFile(name, condition, genuine: true, format: scoreFormat),
                    impostor: layout.scoreFile(name, condition, genuine: false, format: scoreFormat), label: label)
            }
            return [(ExperimentLayout.PlotKind.distribution, 2), (.det, 3)].map { kind, seriesCount in
                ExperimentStep(
                    group: name,
                    work: .plot(part: part, kind, series: Array(series.prefix(seriesCount)), path: layout.plot(name, part: part, kind: kind)))
            }
        }
    }

    /// The title recorded with each figure of a part.
    static func plotTitle(group: String, part: String) -> String { "\(group): \(part) blurred" }

    // MARK: - Inputs

    /// The blur stage's settings for a group, which also name its outputs.
    func blurStage(_ group: String, labels source: LabelSource) -> BlurStage {
        BlurStage(parts: faceParts, labels: source, destination: layout.blurred(group))
    }

    /// The images `facet extract` reads for a group: originals, then each blurred set (sorted by the command).
    func extractList(_ group: ExperimentDataset.Group) -> String {
        let blur = blurStage(group.name, labels: .folder(labels(group.name)))
        let originals = originalItems(group)
        let blurred = faceParts.flatMap { part in originals.map { blur.output(for: $0, part: part).path } }
        return (originals.map(\.path) + blurred).map { $0 + "\n" }.joined()
    }

    /// The group's originals as the stages see them, through `images/<G>/original`.
    func originalItems(_ group: ExperimentDataset.Group) -> [BatchItem] {
        group.files.map { BatchItem(path: (layout.originals(group.name) as NSString).appendingPathComponent($0), subfolder: "") }
    }

    /// Links the originals and writes the extract lists (once the run is known to belong in the output root).
    func prepareInputs() throws {
        try dataset.linkOriginals(layout)
        for group in dataset.groups {
            try AtomicFile.write(Data(extractList(group).utf8), to: layout.extractList(group.name))
        }
    }

    // MARK: - Finished work

    /// Whether the step's outputs are complete from an earlier run, checked just before it would run. The batch
    /// stages skip finished files themselves; checking here as well spares loading a model when there is nothing
    /// left to do.
    func isFinished(_ step: ExperimentStep) -> Bool {
        guard let group = dataset.groups.first(where: { $0.name == step.group }) else { return false }
        switch step.work {
        case .parse(_, let labels):
            return Self.allExist(originalItems(group).map { item in
                (labels as NSString).appendingPathComponent(StageOutputs.labelMap(stem: item.stem))
            })
        case .blur(_, let labels, _):
            let blur = blurStage(group.name, labels: .folder(labels))
            return Self.allExist(faceParts.flatMap { part in originalItems(group).map { blur.output(for: $0, part: part).path } })
        case .extract:
            let conditions = [ExperimentLayout.Condition.original] + parts.map { .blurred($0) }
            return Self.allExist(conditions.flatMap { condition in
                group.files.map { file in
                    (layout.features(group.name, condition) as NSString)
                        .appendingPathComponent(StageOutputs.embedding(stem: (file as NSString).deletingPathExtension))
                }
            })
        case .match(let condition, let probe, let gallery, _):
            return MatchJob.Summary.isCurrent(layout.matchSummary(group.name, condition), probe: probe, gallery: gallery)
        case .plot(_, _, let series, let path):
            return Self.isNewer(path, than: series.map { layout.matchSummary(group.name, $0.condition) })
        }
    }

    static func allExist(_ paths: [String]) -> Bool { paths.allSatisfy { FileManager.default.fileExists(atPath: $0) } }

    /// Whether `output` exists and is at least as new as every existing input (a rerun match redraws its plots).
    static func isNewer(_ output: String, than inputs: [String]) -> Bool {
        guard let made = modificationDate(output) else { return false }
        return inputs.allSatisfy { input in modificationDate(input).map { $0 <= made } ?? true }
    }

    static func modificationDate(_ path: String) -> Date? {
        (try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date
    }

    // MARK: - Command lines

    /// The `facet` arguments that run the same step by hand (recorded in `run.json`).
    public func commandLine(_ step: ExperimentStep) -> [String] {
        let threads = config.threads.map { ["--threads", "\($0)"] } ?? []
        switch step.work {
        case .parse(let images, let labels):
            return ["parse", "-s", images, "-d", labels, "--weights", config.bisenetWeights ?? ""] + threads
        case .blur(let images, let labels, let destination):
            return ["blur", "-s", images, "-d", destination, "--labels", labels, "--parts", parts.joined(separator: ",")]
                + threads
        case .extract(let list, let destination):
            return ["extract", "-s", list, "-d", destination, "--weights", config.arcfaceWeights ?? ""]
                + (config.batch.map { ["--batch", "\($0)"] } ?? []) + threads
        case .match(_, let probe, let gallery, let output):
            return ["match", "-p", probe] + (gallery.map { ["-g", $0] } ?? [])
                + ["-o", output, "-gr", step.group, "--score-format", scoreFormat, "--force"] + threads
        case .plot(let part, let kind, let series, let path):
            var arguments = ["plot"]
            for (k, s) in series.enumerated() {
                arguments += ["-a\(k + 1)", s.authentic, "-i\(k + 1)", s.impostor, "-l\(k + 1)", s.label]
            }
            return arguments + [
                "-t", Self.plotTitle(group: step.group, part: part), "-d", (path as NSString).deletingLastPathComponent, "-n",
                ((path as NSString).lastPathComponent as NSString).deletingPathExtension, "--kind", kind.figure.rawValue,
                "--format", "png", "--hide-title", "--force",
            ]
        }
    }
}
