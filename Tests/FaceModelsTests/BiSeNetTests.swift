import Checkpoints
import TensorCore
import Testing
import TestSupport

@testable import FaceModels

/// BiSeNet with synthetic weights against PyTorch (`Tools/make_model_fixtures.py`, `Tools/model_reference.py`).
@Suite struct BiSeNetTests {
    /// The loader asks for exactly the keys and shapes of face-parsing.PyTorch's state_dict (160 tensors).
    @Test func loadsExactlyTheCheckpointKeys() throws {
        let generating = WeightScope { key, shape in [Float](repeating: 0, count: shape.reduce(1, *)) }
        _ = try BiSeNet(loading: generating)
        let store = generating.generatedStore
        let requested = Dictionary(uniqueKeysWithValues: store.names.map { ($0, store[$0]!.shape) })
        #expect(requested == (try SyntheticCheckpoint.manifest("bisenet")))
        #expect(store.count == 160)
    }

    @Test(arguments: [(1, 512, 512, 8), (2, 96, 136, 4)])
    func matchesPyTorch(batch: Int, height: Int, width: Int, stride: Int) throws {
        let model = try BiSeNet(weights: try SyntheticCheckpoint.store("bisenet"))
        let pixels = SyntheticCheckpoint.pixels("bisenet.input", count: batch * height * width * 3)
        let x = Tensor(zeros: Shape(batch, 3, height, width))
        let perImage = height * width * 3
        for n in 0..<batch {
            BiSeNet.writeInput(rgb: Array(pixels[n * perImage..<(n + 1) * perImage]), into: x, item: n)
        }
        let logits = model(x, workspace: InferenceWorkspace(threads: 1))
        #expect(logits.shape == Shape(batch, 19, height, width))

        let expected = try NPY.read(path: Fixtures.path("bisenet_\(height)x\(width)_logits.npy"))
        let reference = try expected.floats()
        let (sh, sw) = (expected.shape[2], expected.shape[3])
        var maxError: Float = 0
        for plane in 0..<batch * 19 {
            for i in 0..<sh {
                for j in 0..<sw {
                    let got = logits.pointer[(plane * height + i * stride) * width + j * stride]
                    maxError = max(maxError, abs(got - reference[(plane * sh + i) * sw + j]))
                }
            }
        }
        #expect(maxError <= Tolerance.bisenetLogitsAbs, "max abs logit error \(maxError)")

        let labels = BiSeNet.labels(logits, threads: 1)
        let referenceLabels = try NPY.read(path: Fixtures.path("bisenet_\(height)x\(width)_labels.npy")).bytes()
        let agree = zip(labels, referenceLabels).filter { $0 == $1 }.count
        let agreement = Double(agree) / Double(referenceLabels.count)
        #expect(labels.count == referenceLabels.count)
        #expect(agreement >= Tolerance.bisenetLabelAgreement, "label agreement \(agreement)")
    }

    /// ToTensor + Normalize on hand-checkable pixels: (p/255 − mean)/std per channel.
    @Test func normalizesInputLikeTorchvision() {
        let x = Tensor(zeros: Shape(1, 3, 1, 2))
        BiSeNet.writeInput(rgb: [0, 255, 51, 255, 0, 102], into: x, item: 0)
        let expected: [Float] = [
            (0 - 0.485) / 0.229, (1 - 0.485) / 0.229, (1 - 0.456) / 0.224, (0 - 0.456) / 0.224,
            (0.2 - 0.406) / 0.225, (0.4 - 0.406) / 0.225,
        ]
        for (got, want) in zip(x.scalars, expected) { #expect(abs(got - want) <= Tolerance.elementwiseAbs) }
    }
}
