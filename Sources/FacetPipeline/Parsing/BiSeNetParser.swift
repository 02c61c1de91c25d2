import FaceModels
import Imaging
import TensorCore

/// BiSeNet face parsing (face-parsing.PyTorch) with the reference preprocessing: Pillow bilinear to 512×512,
/// ImageNet normalization; the label map is the first maximal class of the upsampled logits, 512×512, values 0-18.
/// See `FacetPipeline.docc/Preprocessing.md`.
public struct BiSeNetParser: FaceParser {
    public let model: BiSeNet

    public init(model: BiSeNet) { self.model = model }

    /// Loads BiSeNet weights from any supported checkpoint file (`.pth`, `.safetensors`).
    public init(weightsAt path: String) throws {
        self.init(model: try BiSeNet(weights: try WeightFile.bisenet(path)))
    }

    public func labelMaps(_ images: [Image], buffers: InferenceBuffers) -> [GrayImage] {
        guard !images.isEmpty else { return [] }
        let size = BiSeNet.inputSize
        buffers.input.reset()
        let x = buffers.input.tensor(Shape(images.count, 3, size, size))  // [N, 3, 512, 512]
        for (n, image) in images.enumerated() {
            BiSeNet.writeInput(rgb: image.resizedPillowBilinear(width: size, height: size).pixels, into: x, item: n)
        }
        let labels = BiSeNet.labels(model(x, workspace: buffers.model), threads: buffers.model.threads)  // N·512·512 bytes
        return (0..<images.count).map { n in
            GrayImage(width: size, height: size, pixels: Array(labels[n * size * size..<(n + 1) * size * size]))
        }
    }
}
