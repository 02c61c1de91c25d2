/// How `ImageFile` turns a file into pixels.
public struct ImageLoadOptions: Sendable {
    /// Turn JPEGs upright by their EXIF orientation tag (as `cv2.imread` does). Off reproduces `PIL.Image.open`.
    public var appliesEXIFOrientation: Bool
    /// Refuse images above this many pixels before allocating (hostile or absurd headers).
    public var maxPixels: Int

    public init(appliesEXIFOrientation: Bool = true, maxPixels: Int = 100_000_000) {
        self.appliesEXIFOrientation = appliesEXIFOrientation
        self.maxPixels = maxPixels
    }
}
