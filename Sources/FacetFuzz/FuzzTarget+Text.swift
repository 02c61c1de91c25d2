import Biometrics
import FacetPipeline
import Foundation

/// The line-based readers, each given the same bytes: an image list, a feature list (and the identity each
/// listed path yields), the MORPH metadata CSV and a text score file (read without `ScoreFile.tally`, whose
/// 16 MB grid per call would leave the fuzzer little time for parsing).
extension FuzzTarget {
    static func text(_ data: Data) throws {
        let list = FuzzScratch.write(data, named: "input.txt")
        try step { _ = try InputList.load(list, extensions: InputList.imageExtensions) }
        var entries: [FeatureEntry] = []
        try step {
            entries = try FeatureEntry.listPaths(list).paths.map { try FeatureEntry(path: $0, identity: .morph) }
        }
        try step {
            let metadata = try MorphMetadata(csvPath: list)
            for entry in entries { _ = metadata.group(of: entry) }
        }
        try step { _ = try ScoreFile.textScores(list) }
    }
}
