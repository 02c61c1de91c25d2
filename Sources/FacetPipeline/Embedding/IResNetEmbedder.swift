import FaceModels
import Imaging
import TensorCore

/// ArcFace IResNet embeddings with the reference preprocessing without landmarks: centre crop, OpenCV
/// INTER_LINEAR to 112×112, the model family's normalization. See `FacetPipeline.docc/Preprocessing.md`.
public struct IResNetEmbedder: FaceEmbedder {
    public let model: IResNet

    public init(model: IResNet) { self.model = model }

    /// Loads IResNet weights from any supported checkpoint file (`.params`, `.pth`, `.onnx`, `.safetensors`).
    public init(weightsAt path: String) throws {
        self.init(model: try IResNet(weights: try WeightFile.iresnet(path)))
    }

    public var embeddingSize: Int { IResNetFamily.embeddingSize }

    public func face(from image: Image) -> Image { image.arcFaceInput(size: IResNetFamily.inputSize) }

    public func embeddings(_ faces: [Image], flip: Bool, buffers: InferenceBuffers) -> [[Float]] {
        guard !faces.isEmpty else { return [] }
        let size = IResNetFamily.inputSize, d = embeddingSize
        // x[N·views, 3, 112, 112]: originals first, then their mirror images when flipping.
        let views = flip ? 2 : 1
        buffers.input.reset()
        let x = buffers.input.tensor(Shape(faces.count * views, 3, size, size))
        for (n, face) in faces.enumerated() {
            model.inputNormalization.writeInput(rgb: face.pixels, into: x, item: n)
            if flip {
                let mirror = EXIFOrientation.mirrored.apply(to: face)
                model.inputNormalization.writeInput(rgb: mirror.pixels, into: x, item: faces.count + n)
            }
        }
        let raw = model(x, workspace: buffers.model)  // [N·views, 512]
        if flip {
            for j in 0..<faces.count * d { raw.pointer[j] += raw.pointer[faces.count * d + j] }
        }
        let embeddings = Tensor(shape: Shape(faces.count, d), storage: raw.storage, offset: raw.offset)  // [N, 512]
        Ops.l2NormalizeRows(embeddings, into: embeddings)
        return (0..<faces.count).map { n in Array(UnsafeBufferPointer(start: embeddings.pointer + n * d, count: d)) }
    }
}
