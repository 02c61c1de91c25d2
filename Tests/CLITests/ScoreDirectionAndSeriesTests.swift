import Foundation
import Testing
import TestSupport

/// `--lower-is-better` (distance scores), `--series` and the drawn title, through the real `facet`.
@Suite struct ScoreDirectionAndSeriesTests {
    let folder: TemporaryFolder

    init() throws {
        folder = try TemporaryFolder()
        // Similarities on a 1/64 grid, so 1 - s is exact: a distance file holding exactly the same information.
        var generator = SeededGenerator(seed: 7)
        let genuine = (0..<300).map { _ in Double(Int.random(in: 30...64, using: &generator)) / 64 }
        let impostor = (0..<3000).map { _ in Double(Int.random(in: 0...40, using: &generator)) / 64 }
        for (name, scores) in [("g", genuine), ("i", impostor)] {
            try Data(scores.map { "\($0)\n" }.joined().utf8).write(to: URL(fileURLWithPath: folder.file("\(name)_sim.txt")))
            try Data(scores.map { "\(1 - $0)\n" }.joined().utf8).write(to: URL(fileURLWithPath: folder.file("\(name)_dist.txt")))
        }
    }

    func metrics(_ arguments: [String]) throws -> (report: [String: Any], stderr: String) {
        let run = try FacetProcess.run(["metrics", "--thresholds", "0.5"] + arguments)
        try #require(run.status == 0, "stderr: \(run.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as! [String: Any]
        return ((json["series"] as! [[String: Any]])[0]["metrics"] as! [String: Any], run.stderr)
    }

    /// Distances d = 1 - s with --lower-is-better give the similarities' rates, d' and AUC, and each threshold
    /// t becomes 1 - t; read as similarities, they draw a warning.
    @Test func distancesWithLowerIsBetterMatchTheSimilarities() throws {
        let sim = try metrics(["-a1", folder.file("g_sim.txt"), "-i1", folder.file("i_sim.txt")])
        let dist = try metrics(["-a1", folder.file("g_dist.txt"), "-i1", folder.file("i_dist.txt"), "--lower-is-better"])
        #expect(sim.stderr.isEmpty && dist.stderr.isEmpty, "\(sim.stderr) \(dist.stderr)")
        // Rates count the same pairs, so they are equal; d' sums other floats (1 - s), so agrees to rounding.
        for key in ["areaUnderROC", "kolmogorovSmirnov"] {
            #expect(sim.report[key] as? Double == dist.report[key] as? Double, "\(key)")
        }
        #expect(abs((sim.report["dPrime"] as! Double) - (dist.report["dPrime"] as! Double)) < MetricTolerance.dPrimeAbs)
        let (se, de) = (sim.report["equalErrorRate"] as! [String: Double], dist.report["equalErrorRate"] as! [String: Double])
        #expect(se["eer"] == de["eer"] && 1 - se["threshold"]! == de["threshold"]!)
        let (sg, dg) = (sim.report["genuine"] as! [String: Double], dist.report["genuine"] as! [String: Double])
        #expect(abs(1 - sg["mean"]! - dg["mean"]!) < MetricTolerance.momentRelative && 1 - sg["maximum"]! == dg["minimum"]!)
        let targets = { (r: [String: Any]) in (r["fnmrAtFMR"] as! [[String: Any]]).map { $0["rate"] as! [String: Any] } }
        for (s, d) in zip(targets(sim.report), targets(dist.report)) {
            #expect(s["fnmr"] as? Double == d["fnmr"] as? Double && s["fmr"] as? Double == d["fmr"] as? Double)
            #expect(1 - (s["threshold"] as! Double) == d["threshold"] as? Double)
        }
        // --thresholds 0.5 is the same cut either way (0.5 = 1 - 0.5), so the counts agree exactly.
        let at = { (r: [String: Any]) in (r["atThresholds"] as! [[String: Any]])[0] }
        #expect(at(sim.report)["falseMatches"] as? Int == at(dist.report)["falseMatches"] as? Int)
        #expect(dist.report["decisionRule"] as? String == "match when score <= threshold; FMR = #impostor <= t / #impostor, FNMR = #genuine > t / #genuine")

        let unwarned = try metrics(["-a1", folder.file("g_dist.txt"), "-i1", folder.file("i_dist.txt")])
        #expect(unwarned.stderr.contains("Series 1: the genuine scores are lower on average than the impostor scores"))
        #expect(unwarned.stderr.contains("pass --lower-is-better"))
        let wrong = try metrics(["-a1", folder.file("g_sim.txt"), "-i1", folder.file("i_sim.txt"), "--lower-is-better"])
        #expect(wrong.stderr.contains("with --lower-is-better, the genuine scores are higher on average"))
    }

    @Test func seriesFlagsAddAnyNumberOfSeries() throws {
        let (g, i) = (folder.file("g_sim.txt"), folder.file("i_sim.txt"))
        let reference = try FacetProcess.run(["metrics", "-a1", g, "-i1", i, "-l1", "A:B"])
        let series = try FacetProcess.run(["metrics", "--series", "\(g):\(i):A:B"])
        #expect(reference.status == 0 && series.stdout == reference.stdout, "the label keeps its colon: \(series.stderr)")
        let eight = (1...8).flatMap { ["--series", "\(g):\(i):S\($0)"] }
        let run = try FacetProcess.run(["metrics", "-a1", g, "-i1", i] + eight)
        let json = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as! [String: Any]
        #expect((json["series"] as! [[String: Any]]).map { $0["label"] as! String } == ["Series 1"] + (1...8).map { "S\($0)" })
        let plot = try FacetProcess.run(["plot", "--kind", "det", "-d", folder.path, "-n", "eight"] + eight)
        #expect(plot.status == 0 && FileManager.default.fileExists(atPath: folder.file("eight.png")), "\(plot.stderr)")
        try FacetProcess.expectError(64, ["metrics", "--series", g], "--series \(g): expected AUTHENTIC:IMPOSTOR")
    }

    /// -t is drawn unless --hide-title, which gives the reference's untitled figure.
    @Test func theTitleIsDrawnWhenGiven() throws {
        let base = ["plot", "-a1", folder.file("g_sim.txt"), "-i1", folder.file("i_sim.txt"), "-d", folder.path, "-q"]
        for (name, extra) in [("plain", []), ("titled", ["-t", "CM"]), ("hidden", ["-t", "CM", "--hide-title"])] {
            let run = try FacetProcess.run(base + ["-n", name] + extra)
            #expect(run.status == 0, "\(run.stderr)")
        }
        let png = { (name: String) in FileManager.default.contents(atPath: self.folder.file("\(name).png")) }
        #expect(png("plain") == png("hidden"))
        #expect(png("plain") != png("titled"))
    }
}
