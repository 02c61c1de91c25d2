import Foundation
import TensorCore

/// One computed part of a group's pair set (`facet match --block k/n`), as `block.json` in its folder
/// `<output>/blocks/<group>/<k>-of-<n>/`. Beside it: the score files of its probe rows (named and laid out as a
/// whole run's), `genuine_tally.npy` and `impostor_tally.npy` ((K, 2) float64 rows [score, count]: the exact
/// distinct-score counts), the bootstrap state (`BootstrapState+Files`), and the label files. `block.json` is written last, so its presence means the block
/// is complete.
public struct MatchBlock: Codable, Sendable, Equatable {
    /// Everything the group's summary depends on besides the scores; equal in every block of one group.
    public struct Settings: Codable, Sendable, Equatable {
        public let group: String
        public let probeCount: Int
        public let galleryCount: Int?
        public let featureSize: Int
        /// The `ScoreFileFormat` raw value.
        public let format: String
        public let withPairs: Bool
        public let excludeSameSource: Bool
        public let targets: [Double]
        public let thresholds: [Double]
        public let bootstrap: BootstrapSettings

        /// The summary a whole run writes for these scores, and its bootstrap replicates (none when a class is
        /// empty). `threads` only shares out the replicates; they do not depend on it.
        func summary(
            genuine: ScoreTally, impostor: ScoreTally, dropped: CosineMatcher.Dropped, bootstrap state: BootstrapState,
            threads: Int
        ) -> (MatchJob.Summary, BootstrapReplicates?) {
            let metrics = try? MetricsReport(
                rates: ErrorRates(genuine: genuine, impostor: impostor), targets: targets, thresholds: thresholds)
            let replicates = metrics.map { _ in
                BootstrapReplicates(
                    state: state,
                    resamples: SubjectResamples(
                        replicates: bootstrap.replicates, subjects: state.design.subjects, seed: bootstrap.seed),
                    targets: targets,
                    point: BootstrapReplicates.metrics(genuine: genuine, impostor: impostor, targets: targets),
                    threads: threads)
            }
            let rule =
                galleryCount == nil
                ? "probe against itself: j > i, same label dropped"
                : "probe x gallery full block, same label dropped"
                    + (excludeSameSource ? ", same source photo (same stem) dropped" : ", same source photo kept")
            let summary = MatchJob.Summary(
                group: group, probeCount: probeCount, galleryCount: galleryCount, featureSize: featureSize,
                pairRule: rule, scoreRounding: "np.round(float32 cosine, 6) in float32", format: format,
                files: (ScoreFileFormat(rawValue: format) ?? .none).outputFileNames(group: group, withPairs: withPairs),
                genuinePairs: genuine.total, impostorPairs: impostor.total, droppedPairs: dropped, metrics: metrics,
                bootstrap: replicates.map {
                    BootstrapSummary(group: group, settings: bootstrap, design: state.design, replicates: $0)
                })
            return (summary, replicates)
        }
    }

    public let settings: Settings
    public let block: Shard
    /// The probe rows this block matched (whole blocks of `CosineMatcher.blockRows`).
    public let firstRow: Int
    public let endRow: Int
    public let genuinePairs: Int
    public let impostorPairs: Int
    public let droppedPairs: CosineMatcher.Dropped
    /// The method and subjects of the block's bootstrap state: equal in every block of one group.
    public let bootstrap: BootstrapDesign
    /// SHA-256 of the label files' contents: blocks of one group match the same features in the same order.
    public let labelsSHA256: String

    public static let recordName = "block.json"
    static let genuineTallyName = "genuine_tally.npy"
    static let impostorTallyName = "impostor_tally.npy"

    /// `<output>/blocks/<group>`: every block of the group lives under it.
    public static func groupFolder(output: String, group: String) -> String {
        ((output as NSString).appendingPathComponent("blocks") as NSString).appendingPathComponent(group)
    }

    /// `<output>/blocks/<group>/<k>-of-<n>`.
    public static func folder(output: String, group: String, block: Shard) -> String {
        (groupFolder(output: output, group: group) as NSString).appendingPathComponent("\(block.index)-of-\(block.count)")
    }

    /// The block recorded in `folder`, or nil when it is not complete.
    public static func read(folder: String) throws -> MatchBlock? {
        let path = (folder as NSString).appendingPathComponent(recordName)
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        do { return try JSONOutput.decode(MatchBlock.self, from: data) } catch {
            throw FacetError(.badData, "\(path): not a facet match block record (\(error))")
        }
    }
}
