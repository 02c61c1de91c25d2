import Foundation
import TensorCore

/// The parts of `facet match`'s `<group>_summary.json` a study reads: pair counts and the metrics of the
/// genuine/impostor scores (see `MatchCommand` for the full contract).
struct MatchSummaryFile: Decodable, Sendable {
    struct Metrics: Decodable, Sendable {
        struct EER: Decodable, Sendable { let eer: Double }
        struct Rate: Decodable, Sendable { let fnmr: Double }
        struct TargetRate: Decodable, Sendable {
            let targetFMR: Double
            let resolved: Bool
            let rate: Rate
        }
        struct Distribution: Decodable, Sendable { let mean: Double }
        let genuine: Distribution
        let impostor: Distribution
        let dPrime: Double
        let equalErrorRate: EER
        let fnmrAtFMR: [TargetRate]
    }

    let group: String
    let probeCount: Int
    let galleryCount: Int?
    let genuinePairs: Int
    let impostorPairs: Int
    /// nil when a pair class is empty.
    let metrics: Metrics?

    static func read(_ path: String) throws -> MatchSummaryFile {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw FacetError(.missingInput, "\(path): no such file")
        }
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        do { return try decoder.decode(MatchSummaryFile.self, from: data) } catch {
            throw FacetError(.badData, "\(path): not a facet match summary (\(error))")
        }
    }

    /// FNMR at an FMR target, and whether enough impostor pairs exist to resolve it.
    func fnmr(atFMR target: Double) -> (value: Double, resolved: Bool)? {
        guard let t = metrics?.fnmrAtFMR.first(where: { abs($0.targetFMR - target) <= 1e-12 * target }) else { return nil }
        return (t.rate.fnmr, t.resolved)
    }

    /// Whether a match summary exists, counted as many features as the folders hold now, and is newer than each
    /// of them (so features extracted or redone after the match get matched again).
    static func isCurrent(_ path: String, probe: String, gallery: String?) -> Bool {
        guard let summary = try? read(path), let written = ExperimentPlan.modificationDate(path) else { return false }
        let probeFeatures = features(probe)
        let galleryFeatures = gallery.map(features)
        return summary.probeCount == probeFeatures.count && summary.galleryCount == galleryFeatures?.count
            && (probeFeatures + (galleryFeatures ?? [])).allSatisfy { $0 <= written }
    }

    /// The modification dates of the `.npy` files under a folder, as `facet match` lists them (hidden temp files
    /// excluded: the study removes them before matching).
    static func features(_ folder: String) -> [Date] {
        guard let walker = FileManager.default.enumerator(atPath: folder) else { return [] }
        var dates = [Date]()
        for case let relative as String in walker
        where relative.hasSuffix(".npy") && !(relative as NSString).lastPathComponent.hasPrefix(".") {
            dates.append(walker.fileAttributes?[.modificationDate] as? Date ?? .distantFuture)
        }
        return dates
    }
}
