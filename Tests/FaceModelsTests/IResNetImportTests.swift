import Checkpoints
import Testing
import TensorCore
import TestSupport
@testable import FaceModels

/// The import facts survive `facet convert`: rendered as metadata and read back, they state the same network.
/// The weight files are the Checkpoints tests' fixtures.
struct IResNetImportTests {
    @Test(arguments: [
        "mxnet/lresnet_tiny-0000.params", "onnx/iresnet_tiny_unfolded.onnx", "onnx/iresnet_tiny_folded.onnx",
        "onnx/iresnet_tiny_ingraph.onnx", "onnx/lresnet_tiny_mxnet.onnx",
    ])
    func metadataReadsBackAsTheSameFacts(file: String) throws {
        let imported = try WeightFile.iresnet(Fixtures.checkpoints(file))
        var converted = imported.weights
        converted.metadata = imported.metadata
        let back = try IResNetImport(stateDict: converted)
        #expect(back.family == imported.family)
        #expect(back.blocksPerStage == imported.blocksPerStage)
        #expect(back.batchNormEpsilon == imported.batchNormEpsilon)
        #expect(back.inputNormalization == imported.inputNormalization)
        #expect(back.inputNormalizationInGraph == imported.inputNormalizationInGraph)
        #expect(back.bnFolded == imported.bnFolded)
        #expect(back.featuresGammaFixed == imported.featuresGammaFixed)
        #expect(back.metadata == imported.metadata)
    }

    @Test func factsOfEachImport() throws {
        let mxnet = try WeightFile.iresnet(Fixtures.checkpoints("mxnet/lresnet_tiny-0000.params"))
        #expect(mxnet.family == .mxnet && mxnet.batchNormEpsilon == 2e-5 && mxnet.featuresGammaFixed)
        #expect(mxnet.inputNormalization == .affine(mean: 127.5, scale: 0.0078125) && mxnet.inputNormalizationInGraph)
        #expect(mxnet.source == .mxnet(dropped: []))

        let onnx = try WeightFile.iresnet(Fixtures.checkpoints("onnx/iresnet_tiny_unfolded.onnx"))
        #expect(onnx.family == .arcfaceTorch && onnx.batchNormEpsilon == 1e-5 && !onnx.featuresGammaFixed)
        #expect(onnx.inputNormalization == .affine(mean: 127.5, scale: Float(1 / 127.5)) && !onnx.inputNormalizationInGraph)
        #expect(onnx.blocksPerStage == [1, 2, 1, 1] && !onnx.bnFolded)
        guard case .onnx(let graph) = onnx.source else {
            Issue.record("an ONNX import without ONNX provenance")
            return
        }
        #expect(graph.inputName == "input.1" && graph.inputShape == "1x3x32x32" && graph.batchNormEpsilons == [1e-5])

        let pth = try WeightFile.iresnet(Fixtures.checkpoints("pth/iresnet_like_half.pth"))
        #expect(pth.family == .arcfaceTorch && pth.source == .stateDict && pth.metadata.isEmpty)
    }

    @Test func bisenetWeightsCannotBeAnONNXModel() {
        let path = Fixtures.checkpoints("onnx/iresnet_tiny_folded.onnx")
        expectFailure(.unsupported, "an ONNX model") { _ = try WeightFile.bisenet(path) }
    }
}
