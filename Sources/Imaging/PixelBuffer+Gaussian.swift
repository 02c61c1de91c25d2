import Foundation

extension PixelBuffer {
    /// `scipy.ndimage.gaussian_filter(array, sigma, truncate=…)` on this image as a uint8 array: H×W for gray,
    /// H×W×3 for RGB (σ applies to the channel axis too, as in the reference, unless `filtersChannels` is false,
    /// which is `sigma=(σ, σ, 0)`). See `SciPyGaussian` for the exact rules.
    public func gaussianFiltered(_ gaussian: SciPyGaussian, filtersChannels: Bool = true) -> Self {
        let c = Self.channels
        var data = pixels
        var scratch: [Double] = []
        data.withUnsafeMutableBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            for x in 0..<width {  // axis 0: down each column
                for ch in 0..<c { gaussian.filter(base + x * c + ch, stride: width * c, count: height, scratch: &scratch) }
            }
            for y in 0..<height {  // axis 1: along each row
                for ch in 0..<c { gaussian.filter(base + y * width * c + ch, stride: c, count: width, scratch: &scratch) }
            }
            if filtersChannels && c > 1 {  // axis 2: across the channels of each pixel
                for p in 0..<(width * height) { gaussian.filter(base + p * c, stride: 1, count: c, scratch: &scratch) }
            }
        }
        return Self(width: width, height: height, pixels: data)
    }
}

extension GrayImage {
    /// The gray plane of `gaussian_filter` applied to this mask replicated to H×W×3 (three identical channels,
    /// as `cv2.imread` gives the reference): rows and columns as for gray, then the channel-axis pass, which on
    /// equal channels is a fixed per-value map (computed exactly, not assumed to be the identity).
    public func gaussianFilteredAsThreeChannels(_ gaussian: SciPyGaussian) -> GrayImage {
        var out = gaussianFiltered(gaussian)
        let table = (0...255).map { gaussian.constantLineValue(UInt8($0), length: 3) }
        for i in 0..<out.pixels.count { out.pixels[i] = table[Int(out.pixels[i])] }
        return out
    }
}
