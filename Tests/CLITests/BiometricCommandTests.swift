import Foundation
import Testing
import TestSupport
import TensorCore
@testable import FacetCLI

/// `facet match`, `facet metrics` and `facet plot` end to end: flags, bad input, outputs.
@Suite struct BiometricCommandTests {
    let temporary: TemporaryFolder
    let folder: String

    init() throws {
        temporary = try TemporaryFolder()
        folder = temporary.path
    }

    func run(_ arguments: [String]) throws {
        var command = try Facet.parseAsRoot(arguments)
        try command.run()
    }

    /// Three subjects, two photos each, 8-d features, in `<folder>/feats`.
    func writeFeatures() throws -> [String] {
        var paths = [String]()
        for (s, subject) in ["100", "200", "300"].enumerated() {
            for p in 0..<2 {
                let path = "\(folder)/feats/\(subject)_0\(p)M30.npy"
                try NPY.write(floats: NamedRandom.uniform("\(s)-\(p)", count: 8), shape: [8], to: path)
                paths.append(path)
            }
        }
        return paths
    }

    func writeList(_ lines: [String]) throws -> String {
        let path = "\(folder)/list.txt"
        try lines.joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    func expectFailure(_ kind: FailureKind, _ arguments: [String], mentioning file: String) {
        do {
            try run(arguments)
            Issue.record("expected a failure for \(arguments)")
        } catch let error as FacetError {
            #expect(error.kind.exitStatus == kind.exitStatus)
            #expect(error.message.contains(file), "\(error.message)")
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    func outputFiles() -> [String] { (try? FileManager.default.contentsOfDirectory(atPath: "\(folder)/out")) ?? [] }

    @Test func referenceFlagsAndBlankLines() throws {
        let paths = try writeFeatures()
        // Unsorted, with blank lines: sorted and skipped.
        let list = try writeList(["", paths[3], paths[0], "  ", paths[5], paths[1], paths[2], paths[4], ""])
        try run(["match", "-p", list, "-o", "\(folder)/out", "-gr", "CM", "-d", "MORPH", "-q"])
        let labels = try String(contentsOfFile: "\(folder)/out/CM_labels.txt", encoding: .utf8)
        #expect(labels.hasPrefix("0 feats/100_00M30\n1 feats/100_01M30\n2 feats/200_00M30\n"))
        let authentic = try NPY.read(path: "\(folder)/out/CM_authentic.npy")
        // 3 subjects × 1 genuine pair; 15 pairs in all.
        #expect(authentic.shape == [3, 3])
        #expect(try NPY.read(path: "\(folder)/out/CM_impostor.npy").shape == [12, 3])
        #expect(
            Set(outputFiles()) == [
                "CM_authentic.npy", "CM_impostor.npy", "CM_labels.txt", "CM_summary.json", "CM_bootstrap.npy",
            ])
    }

    @Test func existingOutputsNeedForce() throws {
        _ = try writeFeatures()
        try run(["match", "-p", "\(folder)/feats", "-o", "\(folder)/out", "-q"])
        expectFailure(.cannotCreate, ["match", "-p", "\(folder)/feats", "-o", "\(folder)/out", "-q"], mentioning: "--force")
        try run(["match", "-p", "\(folder)/feats", "-o", "\(folder)/out", "-q", "--force"])
    }

    @Test func missingFeatureFile() throws {
        let paths = try writeFeatures()
        let list = try writeList(paths + ["\(folder)/feats/999_00M30.npy"])
        expectFailure(.missingInput, ["match", "-p", list, "-o", "\(folder)/out", "-q"], mentioning: "999_00M30.npy")
        #expect(outputFiles().isEmpty)
    }

    @Test func misshapedFeature() throws {
        let paths = try writeFeatures()
        try NPY.write(floats: [Float](repeating: 1, count: 16), shape: [2, 8], to: "\(folder)/feats/400_00M30.npy")
        let list = try writeList(paths + ["\(folder)/feats/400_00M30.npy"])
        expectFailure(.badData, ["match", "-p", list, "-o", "\(folder)/out", "-q"], mentioning: "400_00M30.npy")
        #expect(outputFiles().isEmpty)
    }

    @Test func notAnNPYFile() throws {
        _ = try writeFeatures()
        try "hello".write(toFile: "\(folder)/feats/500_00M30.npy", atomically: true, encoding: .utf8)
        expectFailure(.badData, ["match", "-p", "\(folder)/feats", "-o", "\(folder)/out", "-q"], mentioning: "500_00M30.npy")
        #expect(outputFiles().isEmpty)
    }

    @Test func mixedFeatureSizes() throws {
        _ = try writeFeatures()
        try NPY.write(floats: [Float](repeating: 1, count: 9), shape: [9], to: "\(folder)/feats/400_00M30.npy")
        expectFailure(.badData, ["match", "-p", "\(folder)/feats", "-o", "\(folder)/out", "-q"], mentioning: "400_00M30.npy")
        #expect(outputFiles().isEmpty)
    }

    @Test func nanFeature() throws {
        _ = try writeFeatures()
        var values = [Float](repeating: 1, count: 8)
        values[3] = .nan
        try NPY.write(floats: values, shape: [8], to: "\(folder)/feats/400_00M30.npy")
        expectFailure(.badData, ["match", "-p", "\(folder)/feats", "-o", "\(folder)/out", "-q"], mentioning: "NaN")
        #expect(outputFiles().isEmpty)
    }

    @Test func groupsFromMorphMetadata() throws {
        _ = try writeFeatures()
        let csv = "\(folder)/morph.csv"
        try """
        id_num,picture_num,dob,doa,race,gender,facial_hair,age,age_diff,glasses,photo
        100,0,,,W,M,0,30,0,0,Album2/100_00M30.JPG
        100,1,,,W,M,0,30,0,0,Album2/100_01M30.JPG
        0200,0,,,B,F,0,30,0,0,Album2/200_00M30.JPG
        200,1,,,B,F,0,30,0,0,Album2/200_01M30.JPG
        300,0,,,W,M,0,30,0,0,Album2/300_00M30.JPG
        """.write(toFile: csv, atomically: true, encoding: .utf8)
        // 300_01M30 is found by subject id (its photo row is missing).
        try run(["match", "-p", "\(folder)/feats", "-o", "\(folder)/out", "--groups-csv", csv, "-q", "--score-format", "none"])
        // AAF has no genuine pair (no metrics), so no bootstrap replicates either.
        #expect(Set(outputFiles()) == [
            "AAF_labels.txt", "AAF_summary.json", "AAF_authentic_tally.npy", "AAF_impostor_tally.npy",
            "CM_labels.txt", "CM_summary.json", "CM_authentic_tally.npy",
            "CM_impostor_tally.npy", "CM_bootstrap.npy",
        ])
        let cm = try String(contentsOfFile: "\(folder)/out/CM_labels.txt", encoding: .utf8)
        #expect(cm.split(separator: "\n").count == 4)
    }

