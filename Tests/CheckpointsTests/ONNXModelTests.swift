import Foundation
import Testing
import TensorCore
import TestSupport
@testable import Checkpoints

/// Importing torch-exported IResNet ONNX graphs. Fixtures come from Tools/make_onnx_fixtures.py: a tiny
/// arcface_torch-shaped IResNet (widths 8 | 8,16,16,32, blocks 1,2,1,1, 32×32 input) exported by torch.onnx, and
/// the state_dict each export must map back to, written by torch/NumPy.
struct ONNXModelTests {
    /// The expected state_dict: `<name>_expected.txt` lists "key d0xd1…" and `<name>_expected.npy` holds the values
    /// back to back in that order.
    static func expected(_ name: String) throws -> [(key: String, shape: [Int], values: [Float])] {
        let listing = try String(contentsOfFile: Fixtures.path("onnx/\(name)_expected.txt"), encoding: .utf8)
        let flat = try NPY.read(path: Fixtures.path("onnx/\(name)_expected.npy")).floats()
        var offset = 0
        return listing.split(separator: "\n").map { line in
            let fields = line.split(separator: " ")
            let shape = fields[1].split(separator: "x").map { Int($0)! }
            let count = shape.reduce(1, *)
            defer { offset += count }
            return (String(fields[0]), shape, Array(flat[offset..<(offset + count)]))
        }
    }

    @Test func unfoldedExportMapsExactlyOntoTheStateDict() throws {
        let store = try ONNXModel.load(path: Fixtures.path("onnx/iresnet_tiny_unfolded.onnx"))
        let expected = try Self.expected("iresnet_tiny_unfolded")
        #expect(Set(store.names) == Set(expected.map(\.key)))
        for (key, shape, values) in expected {
            #expect(store[key]?.shape == shape, "\(key)")
            #expect(store[key]?.values == values, "\(key)")
        }
        #expect(store.metadata["bn_folded"] == "false")
        #expect(store.metadata["blocks"] == "1,2,1,1")
        #expect(store.metadata["family"] == "onnx-r12")
        #expect(store.metadata["bn_eps"] == "1e-05")
        #expect(store.metadata["input_normalization"] == "(x-127.5)/127.5")
        #expect(store.metadata["input_mean"] == "127.5")
        #expect(store.metadata["input_scale"] == "\(1 / 127.5)")
        #expect(store.metadata["input_name"] == "input.1")
        #expect(store.metadata["input_shape"] == "1x3x32x32")
        #expect(store.metadata["format"] == "onnx")
    }

    /// Folded exports: conv weights and biases match torch's own Conv+BN fusion, the folded BNs are absent, and every
    /// other tensor is exact. The in-graph and MatMul variants are the same network, so they map to the same keys.
    @Test(arguments: ["iresnet_tiny_folded", "iresnet_tiny_ingraph", "iresnet_tiny_matmul"])
    func foldedExportsMapOntoTheFoldedStateDict(fixture: String) throws {
        let store = try ONNXModel.load(path: Fixtures.path("onnx/\(fixture).onnx"))
        let expected = try Self.expected("iresnet_tiny_folded")
        #expect(store.names.count == expected.count)
        #expect(Set(store.names) == Set(expected.map(\.key)))
        for (key, shape, values) in expected {
            let tensor = try #require(store[key], "\(key)")
            #expect(tensor.shape == shape, "\(key)")
            let isFolded = key.contains("conv") || key.contains("downsample.0")
            if isFolded {
                let scale = values.map(abs).max()!
                let error = zip(tensor.values, values).map { abs($0 - $1) }.max()!
                #expect(error <= Tolerance.foldedBatchNormRelativeToMax * scale, "\(key): \(error / scale)")
            } else {
                #expect(tensor.values == values, "\(key)")
            }
        }
        #expect(store["layer2.0.bn2.weight"] == nil)
        #expect(store["layer2.0.conv1.bias"] != nil)
        #expect(store.metadata["bn_folded"] == "true")
    }

    @Test func inGraphNormalizationIsDetectedWithItsConstants() throws {
        let store = try ONNXModel.load(path: Fixtures.path("onnx/iresnet_tiny_ingraph.onnx"))
        #expect(store.metadata["input_normalization"] == "in-graph")
        #expect(store.metadata["input_mean"] == "127.5")
        #expect(store.metadata["input_scale"] == "0.0078125")
    }

