import Foundation
import Testing
import TensorCore
import TestSupport

/// safetensors reading and writing, checked against files written by the reference `safetensors` package and by
/// loading our files with it.
@Suite struct SafeTensorsTests {
    /// Element i of every fixture tensor is (i − 2) × 0.25 (Tools/make_format_fixtures.py).
    static func ramp(_ count: Int) -> [Float] { (0..<count).map { Float($0 - 2) * 0.25 } }

    @Test func readsFileWrittenBySafetensorsNumpy() throws {
        let (tensors, metadata) = try SafeTensors.read(path: Fixtures.path("safetensors/numpy_written.safetensors"))
        // Header order, which the reference writer makes dtype order (F64, F32, F16) then name order.
        #expect(tensors.map(\.name) == ["fc.bias", "cp.resnet.conv1.weight", "empty", "scalar", "cp.resnet.bn1.running_var"])
        #expect(tensors.map(\.dtype) == [.float64, .float32, .float32, .float32, .float16])
        #expect(tensors.map(\.shape) == [[2, 2], [2, 1, 2, 2], [0, 3], [], [3]])
        #expect(try tensors[0].floats(source: "t") == Self.ramp(4))
        #expect(try tensors[1].floats(source: "t") == Self.ramp(8))
        #expect(try tensors[2].floats(source: "t") == [])
        #expect(try tensors[3].floats(source: "t") == [-0.75])
        #expect(try tensors[4].floats(source: "t") == Self.ramp(3))  // exact in float16
        #expect(metadata == ["format": "np", "note": "fixture"])
    }

    @Test func readsBFloat16AndRefusesIntegersAsFloats() throws {
        let (tensors, metadata) = try SafeTensors.read(path: Fixtures.path("safetensors/torch_bf16.safetensors"))
        #expect(metadata.isEmpty)
        let weight = try #require(tensors.first { $0.name == "bn.weight" })
        #expect(try weight.floats(source: "t") == [1, -2, 0.5, 3.140625])
        let counter = try #require(tensors.first { $0.name == "bn.num_batches_tracked" })
        #expect(counter.dtype == .int64 && counter.shape == [])
        #expect(counter.data.withUnsafeBytes { $0.loadUnaligned(as: Int64.self) } == 7)
        expectFailure(.unsupported, "has dtype I64") { _ = try counter.floats(source: "t") }
    }

    /// The writer's layout, checked against a hand-written header: F64 before F32 before F16, names bytewise,
    /// metadata first with sorted keys, spaces to a multiple of 8.
    @Test func writerLayoutMatchesTheReferenceWriter() throws {
        let tensors = [
            SafeTensorsEntry(name: "b", shape: [2], values: [1, 2]),
            SafeTensorsEntry(name: "a", dtype: .float16, shape: [1], data: Data([0x00, 0x3C])),
            SafeTensorsEntry(name: "Z", shape: [], values: [3]),
            SafeTensorsEntry(name: "c", dtype: .float64, shape: [1], data: Data(count: 8)),
        ]
        let file = try SafeTensors.encode(tensors, metadata: ["y": "2", "x": "1"], name: "mem")
        let header = "{\"__metadata__\":{\"x\":\"1\",\"y\":\"2\"},"
            + "\"c\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[0,8]},"
            + "\"Z\":{\"dtype\":\"F32\",\"shape\":[],\"data_offsets\":[8,12]},"
            + "\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[12,20]},"
            + "\"a\":{\"dtype\":\"F16\",\"shape\":[1],\"data_offsets\":[20,22]}}"
        let padded = header + String(repeating: " ", count: (8 - header.utf8.count % 8) % 8)
        #expect(Array(file.prefix(8)) == withUnsafeBytes(of: UInt64(padded.utf8.count).littleEndian, Array.init))
        #expect(String(decoding: file.dropFirst(8).prefix(padded.utf8.count), as: UTF8.self) == padded)
        #expect(file.count == 8 + padded.utf8.count + 22)
        let back = try SafeTensors.parse(file, name: "mem")
        #expect(back.tensors.map(\.name) == ["c", "Z", "b", "a"])
        #expect(try back.tensors[2].floats(source: "mem") == [1, 2])
        #expect(try back.tensors[3].floats(source: "mem") == [1])
    }

