import Foundation
import TensorCore

extension MatchJob {
    /// What one group's match produced, as `facet match` writes it to `<group>_summary.json` and `read` reads it
    /// back: counts, the pair rule, the score files and the metrics. Equal as their numbers are (a NaN metric,
    /// from zero-variance scores, is unequal to itself).
    public struct Summary: Codable, Sendable, Equatable {
        public let group: String
        public let probeCount: Int
        /// nil when the probe was matched against itself.
        public let galleryCount: Int?
        public let featureSize: Int
        public let pairRule: String
        public let scoreRounding: String
        /// The `ScoreFileFormat` raw value.
        public let format: String
        /// Score file names in the output folder.
        public let files: [String]
        public let genuinePairs: Int
        public let impostorPairs: Int
        public let droppedPairs: CosineMatcher.Dropped
        /// nil when a class is empty (e.g. every subject has one photo).
        public let metrics: MetricsReport?
        /// The 95 % subject-bootstrap intervals of d′, EER and FNMR at each target; nil with `metrics`.
        public let bootstrap: BootstrapSummary?

        /// Reads a `<group>_summary.json` that `facet match` wrote ("nan", "inf" and "-inf" strings become
        /// non-finite numbers again). A missing file is `.missingInput`; anything else unreadable is `.badData`.
        public static func read(_ path: String) throws -> Summary {
            guard let data = FileManager.default.contents(atPath: path) else {
                throw FacetError(.missingInput, "\(path): no such file")
            }
            do { return try JSONOutput.decode(Summary.self, from: data) } catch {
                throw FacetError(.badData, "\(path): not a facet match summary (\(error))")
            }
        }
    }
}
