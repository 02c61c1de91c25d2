import TensorCore

/// How `ImageFile` turns a file into pixels.
public struct ImageLoadOptions: Sendable {
    /// Turn JPEGs upright by their EXIF orientation tag (as `cv2.imread` does). Off reproduces `PIL.Image.open`.
    public var appliesEXIFOrientation: Bool
    /// Refuse images above this many pixels before allocating (hostile or absurd headers).
    public var maxPixels: Int

    /// The default cap, 100 megapixels: a 10000 × 10000 photo, far above any face image.
    public static let defaultMegapixels = 100.0
    /// The highest cap a setting may ask for: 1000 megapixels is 3 GB of 8-bit RGB before any float copy.
    public static let maximumMegapixels = 1000.0

    public init(appliesEXIFOrientation: Bool = true, maxPixels: Int = Int(defaultMegapixels * 1e6)) {
        self.appliesEXIFOrientation = appliesEXIFOrientation
        self.maxPixels = maxPixels
    }

    /// Refuses a cap that is not finite, positive and at most `maximumMegapixels` (`setting` names it).
    public static func checkMegapixels(_ megapixels: Double, _ setting: String) throws {
        try SettingCheck.number(megapixels, in: 0...maximumMegapixels, setting, positive: true, unit: "megapixels")
    }

    /// A checked cap in pixels (at least one).
    public static func pixels(megapixels: Double) -> Int { max(1, Int(megapixels * 1e6)) }
}
