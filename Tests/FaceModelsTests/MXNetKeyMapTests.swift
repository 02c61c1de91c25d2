import Checkpoints
import Testing
import TensorCore
import TestSupport
@testable import FaceModels

/// The MXNet LResNet100E-IR → arcface_torch IResNet renaming, on the full r100 key set written out from
/// Sources/FacetPipeline/FacetPipeline.docc/Architectures.md ("MXNet to arcface_torch key renaming" for the MXNet
/// names, "Block structure" for the torch key tree: 771 tensors without num_batches_tracked).
struct MXNetKeyMapTests {
    static let r100Units = [3, 13, 30, 3]

    /// Every parameter name `model-r100-ii` holds (plus the leftover classifier), in MXNet's spelling.
    static func mxnetR100Names() -> [String] {
        func bn(_ m: String) -> [String] { ["arg:\(m)_gamma", "arg:\(m)_beta", "aux:\(m)_moving_mean", "aux:\(m)_moving_var"] }
        var names = ["arg:conv0_weight"] + bn("bn0") + ["arg:relu0_gamma"]
        for (stage, units) in r100Units.enumerated() {
            for unit in 1...units {
                let u = "stage\(stage + 1)_unit\(unit)"
                names += bn("\(u)_bn1") + ["arg:\(u)_conv1_weight"] + bn("\(u)_bn2") + ["arg:\(u)_relu1_gamma", "arg:\(u)_conv2_weight"] + bn("\(u)_bn3")
                if unit == 1 { names += ["arg:\(u)_conv1sc_weight"] + bn("\(u)_sc") }
            }
        }
        return names + bn("bn1") + ["arg:pre_fc1_weight", "arg:pre_fc1_bias"] + bn("fc1") + ["arg:fc7_weight"]
    }

    /// arcface_torch iresnet100 state_dict keys, from the key tree in Architectures.md ("Block structure").
    static func torchR100Keys() -> Set<String> {
        func bn(_ m: String) -> [String] { ["weight", "bias", "running_mean", "running_var"].map { "\(m).\($0)" } }
        var keys = ["conv1.weight"] + bn("bn1") + ["prelu.weight"]
        for (stage, blocks) in r100Units.enumerated() {
            for block in 0..<blocks {
                let b = "layer\(stage + 1).\(block)"
                keys += bn("\(b).bn1") + ["\(b).conv1.weight"] + bn("\(b).bn2") + ["\(b).prelu.weight", "\(b).conv2.weight"] + bn("\(b).bn3")
                if block == 0 { keys += ["\(b).downsample.0.weight"] + bn("\(b).downsample.1") }
            }
        }
        return Set(keys + bn("bn2") + ["fc.weight", "fc.bias"] + bn("features"))
    }

    static func store(_ names: [String]) throws -> WeightStore {
        var store = WeightStore(source: "model-r100-ii.params")
        for (i, name) in names.enumerated() { try store.insert(name, StoredTensor(shape: [2], values: [Float(i), 0.5])) }
        return store
    }

    @Test func fullR100KeySetMapsOntoArcfaceTorchKeys() throws {
        #expect(Self.torchR100Keys().count == 771)
        let mapped = try MXNetKeyMap.apply(to: Self.store(Self.mxnetR100Names()))
        #expect(Set(mapped.weights.names) == Self.torchR100Keys())
        #expect(mapped.weights.count == 771)
        #expect(mapped.metadata["family"] == "mxnet-r100")
        #expect(mapped.metadata["blocks"] == "3,13,30,3")
        #expect(mapped.metadata["dropped"] == "arg:fc7_weight")
        #expect(mapped.metadata["features_gamma"] == "fixed-1")
        #expect(mapped.metadata["input_normalization"] == "(x-127.5)*0.0078125")
    }

    @Test func valuesFollowTheirNames() throws {
        let names = Self.mxnetR100Names()
        let mapped = try MXNetKeyMap.apply(to: Self.store(names))
        let index = try #require(names.firstIndex(of: "aux:stage3_unit1_sc_moving_var"))
        #expect(mapped.weights["layer3.0.downsample.1.running_var"]?.values == [Float(index), 0.5])
    }

