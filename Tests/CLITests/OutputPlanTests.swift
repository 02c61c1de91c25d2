import Foundation
import Testing
import TestSupport

/// Before any work (the weights are not even looked for: they do not exist here, which would be exit 66), the
/// batch commands check their output folder and that no two inputs map to one output.
@Suite struct OutputPlanTests {
    let folder: TemporaryFolder
    let missingWeights: [String]

    init() throws {
        folder = try TemporaryFolder()
        missingWeights = ["--weights", folder.file("none.safetensors")]
    }

    /// `names` created (empty) in `<folder>/<subfolder>`; the folder's path.
    func images(_ subfolder: String, _ names: [String]) throws -> String {
        let path = folder.file(subfolder)
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        for name in names { _ = FileManager.default.createFile(atPath: (path as NSString).appendingPathComponent(name), contents: Data()) }
        return path
    }

    static let commands = ["parse", "blur", "extract"]

    @Test(arguments: commands)
    func aDestinationThatIsAFileIsRefused(_ command: String) throws {
        let source = try images("imgs", ["000001_0.jpg"])
        let file = folder.file("out.txt")
        _ = FileManager.default.createFile(atPath: file, contents: Data())
        try FacetProcess.expectError(73, [command, "-s", source, "-d", file] + missingWeights, "\(file): is a file, not an output folder")
    }

    @Test(arguments: commands)
    func aDestinationWhereNoFileCanBeCreatedIsRefused(_ command: String) throws {
        let source = try images("imgs", ["000001_0.jpg"])
        // /proc refuses new files even to root; a read-only folder refuses them to everyone else.
        var readOnly = ["/proc"]
        if geteuid() != 0 {
            let locked = folder.file("locked")
            try FileManager.default.createDirectory(atPath: locked, withIntermediateDirectories: false)
            chmod(locked, 0o555)
            readOnly.append(locked)
        }
        for destination in readOnly {
            try FacetProcess.expectError(
                73, [command, "-s", source, "-d", destination] + missingWeights, "\(destination): cannot create files in the output folder")
        }
    }

    @Test(arguments: commands)
    func aMissingDestinationIsCreatedBeforeTheWeightsAreLookedFor(_ command: String) throws {
        let source = try images("imgs", ["000001_0.jpg"])
        let destination = folder.file("new/out")
        try FacetProcess.expectError(66, [command, "-s", source, "-d", destination] + missingWeights, "none.safetensors")
        var isFolder: ObjCBool = false
        #expect(FileManager.default.fileExists(atPath: destination, isDirectory: &isFolder) && isFolder.boolValue)
        #expect(try FileManager.default.contentsOfDirectory(atPath: destination).isEmpty, "no probe file is left")
    }

    /// `facet match -o` is checked the same way, before the features are read (they are not even valid here).
    @Test func matchChecksItsOutputFolderFirst() throws {
        let features = try images("feats", ["100_0.npy", "100_1.npy"])
        let file = folder.file("out.txt")
        _ = FileManager.default.createFile(atPath: file, contents: Data())
        try FacetProcess.expectError(73, ["match", "-p", features, "-o", file], "\(file): is a file, not an output folder")
        try FacetProcess.expectError(73, ["match", "-p", features, "-o", "/proc"], "/proc: cannot create files in the output folder")
    }

    @Test func extractRefusesTwoListedImagesWithOneEmbedding() throws {
        let list = folder.file("list.txt")
        try "\(folder.path)/a/imgs/x.jpg\n\(folder.path)/b/imgs/x.jpg\n".write(toFile: list, atomically: true, encoding: .utf8)
        let out = folder.file("features")
        try FacetProcess.expectError(
            65, ["extract", "-s", list, "-d", out] + missingWeights,
            "\(folder.path)/a/imgs/x.jpg and \(folder.path)/b/imgs/x.jpg would both write \(out)/imgs/x.npy")
    }

    @Test(arguments: ["parse", "extract"])
    func twoImagesWithOneStemAreRefused(_ command: String) throws {
        let source = try images("imgs", ["000002_0.jpg", "000002_0.png"])
        let out = folder.file("out")
        let output = command == "parse" ? "\(out)/000002_0_mask.png" : "\(out)/000002_0.npy"
        try FacetProcess.expectError(
            65, [command, "-s", source, "-d", out] + missingWeights,
            "\(source)/000002_0.jpg and \(source)/000002_0.png would both write \(output)")
    }

    /// Blur keeps each file's name, so x.jpg and x.png collide only once converted to one format, or in the
    /// masks (named by the stem).
    @Test func blurChecksEveryPartsOutputAndMask() throws {
        let source = try images("imgs", ["000002_0.jpg", "000002_0.png"])
        let out = folder.file("out")
        let blur = ["blur", "-s", source, "-d", out, "--parts", "nose,eyes"] + missingWeights
        try FacetProcess.expectError(66, blur, "none.safetensors")
        try FacetProcess.expectError(65, blur + ["--image-format", "png"], "would both write \(out)/blurred_nose/000002_0.png")
        try FacetProcess.expectError(
            65, blur + ["-m", folder.file("masks")], "would both write \(folder.path)/masks/mask_nose/000002_0_annotation.png")
    }
}
