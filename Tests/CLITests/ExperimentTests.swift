import ArgumentParser
import Biometrics
import Checkpoints
import Foundation
import Imaging
import TensorCore
import TestSupport
import Testing

@testable import FacetCLI
@testable import FacetStudy

/// `facet experiment` end to end, in process, on tiny synthetic studies.
@Suite struct ExperimentTests {
    let folder: TemporaryFolder
    let study: SyntheticStudy

    init() throws {
        folder = try TemporaryFolder()
        study = SyntheticStudy(root: folder.path, subjects: ["CM": [3, 2, 1, 4], "CF": [2, 3, 2]], parts: ["eyes", "nose"])
    }

    func experiment(_ extra: [String] = []) throws {
        var command = try Facet.parseAsRoot(
            ["experiment", "--images", study.images, "--labels-dir", study.file("labels"), "--arcface-weights",
             study.file("arcface.safetensors"), "-o", study.output, "--parts", study.parts.joined(separator: ","), "-q"]
                + extra)
        try command.run()
    }

    func summary(_ group: String, _ condition: String) throws -> MatchJob.Summary {
        try MatchJob.Summary.read("\(study.output)/scores/\(group)/\(condition)/\(group)_summary.json")
    }

    func scoreCount(_ group: String, _ condition: String, _ kind: String) throws -> Int {
        let array = try NPY.read(path: "\(study.output)/scores/\(group)/\(condition)/\(group)_\(kind)_scores.npy")
        #expect(array.shape.count == 1)
        return array.count
    }

