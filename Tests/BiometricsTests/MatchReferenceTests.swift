import Foundation
import Testing
import TestSupport
import TensorCore
@testable import Biometrics

/// `facet match` against the reference matcher (Tools/make_match_fixtures.py, which implements the pair rule and
/// score of Sources/FacetPipeline/FacetPipeline.docc/Matching.md in NumPy and scikit-learn): identical pair sets in
/// identical order, scores within one rounding step.
@Suite struct MatchReferenceTests {
    static func entries(_ folder: String) throws -> [FeatureEntry] {
        try FeatureEntry.listPaths(Fixtures.path("match/\(folder)")).paths.map {
            try FeatureEntry(path: $0, identity: .morph)
        }
    }

    /// A (K, 3) float64 file as row-major values, C or Fortran order (the reference saves `np.vstack(...).T`,
    /// which is Fortran-ordered).
    static func rows(_ path: String) throws -> (shape: [Int], values: [Double]) {
        let layout = try NPYScoreStream(path: path)
        let data = try Data(contentsOf: URL(fileURLWithPath: path)).dropFirst(layout.dataOffset)
        let raw = data.withUnsafeBytes { Array($0.bindMemory(to: Double.self)) }
        guard layout.fortranOrder, layout.shape.count == 2 else { return (layout.shape, raw) }
        let (k, c) = (layout.shape[0], layout.shape[1])
        return (layout.shape, (0..<(k * c)).map { raw[($0 % c) * k + $0 / c] })
    }

    func expectSameRows(_ gotPath: String, _ expectedPath: String) throws {
        #expect(try NPY.read(path: gotPath).dtype == .float64)
        let (gotShape, a) = try Self.rows(gotPath)
        let (expectedShape, b) = try Self.rows(expectedPath)
        #expect(gotShape == expectedShape)
        guard a.count == b.count else { return }
        var flipped = 0
        for r in 0..<(a.count / 3) {
            #expect(a[3 * r] == b[3 * r] && a[3 * r + 1] == b[3 * r + 1], "pair at row \(r)")
            let d = abs(a[3 * r + 2] - b[3 * r + 2])
            #expect(d <= MatchTolerance.scoreAbs, "score at row \(r): \(a[3 * r + 2]) vs \(b[3 * r + 2])")
            if d > 0 { flipped += 1 }
        }
        #expect(Double(flipped) <= MatchTolerance.flippedShare * Double(a.count / 3))
    }

    func text(_ path: String) throws -> String { try String(contentsOfFile: path, encoding: .utf8) }

    @Test func withinProbeEqualsReference() throws {
        let temporary = try TemporaryFolder()
        let out = temporary.path
        let summary = try MatchJob(group: "CM", probe: Self.entries("features"), gallery: nil, outputFolder: out).run()
        // The reference's own outputs are Fortran-ordered; reading them is part of what is proven here.
        #expect(try NPYScoreStream(path: Fixtures.path("match/within_authentic.npy")).fortranOrder)
        try expectSameRows("\(out)/CM_authentic.npy", Fixtures.path("match/within_authentic.npy"))
        try expectSameRows("\(out)/CM_impostor.npy", Fixtures.path("match/within_impostor.npy"))
        #expect(try text("\(out)/CM_labels.txt") == text(Fixtures.path("match/within_labels.txt")))
        #expect(!FileManager.default.fileExists(atPath: "\(out)/CM_gallery_labels.txt"))
        // 70 features: 70·69/2 pairs, every one either genuine or impostor.
        #expect(summary.genuinePairs + summary.impostorPairs == 70 * 69 / 2)
    }

    @Test func crossMatchKeepingSameSourceEqualsReference() throws {
        let temporary = try TemporaryFolder()
        let out = temporary.path
        var job = MatchJob(
            group: "CM", probe: try Self.entries("features/blurred_nose"),
            gallery: try Self.entries("features/original"), outputFolder: out)
        job.excludeSameSource = false
        try job.run()
        try expectSameRows("\(out)/CM_authentic.npy", Fixtures.path("match/cross_authentic.npy"))
        try expectSameRows("\(out)/CM_impostor.npy", Fixtures.path("match/cross_impostor.npy"))
        #expect(try text("\(out)/CM_labels.txt") == text(Fixtures.path("match/cross_labels.txt")))
        #expect(try text("\(out)/CM_gallery_labels.txt") == text(Fixtures.path("match/cross_gallery_labels.txt")))
    }

    @Test func crossMatchDropsSameSourceByDefault() throws {
        let temporary = try TemporaryFolder()
        let out = temporary.path
        let summary = try MatchJob(
            group: "CM", probe: try Self.entries("features/blurred_nose"),
            gallery: try Self.entries("features/original"), outputFolder: out
        ).run()
        // One same-source cell per photo (35 photos in each folder), none with the same label.
        #expect(summary.droppedPairs.sameSource == 35 && summary.droppedPairs.sameLabel == 0)
        try expectSameRows("\(out)/CM_authentic.npy", Fixtures.path("match/cross_no_same_source_authentic.npy"))
        try expectSameRows("\(out)/CM_impostor.npy", Fixtures.path("match/cross_no_same_source_impostor.npy"))
    }

    @Test func compactScoresEqualReferenceScoresAndSummaryMetricsEqualFileMetrics() throws {
        let temporary = try TemporaryFolder()
        let out = temporary.path
        let entries = try Self.entries("features")
        var job = MatchJob(group: "G", probe: entries, gallery: nil, outputFolder: out)
        try job.run()
        job.format = .compact
        job.withPairs = true
        let summary = try job.run()
        for kind in ["authentic", "impostor"] {
            let reference = try NPY.read(path: "\(out)/G_\(kind).npy").doubles()
            let scores = try NPY.read(path: "\(out)/G_\(kind)_scores.npy")
            let pairs = try NPY.read(path: "\(out)/G_\(kind)_pairs.npy")
            #expect(scores.dtype == .float32 && pairs.dtype == .int32)
            #expect(pairs.shape == [reference.count / 3, 2])
            let s = try scores.doubles()
            let ij = try pairs.doubles()
            let referenceScores: [Double] = stride(from: 2, to: reference.count, by: 3).map { reference[$0] }
            #expect(s == referenceScores)
            let referencePairs: [Double] = (0..<(reference.count / 3)).flatMap { (r: Int) -> [Double] in
                [reference[3 * r], reference[3 * r + 1]]
            }
            #expect(ij == referencePairs)
        }
        let fromFiles = try ErrorRates(
            genuine: ScoreFile.tally("\(out)/G_authentic_scores.npy").tally,
            impostor: ScoreFile.tally("\(out)/G_impostor_scores.npy").tally)
        // The reference layout streams to the same tallies.
        #expect(try ScoreFile.tally("\(out)/G_impostor.npy").tally == fromFiles.impostor)
        let metrics = try #require(summary.metrics)
        #expect(metrics.equalErrorRate.eer == fromFiles.equalErrorRate.eer)
        #expect(metrics.areaUnderROC == fromFiles.areaUnderROC)
        #expect(metrics.dPrime == Moments.decidability(fromFiles.genuine.moments, fromFiles.impostor.moments))
    }
}
