import Foundation
import TestSupport
import Testing

/// A study on a live Slurm cluster, through the real `facet` binary: byte-identical to a local run, and a failed
/// array task named, then resubmitted alone. Needs a running cluster and `FACET_SLURM_LIVE=1`:
/// `Tools/slurm/live_test.sh` starts a single-node one, runs this suite and stops it (CI runs that script).
@Suite(
    .enabled(if: ProcessInfo.processInfo.environment["FACET_SLURM_LIVE"] == "1", "run by Tools/slurm/live_test.sh"),
    .serialized)
struct SlurmLiveTests {
    let folder: TemporaryFolder
    let study: SyntheticStudy
    let bisenet: String
    let arcface: String

    init() throws {
        folder = try TemporaryFolder()
        study = SyntheticStudy(root: folder.path, subjects: ["CM": [3, 2, 4], "CF": [2, 3]], parts: ["eyes", "nose"])
        try study.writeRealImages(size: 64)
        bisenet = study.file("bisenet.safetensors")
        arcface = study.file("arcface.safetensors")
        try SyntheticWeightFiles.writeBiSeNet(to: bisenet)
        try SyntheticWeightFiles.writeTinyIResNet(to: arcface)
    }

    static var facet: String {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("facet").path
    }

    /// Runs `facet experiment` on the study into `output`; exit status and stderr.
    func experiment(_ output: String, _ extra: [String]) throws -> (Int32, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.facet)
        process.arguments = [
            "experiment", "--images", study.images, "--bisenet-weights", bisenet, "--arcface-weights", arcface,
            "--parts", study.parts.joined(separator: ","), "-o", output,
        ] + extra
        let err = Pipe()
        process.standardError = err
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let text = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, text)
    }

    /// Every file the stages write (label maps, blurred images, features, score files and summaries, plots), by
    /// path under the output root.
    func results(_ root: String) throws -> [String: Data] {
        var files = [String: Data]()
        for top in ["labels", "blurred", "features", "scores", "plots"] {
            guard let walker = FileManager.default.enumerator(atPath: "\(root)/\(top)") else { continue }
            for case let relative as String in walker {
                var isFolder: ObjCBool = false
                let path = "\(root)/\(top)/\(relative)"
                if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), !isFolder.boolValue {
                    files["\(top)/\(relative)"] = try Data(contentsOf: URL(fileURLWithPath: path))
                }
            }
        }
        return files
    }

    func expectSameResults(_ root: String, as expected: [String: Data], _ comment: Comment) throws {
        let found = try results(root)
        #expect(found.keys.sorted() == expected.keys.sorted(), comment)
        let differing = expected.keys.sorted().filter { found[$0] != expected[$0] }
        #expect(differing.isEmpty, "\(comment): differ: \(differing.prefix(5))")
    }

    @Test func aStudyOnSlurmEqualsTheLocalRunAndAFailedShardIsResubmittedAlone() throws {
        let (localStatus, localLog) = try experiment(study.file("local"), ["-j", "2", "-q"])
        #expect(localStatus == 0, "\(localLog)")
        let expected = try results(study.file("local"))
        #expect(expected.keys.contains("scores/CM/cross_nose/CM_summary.json"))
        // Per group and part a distribution and a DET figure, and the groups compared on the original images.
        #expect(expected.keys.filter { $0.hasPrefix("plots/") }.count == 2 * 2 * 2 + 1)
        #expect(expected.keys.contains("plots/groups_original_det.png"))

        let (status, log) = try experiment(study.file("slurm"), ["--submit", "--wait", "--shards", "3", "--threads", "1"])
        #expect(status == 0, "\(log)")
        try expectSameResults(study.file("slurm"), as: expected, "Slurm run")
        let record = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: study.file("slurm/run.json")))) as? [String: Any]
        #expect(record?["status"] as? String == "complete")
        let jobs = (record?["cluster"] as? [String: Any])?["jobs"] as? [[String: Any]]
        #expect(jobs?.map { $0["name"] as? String } == ["parse", "blur", "extract", "match", "final"])

        // extract shard 2/3 fails once, as on a faulty node, after its siblings have finished (so that exactly
        // one shard is left to resubmit).
        let marker = study.file("fail-once")
        try Data().write(to: URL(fileURLWithPath: marker))
        let flaky = study.file("flaky-facet")
        let statusFolder = study.file("flaky/slurm/status")
        try """
            #!/bin/bash
            if [ "${SLURM_ARRAY_TASK_ID:-}" = 2 ] && [[ " $* " == *" --task extract "* ]] && [ -e '\(marker)' ]; then
                for _ in $(seq 240); do
                    [ -e '\(statusFolder)/extract-1-of-3.json' ] && [ -e '\(statusFolder)/extract-3-of-3.json' ] && break
                    sleep 0.5
                done
                echo "injected node failure" >&2
                exit 3
            fi
            exec '\(Self.facet)' "$@"
            """.write(toFile: flaky, atomically: true, encoding: .utf8)
        chmod(flaky, 0o755)
        let arguments = ["--submit", "--wait", "--shards", "3", "--threads", "1", "--slurm-facet", flaky]
        let (failedStatus, failedLog) = try experiment(study.file("flaky"), arguments)
        #expect(failedStatus == 1, "\(failedLog)")
        #expect(failedLog.contains("extract shard 2/3 failed"), "\(failedLog)")
        #expect(failedLog.contains("slurm/logs/extract-2.log"), "\(failedLog)")
        #expect(!failedLog.contains("extract shard 1/3 failed") && !failedLog.contains("extract shard 3/3 failed"))
        let taskLog = try String(contentsOfFile: study.file("flaky/slurm/logs/extract-2.log"), encoding: .utf8)
        #expect(taskLog.contains("injected node failure"))

        try FileManager.default.removeItem(atPath: marker)
        let (resumedStatus, resumedLog) = try experiment(study.file("flaky"), arguments)
        #expect(resumedStatus == 0, "\(resumedLog)")
        for stage in ["parse", "blur"] { #expect(resumedLog.contains("\(stage): all 3 shards finished; not submitted"), "\(resumedLog)") }
        #expect(resumedLog.contains("extract: job ") && resumedLog.contains(", shards 2 of 3"), "\(resumedLog)")
        try expectSameResults(study.file("flaky"), as: expected, "resubmitted run")
    }
}
