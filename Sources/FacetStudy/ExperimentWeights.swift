import FacetPipeline
import TensorCore

/// The weight files a study needs, found the way the stage commands find them (`ModelWeights.resolve`: the
/// given path, else `$FACET_WEIGHTS/` or `./Weights/` defaults), all checked before anything runs.
enum ExperimentWeights {
    /// (name, path) of each network the config needs: BiSeNet unless label maps are given, and ArcFace. Throws
    /// exit status 66 naming every missing file, what it is, and where to put it.
    static func resolve(_ config: ExperimentConfig) throws -> [(name: String, path: String)] {
        var needed: [(name: String, explicit: String?, kind: ModelWeights.Kind)] = []
        if config.labelsDir == nil { needed.append(("bisenet", config.bisenetWeights, .bisenet)) }
        needed.append(("arcface", config.arcfaceWeights, .iresnet))
        var found: [(name: String, path: String)] = []
        var missing: [String] = []
        for n in needed {
            do { found.append((n.name, try ModelWeights.resolve(n.explicit, kind: n.kind))) } catch let error as FacetError {
                let how = n.explicit == nil ? "" : ": \(n.kind.howToGet)"
                missing.append("\(error.message)\(how) (in facet experiment: --\(n.name)-weights or \"\(n.name)_weights\")")
            }
        }
        guard missing.isEmpty else {
            throw FacetError(.missingInput, "missing model weights; nothing was run: " + missing.joined(separator: " | "))
        }
        return found
    }
}
