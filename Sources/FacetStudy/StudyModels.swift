import FacetPipeline
import Synchronization

/// The networks a study runs, each loaded from its weight file the first time a step needs it (a resumed study
/// whose parse and extract steps are finished loads neither), then shared by every group.
final class StudyModels: Sendable {
    private let bisenetPath: String?
    private let arcfacePath: String?
    private let loadedParser = Mutex<BiSeNetParser?>(nil)
    private let loadedEmbedder = Mutex<IResNetEmbedder?>(nil)

    init(bisenet: String?, arcface: String?) {
        bisenetPath = bisenet
        arcfacePath = arcface
    }

    func parser() throws -> BiSeNetParser {
        try loadedParser.withLock { parser in
            if let parser { return parser }
            let loaded = try BiSeNetParser(weightsAt: try ModelWeights.resolve(bisenetPath, kind: .bisenet))
            parser = loaded
            return loaded
        }
    }

    func embedder() throws -> IResNetEmbedder {
        try loadedEmbedder.withLock { embedder in
            if let embedder { return embedder }
            let loaded = try IResNetEmbedder(weightsAt: try ModelWeights.resolve(arcfacePath, kind: .iresnet))
            embedder = loaded
            return loaded
        }
    }
}
