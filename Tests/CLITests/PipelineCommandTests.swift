import ArgumentParser
import Checkpoints
@testable import FacetCLI
import FacetPipeline
import Foundation
import Imaging
import TensorCore
import Testing
import TestSupport

/// `facet parse` and `facet extract` end to end: one face image through the reference Python pipeline
/// (`Tools/make_pipeline_fixtures.py`: PIL/OpenCV preprocessing, PyTorch networks with the same synthetic weights)
/// and through the commands, weights read from a safetensors file as a user's converted checkpoint would be.
@Suite(.serialized) struct PipelineCommandTests {
    static let inputs = Fixtures.path("pipeline")

    static func run(_ arguments: [String]) throws {
        var command = try Facet.parseAsRoot(arguments)
        try command.run()
    }

    /// A weight file holding the synthetic checkpoint `name` (real key names and shapes).
    static func weights(_ name: String, in folder: TemporaryFolder) throws -> String {
        let path = folder.file("\(name).safetensors")
        try SyntheticCheckpoint.store(name).writeSafetensors(to: path)
        return path
    }

    static func modificationDate(_ path: String) throws -> Date {
        try FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as! Date
    }

    @Test func parseMatchesTheReferencePipelineAndSkipsFinishedImages() throws {
        let folder = try TemporaryFolder()
        let weights = try Self.weights("bisenet", in: folder)
        let out = folder.file("labels")
        try Self.run(["parse", "-s", Self.inputs, "-d", out, "--weights", weights, "--overlay", "--part-masks", "nose", "-q"])

        let labels = try ImageFile.readGray(out + "/face224_mask.png")
        let expected = try NPY.read(path: Fixtures.path("pipeline/face224_labels.npy")).bytes()
        #expect(labels.width == 512 && labels.height == 512)
        let agree = zip(labels.pixels, expected).filter { $0 == $1 }.count
        #expect(Double(agree) / Double(expected.count) >= Tolerance.bisenetLabelAgreement)
        let overlay = try ImageFile.read(out + "/face224_color_mask.png")
        #expect(overlay.width == 224 && overlay.height == 224)
        #expect(FileManager.default.fileExists(atPath: out + "/face224_nose.png"))

        let before = try Self.modificationDate(out + "/face224_mask.png")
        try Self.run(["parse", "-s", Self.inputs, "-d", out, "--weights", weights, "-q"])
        #expect(try Self.modificationDate(out + "/face224_mask.png") == before)

        // `facet blur` parsing the image itself gives what it gives from `facet parse`'s label map.
        let parts = ["--parts", "eyes,brows", "--image-format", "png", "-q"]
        try Self.run(["blur", "-s", Self.inputs, "-d", folder.file("own"), "--weights", weights] + parts)
        try Self.run(["blur", "-s", Self.inputs, "-d", folder.file("given"), "--labels", out] + parts)
        for part in ["eyes", "brows"] {  // labels present in the synthetic map
            let own = try ImageFile.read(folder.file("own/blurred_\(part)/face224.png"))
            #expect(own == (try ImageFile.read(folder.file("given/blurred_\(part)/face224.png"))))
            #expect(own != (try ImageFile.read(Self.inputs + "/face224.png")))
        }
    }

    /// Also: a bad file in the batch is reported, the exit status is 1, and the good image is still done.
    @Test func extractMatchesTheReferenceExtractorAndKeepsGoing() throws {
        let folder = try TemporaryFolder()
        let images = folder.file("images")
        try FileManager.default.createDirectory(atPath: images, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Self.inputs + "/face224.png", toPath: images + "/a.png")
        try Data("not an image".utf8).write(to: URL(fileURLWithPath: images + "/b.jpg"))
        let weights = try Self.weights("iresnet_r50", in: folder)
        let out = folder.file("features")
        #expect(throws: ExitCode(1)) {
            try Self.run(["extract", "-s", images, "-d", out, "--weights", weights, "--matrix", "-q"])
        }

        let embedding = try NPY.read(path: out + "/a.npy")
        #expect(embedding.shape == [512])
        let e = try embedding.floats()
        let r = try NPY.read(path: Fixtures.path("pipeline/face224_r50.npy")).floats()
        #expect(Self.cosine(e, r) >= Tolerance.iresnetCosine)
        #expect(!FileManager.default.fileExists(atPath: out + "/b.npy"))
        let matrix = try NPY.read(path: out + "/features.npy")
        #expect(matrix.shape == [1, 512])
        #expect(try matrix.floats() == e)
        #expect(try String(contentsOfFile: out + "/features.txt", encoding: .utf8) == images + "/a.png\n")

        // --flip: embedding(face) + embedding(mirror image), then normalized (insightface's verification protocol).
        try Self.run(["extract", "-s", Self.inputs, "-d", folder.file("flipped"), "--weights", weights, "--flip", "-q"])
        let flipped = try NPY.read(path: folder.file("flipped/face224.npy")).floats()
        let flipReference = try NPY.read(path: Fixtures.path("pipeline/face224_r50_flip.npy")).floats()
        #expect(Self.cosine(flipped, flipReference) >= Tolerance.iresnetCosine)
        #expect(Self.cosine(flipped, r) < Tolerance.iresnetCosine)
    }

    static func cosine(_ a: [Float], _ b: [Float]) -> Double {
        zip(a, b).reduce(0.0) { $0 + Double($1.0) * Double($1.1) }
    }

    @Test func missingWeightsNameTheFile() throws {
        let folder = try TemporaryFolder()
        do {
            try Self.run(["parse", "-s", Self.inputs, "-d", folder.file("out"), "--weights", folder.file("none.pth")])
            Issue.record("parse ran without weights")
        } catch let error as FacetError {
            #expect(error.kind.exitStatus == 66)
            #expect(error.message.contains("none.pth"))
        }
    }
}
