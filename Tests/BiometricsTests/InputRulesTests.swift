import Foundation
import Testing
import TestSupport
import TensorCore
@testable import Biometrics

@Suite struct InputRulesTests {
    @Test func identityRules() throws {
        let path = "/data/blurred_nose/423383_01F31.npy"
        #expect(try IdentityRule.morph.identity(ofPath: path) == "423383")
        #expect(try IdentityRule.morph.identity(ofPath: "/d/noUnderscore.npy") == "noUnderscore.npy")
        #expect(try IdentityRule.folder.identity(ofPath: path) == "blurred_nose")
        #expect(try IdentityRule.regex("_(\\d\\d)[MF]").identity(ofPath: path) == "01")
        #expect(throws: FacetError.self) { try IdentityRule.regex("^x").identity(ofPath: path) }
        let entry = try FeatureEntry(path: path, identity: .morph)
        #expect(entry.label == "blurred_nose/423383_01F31" && entry.stem == "423383_01F31")
    }

    @Test func morphGroupNames() {
        #expect(MorphMetadata.group(race: "W", gender: "M") == "CM")
        #expect(MorphMetadata.group(race: "W", gender: "F") == "CF")
        #expect(MorphMetadata.group(race: "B", gender: "M") == "AAM")
        #expect(MorphMetadata.group(race: "B", gender: "F") == "AAF")
        #expect(MorphMetadata.group(race: "H", gender: "F") == "HF")
        #expect(MorphMetadata.group(race: "X", gender: "F") == nil)
    }

    @Test func scoreFilesInEveryLayout() throws {
        // The reference's (K, 3) file is Fortran-ordered; column 2 holds the scores.
        let k3 = try ScoreFile.tally(Fixtures.path("metrics/tiny_genuine_k3.npy"))
        #expect(k3.tally == ScoreTally(scores: [0.9, 0.8, 0.8, 0.4]) && !k3.isFloat32)
        let text = try ScoreFile.tally(Fixtures.path("metrics/tiny_impostor.txt"))
        #expect(text.tally == ScoreTally(scores: [0.1, 0.4, 0.5, 0.2, 0.3]))
        let temporary = try TemporaryFolder()
        let folder = URL(fileURLWithPath: temporary.path)
        try NPY.write(floats: [0.5, .nan, 0.25], shape: [3], to: folder.appendingPathComponent("s.npy").path)
        let compact = try ScoreFile.tally(folder.appendingPathComponent("s.npy").path)
        #expect(compact.tally == ScoreTally(scores: [0.5, 0.25]) && compact.nanCount == 1 && compact.isFloat32)
        try NPY.write(floats: [1, 2, 3, 4], shape: [2, 2], to: folder.appendingPathComponent("bad.npy").path)
        #expect(throws: FacetError.self) { try ScoreFile.tally(folder.appendingPathComponent("bad.npy").path) }
        try "0.5\nabc\n".write(to: folder.appendingPathComponent("bad.txt"), atomically: true, encoding: .utf8)
        #expect(throws: FacetError.self) { try ScoreFile.tally(folder.appendingPathComponent("bad.txt").path) }
        // A (K, 3) C-order file streamed across several read chunks keeps only column 2, in order.
        let k = 700_000
        func score(_ r: Int) -> Double { Double(Float(r % 1000) / 1000) }
        var rowsValues = [Double]()
        for r in 0..<k { rowsValues += [Double(r), Double(r + 1), score(r)] }
        try NPY.write(doubles: rowsValues, shape: [k, 3], to: folder.appendingPathComponent("k3.npy").path)
        var seen = [Double]()
        try NPYScoreStream(path: folder.appendingPathComponent("k3.npy").path).forEachScore { seen.append($0) }
        let expected: [Double] = (0..<k).map(score)
        #expect(seen == expected)
    }
}
