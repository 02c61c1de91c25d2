import Foundation
import TensorCore

/// One `facet match` group: load features, match, stream the score files, write labels and a summary. With a
/// `block` other than the whole, only that part of the pair set is computed, into its own folder (see
/// `MatchBlock`); `MatchMerge` then writes what the whole run would have.
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
    /// The part of the pair set to compute (`facet match --block k/n`).
    public var block = Shard.whole
    /// The subject bootstrap of the metrics (`BootstrapSummary`, `<group>_bootstrap.npy`).
    public var bootstrap = BootstrapSettings()

    public init(group: String, probe: [FeatureEntry], gallery: [FeatureEntry]?, outputFolder: String) {
        self.group = group
        self.probe = probe
        self.gallery = gallery
        self.outputFolder = outputFolder
    }

    /// Runs the whole job; `progress(rowsDone, rowsTotal)` after each block of probe rows. If `progress` throws,
    /// the job stops and none of its score files appear.
    @discardableResult
    public func run(progress: (Int, Int) throws -> Void = { _, _ in }) throws -> Summary {
        precondition(block.isWhole, "a block of the pair set is computed by runBlock")
        let scored = try score(into: outputFolder, progress: progress)
        try writeLabels(into: outputFolder)
        let (summary, replicates) = settings(featureSize: scored.featureSize).summary(
            genuine: scored.genuine, impostor: scored.impostor, dropped: scored.dropped, bootstrap: scored.bootstrap,
            threads: threads)
        try Self.write(summary, replicates, into: outputFolder)
        return summary
    }

    /// The bootstrap replicates (if any), then the summary: last, as its presence marks the group finished
    /// (`isFinished`).
    static func write(_ summary: Summary, _ replicates: BootstrapReplicates?, into folder: String) throws {
        let folder = folder as NSString
        if let replicates, let file = summary.bootstrap?.file {
            try replicates.write(to: folder.appendingPathComponent(file))
        }
        try AtomicFile.write(try JSONOutput.encode(summary), to: folder.appendingPathComponent(summaryName(group: summary.group)))
    }

    /// `<group>_summary.json`.
    public static func summaryName(group: String) -> String { "\(group)_summary.json" }

    /// Whether the group's summary, written after every other file, exists in `outputFolder`. A group killed
    /// part way (even after its score files were renamed into place) has none, and is redone by a rerun.
    public static func isFinished(group: String, in outputFolder: String) -> Bool {
        FileManager.default.fileExists(atPath: (outputFolder as NSString).appendingPathComponent(summaryName(group: group)))
    }

    /// What the summary depends on besides the scores.
    func settings(featureSize: Int) -> MatchBlock.Settings {
        MatchBlock.Settings(
            group: group, probeCount: probe.count, galleryCount: gallery?.count, featureSize: featureSize,
            format: format.rawValue, withPairs: withPairs, excludeSameSource: excludeSameSource, targets: targets,
            thresholds: thresholds, bootstrap: bootstrap)
    }

    /// The scores of the rows of `block`, counted and streamed to the score files in `folder`.
    struct Scored {
        let rows: Range<Int>
        let featureSize: Int
        let genuine: ScoreTally
        let impostor: ScoreTally
        let dropped: CosineMatcher.Dropped
        let bootstrap: BootstrapState
    }

    /// The probe rows of `block`.
    var rows: Range<Int> {
        CosineMatcher.rows(
            of: block, probeCount: probe.count, galleryCount: gallery?.count, blockRows: CosineMatcher.blockRows)
    }

    func score(into folder: String, progress: (Int, Int) throws -> Void) throws -> Scored {
        // The command checks these with its flag names first; library callers get the same limits.
        try ThreadSplit.checkThreads(threads, "threads")
        try MetricsReport.checkTargets(targets, "targets")
        try MetricsReport.checkThresholds(thresholds, "thresholds")
        guard bootstrap.replicates >= 1 else {
            throw FacetError(.usage, "bootstrap replicates must be at least 1, not \(bootstrap.replicates)")
        }
        try OutputFolder.prepare(folder)
        let probeMatrix = try FeatureMatrix(entries: probe)
        let galleryMatrix = try gallery.map(FeatureMatrix.init(entries:))
        var matcher = try CosineMatcher(
            probe: probeMatrix, gallery: galleryMatrix, excludeSameSource: excludeSameSource)
        matcher.threads = threads
        let paths = ScoreRecorder.fileNames(group: group, format: format, withPairs: withPairs).map { path(in: folder, $0) }
        var genuine = ScoreTally(values: [], counts: [])
        var impostor = genuine
        var dropped = CosineMatcher.Dropped()
        let subjects = SubjectIndex(probe: probe, gallery: gallery)
        let cells = CosineMatcher.cells(before: probe.count, probeCount: probe.count, galleryCount: gallery?.count)
        var collected: BootstrapState?
        try Self.withAtomicFiles(paths) { handles in
            var recorder = try ScoreRecorder(
                format: format, withPairs: withPairs, handles: handles,
                bootstrap: BootstrapCollector(
                    subjects: subjects, cells: cells, exactCellLimit: bootstrap.exactCellLimit,
                    withinProbe: gallery == nil))
            dropped = try matcher.run(rows: rows, into: &recorder) { try progress($0, probe.count) }
            genuine = recorder.genuineGrid.tally
            impostor = recorder.impostorGrid.tally
            collected = recorder.bootstrap.collectedState()
        }
        if format == .none && block.isWhole { try Self.writeTallies(genuine, impostor, group: group, into: folder) }
        return Scored(
            rows: rows, featureSize: probeMatrix.dimension, genuine: genuine, impostor: impostor, dropped: dropped,
            bootstrap: collected!)
    }

    /// `--score-format none`'s outputs: the exact tallies, which `facet metrics` and `facet plot` read like score files.
    static func writeTallies(_ genuine: ScoreTally, _ impostor: ScoreTally, group: String, into folder: String) throws {
        let names = ScoreFileFormat.tallyFileNames(group: group)
        try genuine.write(to: (folder as NSString).appendingPathComponent(names[0]))
        try impostor.write(to: (folder as NSString).appendingPathComponent(names[1]))
    }

    func path(in folder: String, _ name: String) -> String { (folder as NSString).appendingPathComponent(name) }

    /// `<G>_labels.txt` ("<row> <label>") and, with a gallery, `<G>_gallery_labels.txt`.
    func writeLabels(into folder: String) throws {
        try AtomicFile.write(Self.labelText(probe), to: path(in: folder, "\(group)_labels.txt"))
        if let gallery { try AtomicFile.write(Self.labelText(gallery), to: path(in: folder, "\(group)_gallery_labels.txt")) }
    }

    static func labelText(_ entries: [FeatureEntry]) -> Data {
        Data(entries.enumerated().map { "\($0.offset) \($0.element.label)\n" }.joined().utf8)
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
