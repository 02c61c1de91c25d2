import Foundation
import Testing
import Checkpoints
import TensorCore
import TestSupport

/// Outputs never replace what is not a regular file, text outputs stream to stdout on `-` or `/dev/stdout`, and
/// an input that is a folder is a clean error: all through the real `facet`.
@Suite struct OutputTargetTests {
    let folder: TemporaryFolder
    let authentic: String
    let impostor: String

    init() throws {
        folder = try TemporaryFolder()
        authentic = folder.file("a.npy")
        impostor = folder.file("i.npy")
        try NPY.write(floats: [0.9, 0.8, 0.7, 0.4], shape: [4], to: authentic)
        try NPY.write(floats: [0.1, 0.2, 0.3, 0.5, 0.0], shape: [5], to: impostor)
    }

    var series: [String] { ["-a1", authentic, "-i1", impostor] }

    @Test func convertRefusesToReplaceADevice() throws {
        let weights = folder.file("w.safetensors")
        var store = WeightStore(source: "test")
        try store.insert("w", StoredTensor(shape: [3], values: [1, 2, 3]))
        try store.writeSafetensors(to: weights)
        try FacetProcess.expectError(73, ["convert", weights, "-o", "/dev/null", "--force"],
                                     "/dev/null: exists and is not a regular file")
        var info = stat()
        #expect(stat("/dev/null", &info) == 0 && info.st_mode & S_IFMT == S_IFCHR, "/dev/null is still a device")
    }

    @Test(arguments: ["-", "/dev/stdout"])
    func metricsStreamsToStandardOutput(_ output: String) throws {
        let result = try FacetProcess.run(["metrics"] + series + ["-o", output])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("\"series\""), "the JSON report on stdout: \(result.stdout)")
    }

    @Test func metricsWritesThroughASymlinkAndRefusesAFolder() throws {
        let target = folder.file("report.json")
        try Data().write(to: URL(fileURLWithPath: target))
        try FileManager.default.createSymbolicLink(atPath: folder.file("link.json"), withDestinationPath: target)
        let result = try FacetProcess.run(["metrics"] + series + ["-o", folder.file("link.json"), "--force"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: folder.file("link.json")) == target)
        #expect(try String(contentsOfFile: target, encoding: .utf8).contains("\"series\""))
        try FacetProcess.expectError(73, ["metrics"] + series + ["-o", folder.path], "\(folder.path): is a folder")
        try FacetProcess.expectError(73, ["metrics"] + series + ["--curves", "/dev/null"], "/dev/null: exists and is not a regular file")
    }

    @Test(arguments: ["metrics", "plot"])
    func aScoreFileThatIsAFolderIsAMissingInput(_ command: String) throws {
        let fake = folder.file("x.npy")
        try FileManager.default.createDirectory(atPath: fake, withIntermediateDirectories: false)
        let plotArguments = command == "plot" ? ["-d", folder.file("plots"), "-n", "p"] : []
        try FacetProcess.expectError(66, [command, "-a1", fake, "-i1", impostor] + plotArguments, "\(fake): is a folder, not a file")
    }

    @Test func convertOfAFolderIsAMissingInput() throws {
        let fake = folder.file("w.pth")
        try FileManager.default.createDirectory(atPath: fake, withIntermediateDirectories: false)
        try FacetProcess.expectError(66, ["convert", fake, "-o", folder.file("o.safetensors")], "\(fake): is a folder, not a file")
    }

    /// float32 scores near ±3.4e38 overflow the histogram's range in Float; the plot must still be drawn.
    @Test func aHistogramOfHugeScoresIsDrawn() throws {
        try NPY.write(floats: [-3e38, 0.5, 0.5, 3e38], shape: [4], to: authentic)
        let result = try FacetProcess.run(["plot"] + series + ["-d", folder.file("plots"), "-n", "huge", "-q"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(FileManager.default.fileExists(atPath: folder.file("plots/huge.png")))
    }
}
