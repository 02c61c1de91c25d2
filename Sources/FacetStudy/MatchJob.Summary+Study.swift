import Biometrics
import Foundation

/// What the study reads from a group's match summary (`MatchJob.Summary`, the `<group>_summary.json` that the
/// match stage writes).
extension MatchJob.Summary {
    /// FNMR at an FMR target, and whether enough impostor pairs exist to resolve it.
    func fnmr(atFMR target: Double) -> (value: Double, resolved: Bool)? {
        guard let t = metrics?.fnmrAtFMR.first(where: { abs($0.targetFMR - target) <= 1e-12 * target }) else { return nil }
        return (t.rate.fnmr, t.resolved)
    }

    /// Whether a match summary exists, counted as many features as the folders hold now, and is newer than each
    /// of them (so features extracted or redone after the match get matched again).
    static func isCurrent(_ path: String, probe: String, gallery: String?) -> Bool {
        guard let summary = try? MatchJob.Summary.read(path), let written = ExperimentPlan.modificationDate(path) else { return false }
        let probeFeatures = featureDates(probe)
        let galleryFeatures = gallery.map(featureDates)
        return summary.probeCount == probeFeatures.count && summary.galleryCount == galleryFeatures?.count
            && (probeFeatures + (galleryFeatures ?? [])).allSatisfy { $0 <= written }
    }

    /// The modification dates of the `.npy` files under a folder, as `facet match` lists them (hidden temp files
    /// excluded: the study removes them before matching).
    static func featureDates(_ folder: String) -> [Date] {
        guard let walker = FileManager.default.enumerator(atPath: folder) else { return [] }
        var dates = [Date]()
        for case let relative as String in walker
        where relative.hasSuffix(".npy") && !(relative as NSString).lastPathComponent.hasPrefix(".") {
            dates.append(walker.fileAttributes?[.modificationDate] as? Date ?? .distantFuture)
        }
        return dates
    }
}
