/// Colour overlays of BiSeNet label maps, for looking at parsing results.
public enum LabelOverlay {
    /// One colour per class 0...18 (background is not painted). Chosen to tell neighbouring parts apart.
    public static let palette: [(UInt8, UInt8, UInt8)] = [
        (0, 0, 0), (230, 190, 140), (120, 60, 20), (160, 90, 30), (0, 120, 255), (0, 200, 255), (255, 255, 0),
        (200, 0, 200), (255, 0, 255), (255, 215, 0), (255, 80, 0), (120, 0, 0), (220, 20, 60), (255, 105, 180),
        (0, 160, 80), (0, 255, 160), (90, 90, 200), (40, 40, 40), (0, 90, 160),
    ]

    /// The image with each non-background pixel blended 40 % image, 60 % its class colour. The label map is
    /// resized to the image with nearest-neighbour sampling (src = ⌊dst·in/out⌋), so labels stay labels.
    public static func draw(labels: GrayImage, on image: Image) -> Image {
        var out = image
        for y in 0..<image.height {
            let ly = min(y * labels.height / image.height, labels.height - 1)
            for x in 0..<image.width {
                let lx = min(x * labels.width / image.width, labels.width - 1)
                let label = Int(labels.pixels[ly * labels.width + lx])
                guard label > 0 && label < palette.count else { continue }
                let (r, g, b) = palette[label]
                let i = (y * image.width + x) * 3
                for (c, v) in [r, g, b].enumerated() {
                    out.pixels[i + c] = UInt8((0.4 * Double(image.pixels[i + c]) + 0.6 * Double(v)).rounded())
                }
            }
        }
        return out
    }
}