    @Test func externalDataIsRejected() {
        let error = #expect(throws: FacetError.self) { try ONNXModel.load(path: Fixtures.path("onnx/iresnet_tiny_external.onnx")) }
        #expect(error?.kind == .unsupported)
        #expect(error?.message.contains("external file") == true)
    }

    @Test func otherNetworksAreRejected() {
        let error = #expect(throws: FacetError.self) { try ONNXModel.load(path: Fixtures.path("onnx/not_iresnet.onnx")) }
        #expect(error?.kind == .unsupported)
        #expect(error?.message.contains("(Relu) is not part of an arcface_torch IResNet") == true, "\(error?.message ?? "")")
    }

    @Test func missingFileIsAMissingInput() {
        let error = #expect(throws: FacetError.self) { try ONNXModel.load(path: "/nonexistent/w600k_r50.onnx") }
        #expect(error?.kind == .missingInput)
    }

    /// Any cut of a real model fails with a clear error (sampled cut points; each parse reads the whole prefix).
    @Test func truncatedModelsAreClearErrors() throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: Fixtures.path("onnx/iresnet_tiny_folded.onnx")))
        for length in stride(from: 0, to: data.count, by: 997) + [1, 2, 3, data.count - 1] {
            let error = #expect(throws: FacetError.self) {
                try ONNXIResNetMapping.map(ONNXModel.parse(data.prefix(length), source: "cut.onnx"))
            }
            #expect(error?.message.hasPrefix("cut.onnx: ") == true)
        }
    }

    @Test(arguments: [
        ([0x3B], "unsupported wire type 3"),  // field 7, wire type 3 (group)
        ([0x3F], "unsupported wire type 7"),
        ([0x3A, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x10], "runs past the end"),  // graph, length 2^60
        ([0x3A, 0x05, 0x0A], "runs past the end"),  // graph of 5 bytes, 1 present
        ([0x08] + [UInt8](repeating: 0xFF, count: 10) + [0x01], "varint"),  // ir_version varint too long
        ([0x00], "invalid field number 0"),
        ([0x38, 0x01], "wire type 0"),  // graph (7) as a varint
        ([0x08, 0x07], "no graph"),
    ])
    func malformedBytesAreClearErrors(bytes: [UInt8], problem: String) {
        let error = #expect(throws: FacetError.self) { try ONNXModel.parse(Data(bytes), source: "bad.onnx") }
        #expect(error?.kind == .badData)
        #expect(error?.message.contains(problem) == true, "\(error?.message ?? "")")
    }

    @Test func tensorPayloadMustMatchItsShape() throws {
        // TensorProto: dims 4, data_type FLOAT, name "w", raw_data of 8 bytes (2 floats, not 4).
        var tensorBytes: [UInt8] = [0x08, 0x04, 0x10, 0x01, 0x42, 0x01, 0x77, 0x4A, 0x08]
        tensorBytes += [UInt8](repeating: 0, count: 8)
        var reader = ProtobufReader(data: Data(tensorBytes), source: "t.onnx")
        let tensor = try ONNXTensor.parse(&reader)
        #expect(tensor.name == "w")
        #expect(tensor.dims == [4])
        let error = #expect(throws: FacetError.self) { try tensor.floats(in: Data(tensorBytes), source: "t.onnx") }
        #expect(error?.message.contains("8 bytes of raw data for shape [4]") == true, "\(error?.message ?? "")")
    }

    @Test func absurdTensorDimensionsAreRejectedBeforeAllocating() throws {
        // dims [2^40, 2^40] with 4 bytes of raw data.
        let bytes: [UInt8] = [0x08, 0x80, 0x80, 0x80, 0x80, 0x80, 0x20, 0x08, 0x80, 0x80, 0x80, 0x80, 0x80, 0x20,
                              0x10, 0x01, 0x4A, 0x04, 0, 0, 0, 0]
        var reader = ProtobufReader(data: Data(bytes), source: "t.onnx")
        let error = #expect(throws: FacetError.self) { _ = try ONNXTensor.parse(&reader) }
        #expect(error?.message.contains("absurd dimension") == true, "\(error?.message ?? "")")
    }

    @Test func nestingIsDepthLimited() throws {
        // 40 nested length-delimited fields (field 1), each wrapping the next.
        var bytes: [UInt8] = []
        for _ in 0..<40 { bytes = [0x0A, UInt8(bytes.count)] + bytes }
        var reader = ProtobufReader(data: Data(bytes), source: "deep.onnx")
        let error = #expect(throws: FacetError.self) {
            while true {
                guard try reader.nextField() != nil else { break }
                reader = try reader.message()
            }
        }
        #expect(error?.message.contains("nested deeper than 32") == true, "\(error?.message ?? "")")
    }

    @Test func packedAndUnpackedRepeatedFieldsReadTheSame() throws {
        // TensorProto dims [2, 3]: unpacked (two varint fields) and packed (one length-delimited run).
        var unpacked = ProtobufReader(data: Data([0x08, 0x02, 0x08, 0x03]), source: "u")
        var packed = ProtobufReader(data: Data([0x0A, 0x02, 0x02, 0x03]), source: "p")
        #expect(try ONNXTensor.parse(&unpacked).dims == [2, 3])
        #expect(try ONNXTensor.parse(&packed).dims == [2, 3])
    }

    @Test(arguments: [(UInt16(0x3C00), Float(1)), (0xC000, -2), (0x7BFF, 65504), (0x0001, 0x1p-24), (0x0400, 0x1p-14),
                      (0x8000, -0.0), (0x7C00, .infinity), (0x3555, 0.333251953125)])
    func halfPrecisionDecodesExactly(bits: UInt16, value: Float) {
        #expect(FloatDecoding.halfToFloat(bits).bitPattern == value.bitPattern)
    }
}

