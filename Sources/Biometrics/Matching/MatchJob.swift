import Foundation
import TensorCore

/// One `facet match` group: load features, match, stream the score files, write labels and a summary.
public struct MatchJob {
    public var group: String
    public var probe: [FeatureEntry]
    public var gallery: [FeatureEntry]?
    public var outputFolder: String
    public var format: ScoreFileFormat = .reference
    public var withPairs = false
    public var excludeSameSource = true
    public var targets = MetricsReport.defaultTargets
    public var thresholds: [Double] = []
    /// Threads the matcher's GEMMs are split over (`CosineMatcher.threads`); the score files do not depend on it.
    public var threads = ProcessInfo.processInfo.activeProcessorCount

    public init(group: String, probe: [FeatureEntry], gallery: [FeatureEntry]?, outputFolder: String) {
        self.group = group
        self.probe = probe
        self.gallery = gallery
        self.outputFolder = outputFolder
    }

    /// Runs the job; `progress(rowsDone, rowsTotal)` after each block of probe rows. If `progress` throws, the
    /// job stops and none of its score files appear.
    @discardableResult
    public func run(progress: (Int, Int) throws -> Void = { _, _ in }) throws -> Summary {
        try ThreadSplit.checkThreads(threads, "threads")
        try MetricsReport.checkTargets(targets, "targets")
        try MetricsReport.checkThresholds(thresholds, "thresholds")
        try OutputFolder.prepare(outputFolder)
        let probeMatrix = try FeatureMatrix(entries: probe)
        let galleryMatrix = try gallery.map(FeatureMatrix.init(entries:))
        var matcher = try CosineMatcher(
            probe: probeMatrix, gallery: galleryMatrix, excludeSameSource: excludeSameSource)
        matcher.threads = threads
        let names = ScoreRecorder.fileNames(group: group, format: format, withPairs: withPairs)
        let paths = names.map { (outputFolder as NSString).appendingPathComponent($0) }
        var genuine = ScoreTally(values: [], counts: [])
        var impostor = genuine
        var dropped = CosineMatcher.Dropped()
        try Self.withAtomicFiles(paths) { handles in
            var recorder = try ScoreRecorder(format: format, withPairs: withPairs, handles: handles)
            dropped = try matcher.run(into: &recorder) { try progress($0, probe.count) }
            genuine = recorder.genuineGrid.tally
            impostor = recorder.impostorGrid.tally
        }
        try writeLabels(probe, to: "\(group)_labels.txt")
        if let gallery { try writeLabels(gallery, to: "\(group)_gallery_labels.txt") }
        let metrics = try? MetricsReport(
            rates: ErrorRates(genuine: genuine, impostor: impostor), targets: targets, thresholds: thresholds)
        let rule =
            gallery == nil
            ? "probe against itself: j > i, same label dropped"
            : "probe x gallery full block, same label dropped"
                + (excludeSameSource ? ", same source photo (same stem) dropped" : ", same source photo kept")
        let summary = Summary(
            group: group, probeCount: probe.count, galleryCount: gallery?.count,
            featureSize: probeMatrix.dimension, pairRule: rule,
            scoreRounding: "np.round(float32 cosine, 6) in float32", format: format.rawValue, files: names,
            genuinePairs: genuine.total, impostorPairs: impostor.total, droppedPairs: dropped, metrics: metrics)
        // Last: its presence marks the group finished (`isFinished`).
        try AtomicFile.write(try JSONOutput.encode(summary), to: path(Self.summaryName(group: group)))
        return summary
    }

    /// `<group>_summary.json`.
    public static func summaryName(group: String) -> String { "\(group)_summary.json" }

    /// Whether the group's summary, written after every other file, exists in `outputFolder`. A group killed
    /// part way (even after its score files were renamed into place) has none, and is redone by a rerun.
    public static func isFinished(group: String, in outputFolder: String) -> Bool {
        FileManager.default.fileExists(atPath: (outputFolder as NSString).appendingPathComponent(summaryName(group: group)))
    }

    private func path(_ name: String) -> String { (outputFolder as NSString).appendingPathComponent(name) }

    private func writeLabels(_ entries: [FeatureEntry], to name: String) throws {
        let text = entries.enumerated().map { "\($0.offset) \($0.element.label)\n" }.joined()
        try AtomicFile.write(Data(text.utf8), to: path(name))
    }

    /// Opens every path as an `AtomicFile` temp file, nested, so all appear together only if `body` succeeds.
    static func withAtomicFiles(_ paths: [String], opened: [FileHandle] = [], _ body: ([FileHandle]) throws -> Void)
        throws
    {
        guard let first = paths.first else { return try body(opened) }
        try AtomicFile.write(to: first) { handle in
            try withAtomicFiles(Array(paths.dropFirst()), opened: opened + [handle], body)
        }
    }
}