    @Test func metricsReadsReferenceAndTextScores() throws {
        let metrics = Fixtures.path("../../BiometricsTests/Fixtures/metrics")
        try run([
            "metrics", "-a1", "\(metrics)/tiny_genuine_k3.npy", "-i1", "\(metrics)/tiny_impostor.txt", "-o",
            "\(folder)/m.json",
        ])
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: "\(folder)/m.json")))
        let series = (json as! [String: Any])["series"] as! [[String: Any]]
        let report = series[0]["metrics"] as! [String: Any]
        // Hand-checkable (see ErrorRatesTests.tinyHandCheck): EER 0.2 at threshold 0.4, AUC 0.925.
        #expect((report["equalErrorRate"] as! [String: Any])["threshold"] as! Double == 0.4)
        #expect(report["areaUnderROC"] as! Double == 0.925)
    }

    @Test func metricsBetweenConditionsAndCurves() throws {
        let metrics = Fixtures.path("../../BiometricsTests/Fixtures/metrics")
        try run([
            "metrics", "-a1", "\(metrics)/separated_genuine.npy", "-i1", "\(metrics)/separated_impostor.npy", "-l1", "A",
            "-a2", "\(metrics)/overlap_genuine.npy", "-i2", "\(metrics)/overlap_impostor.npy", "-l2", "B", "-o",
            "\(folder)/m.json", "--curves", "\(folder)/curves.csv",
        ])
        let expected = try JSONSerialization.jsonObject(
            with: Data(contentsOf: URL(fileURLWithPath: "\(metrics)/expected.json"))) as! [String: Any]
        let between = expected["between"] as! [String: String]
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: "\(folder)/m.json")))
        let got = ((json as! [String: Any])["between"] as! [[String: Any]])[0]
        // SciPy ks_2samp and the NumPy d' of the two authentic sets (Tools/make_metric_fixtures.py).
        #expect(abs(got["authenticKS"] as! Double - Double(between["ks"]!)!) < MetricTolerance.ksAbs)
        #expect(abs(got["authenticDPrime"] as! Double - Double(between["dprime"]!)!) < MetricTolerance.dPrimeAbs)
        // One curve row per distinct score of each series, plus the header.
        let rows = try String(contentsOfFile: "\(folder)/curves.csv", encoding: .utf8).split(separator: "\n")
        let separated = (expected["separated"] as! [String: Any])["threshold_count"] as! Int
        let overlap = (expected["overlap"] as! [String: Any])["threshold_count"] as! Int
        #expect(rows.count == 1 + separated + overlap)
    }

    /// metrics -o follows the rule of every other output: an existing file is kept unless --force.
    @Test func metricsKeepsAnExistingOutputUnlessForced() throws {
        let metrics = Fixtures.path("../../BiometricsTests/Fixtures/metrics")
        let arguments = ["metrics", "-a1", "\(metrics)/separated_genuine.npy", "-i1", "\(metrics)/separated_impostor.npy",
                         "-l1", "A", "-o", "\(folder)/m.json"]
        try Data("keep me".utf8).write(to: URL(fileURLWithPath: "\(folder)/m.json"))
        expectFailure(.cannotCreate, arguments, mentioning: "m.json: already exists; use --force")
        #expect(try String(contentsOfFile: "\(folder)/m.json", encoding: .utf8) == "keep me")
        try run(arguments + ["--force"])
        #expect(try String(contentsOfFile: "\(folder)/m.json", encoding: .utf8).hasPrefix("{"))
    }

    /// The CSV's value column is numeric in pandas, and its numbers are the JSON report's.
    @Test func metricsCSVHasANumericValueColumn() throws {
        let metrics = Fixtures.path("../../BiometricsTests/Fixtures/metrics")
        let series = ["-a1", "\(metrics)/separated_genuine.npy", "-i1", "\(metrics)/separated_impostor.npy", "-l1", "A, quoted",
                      "--fmr-targets", "1e-1,1e-9"]
        try run(["metrics"] + series + ["--format", "csv", "-o", "\(folder)/m.csv"])
        try run(["metrics"] + series + ["-o", "\(folder)/m.json"])
        let printed = try Python.run(
            """
            import json, sys, pandas as pd
            t = pd.read_csv(sys.argv[1])
            assert pd.api.types.is_float_dtype(t["value"]), t.dtypes
            assert set(t["series"]) == {"A, quoted"}
            v = dict(zip(t.metric, t.value))
            r = json.load(open(sys.argv[2]))["series"][0]["metrics"]
            assert v["d_prime"] == r["dPrime"] and v["auc"] == r["areaUnderROC"]
            # 1e-9 is below 1/#impostor: not resolved (0); 0.1 is (1).
            print(v["fmr_1e-09_resolved"], v["fmr_0.1_resolved"])
            """, ["\(folder)/m.csv", "\(folder)/m.json"])
        #expect(printed.trimmingCharacters(in: .whitespacesAndNewlines) == "0.0 1.0")
    }

    @Test(arguments: ["png", "svg", "pdf"])
    func plotWritesEachFormat(format: String) throws {
        let metrics = Fixtures.path("../../BiometricsTests/Fixtures/metrics")
        try run([
            "plot", "-a1", "\(metrics)/ties_genuine.npy", "-i1", "\(metrics)/ties_impostor.npy", "-l1", "CM", "-d",
            "\(folder)/plots", "-n", "CM/dist", "--format", format,
        ])
        let data = try Data(contentsOf: URL(fileURLWithPath: "\(folder)/plots/CM_dist.\(format)"))
        switch format {
        case "png":
            // IHDR width and height, big-endian, at bytes 16…23: 900 × 675.
            #expect(Array(data[0..<4]) == [0x89, 0x50, 0x4E, 0x47])
            #expect(Array(data[16..<24]) == [0, 0, 0x03, 0x84, 0, 0, 0x02, 0xA3])
        case "svg": #expect(String(decoding: data.prefix(200), as: UTF8.self).contains("<svg"))
        default: #expect(String(decoding: data.prefix(5), as: UTF8.self) == "%PDF-")
        }
    }

    @Test func libraryEnumsParseAsOptionValues() throws {
        let match = try #require(
            try Facet.parseAsRoot(["match", "-p", "x", "-o", "y", "--identity", "folder", "--score-format", "compact"])
                as? MatchCommand)
        if case .folder = match.identity {} else { Issue.record("--identity folder parsed as \(match.identity)") }
        #expect(match.format == .compact)
        let plot = try #require(
            try Facet.parseAsRoot(["plot", "-a1", "a", "-n", "n", "--kind", "det", "--format", "svg"]) as? PlotCommand)
        #expect(plot.kind == .det && plot.format == .svg)
        #expect(throws: (any Error).self) { try Facet.parseAsRoot(["match", "-p", "x", "-o", "y", "--identity", "regex"]) }
    }

    @Test(arguments: ["roc", "det"])
    func plotDrawsErrorCurves(kind: String) throws {
        let metrics = Fixtures.path("../../BiometricsTests/Fixtures/metrics")
        try run([
            "plot", "-a1", "\(metrics)/ties_genuine.npy", "-i1", "\(metrics)/ties_impostor.npy", "-d", "\(folder)/plots",
            "-n", kind, "--kind", kind, "--format", "svg", "-q",
        ])
        #expect(FileManager.default.fileExists(atPath: "\(folder)/plots/\(kind).svg"))
    }
}