/// Hand-built graphs (Tools/make_onnx_fixtures.py `handmade`): meaningless initializer names, values in float_data and
/// double_data, and each value = NamedRandom(<expected arcface_torch key>, scale 0.5), so the expected tensors are
/// recomputed here independently of the importer.
struct ONNXHandmadeGraphTests {
    static let expectedKeys: [(key: String, shape: [Int])] = {
        func bn(_ m: String, _ c: Int = 2) -> [(String, [Int])] {
            ["weight", "bias", "running_mean", "running_var"].map { ("\(m).\($0)", [c]) }
        }
        var keys: [(String, [Int])] = [("conv1.weight", [2, 3, 3, 3])] + bn("bn1") + [("prelu.weight", [2])]
        for block in 0..<2 {
            let p = "layer1.\(block)"
            keys += bn("\(p).bn1") + [("\(p).conv1.weight", [2, 2, 3, 3])] + bn("\(p).bn2") + [("\(p).prelu.weight", [2])]
            keys += [("\(p).conv2.weight", [2, 2, 3, 3])] + bn("\(p).bn3")
            if block == 0 { keys += [("\(p).downsample.0.weight", [2, 2, 1, 1])] + bn("\(p).downsample.1") }
        }
        return keys + bn("bn2") + [("fc.weight", [4, 32]), ("fc.bias", [4])] + bn("features", 4)
    }()

    @Test func namesComeFromStructureAndValuesFromTheirKeys() throws {
        let store = try ONNXModel.load(path: Fixtures.path("onnx/handmade_ok.onnx"))
        #expect(store.names == Self.expectedKeys.map(\.key))
        for (key, shape) in Self.expectedKeys {
            var expected = NamedRandom.uniform(key, count: shape.reduce(1, *), scale: 0.5)
            if key.hasSuffix("running_var") { expected = expected.map { abs($0) + 0.5 } }
            #expect(store[key]?.shape == shape, "\(key)")
            #expect(store[key]?.values == expected, "\(key)")
        }
        #expect(store.metadata["blocks"] == "2")
        #expect(store.metadata["bn_folded"] == "false")
        #expect(store.metadata["producer"] == "make_onnx_fixtures")
    }

    @Test(arguments: [
        ("identity_first", "ends an identity block before any downsampling block"),
        ("crossed_add", "does not add a block's main branch to its shortcut"),
        ("no_features", "graph ends before the final BatchNormalization"),
        ("training_bn", "training-mode BatchNormalization"),
        ("grouped_conv", "grouped convolution (group 2)"),
    ])
    func brokenStructuresAreRejected(variant: String, problem: String) {
        let path = Fixtures.path("onnx/handmade_\(variant).onnx")
        let error = #expect(throws: FacetError.self) { try ONNXModel.load(path: path) }
        #expect(error?.kind == .unsupported)
        #expect(error?.message.hasPrefix(path + ": ") == true)
        #expect(error?.message.contains(problem) == true, "\(error?.message ?? "")")
    }
}
