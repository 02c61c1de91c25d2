import Biometrics
import FacetPipeline
import FacetPlots
import Foundation

/// Where every output of a study lives under the output root. One folder per stage, then per group, then per
/// condition (`original`, `blurred_<part>`, `cross_<part>`), so each stage command gets a plain folder in and out.
///
///     run.json, report.html
///     images/<G>/original                   symlink to the group's folder (or a folder of symlinks to its files)
///     labels/<G>/<stem>_mask.png            facet parse
///     blurred/<G>/blurred_<part>/<file>     facet blur
///     lists/<G>/extract.txt                 the originals and blurred images of a group, for one extract run
///     features/<G>/<condition>/<stem>.npy   facet extract (original, blurred_<part>)
///     scores/<G>/<condition>/<G>_*          facet match (original, blurred_<part>, cross_<part>)
///     plots/<G>/<part>_distribution.png, plots/<G>/<part>_det.png   facet plot
public struct ExperimentLayout: Sendable {
    public let root: String

    public init(root: String) { self.root = root }

    public func path(_ components: String...) -> String {
        components.reduce(root) { ($0 as NSString).appendingPathComponent($1) }
    }

    public var runRecord: String { path("run.json") }
    public var report: String { path("report.html") }
    /// The study's numbers, one metric per row (`ResultRow`).
    public var resultsCSV: String { path("results.csv") }
    public var resultsJSON: String { path("results.json") }
    public func originals(_ group: String) -> String { path("images", group, "original") }
    public func extractList(_ group: String) -> String { path("lists", group, "extract.txt") }
    public func labels(_ group: String) -> String { path("labels", group) }
    public func blurred(_ group: String) -> String { path("blurred", group) }
    public func blurredImages(_ group: String, part: String) -> String {
        path("blurred", group, StageOutputs.blurredFolder(part: part))
    }
    public func features(_ group: String, _ condition: Condition) -> String { path("features", group, condition.folder) }
    public func scores(_ group: String, _ condition: Condition) -> String { path("scores", group, condition.folder) }
    public func matchSummary(_ group: String, _ condition: Condition) -> String {
        (scores(group, condition) as NSString).appendingPathComponent(MatchJob.summaryName(group: group))
    }
    public func plots(_ group: String) -> String { path("plots", group) }
    public func plot(_ group: String, part: String, kind: PlotKind) -> String {
        (plots(group) as NSString).appendingPathComponent(plotName(part: part, kind: kind) + ".png")
    }
    public func plotName(part: String, kind: PlotKind) -> String { "\(part)_\(kind.rawValue)" }
    /// The DET curves of every group on the original images, side by side (`plots/groups_original_det.png`).
    public var groupComparisonPlot: String { path("plots", "groups_original_det.png") }

    /// The genuine or impostor score file the match stage writes for a group in a format.
    public func scoreFile(_ group: String, _ condition: Condition, genuine: Bool, format: String) -> String {
        let names = (ScoreFileFormat(rawValue: format) ?? .compact).outputFileNames(group: group, withPairs: false)
        return (scores(group, condition) as NSString).appendingPathComponent(names[genuine ? 0 : 1])
    }

    public enum PlotKind: String, Sendable {
        case distribution, det

        /// The figure drawn (`facet plot --kind`).
        public var figure: FacetPlots.PlotKind { self == .distribution ? .histogram : .det }
    }

    /// One matching condition of a group.
    public enum Condition: Hashable, Sendable {
        /// Original images matched among themselves.
        case original
        /// Images with `part` blurred, matched among themselves.
        case blurred(String)
        /// Blurred probes against original gallery, pairs of the same source photo excluded.
        case cross(String)

        /// The original condition, then per part its blurred and cross conditions.
        public static func all(parts: [String]) -> [Condition] {
            [.original] + parts.flatMap { [Condition.blurred($0), .cross($0)] }
        }

        public var folder: String {
            switch self {
            case .original: "original"
            // The blur stage's folder name, which extract keeps for the embeddings of its images.
            case .blurred(let part): StageOutputs.blurredFolder(part: part)
            case .cross(let part): "cross_\(part)"
            }
        }
    }
}
