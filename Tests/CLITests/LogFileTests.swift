import Foundation
import Testing
import TestSupport

/// `--log-file` copies every stderr message of any command into a file, time-stamped, appending across runs.
@Suite struct LogFileTests {
    @Test func everyMessageGoesToTheLogStamped() throws {
        let folder = try TemporaryFolder()
        let fixtures = Fixtures.path("blur")
        try FileManager.default.createDirectory(atPath: folder.file("images"), withIntermediateDirectories: false)
        try FileManager.default.copyItem(atPath: fixtures + "/images/face.JPG", toPath: folder.file("images/face.JPG"))
        try Data("not an image".utf8).write(to: URL(fileURLWithPath: folder.file("images/broken.jpg")))
        let log = folder.file("run.log")
        let blur = try FacetProcess.run(
            ["blur", "-s", folder.file("images"), "-d", folder.file("out"), "--labels", fixtures + "/labels",
             "--parts", "nose", "--log-file", log])
        #expect(blur.status == 1)
        // Off a terminal, stderr and the log hold the same lines; the log's carry a UTC time stamp.
        let lines = try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n")
        let stderr = blur.stderr.split(separator: "\n")
        #expect(lines.count == stderr.count && !lines.isEmpty, "log: \(lines)\nstderr: \(stderr)")
        for (logged, shown) in zip(lines, stderr) {
            #expect(logged.wholeMatch(of: /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ (.*)/)?.1 == shown[...], "\(logged)")
        }
        #expect(lines.contains { $0.contains("broken.jpg: not a PNG or JPEG file") })
        // The option may stand before the command; a second run appends.
        let metrics = try FacetProcess.run(["--log-file=\(log)", "metrics", "-a1", folder.file("missing.npy"), "-i1", folder.file("m.npy")])
        #expect(metrics.status == 66)
        let after = try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n")
        #expect(after.count == lines.count + 1 && after.last?.contains("missing.npy") == true, "\(after)")
        try FacetProcess.expectError(73, ["metrics", "-a1", "x", "--log-file", folder.path], "the log file exists and is not a regular file")
    }
}
