import Foundation
import Testing
import TensorCore
import TestSupport

/// `facet match` stopped by a signal or killed: a signal ends it cleanly (summary line, 128 + the signal, no
/// temp file), and a rerun without --force finishes a group whose summary is missing.
@Suite(.serialized) struct MatchStopTests {
    let folder: TemporaryFolder

    init() throws { folder = try TemporaryFolder() }

    /// `count` random unit 512-d features, three photos per subject with MORPH names (`<id>_<photo>M30.npy`),
    /// in `<folder>/<name>`: 6000 take a few seconds to match with reference score files.
    func writeFeatures(_ name: String = "feats", count: Int = 6000, seed: UInt64 = 1) throws -> String {
        try Self.writeFeatures(at: folder.file(name), count: count, seed: seed)
    }

    static func writeFeatures(at path: String, count: Int, seed: UInt64) throws -> String {
        var random = SeededGenerator(seed: seed)
        for k in 0..<count {
            var v = (0..<512).map { _ in Float.random(in: -1..<1, using: &random) }
            let norm = v.reduce(0) { $0 + $1 * $1 }.squareRoot()
            v = v.map { $0 / norm }
            try NPY.write(floats: v, shape: [512], to: "\(path)/\(100_000 + k / 3)_\(k % 3)M30.npy")
        }
        return path
    }

    func files(_ path: String) -> [String] { ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted() }

    @Test(arguments: [(SIGTERM, Int32(143), "terminated by SIGTERM"), (SIGHUP, 129, "terminated by SIGHUP"),
                      (SIGINT, 130, "interrupted")])
    func aSignalStopsCleanly(_ signal: Int32, _ status: Int32, _ reason: String) throws {
        let features = try writeFeatures()
        let out = folder.file("out")
        let match = try FacetProcess(["match", "-p", features, "-o", out])
        // Once the score files' temp files exist, matching has started.
        let deadline = Date().addingTimeInterval(60)
        while !files(out).contains(where: { $0.hasPrefix(".facet-tmp-") }) && match.process.isRunning && Date() < deadline {
            usleep(5_000)
        }
        try #require(match.process.isRunning, "match finished before the signal; stderr: \(match.standardError)")
        kill(match.process.processIdentifier, signal)
        #expect(match.wait() == status, "stderr: \(match.standardError)")
        let lines = match.standardError.split(separator: "\n")
        #expect(lines.last == "facet: error: \(reason); group all not written (no partial file left)", "\(match.standardError)")
        #expect(files(out).isEmpty, "no temp or partial file is left: \(files(out))")
    }

    @Test func aRerunFinishesAGroupWhoseSummaryIsMissing() throws {
        _ = try writeFeatures("feats/CF", count: 30, seed: 2)
        _ = try writeFeatures("feats/CM", count: 30, seed: 3)
        let out = folder.file("out")
        let match = ["match", "-p", folder.file("feats"), "-o", out, "--group-by-folder"]
        #expect(try FacetProcess.run(match).status == 0)
        // What `kill -9` between the score files and the summary leaves: every file but CM's summary.
        try FileManager.default.removeItem(atPath: "\(out)/CM_summary.json")
        let finished = try FileManager.default.attributesOfItem(atPath: "\(out)/CF_impostor.npy")[.modificationDate] as? Date
        let rerun = try FacetProcess.run(match)
        #expect(rerun.status == 0, "\(rerun.stderr)")
        #expect(rerun.stderr.contains("match: CF already finished; skipped (--force redoes them)"), "\(rerun.stderr)")
        #expect(FileManager.default.fileExists(atPath: "\(out)/CM_summary.json"))
        #expect(try FileManager.default.attributesOfItem(atPath: "\(out)/CF_impostor.npy")[.modificationDate] as? Date == finished)
        // Every group finished: nothing to do without --force.
        try FacetProcess.expectError(73, match, "\(out)/CF_summary.json: already exists; use --force to overwrite")
    }
}
