import Foundation
import Testing
import TensorCore
import TestSupport
@testable import Checkpoints

/// PyTorch checkpoints written by torch.save (Tools/make_checkpoint_fixtures.py) in both formats, compared with
/// the values PyTorch itself held, saved next to them as `*.expected.safetensors`.
@Suite struct TorchCheckpointTests {
    static let fixtures = ["bisenet_like", "iresnet_like_half", "module_state_dict", "protocol4"]

    @Test(arguments: fixtures, [".pth", ".legacy.pth"])
    func loadsTheValuesPyTorchSaved(fixture: String, format: String) throws {
        let store = try TorchCheckpoint.load(path: Fixtures.path("pth/\(fixture)\(format)"))
        let expected = try WeightStore(safetensorsAt: Fixtures.path("pth/\(fixture).expected.safetensors"))
        #expect(Set(store.names) == Set(expected.names))
        #expect(store.count == expected.count)
        for name in expected.names {
            #expect(store[name]?.shape == expected[name]?.shape, "\(name)")
            #expect(store[name]?.values == expected[name]?.values, "\(name)")
        }
    }

    /// torch <= 1.0 legacy files name views of a shared root storage (view key, offset, size) in their persistent ids.
    @Test func resolvesLegacyStorageViews() throws {
        let store = try TorchCheckpoint.load(path: Fixtures.path("pth/views.legacy.pth"))
        let expected = try WeightStore(safetensorsAt: Fixtures.path("pth/views.expected.safetensors"))
        #expect(store.names == ["layer1.0.conv1.weight", "layer1.0.bn1.weight"])
        let root = NamedRandom.uniform("legacy.root", count: 10)
        // View "a" = root[2..<8]; the tensor starts 1 into it with size (2, 2), stride (1, 2): root[3], root[5], root[4], root[6].
        #expect(store["layer1.0.conv1.weight"]?.values == [root[3], root[5], root[4], root[6]])
        #expect(store["layer1.0.bn1.weight"]?.values == Array(root[0..<4]))
        for name in expected.names { #expect(store[name]?.values == expected[name]?.values, "\(name)") }
    }

    @Test(arguments: [".pth", ".legacy.pth"])
    func keepsFileOrderAndDropsTrainingCounters(format: String) throws {
        let store = try TorchCheckpoint.load(path: Fixtures.path("pth/bisenet_like\(format)"))
        #expect(store.names == [
            "cp.resnet.conv1.weight", "cp.resnet.bn1.weight", "cp.resnet.bn1.bias", "cp.resnet.bn1.running_mean",
            "cp.resnet.bn1.running_var", "ffm.conv1.weight", "conv_out.conv_out.weight", "conv_out.conv_out.bias", "scalar",
        ])
        // Contiguous float32 weights equal the named-random values the script generated.
        #expect(store["cp.resnet.conv1.weight"]?.values == NamedRandom.uniform("cp.resnet.conv1.weight", count: 48))
        // A transposed view (stride (1, 3)) comes out contiguous: element [i][j] = m[j][i] of the (2, 3) original.
        let m = NamedRandom.uniform("ffm.conv1.weight", count: 6)
        #expect(store["ffm.conv1.weight"]?.shape == [3, 2])
        #expect(store["ffm.conv1.weight"]?.values == [m[0], m[3], m[1], m[4], m[2], m[5]])
        // big[1:, 1:3] of a (3, 4) tensor: storage offset 5, rows of stride 4.
        let big = NamedRandom.uniform("conv_out.big", count: 12)
        #expect(store["conv_out.conv_out.weight"]?.values == [big[5], big[6], big[9], big[10]])
        #expect(store["conv_out.conv_out.bias"]?.values == Array(big[0..<4]))
        #expect(store["scalar"]?.shape == [] && store["scalar"]?.values == [0.5])
    }

    @Test(arguments: ["os_system.pth", "os_system.legacy.pth"])
    func refusesACheckpointThatCallsOsSystem(file: String) {
        let path = Fixtures.path("pth/\(file)")
        expectFailure(.unsupported, path, "global 'posix.system' is not allowed") { _ = try TorchCheckpoint.load(path: path) }
    }

    /// 1.6 kB holding a stride-0 view of shape (20000, 20000): refused at once instead of expanding to 1.6 GB.
    @Test func refusesAViewLargerThanItsStorage() {
        let path = Fixtures.path("pth/expanded_view.pth")
        expectFailure(.badData, path, "holds 400000000 elements but its storage only 1 (an expanded view)") {
            _ = try TorchCheckpoint.load(path: path)
        }
    }

    @Test func refusesWhatIsNotACheckpoint() {
        expectFailure(.badData, "mem: not a PyTorch checkpoint") { _ = try TorchCheckpoint.load(Data("hello".utf8), source: "mem") }
        expectFailure(.missingInput, "no such file") { _ = try TorchCheckpoint.load(path: "/nonexistent.pth") }
        // pickle.dumps(None, protocol=2): a pickle, but not a checkpoint.
        expectFailure(.badData, "mem: a pickle, but not a PyTorch checkpoint") {
            _ = try TorchCheckpoint.load(Data([0x80, 0x02, 0x4E, 0x2E]), source: "mem")
        }
    }

    // MARK: - Damaged archives

    static func fixture(_ name: String) throws -> Data {
        try Data(contentsOf: URL(fileURLWithPath: Fixtures.path("pth/\(name)")))
    }

    /// Offset of the zip end-of-central-directory record.
    static func endRecord(_ data: Data) -> Int {
        let bytes = [UInt8](data)
        return (0...bytes.count - 22).last { bytes[$0..<$0 + 4] == [0x50, 0x4B, 0x05, 0x06] }!
    }

    static func patched(_ data: Data, at offset: Int, _ bytes: [UInt8]) -> Data {
        var d = data
        d.replaceSubrange(offset..<offset + bytes.count, with: bytes)
        return d
    }

    @Test func refusesDamagedZipArchives() throws {
        let zip = try Self.fixture("bisenet_like.pth")
        let end = Self.endRecord(zip)
        let directory = Int(zip[end + 16]) | Int(zip[end + 17]) << 8 | Int(zip[end + 18]) << 16 | Int(zip[end + 19]) << 24
        expectFailure(.badData, "bad zip archive: no zip end-of-central-directory record") {
            _ = try TorchCheckpoint.load(zip.prefix(zip.count - 10), source: "mem")
        }
        expectFailure(.badData, "central directory", "runs past the end of the file") {
            _ = try TorchCheckpoint.load(Self.patched(zip, at: end + 16, [0xF0, 0xFF, 0xFF, 0x7F]), source: "mem")
        }
        expectFailure(.badData, "claims 65534 entries") {
            _ = try TorchCheckpoint.load(Self.patched(zip, at: end + 10, [0xFE, 0xFF]), source: "mem")
        }
        expectFailure(.badData, "central directory entry 0 is malformed") {
            _ = try TorchCheckpoint.load(Self.patched(zip, at: directory, [0, 0, 0, 0]), source: "mem")
        }
        // First entry (data.pkl) marked deflate-compressed; then its local header offset pointed past the end.
        expectFailure(.unsupported, "'bisenet_like/data.pkl' is compressed (method 8)") {
            _ = try TorchCheckpoint.load(Self.patched(zip, at: directory + 10, [8, 0]), source: "mem")
        }
        expectFailure(.badData, "has no local header") {
            _ = try TorchCheckpoint.load(Self.patched(zip, at: directory + 42, [0xFF, 0xFF, 0xFF, 0x0F]), source: "mem")
        }
        // The entry size of data.pkl enlarged past the end of the file.
        expectFailure(.badData, "runs past the end of the file") {
            let size: [UInt8] = [0xFF, 0xFF, 0xFF, 0x00]
            _ = try TorchCheckpoint.load(Self.patched(Self.patched(zip, at: directory + 20, size), at: directory + 24, size), source: "mem")
        }
    }

    /// PyTorch always writes a zip64 end record too; with the classic record's fields saturated (as in files
    /// over 4 GB) the directory is found through it.
    @Test func findsTheDirectoryThroughTheZip64EndRecord() throws {
        let zip = try Self.fixture("bisenet_like.pth")
        let end = Self.endRecord(zip)
        let saturated = Self.patched(Self.patched(zip, at: end + 8, [0xFF, 0xFF, 0xFF, 0xFF]), at: end + 12, [UInt8](repeating: 0xFF, count: 8))
        #expect(try TorchCheckpoint.load(saturated, source: "mem").count == 9)
        // ...and a broken locator is reported, not followed.
        expectFailure(.badData, "zip64 end record missing") {
            _ = try TorchCheckpoint.load(Self.patched(saturated, at: end - 12, [0xFF, 0x0F]), source: "mem")
        }
    }

    @Test func refusesATruncatedLegacyFile() throws {
        let legacy = try Self.fixture("bisenet_like.legacy.pth")
        expectFailure(.badData, "runs past the end of the file (truncated?)") {
            _ = try TorchCheckpoint.load(legacy.prefix(legacy.count - 4), source: "mem")
        }
        expectFailure(.badData, "truncated (no STOP opcode)") {
            _ = try TorchCheckpoint.load(legacy.prefix(200), source: "mem")
        }
    }
}
