import ArgumentParser
@testable import FacetCLI
import Foundation
import Imaging
import Testing
import TestSupport

/// `facet extract` and `facet parse` write the same bytes whatever `--batch` and `--threads` are: a study sharded
/// over machines that batch differently, or rerun with other settings, gives outputs that compare equal.
@Suite(.serialized) struct BatchInvarianceCommandTests {
    static func run(_ arguments: [String]) throws {
        var command = try Facet.parseAsRoot(arguments)
        try command.run()
    }

    /// `count` distinct seeded RGB images of 160×140 (not square, so the crop and resize do some work).
    static func writeImages(_ count: Int, to folder: String) throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let (width, height) = (160, 140)
        for i in 0..<count {
            let pixels = SyntheticCheckpoint.pixels("invariance.command.\(i)", count: width * height * 3)
            try ImageFile.write(Image(width: width, height: height, pixels: pixels), to: "\(folder)/\(i).png", format: .png)
        }
    }

    /// A temporary folder with `count` images in `images/` and tiny seeded IResNet weights; (folder, images,
    /// weights).
    static func imagesAndTinyIResNet(_ count: Int) throws -> (TemporaryFolder, String, String) {
        let folder = try TemporaryFolder()
        try writeImages(count, to: folder.file("images"))
        try SyntheticWeightFiles.writeTinyIResNet(to: folder.file("tiny.safetensors"))
        return (folder, folder.file("images"), folder.file("tiny.safetensors"))
    }

    /// Every file in `folder` (recursively), by relative path.
    static func contents(_ folder: String) throws -> [String: Data] {
        var files: [String: Data] = [:]
        for case let name as String in FileManager.default.enumerator(atPath: folder)! {
            var isDirectory: ObjCBool = false
            let path = folder + "/" + name
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue {
                files[name] = try Data(contentsOf: URL(fileURLWithPath: path))
            }
        }
        return files
    }

    @Test func extractWritesTheSameEmbeddingsForAnyBatchAndThreadCount() throws {
        let (folder, images, weights) = try Self.imagesAndTinyIResNet(9)
        var reference: [String: Data]?
        for (batch, threads) in [(1, 1), (8, 1), (5, 2), (1, 2)] {
            let out = folder.file("features-\(batch)-\(threads)")
            try Self.run(["extract", "-s", images, "-d", out, "--weights", weights, "--batch", "\(batch)",
                          "-j", "\(threads)", "--matrix", "-q"])
            let written = try Self.contents(out)
            #expect(written.keys.filter { $0.hasSuffix(".npy") }.count == 10)  // 9 embeddings and the matrix
            if let reference {
                #expect(written == reference, "--batch \(batch) --threads \(threads) wrote other bytes than --batch 1 --threads 1")
            } else {
                reference = written
            }
        }
    }

    @Test func parseWritesTheSameLabelMapsForAnyBatch() throws {
        let folder = try TemporaryFolder()
        let images = folder.file("images")
        try Self.writeImages(3, to: images)
        let weights = folder.file("bisenet.safetensors")
        try SyntheticWeightFiles.writeBiSeNet(to: weights)
        var reference: [String: Data]?
        for (batch, threads) in [(1, 2), (3, 1)] {
            let out = folder.file("labels-\(batch)-\(threads)")
            try Self.run(["parse", "-s", images, "-d", out, "--weights", weights, "--batch", "\(batch)",
                          "-j", "\(threads)", "-q"])
            let written = try Self.contents(out)
            #expect(written.count == 3)
            if let reference {
                #expect(written == reference, "--batch \(batch) --threads \(threads) wrote other label maps than --batch 1 --threads 2")
            } else {
                reference = written
            }
        }
    }
}
