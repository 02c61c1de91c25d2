extension Image {
    /// The reference blend: α = weight/255 per pixel (float64), out = α·replacement + (1 − α)·self, truncated to
    /// uint8 (NumPy `.astype(np.uint8)`). `weights` is one value per pixel, applied to all three channels.
    public func composited(with replacement: Image, weights: GrayImage) -> Image {
        precondition(replacement.width == width && replacement.height == height)
        precondition(weights.width == width && weights.height == height)
        let alphas = (0...255).map { Double($0) / 255.0 }  // the same float64 values as weight / 255
        var out = pixels
        for p in 0..<(width * height) {
            let alpha = alphas[Int(weights.pixels[p])]
            for ch in 0..<3 {
                let i = p * 3 + ch
                let v = alpha * Double(replacement.pixels[i]) + (1 - alpha) * Double(pixels[i])
                out[i] = UInt8(v)
            }
        }
        return Image(width: width, height: height, pixels: out)
    }
}
