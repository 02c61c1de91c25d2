import Foundation
import Testing
import TensorCore
import TestSupport
import Checkpoints

/// Format detection by first bytes, whatever the file is called.
@Suite struct CheckpointFormatTests {
    @Test(arguments: [
        ("bisenet_like.pth", CheckpointFormat.pytorchZip),
        ("bisenet_like.legacy.pth", .pytorchLegacy),
        ("bisenet_like.expected.safetensors", .safetensors),
    ])
    func detectsFixtureFiles(file: String, format: CheckpointFormat) throws {
        #expect(try CheckpointFormat.detect(path: Fixtures.path("pth/\(file)")) == format)
    }

    /// MXNet and ONNX fixtures are recognised and loaded through the same switch as `.pth` files: MXNet as tensors
    /// under MXNet's names, ONNX as the model.
    @Test(arguments: [
        ("mxnet/lresnet_tiny-0000.params", CheckpointFormat.mxnetParams),
        ("onnx/iresnet_tiny_folded.onnx", .onnx),
    ])
    func detectsAndLoadsOtherImportersFiles(file: String, format: CheckpointFormat) throws {
        let path = Fixtures.path(file)
        #expect(try CheckpointFormat.detect(path: path) == format)
        switch try format.load(path: path) {
        case .tensors(let viaFormat):
            #expect(format == .mxnetParams)
            let direct = try MXNetParams.load(path: path)
            #expect(viaFormat.count > 0 && viaFormat.names == direct.names)
        case .onnx(let viaFormat):
            #expect(format == .onnx)
            let direct = try ONNXModel.load(path: path)
            let names = viaFormat.graph.initializers.map(\.name)
            #expect(names.count > 0 && names == direct.graph.initializers.map(\.name))
        }
    }

    @Test func detectsByContentNotExtension() throws {
        let dir = try TemporaryFolder()
        let disguised = dir.file("weights.safetensors")
        try FileManager.default.copyItem(atPath: Fixtures.path("pth/bisenet_like.legacy.pth"), toPath: disguised)
        #expect(try CheckpointFormat.detect(path: disguised) == .pytorchLegacy)
        guard case .tensors(let store) = try CheckpointFormat.pytorchLegacy.load(path: disguised) else {
            Issue.record("a PyTorch checkpoint loaded as something other than tensors")
            return
        }
        #expect(store.count == 9)
    }

    @Test func detectsHeadersOfOtherFormats() {
        #expect(CheckpointFormat.detect(head: [0x12, 0x01, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], fileSize: 100) == .mxnetParams)
        #expect(CheckpointFormat.detect(head: [0x08, 0x07, 0x12, 0x07] + Array("pytorch".utf8), fileSize: 100) == .onnx)
        #expect(CheckpointFormat.detect(head: Array("hello world, not a model".utf8.prefix(16)), fileSize: 24) == nil)
        // A safetensors-like header whose length is larger than the file is not safetensors.
        #expect(CheckpointFormat.detect(head: [0xFF, 0xFF, 0, 0, 0, 0, 0, 0, 0x7B], fileSize: 100) == nil)
    }

    @Test func unknownFilesAreUnsupported() throws {
        let dir = try TemporaryFolder()
        try Data("just some text\n".utf8).write(to: URL(fileURLWithPath: dir.file("x.pth")))
        expectFailure(.unsupported, "x.pth: not a recognised weight file") { _ = try CheckpointFormat.detect(path: dir.file("x.pth")) }
        expectFailure(.missingInput, "no such file") { _ = try CheckpointFormat.detect(path: dir.file("missing.pth")) }
    }

    @Test func safetensorsBridgeDropsCountersAndRoundTrips() throws {
        let dir = try TemporaryFolder()
        let store = try TorchCheckpoint.load(path: Fixtures.path("pth/iresnet_like_half.pth"))
        var withMetadata = store
        withMetadata.metadata = ["format": "pt"]
        try withMetadata.writeSafetensors(to: dir.file("w.safetensors"))
        let back = try WeightStore(safetensorsAt: dir.file("w.safetensors"))
        #expect(back.metadata == ["format": "pt"])
        #expect(Set(back.names) == Set(store.names) && !back.names.contains("features.num_batches_tracked"))
        for name in store.names { #expect(back[name]?.values == store[name]?.values, "\(name)") }
    }
}
