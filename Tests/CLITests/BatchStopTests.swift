import Foundation
import Testing
import TestSupport

/// The batch commands stop the same way: `facet blur` under SIGTERM prints its summary marked interrupted, exits
/// 143 and leaves finished outputs only.
@Suite struct BatchStopTests {
    @Test func blurStopsCleanlyOnSIGTERM() throws {
        let folder = try TemporaryFolder()
        let fixtures = Fixtures.path("blur")
        for subfolder in ["images", "labels"] {
            try FileManager.default.createDirectory(atPath: folder.file(subfolder), withIntermediateDirectories: false)
        }
        for k in 0..<200 {
            try FileManager.default.copyItem(atPath: fixtures + "/images/face.JPG", toPath: folder.file("images/\(k).jpg"))
            try FileManager.default.copyItem(atPath: fixtures + "/labels/face_mask.png", toPath: folder.file("labels/\(k)_mask.png"))
        }
        let out = folder.file("out")
        let blur = try FacetProcess(
            ["blur", "-s", folder.file("images"), "-d", out, "--labels", folder.file("labels"), "--parts", "nose",
             "--occlusion", "gaussian", "--occlusion-sigma", "50", "-j", "1"])
        let finished = folder.file("out/blurred_nose")
        let deadline = Date().addingTimeInterval(60)
        while ((try? FileManager.default.contentsOfDirectory(atPath: finished)) ?? []).isEmpty && blur.process.isRunning
            && Date() < deadline
        {
            usleep(5_000)
        }
        try #require(blur.process.isRunning, "blur finished before the signal; stderr: \(blur.standardError)")
        kill(blur.process.processIdentifier, SIGTERM)
        #expect(blur.wait() == 143, "stderr: \(blur.standardError)")
        let last = blur.standardError.split(separator: "\n").last ?? ""
        #expect(last.hasPrefix("blur: ") && last.hasSuffix(", interrupted"), "summary line: \(blur.standardError)")
        let left = try FileManager.default.subpathsOfDirectory(atPath: out)
        #expect(!left.contains { ($0 as NSString).lastPathComponent.hasPrefix(".facet-tmp-") }, "\(left)")
        #expect(left.count < 201, "stopped before the end: \(left.count) entries")
    }
}
