import Imaging

/// Face parsing: a label map per image, one class number per pixel. BiSeNet (`BiSeNetParser`) is the one Facet
/// ships; another parser is one new type that conforms.
public protocol FaceParser: Sendable {
    /// The label maps of `images` (decoded RGB at any size), in order, with the parser's own preprocessing.
    func labelMaps(_ images: [Image], buffers: InferenceBuffers) -> [GrayImage]
}

extension FaceParser {
    /// The label map of one decoded image.
    public func labelMap(of image: Image, buffers: InferenceBuffers = InferenceBuffers()) -> GrayImage {
        labelMaps([image], buffers: buffers)[0]
    }
}
