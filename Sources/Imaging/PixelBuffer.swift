/// An 8-bit image stored row-major with interleaved channels: pixel (x, y), channel c is at
/// `pixels[(y * width + x) * channels + c]`. `Image` (RGB) and `GrayImage` (masks, label maps) conform,
/// so every image op is written once for both.
public protocol PixelBuffer: Equatable, Sendable {
    static var channels: Int { get }
    var width: Int { get }
    var height: Int { get }
    var pixels: [UInt8] { get set }
    /// Wraps existing pixels; `pixels.count` must be `width * height * channels` (an internal invariant).
    init(width: Int, height: Int, pixels: [UInt8])
}

extension PixelBuffer {
    /// A black (all-zero) image.
    public init(width: Int, height: Int) {
        self.init(width: width, height: height, pixels: [UInt8](repeating: 0, count: width * height * Self.channels))
    }

    public var channels: Int { Self.channels }
    public var rowLength: Int { width * Self.channels }
}
