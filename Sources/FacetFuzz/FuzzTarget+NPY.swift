import Biometrics
import Foundation
import TensorCore

/// `.npy` as each reader takes it: a whole array in every element type, a feature file, a streamed score file
/// and a score tally. The score readers are called without `ScoreFile.tally`, whose 16 MB grid per call would
/// leave the fuzzer little time for parsing.
extension FuzzTarget {
    static func npy(_ data: Data) throws {
        try step {
            let array = try NPY.parse(data, name: "fuzz.npy")
            try step { _ = try array.floats() }
            try step { _ = try array.doubles() }
            try step { _ = try array.bytes() }
        }
        let path = FuzzScratch.write(data, named: "input.npy")
        try step { _ = try FeatureMatrix(entries: [FeatureEntry(path: path, identity: .morph)]) }
        try step { try NPYScoreStream(path: path).forEachScore { _ in } }
        try step { _ = try ScoreTally(contentsOf: path) }
    }
}
