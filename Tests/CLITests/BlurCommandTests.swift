@testable import FacetCLI
import FacetPipeline
import Foundation
import TensorCore
import TestSupport
import Testing

/// `facet blur` end to end, in process, against the reference script's own output files (written by
/// `Tools/make_image_fixtures.py` with OpenCV: cv2.imread → recipe → cv2.imwrite JPEG q95).
@Suite struct BlurCommandTests {
    let temporary: TemporaryFolder
    let root: String
    let fixtures = Fixtures.path("blur")

    init() throws {
        temporary = try TemporaryFolder()
        root = temporary.path
    }

    func run(_ arguments: [String]) throws {
        var command = try Facet.parseAsRoot(["blur"] + arguments)
        try command.run()
    }

    func bytes(_ path: String) throws -> Data { try Data(contentsOf: URL(fileURLWithPath: path)) }

    @Test func outputFilesAreByteIdenticalToTheReferenceScript() throws {
        try run(["-s", fixtures + "/images", "-d", root, "--labels", fixtures + "/labels",
                 "--parts", "nose,eyeswbrows", "-m", root + "/masks", "--quiet", "-j", "1"])
        for part in ["nose", "eyeswbrows"] {
            let ours = try bytes("\(root)/blurred_\(part)/face.JPG")
            #expect(ours == (try bytes("\(fixtures)/blurred_\(part)/face.JPG")), "\(part)")
            #expect(FileManager.default.fileExists(atPath: "\(root)/masks/mask_\(part)/face_annotation.png"))
        }
        // A rerun skips finished outputs (and so succeeds without touching them).
        let before = try FileManager.default.attributesOfItem(atPath: "\(root)/blurred_nose/face.JPG")[.modificationDate]
        try run(["-s", fixtures + "/images", "-d", root, "--labels", fixtures + "/labels", "--parts", "nose", "-q"])
        let after = try FileManager.default.attributesOfItem(atPath: "\(root)/blurred_nose/face.JPG")[.modificationDate]
        #expect(before as? Date == after as? Date)
    }

    @Test func badInputsFailTheirItemOnlyAndSetExitStatusOne() throws {
        let images = root + "/images"
        try FileManager.default.createDirectory(atPath: images, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: fixtures + "/images/face.JPG", toPath: images + "/face.JPG")
        try Data("not an image".utf8).write(to: URL(fileURLWithPath: images + "/broken.jpg"))
        try FileManager.default.copyItem(atPath: fixtures + "/images/face.JPG", toPath: images + "/nolabels.jpg")
        do {
            try run(["-s", images, "-d", root + "/out", "--labels", fixtures + "/labels", "--parts", "nose",
                     "--image-format", "png", "-q"])
            Issue.record("expected exit status 1")
        } catch {
            #expect(Facet.exitCode(for: error).rawValue == 1)
        }
        #expect(FileManager.default.fileExists(atPath: root + "/out/blurred_nose/face.png"))
        #expect(!FileManager.default.fileExists(atPath: root + "/out/blurred_nose/broken.png"))
    }

    /// The help's own example of a defined part, `ears=7,8,9`, works as one part.
    @Test func aDefinedPartKeepsItsLabelsTogether() throws {
        let result = try FacetProcess.run(
            ["blur", "-s", fixtures + "/images", "-d", root, "--labels", fixtures + "/labels", "--parts", "nose,ears=7,8,9", "-q"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(FileManager.default.fileExists(atPath: "\(root)/blurred_ears/face.JPG"))
        #expect(FileManager.default.fileExists(atPath: "\(root)/blurred_nose/face.JPG"))
    }

    @Test func usageErrors() throws {
        for arguments in [
            ["-s", "x", "-d", "y", "--labels", "z", "--quality", "0"],
            ["-s", "x", "-d", "y", "--labels", "z", "--occlusion-size", "4"],
        ] {
            #expect(throws: Error.self, "\(arguments)") { _ = try Facet.parseAsRoot(["blur"] + arguments) }
        }
        #expect(throws: Error.self) {
            try run(["-s", fixtures + "/images", "-d", root, "--labels", fixtures + "/labels", "--parts", "tail"])
        }
    }
}
