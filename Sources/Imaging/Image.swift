/// An 8-bit RGB image, channels interleaved in R, G, B order (what Pillow's `convert('RGB')` gives, and what
/// `cv2.imread` gives after `cvtColor(BGR2RGB)`). Every command loads images into this one type.
public struct Image: PixelBuffer {
    public static let channels = 3
    public let width: Int
    public let height: Int
    public var pixels: [UInt8]

    public init(width: Int, height: Int, pixels: [UInt8]) {
        precondition(width >= 0 && height >= 0 && pixels.count == width * height * 3, "RGB buffer size mismatch")
        self.width = width
        self.height = height
        self.pixels = pixels
    }

    /// The image with R and B exchanged (RGB ↔ BGR), for exchanging pixels with OpenCV's BGR order.
    public func swappingRedAndBlue() -> Image {
        var out = pixels
        for i in stride(from: 0, to: out.count, by: 3) { out.swapAt(i, i + 2) }
        return Image(width: width, height: height, pixels: out)
    }

    /// A gray image from one channel (0 = R, 1 = G, 2 = B).
    public func channel(_ index: Int) -> GrayImage {
        precondition((0..<3).contains(index))
        var out = [UInt8](repeating: 0, count: width * height)
        for i in 0..<out.count { out[i] = pixels[i * 3 + index] }
        return GrayImage(width: width, height: height, pixels: out)
    }
}