    /// Our file loads in the reference implementation with the same names, shapes, values and metadata, and
    /// equals byte for byte what `safetensors.numpy.save` writes for those tensors.
    @Test func filesWeWriteLoadInSafetensorsPython() throws {
        let dir = try TemporaryFolder()
        let path = dir.file("ours.safetensors")
        let weird = "caf\u{E9}.\u{1F600}\"q\\"
        try SafeTensors.write([
            SafeTensorsEntry(name: "layer1.0.conv1.weight", shape: [2, 1, 1, 2], values: [0.5, -1.25, 3, 1e-8]),
            SafeTensorsEntry(name: "scalar", shape: [], values: [-0.75]),
            SafeTensorsEntry(name: "empty", shape: [0, 2], values: []),
            SafeTensorsEntry(name: weird, shape: [1], values: [42]),
        ], metadata: ["source": "79999_iter.pth"], to: path)
        let report = try Python.run("""
            import json, sys
            import numpy as np
            from safetensors import safe_open
            from safetensors.numpy import load_file, save
            path = sys.argv[1]
            t = load_file(path)
            with safe_open(path, framework="np") as f:
                meta = f.metadata()
            same = save(t, metadata=meta) == open(path, "rb").read()
            print(json.dumps({"same_bytes": same, "metadata": meta,
                              "tensors": {k: [str(v.dtype), list(v.shape), v.ravel().tolist()] for k, v in t.items()}}))
            """, [path])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(report.utf8)) as? [String: Any])
        #expect(json["same_bytes"] as? Bool == true)
        #expect(json["metadata"] as? [String: String] == ["source": "79999_iter.pth"])
        let tensors = try #require(json["tensors"] as? [String: [Any]])
        #expect(Set(tensors.keys) == ["layer1.0.conv1.weight", "scalar", "empty", weird])
        func check(_ name: String, _ shape: [Int], _ values: [Double]) {
            let t = tensors[name]
            #expect(t?[0] as? String == "float32", "\(name)")
            #expect(t?[1] as? [Int] == shape, "\(name)")
            #expect((t?[2] as? [NSNumber])?.map { Float($0.doubleValue) } == values.map(Float.init), "\(name)")
        }
        check("layer1.0.conv1.weight", [2, 1, 1, 2], [0.5, -1.25, 3, 1e-8])
        check("scalar", [], [-0.75])
        check("empty", [0, 2], [])
        check(weird, [1], [42])
    }

    @Test func emptyFileWithNoTensorsIsValid() throws {
        let (tensors, metadata) = try SafeTensors.parse(Self.file("{}"), name: "mem")
        #expect(tensors.isEmpty && metadata.isEmpty)
    }

    /// What safetensors 0.8 itself accepts (checked with `safe_open`): null metadata, unknown fields in an
    /// entry, whitespace around the JSON.
    @Test func acceptsWhatTheReferenceAccepts() throws {
        let (none, noMetadata) = try SafeTensors.parse(Self.file(#"  {"__metadata__": null} "#), name: "mem")
        #expect(none.isEmpty && noMetadata.isEmpty)
        let (tensors, _) = try SafeTensors.parse(
            Self.file(#"{"a": {"dtype": "F32", "shape": [1], "data_offsets": [0, 4], "extra": 1}}"#, data: 4), name: "mem")
        #expect(tensors.map(\.name) == ["a"])
    }

    @Test func headerEscapesAreDecoded() throws {
        let (tensors, _) = try SafeTensors.parse(
            Self.file(#"{"caf\u00e9\ud83d\ude00\n": {"dtype": "U8", "shape": [1], "data_offsets": [0, 1]}}"#, data: 1), name: "mem")
        #expect(tensors.map(\.name) == ["caf\u{E9}\u{1F600}\n"])
    }

    // MARK: - Malformed files: each rule of the reference implementation has its own error

    static let ok = #""dtype": "F32", "shape": [2], "data_offsets": "#

    static let malformed: [(String, Data, String)] = [
        ("too short", Data([1, 0, 0]), "too short for the 8-byte"),
        ("header too large", lengthPrefixed(100_000_001, Data(count: 16)), "exceeds the limit of 100000000"),
        ("header past end", lengthPrefixed(64, Data("{}".utf8)), "runs past the end"),
        ("invalid UTF-8", file("{\"\u{FF}\": 1}", rawReplacing: "\u{FF}", with: [0xC3, 0x28]), "not valid UTF-8"),
        ("invalid JSON", file(#"{"a": {"dtype": "F32",}}"#), "invalid JSON header"),
        ("trailing text", file(#"{} x"#), "unexpected text after"),
        ("not an object", file("[1, 2]"), "header is an array, not a JSON object"),
        ("deep nesting", file(String(repeating: "[", count: 100_000)), "nested deeper than 64"),
        ("duplicate names", file(#"{"a": {\#(ok)[0, 8]}, "a": {\#(ok)[8, 16]}}"#, data: 16), "duplicate key 'a'"),
        ("duplicate field", file(#"{"a": {\#(ok)[0, 8], "shape": [2]}}"#, data: 8), "duplicate key 'shape'"),
        ("overlap", file(#"{"a": {\#(ok)[0, 8]}, "b": {\#(ok)[4, 12]}}"#, data: 12), "overlap the previous tensor"),
        ("gap", file(#"{"a": {\#(ok)[0, 8]}, "b": {\#(ok)[12, 20]}}"#, data: 20), "gap in the data section before tensor 'b'"),
        ("gap at start", file(#"{"a": {\#(ok)[4, 12]}}"#, data: 12), "gap in the data section before tensor 'a'"),
        ("past end", file(#"{"a": {\#(ok)[0, 8]}, "b": {\#(ok)[8, 16]}}"#, data: 12), "needs 16 bytes but the data section has only 12"),
        ("truncated data", file(#"{"a": {\#(ok)[0, 8]}}"#, data: 5), "needs 8 bytes but the data section has only 5"),
        ("trailing data", file(#"{"a": {\#(ok)[0, 8]}}"#, data: 9), "data section has 9 bytes but the tensors cover only 8"),
        ("size mismatch", file(#"{"a": {"dtype": "F32", "shape": [3], "data_offsets": [0, 8]}}"#, data: 8), "has 8 bytes but F32 [3] needs 12"),
        ("end before begin", file(#"{"a": {\#(ok)[0, 8]}, "b": {\#(ok)[8, 0]}}"#, data: 8), "end before they begin"),
        ("shape overflow", file(#"{"a": {"dtype": "F64", "shape": [4294967296, 4294967296], "data_offsets": [0, 0]}}"#), "overflows the byte count"),
        ("negative dim", file(#"{"a": {"dtype": "F32", "shape": [-1], "data_offsets": [0, 0]}}"#), "shape is not an array of non-negative integers"),
        ("fractional dim", file(#"{"a": {"dtype": "F32", "shape": [1.0], "data_offsets": [0, 4]}}"#, data: 4), "shape is not an array of non-negative integers"),
        ("missing offsets", file(#"{"a": {"dtype": "F32", "shape": [1]}}"#, data: 4), "tensor 'a' has no 'data_offsets'"),
        ("three offsets", file(#"{"a": {"dtype": "F32", "shape": [1], "data_offsets": [0, 4, 4]}}"#, data: 4), "data_offsets is not a pair"),
        ("entry not object", file(#"{"a": [1]}"#), "tensor 'a' entry is an array, not an object"),
        ("non-string metadata", file(#"{"__metadata__": {"epoch": 3}}"#), "__metadata__ value for 'epoch' is a number, not a string"),
        ("metadata not object", file(#"{"__metadata__": "x"}"#), "__metadata__ is a string, not an object"),
        ("lone surrogate", file(#"{"\ud800": {}}"#), "lone surrogate"),
    ]

    @Test(arguments: malformed.indices)
    func malformedFilesAreRejected(index: Int) {
        let (_, data, message) = Self.malformed[index]
        expectFailure(.badData, "mem.safetensors: ", message) { _ = try SafeTensors.parse(data, name: "mem.safetensors") }
    }

    @Test func hugeNamesAreClippedInMessages() {
        let name = String(repeating: "n", count: 100_000)
        do {
            _ = try SafeTensors.parse(Self.file("{\"\(name)\": [1]}"), name: "mem")
            Issue.record("parsed a header whose entry is not an object")
        } catch let error as FacetError {
            #expect(error.message.hasPrefix("mem: tensor 'nnn"))
            #expect(error.message.hasSuffix("… (100042 characters)"))
            #expect(error.message.count < 400)
        } catch { Issue.record("\(error)") }
    }

    @Test func unknownDTypeIsUnsupported() {
        let data = Self.file(#"{"a": {"dtype": "F4", "shape": [2], "data_offsets": [0, 1]}}"#, data: 1)
        expectFailure(.unsupported, "unknown dtype 'F4'") { _ = try SafeTensors.parse(data, name: "mem") }
    }

    @Test func missingFileIsMissingInput() {
        expectFailure(.missingInput, "/nonexistent/x.safetensors: no such file") {
            _ = try SafeTensors.read(path: "/nonexistent/x.safetensors")
        }
    }

    @Test func writerRefusesDuplicateNames() {
        let t = SafeTensorsEntry(name: "a", shape: [], values: [1])
        expectFailure(.badData, "'a' is duplicated") { _ = try SafeTensors.encode([t, t], name: "mem") }
    }

    // MARK: - Helpers

    static func lengthPrefixed(_ n: UInt64, _ rest: Data) -> Data {
        var d = Data()
        withUnsafeBytes(of: n.littleEndian) { d.append(contentsOf: $0) }
        return d + rest
    }

    /// A file with `header` as its JSON and `data` zero bytes of tensor data.
    static func file(_ header: String, data: Int = 0) -> Data {
        lengthPrefixed(UInt64(header.utf8.count), Data(header.utf8) + Data(count: data))
    }

    static func file(_ header: String, rawReplacing marker: String, with bytes: [UInt8]) -> Data {
        let parts = header.components(separatedBy: marker)
        let json = Data(parts[0].utf8) + Data(bytes) + Data(parts[1].utf8)
        return lengthPrefixed(UInt64(json.count), json)
    }
}
