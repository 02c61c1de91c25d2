import ArgumentParser
import Foundation
import TestSupport
import Testing

@testable import FacetCLI
@testable import FacetStudy

/// `facet experiment --slurm` without a cluster: the batch scripts, their chain and the study config they run.
/// (Tools/slurm/live_test.sh runs them on a real Slurm.)
@Suite struct SlurmScriptTests {
    let folder: TemporaryFolder
    let study: SyntheticStudy

    init() throws {
        folder = try TemporaryFolder()
        study = SyntheticStudy(root: folder.path, subjects: ["CM": [3, 2], "CF": [2, 2]], parts: ["eyes", "nose"])
        try study.writeImages()
        try study.writeStageOutputs()
    }

    func arguments(_ extra: [String]) -> [String] {
        ["experiment", "--images", study.images, "--labels-dir", study.file("labels"), "--arcface-weights",
         study.file("arcface.safetensors"), "-o", study.output, "--parts", "eyes,nose", "-q"] + extra
    }

    func text(_ path: String) throws -> String { try String(contentsOfFile: study.file(path), encoding: .utf8) }

    @Test func theScriptsChainOneArrayPerStageAndAFinalJob() throws {
        var command = try Facet.parseAsRoot(
            arguments(["--slurm", "--shards", "4", "--threads", "3", "--sbatch-arg=--partition=short",
                       "--sbatch-arg", "--time=1:00:00"]))
        try command.run()
        // Label maps are given, so there is no parse array.
        #expect(!FileManager.default.fileExists(atPath: study.file("out/slurm/parse.sbatch")))
        for stage in ["blur", "extract", "match"] {
            let script = try text("out/slurm/\(stage).sbatch")
            #expect(script.hasPrefix("#!/bin/bash\n"))
            for line in ["#SBATCH --cpus-per-task=3", "#SBATCH --partition=short", "#SBATCH --time=1:00:00",
                         "#SBATCH --kill-on-invalid-dep=yes", "#SBATCH --output=\(study.output)/slurm/logs/\(stage)-%a.log",
                         "--task \(stage) --shard \"${SLURM_ARRAY_TASK_ID}/4\" --threads 3",
                         "experiment --config \(study.output)/slurm/study.json"] {
                #expect(script.contains(line), "\(stage).sbatch lacks \(line)")
            }
        }
        let final = try text("out/slurm/final.sbatch")
        #expect(final.contains("#SBATCH --output=\(study.output)/slurm/logs/final.log") && !final.contains("--task"))
        let submit = try text("out/slurm/submit.sh")
        #expect(submit.contains("blur=$(sbatch --parsable --array=1-4 \(study.output)/slurm/blur.sbatch"))
        #expect(submit.contains("extract=$(sbatch --parsable --array=1-4 --dependency=afterok:$blur "))
        #expect(submit.contains("match=$(sbatch --parsable --array=1-4 --dependency=afterok:$extract "))
        #expect(submit.contains("final=$(sbatch --parsable --dependency=afterok:$match "))
        // Every job reads the same study, with absolute paths; run.json says it was handed to the cluster.
        let config = try ExperimentConfig.load(path: study.file("out/slurm/study.json"))
        #expect(config.images == study.images && config.output == study.output)
        #expect(config.arcfaceWeights == study.file("arcface.safetensors"))
        #expect(try RunRecord.read(study.file("out/run.json")).status == "submitted")
    }

    @Test(arguments: [
        (["--wait"], "--wait needs --submit"),
        (["--task", "blur"], "--task and --shard go together"),
        (["--slurm", "--task", "blur", "--shard", "1/2"], "do not combine it with --slurm"),
        (["--shards", "4"], "need --slurm"),
        (["--slurm", "--stop-after", "blur"], "local runs only"),
        (["--slurm", "--shards", "0"], "use 1…100000"),
    ])
    func clusterFlagsAreChecked(extra: [String], message: String) throws {
        do {
            _ = try Facet.parseAsRoot(arguments(extra))
            Issue.record("\(extra) was accepted")
        } catch {
            #expect(Facet.message(for: error).contains(message), "\(Facet.message(for: error))")
        }
    }

    /// The other Slurm tools are looked for beside sbatch, whatever its path: a one-character `SBATCH` once trapped.
    @Test func slurmToolsAreFoundBesideAnySbatchPath() throws {
        let folder = try TemporaryFolder()
        try Data("#!/bin/sh\n".utf8).write(to: URL(fileURLWithPath: folder.file("squeue")))
        chmod(folder.file("squeue"), 0o755)
        #expect(try SlurmScheduler(sbatch: folder.file("sbatch")).tool("squeue") == folder.file("squeue"))
        #expect(try SlurmScheduler(sbatch: "x").tool("no-such-tool") == "no-such-tool")
    }

    @Test func taskRangesAreCompact() {
        #expect(SlurmScheduler.ranges([1, 2, 3, 5, 7, 8]) == "1-3,5,7-8")
        #expect(SlurmScheduler.ranges([4]) == "4")
        #expect(SlurmScheduler.quoted("/a b/it's") == "'/a b/it'\\''s'")
        #expect(SlurmScheduler.quoted("/plain/path-1.json") == "/plain/path-1.json")
    }
}
