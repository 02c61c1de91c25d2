import Foundation
import Imaging
import Testing
import TensorCore
import TestSupport

/// The real `facet` under faults a long batch meets: a full disk, `kill -9`, a second process on the same outputs,
/// outputs inside the inputs. Each ends in valid outputs only, and a rerun reaches the bytes of an uninterrupted run.
@Suite(.serialized) struct FaultInjectionTests {
    let folder: TemporaryFolder

    init() throws { folder = try TemporaryFolder() }

    typealias Tree = [String: Data]

    static func tree(_ path: String) throws -> Tree { try BatchInvarianceCommandTests.contents(path) }

    /// The same files with the same bytes; the names that differ if not.
    static func expectSameTree(_ actual: Tree, _ expected: Tree, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let differing = Set(actual.keys).union(expected.keys).filter { actual[$0] != expected[$0] }.sorted()
        #expect(differing.isEmpty, "\(what): these files differ or are missing: \(differing)", sourceLocation: sourceLocation)
    }

    /// No unfinished temp file anywhere under `path`.
    static func expectNoTempFiles(_ path: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let left = try FileManager.default.subpathsOfDirectory(atPath: path)
            .filter { ($0 as NSString).lastPathComponent.hasPrefix(".facet-tmp-") }
        #expect(left.isEmpty, "temp files left in \(path): \(left)", sourceLocation: sourceLocation)
    }

    /// Every `.npy` under `path` parses; every image decodes.
    static func expectValidFiles(_ path: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        for name in try tree(path).keys {
            let file = path + "/" + name
            switch (name as NSString).pathExtension {
            case "npy": #expect(throws: Never.self, "\(file) parses", sourceLocation: sourceLocation) { try NPY.read(path: file) }
            case "jpg", "png": #expect(throws: Never.self, "\(file) decodes", sourceLocation: sourceLocation) { try ImageFile.read(file) }
            default: break
            }
        }
    }

    /// Every stderr line that is an error names the full disk.
    static func expectDiskFullErrors(_ stderr: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let errors = stderr.split(separator: "\n").filter { $0.hasPrefix("facet: error: ") }
        #expect(!errors.isEmpty, "the full disk is reported: \(stderr)", sourceLocation: sourceLocation)
        for line in errors {
            #expect(line.contains("enough space"), "'\(line)' names the cause", sourceLocation: sourceLocation)
        }
    }

    /// `count` copies of the blur fixture with their label maps, in `images/` and `labels/`.
    func blurInputs(_ count: Int) throws -> (images: String, labels: String) {
        let fixtures = Fixtures.path("blur")
        for subfolder in ["images", "labels"] {
            try FileManager.default.createDirectory(atPath: folder.file(subfolder), withIntermediateDirectories: true)
        }
        for k in 0..<count {
            try FileManager.default.copyItem(atPath: fixtures + "/images/face.JPG", toPath: folder.file("images/\(k).jpg"))
            try FileManager.default.copyItem(atPath: fixtures + "/labels/face_mask.png", toPath: folder.file("labels/\(k)_mask.png"))
        }
        return (folder.file("images"), folder.file("labels"))
    }

