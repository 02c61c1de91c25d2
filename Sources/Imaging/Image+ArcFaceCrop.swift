extension Image {
    /// The crop the reference extractor takes when it has no landmarks (insightface 2019 `face_preprocess.preprocess`
    /// with bbox and landmark None, margin 44): a centre box inset by ⌊W·0.0625⌋ and ⌊H·0.0625⌋, grown by
    /// margin/2 = 22 px on every side and clipped to the image. For the 224×224 MORPH crops that is the whole image.
    public func arcFaceCentreCrop() -> Image {
        let insetX = Int(Double(width) * 0.0625), insetY = Int(Double(height) * 0.0625)
        let halfMargin = 22
        let x0 = max(insetX - halfMargin, 0), y0 = max(insetY - halfMargin, 0)
        let x1 = min(width - insetX + halfMargin, width), y1 = min(height - insetY + halfMargin, height)
        if x0 == 0 && y0 == 0 && x1 == width && y1 == height { return self }
        var pixels = [UInt8]()
        pixels.reserveCapacity((x1 - x0) * (y1 - y0) * 3)
        for y in y0..<y1 { pixels += self.pixels[(y * width + x0) * 3..<(y * width + x1) * 3] }
        return Image(width: x1 - x0, height: y1 - y0, pixels: pixels)
    }

    /// The 112×112 ArcFace input the reference extractor makes from an image: centre crop, then OpenCV
    /// INTER_LINEAR resize (for 224×224 inputs, the round-half-up mean of each 2×2 block).
    public func arcFaceInput(size: Int = 112) -> Image {
        let crop = arcFaceCentreCrop()
        return crop.width == size && crop.height == size ? crop : crop.resizedOpenCVLinear(width: size, height: size)
    }
}
