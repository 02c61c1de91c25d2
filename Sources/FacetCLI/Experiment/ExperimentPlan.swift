import Foundation
import TensorCore

/// The stage-command invocations of a study, in order, each with the documented `facet` arguments a user would
/// type: parse each group once, blur every part, extract embeddings of the originals and every blurred set,
/// match each condition within the group and each blurred set against the originals, then plot.
struct ExperimentPlan: Sendable {
    let config: ExperimentConfig
    let dataset: ExperimentDataset
    let layout: ExperimentLayout
    let quiet: Bool

    var parts: [String] { config.parts ?? [] }
    var scoreFormat: String { config.scoreFormat ?? "compact" }

    var steps: [ExperimentStep] {
        dataset.groups.flatMap(parseSteps) + dataset.groups.flatMap(blurSteps) + dataset.groups.flatMap(extractSteps)
            + dataset.groups.flatMap(matchSteps) + dataset.groups.flatMap(plotSteps)
    }

    /// The folder of `<stem>_mask.png` label maps for a group: computed by the parse stage, or given.
    func labels(_ group: ExperimentDataset.Group) -> String {
        guard let given = config.labelsDir else { return layout.labels(group.name) }
        let perGroup = (given as NSString).appendingPathComponent(group.name)
        var isFolder: ObjCBool = false
        return FileManager.default.fileExists(atPath: perGroup, isDirectory: &isFolder) && isFolder.boolValue
            ? perGroup : given
    }

    private var threadArguments: [String] { config.threads.map { ["--threads", "\($0)"] } ?? [] }
    private var quietArguments: [String] { quiet ? ["--quiet"] : [] }

    func parseSteps(_ group: ExperimentDataset.Group) -> [ExperimentStep] {
        guard config.labelsDir == nil, let weights = config.bisenetWeights else { return [] }
        let outputs = group.files.map { labelMap(layout.labels(group.name), file: $0) }
        return [
            ExperimentStep(
                .parse, "parse \(group.name)",
                ["parse", "-s", layout.originals(group.name), "-d", layout.labels(group.name), "--weights", weights] + threadArguments
                    + quietArguments
            ) { Self.allExist(outputs) }
        ]
    }

    func blurSteps(_ group: ExperimentDataset.Group) -> [ExperimentStep] {
        let outputs = parts.flatMap { part in
            group.files.map { (layout.blurredImages(group.name, part: part) as NSString).appendingPathComponent($0) }
        }
        return [
            ExperimentStep(
                .blur, "blur \(group.name)",
                ["blur", "-s", layout.originals(group.name), "-d", layout.blurred(group.name), "--labels", labels(group),
                 "--parts", parts.joined(separator: ",")] + threadArguments + quietArguments
            ) { Self.allExist(outputs) }
        ]
    }

    /// One run per group over a list of its originals and every blurred set, so the model loads once per group;
    /// list input puts each embedding under its image's folder name (`original`, `blurred_<part>`).
    func extractSteps(_ group: ExperimentDataset.Group) -> [ExperimentStep] {
        let outputs = ([ExperimentLayout.Condition.original] + parts.map { .blurred($0) }).flatMap { condition in
            let folder = layout.features(group.name, condition)
            return group.files.map { (folder as NSString).appendingPathComponent(Self.stem($0) + ".npy") }
        }
        return [
            ExperimentStep(
                .extract, "extract \(group.name)",
                ["extract", "-s", layout.extractList(group.name), "-d", layout.path("features", group.name), "--weights",
                 config.arcfaceWeights ?? ""]
                    + (config.batch.map { ["--batch", "\($0)"] } ?? []) + threadArguments + quietArguments
            ) { Self.allExist(outputs) }
        ]
    }

    /// The images `facet extract` reads for a group: originals, then each blurred set (sorted by the command).
    func extractList(_ group: ExperimentDataset.Group) -> String {
        let folders = [layout.originals(group.name)] + parts.map { layout.blurredImages(group.name, part: $0) }
        return folders.flatMap { folder in group.files.map { (folder as NSString).appendingPathComponent($0) + "\n" } }
            .joined()
    }

    /// Links the originals and writes the extract lists (once the run is known to belong in the output root).
    func prepareInputs() throws {
        try dataset.linkOriginals(layout)
        for group in dataset.groups {
            try AtomicFile.write(Data(extractList(group).utf8), to: layout.extractList(group.name))
        }
    }

    func matchSteps(_ group: ExperimentDataset.Group) -> [ExperimentStep] {
        let name = group.name
        let conditions = [ExperimentLayout.Condition.original] + parts.flatMap { [.blurred($0), .cross($0)] }
        return conditions.map { condition in
            var arguments = ["match", "-p", probeFeatures(name, condition)]
            if let gallery = galleryFeatures(name, condition) { arguments += ["-g", gallery] }
            arguments += [
                "-o", layout.scores(name, condition), "-gr", name, "--format", scoreFormat, "--force",
            ] + threadArguments + quietArguments
            let summary = layout.matchSummary(name, condition)
            let probe = probeFeatures(name, condition)
            let gallery = galleryFeatures(name, condition)
            return ExperimentStep(.match, "match \(name) \(condition.folder)", arguments) {
                MatchSummaryFile.isCurrent(summary, probe: probe, gallery: gallery)
            }
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
            let series: [(ExperimentLayout.Condition, String)] = [
                (.original, "\(name) original"), (.blurred(part), "\(name) blurred \(part)"),
                (.cross(part), "\(name) cross \(part)"),
            ]
            return [(ExperimentLayout.PlotKind.distribution, 2), (.det, 3)].map { kind, seriesCount in
                let shown = series.prefix(seriesCount)
                var arguments = ["plot"]
                for (k, (condition, label)) in shown.enumerated() {
                    arguments += [
                        "-a\(k + 1)", layout.scoreFile(name, condition, genuine: true, format: scoreFormat),
                        "-i\(k + 1)", layout.scoreFile(name, condition, genuine: false, format: scoreFormat),
                        "-l\(k + 1)", label,
                    ]
                }
                arguments += [
                    "-t", "\(name): \(part) blurred", "-d", layout.plots(name), "-n",
                    layout.plotName(part: part, kind: kind), "--kind", kind.plotCommandKind, "--format", "png", "--force",
                ] + quietArguments
                let path = layout.plot(name, part: part, kind: kind)
                let inputs = shown.map { layout.matchSummary(name, $0.0) }
                return ExperimentStep(.plot, "plot \(name) \(part) \(kind.rawValue)", arguments) {
                    ExperimentPlan.isNewer(path, than: inputs)
                }
            }
        }
    }

    /// `<folder>/<stem>_mask.png`, the label map `facet parse` writes for an image file.
    func labelMap(_ folder: String, file: String) -> String {
        (folder as NSString).appendingPathComponent(Self.stem(file) + "_mask.png")
    }

    static func stem(_ file: String) -> String { (file as NSString).deletingPathExtension }

    static func allExist(_ paths: [String]) -> Bool { paths.allSatisfy { FileManager.default.fileExists(atPath: $0) } }

    /// Whether `output` exists and is at least as new as every existing input (a rerun match redraws its plots).
    static func isNewer(_ output: String, than inputs: [String]) -> Bool {
        guard let made = modificationDate(output) else { return false }
        return inputs.allSatisfy { input in modificationDate(input).map { $0 <= made } ?? true }
    }

    static func modificationDate(_ path: String) -> Date? {
        (try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date
    }
}