    @Test(arguments: [
        ("arg:conv0_weight", "conv1.weight"),
        ("arg:bn0_gamma", "bn1.weight"),
        ("arg:relu0_gamma", "prelu.weight"),
        ("arg:stage1_unit1_bn1_beta", "layer1.0.bn1.bias"),
        ("aux:stage2_unit4_bn2_moving_mean", "layer2.3.bn2.running_mean"),
        ("arg:stage4_unit3_relu1_gamma", "layer4.2.prelu.weight"),
        ("arg:stage3_unit30_conv2_weight", "layer3.29.conv2.weight"),
        ("aux:stage3_unit30_bn3_moving_var", "layer3.29.bn3.running_var"),
        ("arg:stage2_unit1_conv1sc_weight", "layer2.0.downsample.0.weight"),
        ("arg:stage2_unit1_sc_gamma", "layer2.0.downsample.1.weight"),
        ("arg:bn1_beta", "bn2.bias"),
        ("arg:pre_fc1_weight", "fc.weight"),
        ("arg:pre_fc1_bias", "fc.bias"),
        ("aux:fc1_moving_var", "features.running_var"),
        ("conv0_weight", "conv1.weight"),
    ])
    func renamesOneKey(mxnet: String, torch: String) {
        #expect(MXNetKeyMap.torchName(for: mxnet) == torch)
    }

    @Test(arguments: ["arg:stage1_unit1_conv3_weight", "arg:stage0_unit1_bn1_gamma", "arg:stage1_unit0_bn1_gamma",
                      "arg:fc7_weight", "arg:conv0_scale", "arg:stage1_unit1_bn1", "arg:bn0"])
    func leavesUnknownKeysUnmapped(mxnet: String) {
        #expect(MXNetKeyMap.torchName(for: mxnet) == nil)
    }

    @Test func unmappedKeysAreReportedByName() throws {
        let names = Self.mxnetR100Names() + ["arg:stage1_unit1_conv3_weight", "arg:se_fc_weight"]
        let error = #expect(throws: FacetError.self) { try MXNetKeyMap.apply(to: Self.store(names)) }
        #expect(error?.kind == .unsupported)
        #expect(error?.message.contains("2 MXNet parameter(s)") == true)
        #expect(error?.message.contains("arg:stage1_unit1_conv3_weight, arg:se_fc_weight") == true)
    }

    @Test func fixGammaForcesFeaturesWeightToOne() throws {
        var raw = WeightStore(source: "m.params")
        try raw.insert("arg:fc1_gamma", StoredTensor(shape: [3], values: [0.25, 7, -1]))
        try raw.insert("arg:fc1_beta", StoredTensor(shape: [3], values: [1, 2, 3]))
        let mapped = try MXNetKeyMap.apply(to: raw)
        #expect(mapped.weights["features.weight"]?.values == [1, 1, 1])
        #expect(mapped.weights["features.bias"]?.values == [1, 2, 3])
    }

    @Test func missingFc1GammaIsAddedAsOnes() throws {
        var raw = WeightStore(source: "m.params")
        try raw.insert("arg:fc1_beta", StoredTensor(shape: [2], values: [1, 2]))
        let mapped = try MXNetKeyMap.apply(to: raw)
        #expect(mapped.weights["features.weight"]?.values == [1, 1])
    }

    @Test func twoNamesForOneKeyIsAnError() throws {
        var raw = WeightStore(source: "m.params")
        try raw.insert("arg:conv0_weight", StoredTensor(shape: [1], values: [1]))
        try raw.insert("conv0_weight", StoredTensor(shape: [1], values: [1]))
        #expect(throws: FacetError.self) { try MXNetKeyMap.apply(to: raw) }
    }

    /// A real `.params` file (Tools/make_mxnet_fixtures.py, kept with the Checkpoints tests).
    @Test func loadMapsNamesAndDropsTheClassifier() throws {
        let imported = try MXNetKeyMap.apply(to: MXNetParams.load(path: Fixtures.checkpoints("mxnet/tiny_v2.params")))
        let store = imported.weights
        #expect(store.names == ["conv1.weight", "prelu.weight", "bn1.running_var", "layer1.0.downsample.0.weight"])
        #expect(store["layer1.0.downsample.0.weight"]?.values == [0.5, 1, 1.5, 2])
        #expect(imported.metadata["dropped"] == "arg:fc7_weight")
        #expect(imported.metadata["bn_eps"] == "2e-5")
        #expect(imported.metadata["input_mean"] == "127.5")
        #expect(imported.metadata["input_scale"] == "0.0078125")
    }
}
