import Checkpoints
import TensorCore
import Testing

@testable import FaceModels

/// Strict loading: every key read with its exact shape, nothing left over.
@Suite struct WeightScopeTests {
    static func store(_ tensors: [String: [Int]]) throws -> WeightStore {
        var store = WeightStore(source: "test.safetensors")
        for (name, shape) in tensors.sorted(by: { $0.key < $1.key }) {
            try store.insert(name, StoredTensor(shape: shape, values: [Float](repeating: 1, count: shape.reduce(1, *))))
        }
        return store
    }

    static func message(_ body: () throws -> Void) -> String? {
        do {
            try body()
            return nil
        } catch let error as FacetError {
            #expect(error.kind == .badData)
            return error.message
        } catch {
            return "\(error)"
        }
    }

    @Test func readsNestedKeysAndTracksUse() throws {
        let root = WeightScope(try Self.store(["cp.resnet.layer1.0.conv1.weight": [2, 3, 1, 1]]))
        let t = try root["cp"]["resnet"]["layer1"][0].tensor("conv1.weight", shape: [2, 3, 1, 1])
        #expect(t.shape == Shape(2, 3, 1, 1))
        try root.finish()
    }

    @Test func missingKeyNamesFileAndKey() throws {
        let root = WeightScope(try Self.store([:]))
        let message = Self.message { _ = try root["layer1"][0].floats("conv1.weight", shape: [4]) }
        #expect(message == "test.safetensors: missing tensor 'layer1.0.conv1.weight' (expected shape [4])")
    }

    @Test func misshapedKeyNamesBothShapes() throws {
        let root = WeightScope(try Self.store(["fc.weight": [512, 100]]))
        let message = Self.message { _ = try root["fc"].floats("weight", shape: [512, 25088]) }
        #expect(message == "test.safetensors: tensor 'fc.weight' has shape [512, 100], the model expects [512, 25088]")
    }

    /// NaN or Inf weights would make every output NaN, so they are refused at load, naming the tensor.
    @Test(arguments: [Float.nan, .infinity, -.infinity])
    func nonFiniteWeightsAreRefused(bad: Float) throws {
        var store = WeightStore(source: "test.safetensors")
        try store.insert("bn.running_var", StoredTensor(shape: [3], values: [1, bad, bad]))
        let message = Self.message { _ = try WeightScope(store)["bn"].floats("running_var", shape: [3]) }
        #expect(message == "test.safetensors: tensor 'bn.running_var' holds 2 non-finite values (NaN or Inf) of 3")
    }

    @Test func unusedKeysAreAnErrorButNumBatchesTrackedIsIgnored() throws {
        let root = WeightScope(try Self.store(["a.weight": [1], "a.num_batches_tracked": [], "b.extra": [2]]))
        _ = try root["a"].floats("weight", shape: [1])
        #expect(Self.message { try root.finish() } == "test.safetensors: 1 unused tensor(s): 'b.extra'")
        _ = try root["b"].floats("extra", shape: [2])
        try root.finish()
    }

    @Test func countsNumberedChildren() throws {
        let root = WeightScope(
            try Self.store(["layer2.0.w": [1], "layer2.1.w": [1], "layer2.2.w": [1], "layer3.0.w": [1]]))
        #expect(root["layer2"].numberedChildCount() == 3)
        #expect(root["layer4"].numberedChildCount() == 0)
    }

    /// A whole model rejects a checkpoint with one tensor missing, one misshaped, or one extra.
    @Test func modelLoadingIsStrict() throws {
        let generating = WeightScope { _, shape in [Float](repeating: 0.5, count: shape.reduce(1, *)) }
        _ = try BiSeNet(loading: generating)
        let complete = generating.generatedStore
        _ = try BiSeNet(weights: complete)

        var missing = complete
        missing.remove("cp.arm16.bn_atten.running_var")
        let missingMessage = Self.message { _ = try BiSeNet(weights: missing) }
        #expect(missingMessage?.contains("missing tensor 'cp.arm16.bn_atten.running_var'") == true)

        var misshaped = complete
        misshaped.remove("conv_out.conv_out.weight")
        try misshaped.insert(
            "conv_out.conv_out.weight", StoredTensor(shape: [18, 256, 1, 1], values: .init(repeating: 0, count: 18 * 256)))
        let misshapedMessage = Self.message { _ = try BiSeNet(weights: misshaped) }
        #expect(misshapedMessage?.contains("'conv_out.conv_out.weight' has shape [18, 256, 1, 1], the model expects [19, 256, 1, 1]") == true)

        var extra = complete
        try extra.insert("sp.conv1.conv.weight", StoredTensor(shape: [1], values: [0]))
        let extraMessage = Self.message { _ = try BiSeNet(weights: extra) }
        #expect(extraMessage == "generated weights: 1 unused tensor(s): 'sp.conv1.conv.weight'")
    }
}
