import Imaging

/// Face embedding: an L2-normalized feature vector per face. ArcFace IResNet (`IResNetEmbedder`) is the one
/// Facet ships; another embedder is one new type that conforms.
public protocol FaceEmbedder: Sendable {
    /// Length of each embedding.
    var embeddingSize: Int { get }

    /// The network's input picture for a decoded image (crop and resize), done per image before batching.
    func face(from image: Image) -> Image

    /// The L2-normalized embeddings of faces prepared by `face(from:)`, in order. With `flip`, each is the
    /// normalized sum of the embeddings of the face and its mirror image.
    func embeddings(_ faces: [Image], flip: Bool, buffers: InferenceBuffers) -> [[Float]]
}

extension FaceEmbedder {
    /// The embedding of one decoded image.
    public func embedding(of image: Image, flip: Bool = false, buffers: InferenceBuffers = InferenceBuffers()) -> [Float] {
        embeddings([face(from: image)], flip: flip, buffers: buffers)[0]
    }
}
