import Foundation
import Testing
import TensorCore
import TestSupport
import Checkpoints
import FaceModels
@testable import FacetCLI

/// `facet convert`, end to end on the PyTorch fixtures of CheckpointsTests, with the output checked by the
/// reference `safetensors` package.
@Suite struct ConvertCommandTests {
    /// Fixtures shared with CheckpointsTests (not duplicated).
    static func pth(_ name: String) -> String { checkpointsFixture("pth/\(name)") }

    static func checkpointsFixture(_ name: String) -> String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("CheckpointsTests/Fixtures/\(name)").path
    }

    static func convert(_ arguments: [String]) throws {
        var command = try Facet.parseAsRoot(["convert", "--quiet"] + arguments)
        try command.run()
    }

    @Test(arguments: ["bisenet_like.pth", "bisenet_like.legacy.pth"])
    func convertsPyTorchToSafetensorsWithProvenance(file: String) throws {
        let dir = try TemporaryFolder()
        let out = dir.file("out.safetensors")
        try Self.convert([Self.pth(file), "-o", out])

        let expected = try WeightStore(safetensorsAt: Self.pth("bisenet_like.expected.safetensors"))
        let report = try Python.run("""
            import hashlib, json, sys
            from safetensors import safe_open
            from safetensors.numpy import load_file
            t = load_file(sys.argv[1])
            with safe_open(sys.argv[1], framework="np") as f:
                meta = f.metadata()
            print(json.dumps({"meta": meta, "sha": hashlib.sha256(open(sys.argv[2], "rb").read()).hexdigest(),
                              "tensors": {k: [str(v.dtype), list(v.shape), v.ravel().tolist()] for k, v in t.items()}}))
            """, [out, Self.pth(file)])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(report.utf8)) as? [String: Any])
        let meta = try #require(json["meta"] as? [String: String])
        #expect(meta["source"] == file)
        #expect(meta["source_sha256"] == json["sha"] as? String)
        #expect(meta["format"] == "pt")
        #expect(meta["layout"] == "NCHW; conv OIHW")
        #expect(meta["converter"] == "facet \(Facet.toolVersion)")
        #expect(meta["source_format"] == (file.contains("legacy") ? "pytorch-legacy" : "pytorch-zip"))
        let tensors = try #require(json["tensors"] as? [String: [Any]])
        #expect(Set(tensors.keys) == Set(expected.names))
        for name in expected.names {
            #expect(tensors[name]?[0] as? String == "float32", "\(name)")
            #expect(tensors[name]?[1] as? [Int] == expected[name]?.shape, "\(name)")
            #expect((tensors[name]?[2] as? [NSNumber])?.map { Float($0.doubleValue) } == expected[name]?.values, "\(name)")
        }
    }

    /// MXNet .params and ONNX go through the importers, keeping their metadata unless ours overrides it.
    @Test(arguments: [("mxnet/lresnet_tiny-0000.params", "mxnet-params"), ("onnx/iresnet_tiny_folded.onnx", "onnx")])
    func convertsOtherImportersFiles(file: String, formatName: String) throws {
        let dir = try TemporaryFolder()
        let input = Self.checkpointsFixture(file)
        try Self.convert([input, "-o", dir.file("out.safetensors")])
        let out = try WeightStore(safetensorsAt: dir.file("out.safetensors"))
        let direct = try WeightFile.tensors(input).store
        #expect(Set(out.names) == Set(direct.names))
        for name in direct.names { #expect(out[name]?.values == direct[name]?.values, "\(name)") }
        #expect(out.metadata["source_format"] == formatName && direct.metadata["format"] == formatName)
        #expect(out.metadata["format"] == "pt")
        #expect(out.metadata["source"] == URL(fileURLWithPath: file).lastPathComponent)
        for (key, value) in direct.metadata where !["source", "format", "layout", "converter"].contains(key) {
            #expect(out.metadata[key] == value, "\(key)")
        }
    }

    @Test func revalidatesSafetensorsInput() throws {
        let dir = try TemporaryFolder()
        try Self.convert([Self.pth("iresnet_like_half.expected.safetensors"), "-o", dir.file("a.safetensors")])
        let a = try WeightStore(safetensorsAt: dir.file("a.safetensors"))
        #expect(a.metadata["source_format"] == "safetensors" && a.count == 6)

        var broken = try Data(contentsOf: URL(fileURLWithPath: dir.file("a.safetensors")))
        broken.removeLast(4)
        try broken.write(to: URL(fileURLWithPath: dir.file("broken.safetensors")))
        expectFailure(.badData, "broken.safetensors", "truncated file?") {
            try Self.convert([dir.file("broken.safetensors"), "-o", dir.file("b.safetensors")])
        }
        #expect(!FileManager.default.fileExists(atPath: dir.file("b.safetensors")))
    }

    @Test func refusesToOverwriteWithoutForce() throws {
        let dir = try TemporaryFolder()
        let out = dir.file("out.safetensors")
        try Data("keep me".utf8).write(to: URL(fileURLWithPath: out))
        expectFailure(.cannotCreate, "already exists (use --force") { try Self.convert([Self.pth("bisenet_like.pth"), "-o", out]) }
        #expect(try String(contentsOfFile: out, encoding: .utf8) == "keep me")
        try Self.convert([Self.pth("bisenet_like.pth"), "-o", out, "--force"])
        #expect(try WeightStore(safetensorsAt: out).count == 9)
    }

    @Test func neverOverwritesTheInput() throws {
        let dir = try TemporaryFolder()
        let input = dir.file("model.safetensors")
        try FileManager.default.copyItem(atPath: Self.pth("bisenet_like.expected.safetensors"), toPath: input)
        let before = try Data(contentsOf: URL(fileURLWithPath: input))
        try FileManager.default.createSymbolicLink(atPath: dir.file("link.safetensors"), withDestinationPath: input)
        for output in [input, dir.file("./model.safetensors"), dir.file("link.safetensors")] {
            expectFailure(.cannotCreate, "is the input file") { try Self.convert([input, "-o", output, "--force"]) }
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: input)) == before)
    }

    @Test func reportsMissingAndUnknownInputs() throws {
        let dir = try TemporaryFolder()
        expectFailure(.missingInput, "no such file") { try Self.convert([dir.file("nope.pth"), "-o", dir.file("o.safetensors")]) }
        try Data("not weights at all".utf8).write(to: URL(fileURLWithPath: dir.file("junk.pth")))
        expectFailure(.unsupported, "not a recognised weight file") { try Self.convert([dir.file("junk.pth"), "-o", dir.file("o.safetensors")]) }
        let evil = Self.pth("os_system.pth")
        expectFailure(.unsupported, "global 'posix.system' is not allowed") { try Self.convert([evil, "-o", dir.file("o.safetensors")]) }
        #expect(!FileManager.default.fileExists(atPath: dir.file("o.safetensors")))
    }
}
