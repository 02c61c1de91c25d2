@testable import FacetCLI
import Foundation
import TensorCore
import Testing
import TestSupport

/// The "Using Facet from Swift" article's program: the article shows exactly the file that is built, and run on
/// seeded weights it prints the cosine that `facet blur`, `facet extract` and `facet match` give the same images.
@Suite struct UsingFacetFromSwiftTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let program = repository.appendingPathComponent("Sources/UsingFacetFromSwift/main.swift").path
    static let article = repository.appendingPathComponent(
        "Sources/FacetPipeline/FacetPipeline.docc/UsingFacetFromSwift.md").path

    @Test func theArticleShowsTheProgramThatIsBuilt() throws {
        let source = try String(contentsOfFile: Self.program, encoding: .utf8)
        let article = try String(contentsOfFile: Self.article, encoding: .utf8)
        let blocks = article.components(separatedBy: "```swift\n").dropFirst().map { $0.components(separatedBy: "```")[0] }
        #expect(blocks.contains(source), "the article's program block must be Sources/UsingFacetFromSwift/main.swift verbatim")
    }

    @Test func theProgramPrintsTheCosineThatExtractAndMatchGive() throws {
        let folder = try TemporaryFolder()
        let bisenet = folder.file("bisenet.safetensors"), arcface = folder.file("arcface.safetensors")
        try SyntheticCheckpoint.store("bisenet").writeSafetensors(to: bisenet)
        try SyntheticCheckpoint.store("iresnet_r50").writeSafetensors(to: arcface)
        try FileManager.default.createDirectory(atPath: folder.file("original"), withIntermediateDirectories: false)
        let image = folder.file("original/000001_0.png")
        try FileManager.default.copyItem(atPath: Fixtures.path("pipeline/face224.png"), toPath: image)

        let printed = try Self.runProgram([bisenet, arcface, image, "mouthwlips"])
        let cosine = try #require(Double(printed.trimmingCharacters(in: .whitespacesAndNewlines)), "printed: \(printed)")

        // The same two images through the commands; PNG keeps the blurred pixels exact.
        try PipelineCommandTests.run(
            ["blur", "-s", folder.file("original"), "-d", folder.file("blurred"), "--weights", bisenet, "--parts", "mouthwlips",
             "--image-format", "png", "-q"])
        let list = folder.file("images.txt")
        try Data("\(image)\n\(folder.file("blurred/blurred_mouthwlips/000001_0.png"))\n".utf8).write(to: URL(fileURLWithPath: list))
        try PipelineCommandTests.run(["extract", "-s", list, "-d", folder.file("features"), "--weights", arcface, "-q"])
        try PipelineCommandTests.run(["match", "-p", folder.file("features"), "-o", folder.file("scores"), "-q"])
        let genuine = try NPY.read(path: folder.file("scores/all_authentic.npy"))
        #expect(genuine.shape == [1, 3], "one genuine pair: the original and its blurred copy")
        let score = try genuine.doubles()[2]
        #expect(abs(score - cosine) <= MatchTolerance.scoreAbs, "program \(cosine), facet match \(score)")
        // With these seeded weights the mouth moves the embedding most, so a program that embedded the wrong
        // image would print a different score.
        #expect(cosine < 0.9999, "blurring the mouth must move the embedding")
    }

    /// Runs the built example next to the test bundle; its stdout.
    static func runProgram(_ arguments: [String]) throws -> String {
        let result = try FacetProcess.run(arguments, product: "UsingFacetFromSwift")
        #expect(result.status == 0, "\(result.stderr)")
        return result.stdout
    }
}
