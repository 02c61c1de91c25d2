import Foundation
import Testing
import TensorCore
import TestSupport
import Checkpoints
@testable import FaceModels

/// Importing torch-exported IResNet ONNX graphs. Fixtures (kept with the Checkpoints tests, which read the same files)
/// come from Tools/make_onnx_fixtures.py: a tiny arcface_torch-shaped IResNet (widths 8 | 8,16,16,32, blocks 1,2,1,1,
/// 32×32 input) exported by torch.onnx, and the state_dict each export must map back to, written by torch/NumPy.
struct ONNXIResNetMappingTests {
    static func load(_ path: String) throws -> IResNetImport { try ONNXIResNetMapping.map(ONNXModel.load(path: path)) }

    /// The expected state_dict: `<name>_expected.txt` lists "key d0xd1…" and `<name>_expected.npy` holds the values
    /// back to back in that order.
    static func expected(_ name: String) throws -> [(key: String, shape: [Int], values: [Float])] {
        let listing = try String(contentsOfFile: Fixtures.checkpoints("onnx/\(name)_expected.txt"), encoding: .utf8)
        let flat = try NPY.read(path: Fixtures.checkpoints("onnx/\(name)_expected.npy")).floats()
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
        let imported = try Self.load(Fixtures.checkpoints("onnx/iresnet_tiny_unfolded.onnx"))
        let expected = try Self.expected("iresnet_tiny_unfolded")
        #expect(Set(imported.weights.names) == Set(expected.map(\.key)))
        for (key, shape, values) in expected {
            #expect(imported.weights[key]?.shape == shape, "\(key)")
            #expect(imported.weights[key]?.values == values, "\(key)")
        }
        #expect(imported.metadata["bn_folded"] == "false")
        #expect(imported.metadata["blocks"] == "1,2,1,1")
        #expect(imported.metadata["family"] == "onnx-r12")
        #expect(imported.metadata["bn_eps"] == "1e-05")
        #expect(imported.metadata["input_normalization"] == "(x-127.5)/127.5")
        #expect(imported.metadata["input_mean"] == "127.5")
        #expect(imported.metadata["input_scale"] == "\(1 / 127.5)")
        #expect(imported.metadata["input_name"] == "input.1")
        #expect(imported.metadata["input_shape"] == "1x3x32x32")
        #expect(imported.metadata["format"] == "onnx")
    }

    /// Folded exports: conv weights and biases match torch's own Conv+BN fusion, the folded BNs are absent, and every
    /// other tensor is exact. The in-graph and MatMul variants are the same network, so they map to the same keys.
    @Test(arguments: ["iresnet_tiny_folded", "iresnet_tiny_ingraph", "iresnet_tiny_matmul"])
    func foldedExportsMapOntoTheFoldedStateDict(fixture: String) throws {
        let imported = try Self.load(Fixtures.checkpoints("onnx/\(fixture).onnx"))
        let expected = try Self.expected("iresnet_tiny_folded")
        #expect(imported.weights.names.count == expected.count)
        #expect(Set(imported.weights.names) == Set(expected.map(\.key)))
        for (key, shape, values) in expected {
            let tensor = try #require(imported.weights[key], "\(key)")
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
        #expect(imported.weights["layer2.0.bn2.weight"] == nil)
        #expect(imported.weights["layer2.0.conv1.bias"] != nil)
        #expect(imported.metadata["bn_folded"] == "true")
    }

    @Test func inGraphNormalizationIsDetectedWithItsConstants() throws {
        let imported = try Self.load(Fixtures.checkpoints("onnx/iresnet_tiny_ingraph.onnx"))
        #expect(imported.metadata["input_normalization"] == "in-graph")
        #expect(imported.metadata["input_mean"] == "127.5")
        #expect(imported.metadata["input_scale"] == "0.0078125")
    }

    @Test func externalDataIsRejected() {
        let error = #expect(throws: FacetError.self) { try Self.load(Fixtures.checkpoints("onnx/iresnet_tiny_external.onnx")) }
        #expect(error?.kind == .unsupported)
        #expect(error?.message.contains("external file") == true)
    }

    @Test func otherNetworksAreRejected() {
        let error = #expect(throws: FacetError.self) { try Self.load(Fixtures.checkpoints("onnx/not_iresnet.onnx")) }
        #expect(error?.kind == .unsupported)
        #expect(error?.message.contains("(Relu) is not part of an arcface_torch IResNet") == true, "\(error?.message ?? "")")
    }

    /// Any cut of a real model fails with a clear error (sampled cut points; each parse reads the whole prefix).
    @Test func truncatedModelsAreClearErrors() throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: Fixtures.checkpoints("onnx/iresnet_tiny_folded.onnx")))
        for length in stride(from: 0, to: data.count, by: 997) + [1, 2, 3, data.count - 1] {
            let error = #expect(throws: FacetError.self) {
                try ONNXIResNetMapping.map(ONNXModel.parse(data.prefix(length), source: "cut.onnx"))
            }
            #expect(error?.message.hasPrefix("cut.onnx: ") == true)
        }
    }
}

/// Hand-built graphs (Tools/make_onnx_fixtures.py `handmade`): meaningless initializer names, values in float_data and
/// double_data, and each value = NamedRandom(<expected arcface_torch key>, scale 0.5), so the expected tensors are
/// recomputed here independently of the importer.
struct ONNXHandmadeGraphTests {
    static func load(_ path: String) throws -> IResNetImport { try ONNXIResNetMappingTests.load(path) }

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
        let imported = try Self.load(Fixtures.checkpoints("onnx/handmade_ok.onnx"))
        #expect(imported.weights.names == Self.expectedKeys.map(\.key))
        for (key, shape) in Self.expectedKeys {
            var expected = NamedRandom.uniform(key, count: shape.reduce(1, *), scale: 0.5)
            if key.hasSuffix("running_var") { expected = expected.map { abs($0) + 0.5 } }
            #expect(imported.weights[key]?.shape == shape, "\(key)")
            #expect(imported.weights[key]?.values == expected, "\(key)")
        }
        #expect(imported.metadata["blocks"] == "2")
        #expect(imported.metadata["bn_folded"] == "false")
        #expect(imported.metadata["producer"] == "make_onnx_fixtures")
    }

    @Test(arguments: [
        ("identity_first", "ends an identity block before any downsampling block"),
        ("crossed_add", "does not add a block's main branch to its shortcut"),
        ("no_features", "graph ends before the final BatchNormalization"),
        ("training_bn", "training-mode BatchNormalization"),
        ("grouped_conv", "grouped convolution (group 2)"),
    ])
    func brokenStructuresAreRejected(variant: String, problem: String) {
        let path = Fixtures.checkpoints("onnx/handmade_\(variant).onnx")
        let error = #expect(throws: FacetError.self) { try Self.load(path) }
        #expect(error?.kind == .unsupported)
        #expect(error?.message.hasPrefix(path + ": ") == true)
        #expect(error?.message.contains(problem) == true, "\(error?.message ?? "")")
    }
}
