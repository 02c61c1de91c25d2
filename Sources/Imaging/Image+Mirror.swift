extension Image {
    /// The image flipped left to right.
    public func mirrored() -> Image {
        var out = self
        for y in 0..<height {
            for x in 0..<width {
                let src = (y * width + width - 1 - x) * 3, dst = (y * width + x) * 3
                out.pixels[dst] = pixels[src]
                out.pixels[dst + 1] = pixels[src + 1]
                out.pixels[dst + 2] = pixels[src + 2]
            }
        }
        return out
    }
}
