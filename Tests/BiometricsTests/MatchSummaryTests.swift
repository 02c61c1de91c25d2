import Foundation
import Testing
import TestSupport
import TensorCore
@testable import Biometrics

/// `<group>_summary.json` as `MatchJob` writes it reads back into the same `MatchJob.Summary`.
@Suite struct MatchSummaryTests {
    let temporary: TemporaryFolder
    let out: String

    init() throws {
        temporary = try TemporaryFolder()
        out = temporary.path
    }

    /// The summary read from the file equals the one the job returned, and writing it again gives the same bytes.
    func expectRoundTrip(_ summary: MatchJob.Summary) throws {
        let path = "\(out)/\(summary.group)_summary.json"
        let read = try MatchJob.Summary.read(path)
        #expect(read == summary)
        #expect(try JSONOutput.encode(read) == Data(contentsOf: URL(fileURLWithPath: path)))
    }

    @Test func withinProbeSummaryRoundTrips() throws {
        let job = MatchJob(group: "CM", probe: try MatchReferenceTests.entries("features"), gallery: nil, outputFolder: out)
        let summary = try job.run()
        #expect(summary.galleryCount == nil && summary.metrics != nil)
        try expectRoundTrip(summary)
    }

    @Test func crossMatchSummaryRoundTrips() throws {
        var job = MatchJob(
            group: "CM", probe: try MatchReferenceTests.entries("features/blurred_nose"),
            gallery: try MatchReferenceTests.entries("features/original"), outputFolder: out)
        job.format = .compact
        job.thresholds = [0.3]
        let summary = try job.run()
        #expect(summary.galleryCount == 35 && summary.droppedPairs.sameSource == 35)
        try expectRoundTrip(summary)
    }

    /// Two subjects with two identical photos each: every score of a class is the same, so d′ is +∞ and is
    /// written as "inf".
    @Test func infiniteDPrimeRoundTrips() throws {
        var entries = [FeatureEntry]()
        for (subject, feature) in [("100", [Float]([1, 0, 0])), ("200", [0.6, 0.8, 0])] {
            for photo in 0..<2 {
                let path = "\(out)/feats/\(subject)_0\(photo)M30.npy"
                try NPY.write(floats: feature, shape: [3], to: path)
                entries.append(try FeatureEntry(path: path, identity: .morph))
            }
        }
        let summary = try MatchJob(group: "G", probe: entries, gallery: nil, outputFolder: out).run()
        #expect(summary.metrics?.dPrime == .infinity)
        let text = try String(contentsOfFile: "\(out)/G_summary.json", encoding: .utf8)
        #expect(text.contains(#""dPrime" : "inf""#))
        try expectRoundTrip(summary)
    }

    /// One photo per subject: no genuine pairs, so no metrics.
    @Test func summaryWithoutMetricsRoundTrips() throws {
        var entries = [FeatureEntry]()
        for subject in ["100", "200", "300"] {
            let path = "\(out)/feats/\(subject)_00M30.npy"
            try NPY.write(floats: NamedRandom.uniform(subject, count: 4), shape: [4], to: path)
            entries.append(try FeatureEntry(path: path, identity: .morph))
        }
        let summary = try MatchJob(group: "G", probe: entries, gallery: nil, outputFolder: out).run()
        #expect(summary.metrics == nil && summary.genuinePairs == 0)
        try expectRoundTrip(summary)
    }

    @Test func unreadableSummariesNameTheFile() throws {
        let missing = "\(out)/none_summary.json"
        #expect { try MatchJob.Summary.read(missing) } throws: { error in
            (error as? FacetError).map { $0.kind == .missingInput && $0.message.contains(missing) }
                ?? false
        }
        let bad = "\(out)/bad_summary.json"
        try #"{"group": "G"}"#.write(toFile: bad, atomically: true, encoding: .utf8)
        #expect { try MatchJob.Summary.read(bad) } throws: { error in
            (error as? FacetError).map { $0.kind == .badData && $0.message.contains(bad) }
                ?? false
        }
    }
}
