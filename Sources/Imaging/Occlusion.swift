/// What replaces a part (inside the feathered mask).
public enum Occlusion: Sendable, Hashable {
    /// `cv2.blur` with a size×size window, BORDER_REFLECT_101 (the reference uses 15).
    case boxBlur(size: Int)
    /// SciPy `gaussian_filter` of each channel with this σ (truncate 4), not across channels.
    case gaussianBlur(sigma: Double)
    /// Each block×block tile (from the top-left) replaced by its mean, rounded half up.
    case pixelate(block: Int)
    /// A constant colour.
    case solidFill(red: UInt8, green: UInt8, blue: UInt8)

    public static let reference = Occlusion.boxBlur(size: 15)

    /// The fully occluded image, blended in by the part's weights.
    public func occlude(_ image: Image) -> Image {
        switch self {
        case .boxBlur(let size):
            return image.boxBlurred(size: size)
        case .gaussianBlur(let sigma):
            return image.gaussianFiltered(SciPyGaussian(sigma: sigma), filtersChannels: false)
        case .pixelate(let block):
            return image.pixelated(block: block)
        case .solidFill(let red, let green, let blue):
            var pixels = [UInt8](repeating: 0, count: image.pixels.count)
            for p in 0..<(image.width * image.height) {
                pixels[3 * p] = red
                pixels[3 * p + 1] = green
                pixels[3 * p + 2] = blue
            }
            return Image(width: image.width, height: image.height, pixels: pixels)
        }
    }
}

extension Image {
    /// Each block×block tile (edge tiles may be smaller) filled with its per-channel mean, rounded half up.
    public func pixelated(block: Int) -> Image {
        precondition(block >= 1)
        var out = pixels
        for top in stride(from: 0, to: height, by: block) {
            for left in stride(from: 0, to: width, by: block) {
                let bottom = min(top + block, height), right = min(left + block, width)
                let count = (bottom - top) * (right - left)
                for ch in 0..<3 {
                    var sum = 0
                    for y in top..<bottom { for x in left..<right { sum += Int(pixels[(y * width + x) * 3 + ch]) } }
                    let mean = UInt8((2 * sum + count) / (2 * count))
                    for y in top..<bottom { for x in left..<right { out[(y * width + x) * 3 + ch] = mean } }
                }
            }
        }
        return Image(width: width, height: height, pixels: out)
    }
}