    /// Runs `command(out)` once into `reference`, then into a 2 MB disk readied by `prepare` that fills part way;
    /// expects exit `status` with errors naming the full disk, only whole files and no temp file; frees space with
    /// `free`, reruns, and expects the reference's bytes.
    func runIntoFullDisk(
        _ command: (String) -> [String], status: Int32, prepare: (SmallDisk) throws -> Void = { _ in },
        free: (SmallDisk) throws -> Void, sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        #expect(try FacetProcess.run(command(folder.file("reference")) + ["-q"]).status == 0, sourceLocation: sourceLocation)
        let reference = try Self.tree(folder.file("reference"))
        let disk = try SmallDisk(at: folder.file("disk"), kilobytes: 2048)
        try prepare(disk)
        let out = disk.path + "/out"
        let full = try FacetProcess.run(command(out) + ["-q"])
        #expect(full.status == status, "exit status on a full disk; stderr: \(full.stderr)", sourceLocation: sourceLocation)
        Self.expectDiskFullErrors(full.stderr, sourceLocation: sourceLocation)
        try Self.expectNoTempFiles(disk.path, sourceLocation: sourceLocation)
        try Self.expectValidFiles(out, sourceLocation: sourceLocation)
        let partial = try Self.tree(out)
        #expect(partial.count < reference.count, "the disk filled before the end", sourceLocation: sourceLocation)
        for (name, data) in partial { #expect(reference[name] == data, "\(name) as a whole run writes it", sourceLocation: sourceLocation) }

        try free(disk)
        let rerun = try FacetProcess.run(command(out) + ["-q"])
        #expect(rerun.status == 0, "the rerun finishes; stderr: \(rerun.stderr)", sourceLocation: sourceLocation)
        Self.expectSameTree(try Self.tree(out), reference, "the rerun ends as an uninterrupted run", sourceLocation: sourceLocation)
        try Self.expectNoTempFiles(disk.path, sourceLocation: sourceLocation)
    }

    @Test func blurIntoAFullDiskFailsPerFileAndARerunFinishes() throws {
        let (images, labels) = try blurInputs(40)
        try runIntoFullDisk({ ["blur", "-s", images, "-d", $0, "--labels", labels, "--parts", "nose", "-j", "1"] }, status: 1,
                            prepare: { try $0.fill(leaving: 150) }, free: { try $0.unfill() })
    }

    @Test func extractIntoAFullDiskFailsPerFileAndARerunFinishes() throws {
        let (images, weights) = (folder.file("images"), folder.file("tiny.safetensors"))
        try BatchInvarianceCommandTests.writeImages(40, to: images)
        try SyntheticWeightFiles.writeTinyIResNet(to: weights)
        try runIntoFullDisk({ ["extract", "-s", images, "-d", $0, "--weights", weights, "-j", "1"] }, status: 1,
                            prepare: { try $0.fill(leaving: 60) }, free: { try $0.unfill() })
    }

    /// Group CF's score files fit in 2 MB, CM's do not: CF is finished, CM stops with an I/O error and no partial
    /// file, and a rerun on a bigger disk does CM only.
    @Test func matchIntoAFullDiskStopsCleanlyAndARerunFinishes() throws {
        let features = folder.file("feats")
        _ = try MatchStopTests.writeFeatures(at: features + "/CF", count: 300, seed: 2)
        _ = try MatchStopTests.writeFeatures(at: features + "/CM", count: 900, seed: 3)
        try runIntoFullDisk({ ["match", "-p", features, "-o", $0, "--group-by-folder", "-j", "1"] }, status: 74,
                            free: { try $0.resize(kilobytes: 32768) })
    }

    /// Waits until `ready()` or the process ends (at most a minute); whether it is still running.
    static func waitUntil(_ running: FacetProcess, _ ready: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(60)
        while !ready() && running.process.isRunning && Date() < deadline { usleep(2_000) }
        return running.process.isRunning
    }

    static func count(_ path: String, suffix: String) -> Int {
        ((try? FileManager.default.subpathsOfDirectory(atPath: path)) ?? []).filter { $0.hasSuffix(suffix) }.count
    }

    /// `count` images and tiny weights; the `facet extract --batch 1` command into a folder, already run once into
    /// `<folder>/reference`.
    static func extractWithReference(_ count: Int) throws -> (TemporaryFolder, (String) -> [String]) {
        let (folder, images, weights) = try BatchInvarianceCommandTests.imagesAndTinyIResNet(count)
        let extract = { (out: String) in ["extract", "-s", images, "-d", out, "--weights", weights, "--batch", "1", "-j", "1", "-q"] }
        #expect(try FacetProcess.run(extract(folder.file("reference"))).status == 0)
        return (folder, extract)
    }

    @Test func extractKilledPartWayIsFinishedByARerun() throws {
        let (folder, extract) = try Self.extractWithReference(40)
        let out = folder.file("out")
        let running = try FacetProcess(extract(out))
        try #require(Self.waitUntil(running) { Self.count(out, suffix: ".npy") >= 10 }, "extract ended before the kill")
        kill(running.process.processIdentifier, SIGKILL)
        #expect(running.wait() == 128 + SIGKILL)
        #expect(Self.count(out, suffix: ".npy") < 40, "killed part way")
        try Self.expectValidFiles(out)
        let rerun = try FacetProcess.run(extract(out))
        #expect(rerun.status == 0, "\(rerun.stderr)")
        // Everything, temp files of the killed run included, must be what an uninterrupted run leaves.
        Self.expectSameTree(try Self.tree(out), try Self.tree(folder.file("reference")), "after the rerun")
        try Self.expectNoTempFiles(out)
    }

    /// A study killed during its extract stage and rerun ends with the labels, blurred images, features, scores and
    /// plots of an uninterrupted study; only run.json and report.html (times, earlier runs) differ.
    @Test func anExperimentKilledPartWayIsFinishedByARerun() throws {
        let study = SyntheticStudy(root: folder.path, subjects: ["CM": [3, 3, 2, 2]], parts: ["nose", "eyes"])
        try study.writeRealImages(size: 112)
        let weights = study.file("arcface_tiny.safetensors")
        try SyntheticWeightFiles.writeTinyIResNet(to: weights)
        let experiment = { (out: String) in
            ["experiment", "--images", study.images, "--labels-dir", study.file("labels"), "--arcface-weights", weights,
             "-o", out, "--parts", "nose,eyes", "--batch", "1", "-j", "1", "-q"]
        }
        // The reference is run in the same folder and moved aside: the study's lists name files by full path.
        let reference = study.file("reference")
        let whole = try FacetProcess.run(experiment(study.output))
        #expect(whole.status == 0, "\(whole.stderr)")
        try FileManager.default.moveItem(atPath: study.output, toPath: reference)
        let running = try FacetProcess(experiment(study.output))
        try #require(Self.waitUntil(running) { Self.count(study.output + "/features", suffix: ".npy") >= 3 },
                     "the study ended before the kill")
        kill(running.process.processIdentifier, SIGKILL)
        #expect(running.wait() == 128 + SIGKILL)
        let rerun = try FacetProcess.run(experiment(study.output))
        #expect(rerun.status == 0, "\(rerun.stderr)")
        let timed: Set = ["run.json", "report.html"]
        let expected = try Self.tree(reference).filter { !timed.contains($0.key) }
        #expect(expected.keys.contains { $0.hasPrefix("scores/") } && expected.keys.contains { $0.hasPrefix("blurred/") })
        Self.expectSameTree(try Self.tree(study.output).filter { !timed.contains($0.key) }, expected, "after the rerun")
        try Self.expectNoTempFiles(study.output)
    }

