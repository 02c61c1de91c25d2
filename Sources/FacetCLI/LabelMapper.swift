import FaceModels
import Imaging
import TensorCore

/// BiSeNet label maps from decoded images, with the reference preprocessing (Pillow bilinear to 512×512, ImageNet
/// normalization). Shared by `facet parse` and `facet blur` (which parses each image once for all its parts).
struct LabelMapper: Sendable {
    let model: BiSeNet

    /// Per-worker buffers: the model's activations (with the threads its kernels split over) and the input batch.
    struct Worker {
        let model: InferenceWorkspace
        let input = Workspace()

        init(threads: Int) { model = InferenceWorkspace(threads: threads) }
    }

    /// The 512×512 label maps of `images`, from one forward pass.
    func labelMaps(_ images: [Image], worker: inout Worker) -> [GrayImage] {
        guard !images.isEmpty else { return [] }
        let size = BiSeNet.inputSize
        worker.input.reset()
        let x = worker.input.tensor(Shape(images.count, 3, size, size))
        for (n, image) in images.enumerated() {
            BiSeNet.writeInput(rgb: image.resizedPillowBilinear(width: size, height: size).pixels, into: x, item: n)
        }
        let labels = BiSeNet.labels(model(x, workspace: worker.model), threads: worker.model.threads)
        return (0..<images.count).map { n in
            GrayImage(width: size, height: size, pixels: Array(labels[n * size * size..<(n + 1) * size * size]))
        }
    }
}