    @Test func everyConditionHasTheClosedFormPairCountsAndTheReportCoversEveryGroupAndPart() throws {
        try study.writeImages()
        try study.writeStageOutputs()
        try experiment()

        for group in study.groups {
            let n = study.imageCount(group)
            let original = try summary(group, "original")
            #expect(original.probeCount == n)
            #expect(original.genuinePairs == study.genuinePairs(group))
            #expect(original.impostorPairs == study.impostorPairs(group))
            #expect(try scoreCount(group, "original", "authentic") == study.genuinePairs(group))
            #expect(try scoreCount(group, "original", "impostor") == study.impostorPairs(group))
            for part in study.parts {
                let blurred = try summary(group, "blurred_\(part)")
                #expect(blurred.genuinePairs == study.genuinePairs(group))
                #expect(blurred.impostorPairs == study.impostorPairs(group))
                let cross = try summary(group, "cross_\(part)")
                #expect(cross.probeCount == n && cross.galleryCount == n)
                #expect(cross.genuinePairs == study.crossGenuinePairs(group), "same-source pairs must be excluded")
                #expect(cross.impostorPairs == study.crossImpostorPairs(group))
                #expect(try scoreCount(group, "cross_\(part)", "authentic") == study.crossGenuinePairs(group))
                // Blurring adds noise to every embedding, so d' must drop (the fixture is built that way).
                #expect(blurred.metrics!.dPrime < original.metrics!.dPrime)
                for kind in ["distribution", "det"] {
                    let png = try Data(contentsOf: URL(fileURLWithPath: "\(study.output)/plots/\(group)/\(part)_\(kind).png"))
                    #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]))
                }
            }
        }

        let html = try String(contentsOfFile: study.output + "/report.html", encoding: .utf8)
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        for group in study.groups {
            #expect(html.contains("<details class=\"group\" id=\"group-\(group)\"><summary><h2>Group \(group)</h2></summary>"))
            for part in study.parts {
                #expect(html.contains("alt=\"\(group) \(part) score distributions\" src=\"data:image/png;base64,"))
                #expect(html.contains("alt=\"\(group) \(part) DET curves\" src=\"data:image/png;base64,"))
                #expect(html.contains("blurred \(part)</td>"))
            }
            // The original d' in the heatmap is the one the match stage computed.
            let d = try summary(group, "original").metrics!.dPrime
            #expect(html.contains("<td>\(String(format: "%.3f", d))</td>"))
        }
        #expect(!html.contains("src=\"http") && !html.contains("href=\"http"), "the report must be self-contained")

        // The results table loads in pandas with numeric columns and holds the summaries' numbers.
        let checked = try Python.run(
            """
            import sys, pandas as pd
            t = pd.read_csv(sys.argv[1], keep_default_na=False, na_values=[""])
            j = pd.read_json(sys.argv[2], orient="records")
            numeric = ["value", "low", "high", "change", "change_low", "change_high", "genuine_pairs", "impostor_pairs"]
            assert all(pd.api.types.is_numeric_dtype(t[c]) for c in numeric), t.dtypes
            assert all(pd.api.types.is_numeric_dtype(j[c]) for c in numeric), j.dtypes
            assert len(t) == len(j) and (t["metric"] == j["metric"]).all()
            row = t[(t.group == "CM") & (t.condition == "blurred") & (t.part == "eyes") & (t.metric == "d_prime")].iloc[0]
            base = t[(t.group == "CM") & (t.condition == "original") & (t.metric == "d_prime")].iloc[0]
            fnmr = t[(t.group == "CF") & (t.condition == "cross") & (t.part == "nose") & (t.metric == "fnmr_at_fmr_0.001")]
            print(repr(float(row.value)), repr(float(row.change)), repr(float(base.value)), int(row.genuine_pairs), len(fnmr), len(t))
            """, [study.output + "/results.csv", study.output + "/results.json"])
        let fields = checked.split(separator: " ").compactMap { Double($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        try #require(fields.count == 6, "\(checked)")
        let blurredEyes = try summary("CM", "blurred_eyes").metrics!.dPrime
        let originalCM = try summary("CM", "original").metrics!.dPrime
        #expect(fields[0] == blurredEyes && fields[2] == originalCM)
        #expect(abs(fields[1] - (blurredEyes - originalCM)) <= 1e-15)
        #expect(fields[3] == Double(study.genuinePairs("CM")))
        // FNMR at 1e-3 needs ≥ 1000 impostor pairs: unresolved here, so absent rather than a made-up number.
        #expect(fields[4] == 0)
        // 2 groups × 5 conditions × 5 metrics.
        #expect(fields[5] == 50)

        let record = try RunRecord.read(study.output + "/run.json")
        #expect(record.status == "complete")
        #expect(record.inputs.count == study.groups.map(study.imageCount).reduce(0, +))
        #expect(record.inputs.perGroup == ["CM": 10, "CF": 7])
        let list = study.groups.flatMap { g in study.stems(g).map { "\(g)/\($0).png\n" } }.sorted().joined()
        #expect(record.inputs.listSHA256 == SHA256.hex(Data(list.utf8)))
        #expect(record.models.map(\.name) == ["arcface"])
        #expect(record.models[0].sha256 == SHA256.hex(Data("arcface weights".utf8)))
        #expect(record.software.toolVersion == Facet.toolVersion)
        #expect(VersionTests.commit(record.software.sourceRevision) == VersionTests.commit(try VersionTests.expectedRevision()))
        #expect(record.software.openBLASCore == BLAS.coreName)
        #expect(record.parameters.parts == study.parts)
        #expect(record.parameters.fmrTargets == [1e-3, 1e-4])
        // Parse is skipped (label maps given); blur and extract found every output already there.
        #expect(!record.steps.contains { $0.stage == .parse })
        #expect(record.steps.filter { $0.stage == .extract }.allSatisfy { $0.status == .skipped })
        #expect(record.steps.filter { $0.stage == .match }.count == 2 * (1 + 2 * study.parts.count))
        #expect(record.steps.filter { $0.stage == .match || $0.stage == .plot }.allSatisfy { $0.status == .done })
        #expect(record.steps.last?.stage == .report)
    }

    /// `score_format: none` keeps only the exact tallies: every summary and figure is the same as with compact
    /// score files, byte for byte.
    @Test func aStudyOnTalliesAloneHasTheSameSummariesAndPlots() throws {
        try study.writeImages()
        try study.writeStageOutputs()
        try experiment()
        // The same finished blur and extract outputs in the second root.
        for folder in ["blurred", "features"] {
            try FileManager.default.copyItem(atPath: "\(study.output)/\(folder)", toPath: study.file("tallies/\(folder)"))
        }
        var command = try Facet.parseAsRoot(
            ["experiment", "--images", study.images, "--labels-dir", study.file("labels"), "--arcface-weights",
             study.file("arcface.safetensors"), "-o", study.file("tallies"), "--parts", study.parts.joined(separator: ","),
             "--score-format", "none", "-q"])
        try command.run()
        for group in study.groups {
            for condition in ["original"] + study.parts.flatMap { ["blurred_\($0)", "cross_\($0)"] } {
                let compact = try summary(group, condition)
                let tallies = try MatchJob.Summary.read("\(study.file("tallies"))/scores/\(group)/\(condition)/\(group)_summary.json")
                #expect(tallies.metrics == compact.metrics && tallies.genuinePairs == compact.genuinePairs, "\(group) \(condition)")
                // The bootstrap state is collected during the match, so tallies alone give the same intervals.
                #expect(tallies.bootstrap != nil && tallies.bootstrap == compact.bootstrap, "\(group) \(condition)")
                #expect(tallies.files == ["\(group)_authentic_tally.npy", "\(group)_impostor_tally.npy"])
                #expect(!FileManager.default.fileExists(atPath: "\(study.file("tallies"))/scores/\(group)/\(condition)/\(group)_impostor_scores.npy"))
            }
            for part in study.parts {
                for kind in ["distribution", "det"] {
                    let name = "plots/\(group)/\(part)_\(kind).png"
                    #expect(try Data(contentsOf: URL(fileURLWithPath: study.file("tallies/" + name)))
                        == (try Data(contentsOf: URL(fileURLWithPath: "\(study.output)/\(name)"))), "\(name)")
                }
            }
        }
    }

    /// Each condition's FMR and FNMR at the threshold fixed on the original condition, in results.csv and the
    /// report, equal NumPy's count over the score files.
    @Test func ratesAtTheOriginalsThresholdMatchNumPy() throws {
        try study.writeImages()
        try study.writeStageOutputs()
        try experiment(["--fmr-targets", "0.1"])
        let threshold = try #require(try summary("CM", "original").metrics?.fnmrAtFMR.first?.rate.threshold)
        let scores = "\(study.output)/scores/CM/cross_nose"
        let checked = try Python.run(
            """
            import sys, numpy as np, pandas as pd
            t = float(sys.argv[1])
            g = np.load(sys.argv[2] + "/CM_authentic_scores.npy"); i = np.load(sys.argv[2] + "/CM_impostor_scores.npy")
            r = pd.read_csv(sys.argv[3], keep_default_na=False, na_values=[""])
            r = r[(r.group == "CM") & (r.condition == "cross") & (r.part == "nose")].set_index("metric")
            fmr, fnmr = np.mean(i >= np.float32(t)), np.mean(g < np.float32(t))
            assert r.loc["fmr_at_original_threshold_0.1", "value"] == fmr, (r.loc["fmr_at_original_threshold_0.1"], fmr)
            assert r.loc["fnmr_at_original_threshold_0.1", "value"] == fnmr, (r.loc["fnmr_at_original_threshold_0.1"], fnmr)
            assert r.loc["fnmr_at_original_threshold_0.1", "low"] <= fnmr <= r.loc["fnmr_at_original_threshold_0.1", "high"]
            print("%.6f %.6f" % (fmr, fnmr))
            """, ["\(threshold)", scores, study.output + "/results.csv"])
        let rates = checked.split(separator: " ").map { String($0).trimmingCharacters(in: .whitespacesAndNewlines) }
        let html = try String(contentsOfFile: study.output + "/report.html", encoding: .utf8)
        #expect(html.contains("At the original's threshold"))
        #expect(html.contains(String(format: "%.2f%%", 100 * Double(rates[0])!)))
    }

    /// results.csv's d′ and EER intervals, and the interval of Δd′, are the subject bootstrap that the NumPy
    /// reference (Tools/make_bootstrap_fixtures.py, imported) computes from the study's own score and label files;
    /// the report's heatmaps tint exactly the cells whose change interval excludes zero.
    /// CM's 4 subjects give some resamples without genuine pairs: both leave those out.
    @Test func resultIntervalsAreTheSubjectBootstrapNumPyComputesFromTheScoreFiles() throws {
        try study.writeImages()
        try study.writeStageOutputs()
        try experiment(["--score-format", "reference"])
        let tools = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Tools").path
        let checked = try Python.run(
            """
            import sys, numpy as np, pandas as pd
            sys.path.insert(0, sys.argv[1])
            import make_bootstrap_fixtures as ref
            out, group, targets = sys.argv[2], "CM", [0.1]
            def replicates(condition):
                folder = f"{out}/scores/{group}/{condition}"
                labels = [line.split(" ", 1)[1] for line in open(f"{folder}/{group}_labels.txt").read().splitlines()]
                subject = [label.split("/")[-1].split("_")[0] for label in labels]
                names = sorted(set(subject))
                number = np.array([names.index(s) for s in subject])
                g, i = np.load(f"{folder}/{group}_authentic.npy"), np.load(f"{folder}/{group}_impostor.npy")
                pairs = np.concatenate([g, i])
                rows, cols = pairs[:, 0].astype(int), pairs[:, 1].astype(int)
                genuine = np.r_[np.ones(len(g), bool), np.zeros(len(i), bool)]
                return ref.replicates(genuine, number[rows], number[cols], pairs[:, 2], len(names), targets)
            original, blurred = replicates("original"), replicates("blurred_eyes")
            columns = ["d_prime", "eer", "fnmr_at_fmr_0.1"]
            t0 = pd.read_csv(out + "/results.csv", keep_default_na=False, na_values=[""]).fillna({"part": ""})
            t = t0[t0.group == group]
            worst = 0.0
            for condition, part, reps in [("original", "", original), ("blurred", "eyes", blurred)]:
                for interval in ref.intervals(reps, columns)[:2]:
                    row = t[(t.condition == condition) & (t.part == part) & (t.metric == interval["metric"])].iloc[0]
                    assert row.interval == "subject_bootstrap_exact", row
                    worst = max(worst, abs(row.low - interval["low"]), abs(row.high - interval["high"]))
            change = ref.intervals(blurred - original, columns)[0]
            row = t[(t.condition == "blurred") & (t.part == "eyes") & (t.metric == "d_prime")].iloc[0]
            worst = max(worst, abs(row.change_low - change["low"]), abs(row.change_high - change["high"]))
            # Each heatmap (d', EER, FNMR at each target) tints a cell exactly when the interval of its change in
            # results.csv excludes zero, red when recognition gets worse.
            import re
            html = open(out + "/report.html").read()
            wrong = 0
            tables = re.findall(r'<table class="heat" data-metric="([^"]+)">(.*?)</table>', html, re.S)
            assert [m for m, _ in tables] == ["d_prime", "eer", "fnmr_at_fmr_0.001", "fnmr_at_fmr_0.0001"], [m for m, _ in tables]
            for metric, heat in tables:
                groups = re.findall(r"<th>([^<]+)</th>", heat)
                for part, cells in re.findall(r'<tr><td class="name">([^<]+)</td>(.*?)</tr>', heat):
                    for g, style in zip(groups, re.findall(r'<td style="background:([^"]+)">', cells)):
                        rows = t0[(t0.group == g) & (t0.condition == "blurred") & (t0.part == part) & (t0.metric == metric)]
                        if rows.empty:  # no value (e.g. an FMR target the impostor count cannot resolve): no tint
                            wrong += style != "transparent"
                            continue
                        r = rows.iloc[0]
                        wrong += (style != "transparent") != (r.change_low > 0 or r.change_high < 0)
                        worse = r.change < 0 if metric == "d_prime" else r.change > 0
                        wrong += style != "transparent" and style.startswith("rgba(214") != worse
            assert "untinted cells are within resampling noise" in html
            print(repr(float(worst)), int(np.isnan(original[:, 0]).sum()), wrong)
            """, [tools, study.output])
        let fields = checked.split(separator: " ").compactMap { Double($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        try #require(fields.count == 3, "\(checked)")
        #expect(fields[0] <= MetricTolerance.bootstrapIntervalAbs, "largest interval end difference \(fields[0])")
        #expect(fields[1] > 0, "the fixture is meant to have resamples without genuine pairs")
        #expect(fields[2] == 0, "heatmap cells tinted although their interval includes zero, or the reverse")
    }

    /// A group where nobody has two photos has no genuine pairs: its figures cannot be drawn, which the report
    /// shows as gaps; the other group is complete, and the exit status says something failed.
    @Test func aConditionWithoutGenuinePairsLeavesAGapNotAStoppedStudy() throws {
        let gappy = SyntheticStudy(root: folder.path, subjects: ["CM": [2, 3], "CF": [1, 1, 1]], parts: ["eyes"])
        try gappy.writeImages()
        try gappy.writeStageOutputs()
        do {
            var command = try Facet.parseAsRoot(
                ["experiment", "--images", gappy.images, "--labels-dir", gappy.file("labels"), "--arcface-weights",
                 gappy.file("arcface.safetensors"), "-o", gappy.output, "--parts", "eyes", "-q"])
            try command.run()
            Issue.record("expected exit status 1")
        } catch let exit as ExitCode {
            #expect(exit == .failure)
        }
        let record = try RunRecord.read(gappy.output + "/run.json")
        #expect(record.status == "complete-with-failures")
        #expect(record.steps.filter { $0.status == .failed }.map(\.label).sorted() == [
            "plot CF eyes det", "plot CF eyes distribution",
        ])
        #expect(try summary("CF", "original").genuinePairs == 0)
        let html = try String(contentsOfFile: gappy.output + "/report.html", encoding: .utf8)
        #expect(html.contains("alt=\"CM eyes DET curves\" src=\"data:image/png;base64,"))
        #expect(html.contains("no det figure"))
        #expect(html.contains("no distribution figure"))
    }

    @Test func theMetadataCSVSplitsOneFolderIntoGroupsThroughSymlinks() throws {
        try study.writeFlatImagesAndMetadata()
        try study.writeStageOutputs()
        var command = try Facet.parseAsRoot(
            ["experiment", "--images", study.file("flat"), "--metadata-csv", study.file("morph.csv"), "--labels-dir",
             study.file("labels"), "--arcface-weights", study.file("arcface.safetensors"), "-o", study.output,
             "--parts", study.parts.joined(separator: ","), "--stop-after", "match", "-q"])
        try command.run()
        for group in study.groups {
            let linked = try FileManager.default.contentsOfDirectory(atPath: "\(study.output)/images/\(group)/original")
            #expect(linked.sorted() == study.stems(group).map { "\($0).png" })
            let target = try FileManager.default.destinationOfSymbolicLink(
                atPath: "\(study.output)/images/\(group)/original/\(linked[0])")
            #expect(target == study.file("flat/\(linked[0])"))
            #expect(try summary(group, "original").genuinePairs == study.genuinePairs(group))
        }
        let record = try RunRecord.read(study.output + "/run.json")
        #expect(record.inputs.perGroup == ["CM": 10, "CF": 7], "the image the metadata does not know is left out")
        #expect(record.inputs.metadataCSV == study.file("morph.csv"))
        #expect(record.steps.first?.arguments.contains("\(study.output)/images/CM/original") == true)
    }

    @Test func anInterruptedStudyResumesWithoutRedoingFinishedFiles() throws {
        try study.writeImages()
        try study.writeStageOutputs()
        try experiment(["--stop-after", "match"])
        #expect(try RunRecord.read(study.output + "/run.json").status == "stopped-after-match")
        #expect(!FileManager.default.fileExists(atPath: study.output + "/plots"))

        // Lose one condition's scores (as if the run had stopped inside it) and one feature file.
        let lost = "\(study.output)/scores/CF/blurred_nose"
        try FileManager.default.removeItem(atPath: lost)
        let lostFeature = "\(study.output)/features/CM/blurred_eyes/\(study.stems("CM")[0]).npy"
        try FileManager.default.removeItem(atPath: lostFeature)
        let before = try fileStamps(study.output + "/scores")

        // The lost feature needs ArcFace, which the placeholder weights cannot provide: that extract step fails
        // and stops the study, after the finished steps before it were skipped.
        #expect(throws: Error.self) { try experiment() }
        // Extracted later (here: written by hand), it is newer than the matches that lacked it.
        try Data(contentsOf: URL(fileURLWithPath: "\(study.output)/features/CM/original/\(study.stems("CM")[0]).npy"))
            .write(to: URL(fileURLWithPath: lostFeature))

        try experiment()
        let after = try fileStamps(study.output + "/scores")
        for (path, stamp) in before {
            let redone = path.hasPrefix(study.output + "/scores/CM/blurred_eyes") || path.hasPrefix(study.output + "/scores/CM/cross_eyes")
            if redone {
                #expect(after[path] != stamp, "\(path) has a new feature behind it and must be rematched")
            } else {
                #expect(after[path] == stamp, "\(path) was finished and must be untouched")
            }
        }
        #expect(try summary("CF", "blurred_nose").genuinePairs == study.genuinePairs("CF"))
        let record = try RunRecord.read(study.output + "/run.json")
        #expect(record.status == "complete")
        #expect(record.earlierRuns.map(\.status) == ["stopped-after-match", "failed"])
        let matched = record.steps.filter { $0.stage == .match && $0.status == .done }.map(\.label).sorted()
        #expect(matched == ["match CF blurred_nose", "match CM blurred_eyes", "match CM cross_eyes"])
        #expect(FileManager.default.fileExists(atPath: study.output + "/report.html"))
    }

    @Test func theRealBlurStageResumesWhereItStopped() throws {
        let small = SyntheticStudy(root: folder.path, subjects: ["CM": [2, 1]], parts: ["eyes", "nose"])
        try small.writeRealImages(size: 32)
        try Data("arcface weights".utf8).write(to: URL(fileURLWithPath: small.file("arcface.safetensors")))
        func blur() throws {
            var command = try Facet.parseAsRoot(
                ["experiment", "--images", small.images, "--labels-dir", small.file("labels"), "--arcface-weights",
                 small.file("arcface.safetensors"), "-o", small.output, "--parts", "eyes,nose", "--stop-after", "blur",
                 "-q"])
            try command.run()
        }
        try blur()
        let blurred = small.output + "/blurred/CM"
        let before = try fileStamps(blurred)
        #expect(before.count == 3 * 2)
        let lost = "\(blurred)/blurred_nose/\(small.stems("CM")[1]).png"
        try FileManager.default.removeItem(atPath: lost)

        try blur()
        let after = try fileStamps(blurred)
        #expect(after.count == before.count)
        for (path, stamp) in before where path != lost { #expect(after[path] == stamp, "\(path) was redone") }
        let image = try ImageFile.read(lost)
        #expect(image.width == 32 && image.height == 32)
        let record = try RunRecord.read(small.output + "/run.json")
        #expect(record.steps.map(\.status) == [.done])
        #expect(record.steps[0].arguments.starts(with: ["blur", "-s", small.output + "/images/CM/original"]))
        let link = try FileManager.default.destinationOfSymbolicLink(atPath: small.output + "/images/CM/original")
        #expect(link == small.images + "/CM")
    }

    /// An image that cannot be read is named, with its step, in run.json and the report; the study goes on.
    @Test func aFailedInputIsNamedInRunJSONAndTheReport() throws {
        let small = SyntheticStudy(root: folder.path, subjects: ["CM": [2, 2]], parts: ["eyes"])
        try small.writeRealImages(size: 32)
        try Data("arcface weights".utf8).write(to: URL(fileURLWithPath: small.file("arcface.safetensors")))
        let broken = "\(small.images)/CM/\(small.stems("CM")[2]).png"
        try Data("not an image".utf8).write(to: URL(fileURLWithPath: broken))
        var command = try Facet.parseAsRoot(
            ["experiment", "--images", small.images, "--labels-dir", small.file("labels"), "--arcface-weights",
             small.file("arcface.safetensors"), "-o", small.output, "--parts", "eyes", "--stop-after", "blur", "-q"])
        #expect(throws: ExitCode(1)) { try command.run() }
        let record = try RunRecord.read(small.output + "/run.json")
        let seen = small.output + "/images/CM/original/\(small.stems("CM")[2]).png"
        #expect(record.steps.map(\.status) == [.someFailed])
        #expect(record.steps[0].failedInputs == [seen])
        let report = ExperimentReport.provenance(record)
        #expect(report.contains("Failed inputs</th><td class=\"name\">blur CM: \(seen)</td>"))
    }

    /// Every real stage on the smallest study that proves the point: one group of six 112×112 photos of three
    /// subjects, one part, seeded ArcFace weights of the real architecture (one block per stage).
    @Test func theWholeStudyRunsEveryRealStage() throws {
        let small = SyntheticStudy(root: folder.path, subjects: ["CM": [3, 2, 1]], parts: ["nose"])
        try small.writeRealImages(size: 112)
        let weights = small.file("arcface_tiny.safetensors")
        try SyntheticWeightFiles.writeTinyIResNet(to: weights)
        var command = try Facet.parseAsRoot(
            ["experiment", "--images", small.images, "--labels-dir", small.file("labels"), "--arcface-weights", weights,
             "-o", small.output, "--parts", "nose", "-q"])
        try command.run()

        let n = small.imageCount("CM")
        for condition in ["original", "blurred_nose"] {
            for stem in small.stems("CM") {
                let feature = try NPY.read(path: "\(small.output)/features/CM/\(condition)/\(stem).npy").floats()
                #expect(feature.count == 512)
                #expect(abs(feature.reduce(0) { $0 + $1 * $1 } - 1) < Tolerance.unitNormSquaredAbs, "embeddings are L2-normalized")
            }
        }
        let original = try MatchJob.Summary.read("\(small.output)/scores/CM/original/CM_summary.json")
        #expect(original.genuinePairs == small.genuinePairs("CM") && original.impostorPairs == small.impostorPairs("CM"))
        let cross = try MatchJob.Summary.read("\(small.output)/scores/CM/cross_nose/CM_summary.json")
        #expect(cross.probeCount == n && cross.galleryCount == n)
        #expect(cross.genuinePairs == small.crossGenuinePairs("CM") && cross.impostorPairs == small.crossImpostorPairs("CM"))
        let html = try String(contentsOfFile: small.output + "/report.html", encoding: .utf8)
        #expect(html.contains("alt=\"CM nose DET curves\" src=\"data:image/png;base64,"))
        #expect(html.contains("<img alt=\"DET curves of every group, original images\" src=\"data:image/png;base64,"))
        #expect(FileManager.default.fileExists(atPath: small.output + "/plots/groups_original_det.png"))
        for thumbnail in ["original", "parsed (BiSeNet labels)", "nose blurred"] {
            #expect(html.contains("<img alt=\"\(thumbnail)\" width=\"150\" src=\"data:image/jpeg;base64,"), "\(thumbnail)")
        }
        let record = try RunRecord.read(small.output + "/run.json")
        #expect(record.status == "complete")
        let weightsHash = try SHA256.hex(fileAt: weights)
        #expect(record.models.map(\.sha256) == [weightsHash])
        #expect(record.steps.filter { $0.stage == .extract }.map(\.status) == [.done], "one model load for the group")
    }

    /// A finished study grows in place: a rerun with another part or another group does only the new work
    /// (finished files keep their bytes and times); a group whose images changed is refused, named.
    @Test func addingPartsAndGroupsExtendsAFinishedStudy() throws {
        let small = SyntheticStudy(root: folder.path, subjects: ["CM": [2, 1], "CF": [2, 1]], parts: ["nose"])
        try small.writeRealImages(size: 112)
        let weights = small.file("arcface_tiny.safetensors")
        try SyntheticWeightFiles.writeTinyIResNet(to: weights)
        func run(_ extra: [String]) throws {
            var command = try Facet.parseAsRoot(
                ["experiment", "--images", small.images, "--labels-dir", small.file("labels"), "--arcface-weights", weights,
                 "-o", small.output, "-q"] + extra)
            try command.run()
        }
        try run(["--parts", "nose", "--groups", "CM"])
        let finished = "\(small.output)/features/CM/blurred_nose/\(small.stems("CM")[0]).npy"
        let before = try FileManager.default.attributesOfItem(atPath: finished)[.modificationDate] as? Date
        try run(["--parts", "nose,eyes", "--groups", "CM,CF"])
        #expect(try FileManager.default.attributesOfItem(atPath: finished)[.modificationDate] as? Date == before)
        for done in ["scores/CM/blurred_eyes/CM_summary.json", "scores/CF/blurred_nose/CF_summary.json", "report.html"] {
            #expect(FileManager.default.fileExists(atPath: "\(small.output)/\(done)"), "\(done)")
        }
        let html = try String(contentsOfFile: small.output + "/report.html", encoding: .utf8)
        #expect(html.contains("alt=\"CF eyes DET curves\""))
        // Images of a group that changed invalidate its finished work.
        try FileManager.default.removeItem(atPath: "\(small.images)/CF/\(small.stems("CF")[0]).png")
        do {
            try run(["--parts", "nose", "--groups", "CF"])
            Issue.record("expected a refusal")
        } catch let error as FacetError {
            #expect(error.kind.exitStatus == 73)
            #expect(error.message.contains("holds a run on other images of group CF"), "\(error.message)")
        }
    }

    /// Parse on one image with seeded BiSeNet weights, and blur reading the label map parse wrote.
    @Test func theParseStageLabelsEachImageOnceWithBiSeNet() throws {
        let one = SyntheticStudy(root: folder.path, subjects: ["CM": [1]], parts: ["nose"])
        try one.writeRealImages(size: 48)
        let bisenet = one.file("bisenet.safetensors")
        try SyntheticWeightFiles.writeBiSeNet(to: bisenet)
        try Data("arcface weights".utf8).write(to: URL(fileURLWithPath: one.file("arcface.safetensors")))
        func parse() throws {
            var command = try Facet.parseAsRoot(
                ["experiment", "--images", one.images, "--bisenet-weights", bisenet, "--arcface-weights",
                 one.file("arcface.safetensors"), "-o", one.output, "--parts", "nose", "--stop-after", "blur", "-q"])
            try command.run()
        }
        try parse()
        let labelMap = "\(one.output)/labels/CM/\(one.stems("CM")[0])_mask.png"
        let labels = try ImageFile.readGray(labelMap)
        #expect(labels.width == 512 && labels.height == 512)
        #expect(labels.pixels.allSatisfy { $0 <= 18 })
        let record = try RunRecord.read(one.output + "/run.json")
        #expect(record.models.map(\.name) == ["bisenet", "arcface"])
        #expect(record.models[0].sha256 == (try SHA256.hex(fileAt: bisenet)))
        #expect(record.steps.map(\.stage) == [.parse, .blur])
        #expect(record.steps[1].arguments.contains(one.output + "/labels/CM"), "blur reads the label maps parse wrote")
        #expect(FileManager.default.fileExists(atPath: "\(one.output)/blurred/CM/blurred_nose/\(one.stems("CM")[0]).png"))

        let stamp = try fileStamps(one.output + "/labels")
        try parse()
        #expect(try fileStamps(one.output + "/labels") == stamp)
        #expect(try RunRecord.read(one.output + "/run.json").steps.map(\.status) == [.skipped, .skipped])
    }

    /// Inode and modification time of every file under a folder.
    func fileStamps(_ folder: String) throws -> [String: String] {
        var stamps = [String: String]()
        for case let relative as String in FileManager.default.enumerator(atPath: folder)! {
            let path = folder + "/" + relative
            let a = try FileManager.default.attributesOfItem(atPath: path)
            guard a[.type] as? FileAttributeType == .typeRegular else { continue }
            let date = (a[.modificationDate] as! Date).timeIntervalSince1970
            stamps[path] = "\(a[.systemFileNumber]!) \(date)"
        }
        return stamps
    }

    @Test func missingWeightsNameEachFileToGetAndExit66() throws {
        try study.writeImages()
        let bisenet = study.file("none/79999_iter.pth")
        let arcface = study.file("none/model-0000.params")
        for (arguments, expected) in [
            (["--labels-dir", study.file("labels")], [arcface]),
            ([], [bisenet, arcface]),
        ] {
            do {
                var command = try Facet.parseAsRoot(
                    ["experiment", "--images", study.images, "--bisenet-weights", bisenet, "--arcface-weights", arcface,
                     "-o", study.output] + arguments)
                try command.run()
                Issue.record("expected missing weights")
            } catch let error as FacetError {
                #expect(error.kind.exitStatus == 66)
                // One line in all (as every error), one entry per missing file.
                let lines = error.message.components(separatedBy: " | ")
                #expect(!error.message.contains("\n"))
                #expect(lines.count == expected.count, "one entry per missing file: \(error.message)")
                for (line, path) in zip(lines, expected) {
                    #expect(line.contains(path))
                    #expect(line.contains(path == bisenet ? "79999_iter.pth" : "ArcFace"), "says what to get")
                    #expect(line.contains(path == bisenet ? "--bisenet-weights" : "--arcface-weights"))
                }
            }
        }
        #expect(!FileManager.default.fileExists(atPath: study.output), "nothing is written before the weights exist")
    }

    @Test func aRerunWithOtherParametersIsRefused() throws {
        try study.writeImages()
        try study.writeStageOutputs()
        try experiment(["--stop-after", "blur"])
        do {
            try experiment(["--stop-after", "blur", "--score-format", "reference"])
            Issue.record("expected a refusal")
        } catch let error as FacetError {
            #expect(error.kind.exitStatus == 73)
            #expect(error.message.contains("other parameters"))
        }
        // Threads change speed, not results: allowed.
        try experiment(["--stop-after", "blur", "--threads", "1"])
    }

    /// A `facet convert` copy of the weights a run used counts as the same weights (it records the source's
    /// SHA-256); other weights are refused with both files and hashes named, and the flag that continues the run.
    @Test func aConvertedCopyOfTheWeightsContinuesTheRun() throws {
        try study.writeImages()
        try study.writeStageOutputs()
        try experiment(["--stop-after", "blur"])
        let original = study.file("arcface.safetensors")
        var copy = WeightStore(source: "copy")
        try copy.insert("x", StoredTensor(shape: [1], values: [1]))
        copy.metadata = ["source_sha256": try SHA256.hex(fileAt: original)]
        try copy.writeSafetensors(to: study.file("arcface.converted.safetensors"))
        try experiment(["--stop-after", "blur", "--arcface-weights", study.file("arcface.converted.safetensors")])

        try Data("other weights".utf8).write(to: URL(fileURLWithPath: study.file("other.safetensors")))
        do {
            try experiment(["--stop-after", "blur", "--arcface-weights", study.file("other.safetensors")])
            Issue.record("expected a refusal")
        } catch let error as FacetError {
            #expect(error.kind.exitStatus == 73)
            let expected = "the output root holds a run with other arcface weights: \(study.file("other.safetensors")) has SHA-256 "
                + "\(SHA256.hex(Data("other weights".utf8))), the run used \(study.file("arcface.converted.safetensors")) with SHA-256 "
                + "\(try SHA256.hex(fileAt: study.file("arcface.converted.safetensors"))); pass --arcface-weights "
                + "\(study.file("arcface.converted.safetensors")) to continue it"
            #expect(error.message.contains(expected), "\(error.message)")
        }
    }

    @Test func configFileValuesAreOverriddenByFlags() throws {
        let path = folder.file("study.json")
        try Data(
            """
            {"images": "morph", "groups": ["CF", "CM"], "parts": ["nose"], "labels_dir": "labels",
             "arcface_weights": "w/r100.pth", "output": "study", "threads": 2, "fmr_targets": [0.01]}
            """.utf8
        ).write(to: URL(fileURLWithPath: path))
        let command = try Facet.parseAsRoot(["experiment", "--config", path, "--parts", "eyes,hair", "-o", "other"])
        let config = try #require(command as? ExperimentCommand).resolvedConfig()
        #expect(config.images == "morph")
        #expect(config.groups == ["CF", "CM"])
        #expect(config.parts == ["eyes", "hair"])
        #expect(config.output == "other")
        #expect(config.threads == 2)
        #expect(config.fmrTargets == [0.01])
        #expect(config.arcfaceWeights == "w/r100.pth")
        #expect(config.bisenetWeights == nil, "label maps given: no BiSeNet needed")
        #expect(config.scoreFormat == "compact")

        for incomplete in [ExperimentConfig(output: "y"), ExperimentConfig(images: "x")] {
            do {
                _ = try incomplete.resolved()
                Issue.record("images and output are required")
            } catch let error as FacetError {
                #expect(error.kind.exitStatus == 64, "a usage error")
            }
        }
        let defaults = try ExperimentConfig(images: "x", output: "y").resolved()
        #expect(defaults.parts == ["eyes", "eyeswbrows", "brows", "nose", "mouthwlips", "hair", "skin"])
        #expect(defaults.bisenetWeights == nil && defaults.arcfaceWeights == nil, "found as the stage commands find them")
        #expect(defaults.fmrTargets == [1e-3, 1e-4])
    }

    @Test(arguments: [
        ("{\"images\": \"x\", \"output\": \"y\", \"partz\": [\"eyes\"]}", "unknown key 'partz'"),
        ("{\"images\": 3}", "'images' has the wrong type"),
        ("[1, 2]", "must be a JSON object"),
        ("{\"images\": \"x\", \"output\": \"y\", \"parts\": [\"eyes\", \"eyes\"]}", "without repeats"),
        ("{\"images\": \"x\", \"output\": \"y\", \"fmr_targets\": [2]}", "fmr_targets 2: must be"),
        ("{\"images\": \"x\", \"output\": \"y\", \"threads\": 100000}", "threads 100000: must be from 1 to"),
        ("{\"images\": \"x\", \"output\": \"y\", \"batch\": 9223372036854775807}", "batch 9223372036854775807: must be from 1 to 4096"),
        ("{\"images\": \"x\", \"output\": \"y\", \"score_format\": \"csv\"}", "compact, reference or none"),
    ])
    func badConfigsAreRefusedWithTheReason(json: String, reason: String) throws {
        let path = folder.file("bad.json")
        try Data(json.utf8).write(to: URL(fileURLWithPath: path))
        do {
            _ = try ExperimentConfig.load(path: path).resolved()
            Issue.record("expected an error for \(json)")
        } catch let error as FacetError {
            #expect(error.message.contains(reason), "\(error.message)")
            #expect(error.kind.exitStatus == 65)
        }
    }
}
