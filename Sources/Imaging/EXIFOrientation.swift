/// The EXIF orientation tag (0x0112): how the stored pixels must be turned to display upright.
///
/// `cv2.imread(IMREAD_COLOR)`, the reference blur and ArcFace loader, applies it; `PIL.Image.open`, the reference
/// BiSeNet loader, does not (only `ImageOps.exif_transpose` does). Facet applies it by default for every command,
/// so all stages see the same upright pixels; `ImageLoadOptions.appliesEXIFOrientation = false` reproduces Pillow.
public enum EXIFOrientation: Int, Sendable, CaseIterable {
    case normal = 1
    case mirrored = 2  // flip left-right
    case rotated180 = 3
    case mirroredVertically = 4  // flip top-bottom
    case transposed = 5  // mirror about the main diagonal
    case rotatedClockwise = 6  // stored image must turn 90° clockwise
    case transversed = 7  // mirror about the anti-diagonal
    case rotatedCounterClockwise = 8

    /// The orientation recorded in a JPEG's APP1 Exif segment, or nil when there is none or it is unreadable.
    /// Every offset is bounds-checked: a damaged Exif block never fails the decode, it is just ignored.
    public static func read(fromJPEG bytes: [UInt8]) -> EXIFOrientation? {
        var position = 2  // after SOI
        while position + 4 <= bytes.count {
            guard bytes[position] == 0xFF else { return nil }
            let marker = bytes[position + 1]
            if marker == 0xFF { position += 1; continue }  // fill byte
            if marker == 0xD8 || marker == 0x01 || (0xD0...0xD7).contains(marker) { position += 2; continue }
            if marker == 0xDA || marker == 0xD9 { return nil }  // image data starts: no Exif before it
            let length = Int(bytes[position + 2]) << 8 | Int(bytes[position + 3])
            let start = position + 4
            let end = position + 2 + length
            guard length >= 2, end <= bytes.count else { return nil }
            if marker == 0xE1, end - start >= 6, Array(bytes[start..<start + 6]) == Array("Exif\0\0".utf8) {
                return readTIFF(bytes[(start + 6)..<end])
            }
            position = end
        }
        return nil
    }

    /// Reads tag 0x0112 from IFD0 of a TIFF block.
    private static func readTIFF(_ tiff: ArraySlice<UInt8>) -> EXIFOrientation? {
        let base = tiff.startIndex
        let size = tiff.count
        guard size >= 8 else { return nil }
        let littleEndian: Bool
        switch (tiff[base], tiff[base + 1]) {
        case (0x49, 0x49): littleEndian = true
        case (0x4D, 0x4D): littleEndian = false
        default: return nil
        }
        func u16(_ offset: Int) -> Int? {
            guard offset >= 0, offset + 2 <= size else { return nil }
            let a = Int(tiff[base + offset]), b = Int(tiff[base + offset + 1])
            return littleEndian ? a | b << 8 : a << 8 | b
        }
        func u32(_ offset: Int) -> Int? {
            guard let low = u16(littleEndian ? offset : offset + 2), let high = u16(littleEndian ? offset + 2 : offset)
            else { return nil }
            return high << 16 | low
        }
        guard u16(2) == 42, let ifd = u32(4), let count = u16(ifd) else { return nil }
        for entry in 0..<count {
            let at = ifd + 2 + entry * 12
            guard let tag = u16(at), let type = u16(at + 2) else { return nil }
            if tag == 0x0112 {
                guard type == 3, let value = u16(at + 8) else { return nil }  // SHORT
                return EXIFOrientation(rawValue: value)
            }
        }
        return nil
    }

    /// The stored image turned upright.
    public func apply<P: PixelBuffer>(to image: P) -> P {
        if self == .normal { return image }
        let w = image.width, h = image.height, c = P.channels
        let swapsAxes = rawValue >= 5
        let outWidth = swapsAxes ? h : w
        let outHeight = swapsAxes ? w : h
        var out = [UInt8](repeating: 0, count: image.pixels.count)
        image.pixels.withUnsafeBufferPointer { src in
            for y in 0..<outHeight {
                for x in 0..<outWidth {
                    // (sx, sy): the stored pixel shown at (x, y).
                    let (sx, sy): (Int, Int)
                    switch self {
                    case .normal: (sx, sy) = (x, y)
                    case .mirrored: (sx, sy) = (w - 1 - x, y)
                    case .rotated180: (sx, sy) = (w - 1 - x, h - 1 - y)
                    case .mirroredVertically: (sx, sy) = (x, h - 1 - y)
                    case .transposed: (sx, sy) = (y, x)
                    case .rotatedClockwise: (sx, sy) = (y, h - 1 - x)
                    case .transversed: (sx, sy) = (w - 1 - y, h - 1 - x)
                    case .rotatedCounterClockwise: (sx, sy) = (w - 1 - y, x)
                    }
                    let s = (sy * w + sx) * c, d = (y * outWidth + x) * c
                    for k in 0..<c { out[d + k] = src[s + k] }
                }
            }
        }
        return P(width: outWidth, height: outHeight, pixels: out)
    }
}
