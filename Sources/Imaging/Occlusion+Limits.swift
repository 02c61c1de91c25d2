import TensorCore

extension Occlusion {
    /// The largest box-blur window or pixelation block, in pixels: wider than any face image the study uses, and
    /// far inside what the box blur's exact integer sums hold.
    public static let maximumSize = 1001
    /// The largest Gaussian σ, in pixels, for the occlusion and for the feathering of the mask edge. A kernel is
    /// 8σ + 1 taps, so cost grows with σ × pixels (σ 1000 takes about 2 s on a 224×224 image); a Gaussian
    /// wider than the image is already flat.
    public static let maximumSigma = 1000.0

    /// Refuses a size or σ outside its range (named by its `facet blur` flag), before any image is touched.
    public func validate() throws {
        switch self {
        case .boxBlur(let size):
            try SettingCheck.integer(size, in: 1...Self.maximumSize, "--occlusion-size", unit: "pixels")
            guard size % 2 == 1 else { throw FacetError(.usage, "--occlusion-size \(size): must be odd for box blur") }
        case .gaussianBlur(let sigma):
            try SettingCheck.number(sigma, in: 0...Self.maximumSigma, "--occlusion-sigma", positive: true, unit: "pixels")
        case .pixelate(let block):
            try SettingCheck.integer(block, in: 1...Self.maximumSize, "--occlusion-size", unit: "pixels")
        case .solidFill:
            break
        }
    }
}
