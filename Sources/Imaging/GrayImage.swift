/// An 8-bit single-channel image: part masks (0/255), blend weights and BiSeNet label maps (values 0…18).
public struct GrayImage: PixelBuffer {
    public static let channels = 1
    public let width: Int
    public let height: Int
    public var pixels: [UInt8]

    public init(width: Int, height: Int, pixels: [UInt8]) {
        precondition(width >= 0 && height >= 0 && pixels.count == width * height, "gray buffer size mismatch")
        self.width = width
        self.height = height
        self.pixels = pixels
    }

    /// Three identical channels, as `cv2.imread` returns a gray PNG with its default `IMREAD_COLOR`.
    public func replicatedToRGB() -> Image {
        var out = [UInt8](repeating: 0, count: pixels.count * 3)
        for (i, v) in pixels.enumerated() {
            out[3 * i] = v
            out[3 * i + 1] = v
            out[3 * i + 2] = v
        }
        return Image(width: width, height: height, pixels: out)
    }
}
