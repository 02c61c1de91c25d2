import FacetStudy
import Foundation

/// The study's JSON config, read and then resolved (defaults filled, values checked) as `facet experiment` does.
extension FuzzTarget {
    static func config(_ data: Data) throws {
        _ = try ExperimentConfig.load(path: FuzzScratch.write(data, named: "config.json")).resolved()
    }
}
