import Foundation

extension PixelBuffer {
    /// `scipy.ndimage.gaussian_filter(array, sigma, truncate=…)` on this image as a uint8 array: H×W for gray,
    /// H×W×3 for RGB (σ applies to the channel axis too, as in the reference, unless `filtersChannels` is false,
    /// which is `sigma=(σ, σ, 0)`). See `SciPyGaussian` for the exact rules.
    public func gaussianFiltered(_ gaussian: SciPyGaussian, filtersChannels: Bool = true) -> Self {
        let c = Self.channels
        var data = pixels
        var scratch: [Double] = []
        // Axis 0 (down each column, per channel).
        var column = [UInt8](repeating: 0, count: height)
        for x in 0..<width {
            for ch in 0..<c {
                for y in 0..<height { column[y] = data[(y * width + x) * c + ch] }
                gaussian.filterLine(
                    count: height, scratch: &scratch, read: { column[$0] },
                    write: { y, v in data[(y * width + x) * c + ch] = v })
            }
        }
        // Axis 1 (along each row, per channel).
        var row = [UInt8](repeating: 0, count: width)
        for y in 0..<height {
            for ch in 0..<c {
                for x in 0..<width { row[x] = data[(y * width + x) * c + ch] }
                gaussian.filterLine(
                    count: width, scratch: &scratch, read: { row[$0] },
                    write: { x, v in data[(y * width + x) * c + ch] = v })
            }
        }
        // Axis 2 (across the channels of each pixel).
        if filtersChannels && c > 1 {
            var pixel = [UInt8](repeating: 0, count: c)
            for p in 0..<(width * height) {
                for ch in 0..<c { pixel[ch] = data[p * c + ch] }
                gaussian.filterLine(
                    count: c, scratch: &scratch, read: { pixel[$0] }, write: { ch, v in data[p * c + ch] = v })
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
