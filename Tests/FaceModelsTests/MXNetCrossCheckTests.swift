import Checkpoints
import Testing
import TestSupport
@testable import FaceModels

/// One tiny LResNet-IR saved by MXNet itself two ways (Tools/make_mxnet_fixtures.py): `mx.model.save_checkpoint`
/// and MXNet's ONNX exporter. The two importers share no code past the float decoding, so agreeing on every key and
/// every value checks the MXNet key map against the structural ONNX walk, on names and a graph MXNet generated.
/// The fixtures are kept with the Checkpoints tests.
struct MXNetCrossCheckTests {
    static func params() throws -> IResNetImport {
        try MXNetKeyMap.apply(to: MXNetParams.load(path: Fixtures.checkpoints("mxnet/lresnet_tiny-0000.params")))
    }

    static func onnx() throws -> IResNetImport {
        try ONNXIResNetMapping.map(ONNXModel.load(path: Fixtures.checkpoints("onnx/lresnet_tiny_mxnet.onnx")))
    }

    @Test func paramsAndOnnxExportMapToTheSameStateDict() throws {
        let params = try Self.params().weights
        let onnx = try Self.onnx().weights
        #expect(params.count == onnx.count)
        #expect(Set(params.names) == Set(onnx.names))
        for name in params.names {
            #expect(params[name]?.shape == onnx[name]?.shape, "\(name)")
            #expect(params[name]?.values == onnx[name]?.values, "\(name)")
        }
        #expect(params["layer2.1.prelu.weight"]?.shape == [16])
        #expect(params["features.weight"]?.values == Array(repeating: 1, count: 16))
    }

    @Test func metadataDescribesAnMXNetModel() throws {
        let params = try Self.params()
        #expect(params.metadata["family"] == "mxnet-r12")
        #expect(params.metadata["blocks"] == "1,2,1,1")
        #expect(params.metadata["dropped"] == nil)

        let onnx = try Self.onnx()
        #expect(onnx.metadata["blocks"] == "1,2,1,1")
        #expect(onnx.metadata["bn_folded"] == "false")
        #expect(onnx.metadata["bn_eps"] == "\(Float(2e-5))")
        #expect(onnx.metadata["input_normalization"] == "in-graph")
        #expect(onnx.metadata["input_mean"] == "127.5")
        #expect(onnx.metadata["input_scale"] == "0.0078125")
        #expect(onnx.metadata["input_name"] == "data")
    }
}