    /// Two `facet extract` at once into one folder: both finish (each skips what the other wrote or writes the
    /// same bytes over it, atomically), and every file is a single run's.
    @Test func twoExtractsIntoOneFolderTearNoFile() throws {
        let (folder, extract) = try Self.extractWithReference(20)
        let out = folder.file("out")
        let first = try FacetProcess(extract(out))
        let second = try FacetProcess(extract(out))
        #expect(first.wait() == 0, "\(first.standardError)")
        #expect(second.wait() == 0, "\(second.standardError)")
        Self.expectSameTree(try Self.tree(out), try Self.tree(folder.file("reference")), "after two runs at once")
    }

    /// Blur's outputs go to per-part subfolders and its folder source is not recursive: outputs in a subfolder of
    /// the inputs are never read as inputs, and the inputs keep their bytes.
    @Test func blurIntoASubfolderOfItsInputsLeavesThemAndRerunsTheSame() throws {
        let (images, labels) = try blurInputs(3)
        let before = try Self.tree(images)
        let blur = ["blur", "-s", images, "-d", images + "/out", "--labels", labels, "--parts", "nose", "-q"]
        #expect(try FacetProcess.run(blur).status == 0)
        let written = try Self.tree(images + "/out")
        #expect(written.count == 3)
        // Not recursive: the outputs in images/out are not new inputs, so a rerun finds all done.
        let rerun = try FacetProcess.run(blur)
        #expect(rerun.status == 0, "\(rerun.stderr)")
        #expect(try Self.tree(images + "/out") == written)
        #expect(try Self.tree(images).filter { !$0.key.hasPrefix("out/") } == before, "inputs untouched")
    }

    /// `-d` the source folder itself. blur writes per-part subfolders and extract `.npy` files, which the folder
    /// source does not read as images: both run, rerun to "all skipped", and keep the inputs' bytes. parse writes
    /// `<stem>_mask.png` beside its inputs: the first run does, and a rerun, which would read those masks as new
    /// images (and write over an input named `<stem>_mask.png`), is refused naming the clash, with nothing touched.
    @Test func outputsIntoTheSourceFolderNeverTouchTheInputs() throws {
        let images = folder.file("imgs")
        try BatchInvarianceCommandTests.writeImages(2, to: images)
        let originals = try Self.tree(images)
        for input in ["labels", "bisenet.safetensors", "iresnet.safetensors"] { try BadInputFiles.make(input, in: folder.path) }
        for stem in ["0", "1"] {
            try ImageFile.write(SyntheticStudy.labelMap(), to: folder.file("labels/\(stem)_mask.png"), format: .png)
        }
        let commands = [
            ["blur", "-s", images, "-d", images, "--labels", folder.file("labels"), "--parts", "nose", "-q"],
            ["extract", "-s", images, "-d", images, "--weights", folder.file("iresnet.safetensors"), "-q"],
            ["parse", "-s", images, "-d", images, "--weights", folder.file("bisenet.safetensors"), "-q"],
        ]
        for command in commands {
            let first = try FacetProcess.run(command)
            #expect(first.status == 0, "\(command[0]): \(first.stderr)")
            let written = try Self.tree(images)
            #expect(written.filter { originals[$0.key] != nil } == originals, "\(command[0]) left the inputs as they were")
            if command[0] == "parse" {
                try FacetProcess.expectError(65, command, "\(images)/0_mask.png: is an input, and \(images)/0.png would write over it")
            } else {
                let rerun = try FacetProcess.run(command)
                #expect(rerun.status == 0, "\(command[0]) rerun: \(rerun.stderr)")
            }
            #expect(try Self.tree(images) == written, "\(command[0]) rerun changed nothing")
        }
        #expect(try Self.tree(images).keys.filter { $0.hasSuffix("_mask.png") }.sorted() == ["0_mask.png", "1_mask.png"])
    }
}
