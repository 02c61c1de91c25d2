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
struct ExperimentLayout: Sendable {
    let root: String

    func path(_ components: String...) -> String {
        components.reduce(root) { ($0 as NSString).appendingPathComponent($1) }
    }

    var runRecord: String { path("run.json") }
    var report: String { path("report.html") }
    func originals(_ group: String) -> String { path("images", group, "original") }
    func extractList(_ group: String) -> String { path("lists", group, "extract.txt") }
    func labels(_ group: String) -> String { path("labels", group) }
    func blurred(_ group: String) -> String { path("blurred", group) }
    func blurredImages(_ group: String, part: String) -> String { path("blurred", group, "blurred_\(part)") }
    func features(_ group: String, _ condition: Condition) -> String { path("features", group, condition.folder) }
    func scores(_ group: String, _ condition: Condition) -> String { path("scores", group, condition.folder) }
    func matchSummary(_ group: String, _ condition: Condition) -> String {
        (scores(group, condition) as NSString).appendingPathComponent("\(group)_summary.json")
    }
    func plots(_ group: String) -> String { path("plots", group) }
    func plot(_ group: String, part: String, kind: PlotKind) -> String {
        (plots(group) as NSString).appendingPathComponent(plotName(part: part, kind: kind) + ".png")
    }
    func plotName(part: String, kind: PlotKind) -> String { "\(part)_\(kind.rawValue)" }

    /// Score file names `facet match` writes for a group in a format (see `MatchCommand`).
    func scoreFile(_ group: String, _ condition: Condition, genuine: Bool, format: String) -> String {
        let kind = genuine ? "authentic" : "impostor"
        let name = format == "reference" ? "\(group)_\(kind).npy" : "\(group)_\(kind)_scores.npy"
        return (scores(group, condition) as NSString).appendingPathComponent(name)
    }

    enum PlotKind: String, Sendable {
        case distribution, det

        /// `facet plot --kind`.
        var plotCommandKind: String { self == .distribution ? "histogram" : "det" }
    }

    /// One matching condition of a group.
    enum Condition: Hashable, Sendable {
        /// Original images matched among themselves.
        case original
        /// Images with `part` blurred, matched among themselves.
        case blurred(String)
        /// Blurred probes against original gallery, pairs of the same source photo excluded.
        case cross(String)

        var folder: String {
            switch self {
            case .original: "original"
            case .blurred(let part): "blurred_\(part)"
            case .cross(let part): "cross_\(part)"
            }
        }
    }
}
