import CPNG
import TensorCore

/// PNG through libpng's simplified API (`png_image_*`), which needs no setjmp.
///
/// Decoding matches Pillow's `Image.open(path).convert('RGB')`: gray is replicated, palettes are expanded, and an
/// alpha channel is **dropped** (not composited: a transparent pixel keeps its stored colour). 16-bit samples are
/// read as sRGB-encoded (libpng's `PNG_IMAGE_FLAG_16BIT_sRGB`) and reduced to 8 bits by libpng, which rounds
/// (v·255/65535); OpenCV and Pillow (for RGB) keep the high byte (v >> 8), so 16-bit files can differ from them
/// by 1. (Pillow converts 16-bit *gray* to RGB by clipping at 255, a near-white image; Facet does not copy that.)
/// Gamma: Pillow and OpenCV take samples as stored whatever a gAMA chunk says, but libpng's simplified API would
/// convert them to sRGB. Facet drops gAMA chunks before decoding, so it matches them (corpus: gamma 1.0 and 0.5).
public enum PNGCodec {
    public static func decode(_ bytes: [UInt8], name: String, maxPixels: Int) throws -> Image {
        var image = png_image()
        image.version = UInt32(PNG_IMAGE_VERSION)
        defer { png_image_free(&image) }
        // libpng keeps the pointer until png_image_finish_read: the whole read happens inside this closure, so
        // the buffer outlives every use of it (Swift may free an array right after its last visible use).
        return try withoutGammaChunks(bytes).withUnsafeBytes { raw in
            try decode(raw, image: &image, name: name, maxPixels: maxPixels)
        }
    }

    private static func decode(
        _ raw: UnsafeRawBufferPointer, image: inout png_image, name: String, maxPixels: Int
    ) throws -> Image {
        let begun = png_image_begin_read_from_memory(&image, raw.baseAddress, raw.count)
        guard begun != 0 else { throw FacetError(.badData, "\(name): cannot decode PNG: \(message(of: image))") }

        let width = Int(image.width)
        let height = Int(image.height)
        guard width > 0, height > 0, width.multipliedReportingOverflow(by: height).partialValue <= maxPixels,
            width <= maxPixels, height <= maxPixels
        else {
            throw FacetError(.badData, "\(name): PNG is \(width)x\(height) pixels, above the limit of \(maxPixels)")
        }
        if image.format & UInt32(PNG_FORMAT_FLAG_LINEAR) != 0 { image.flags |= UInt32(PNG_IMAGE_FLAG_16BIT_sRGB) }
        let hasAlpha = image.format & UInt32(PNG_FORMAT_FLAG_ALPHA) != 0
        image.format = UInt32(PNG_FORMAT_FLAG_COLOR) | (hasAlpha ? UInt32(PNG_FORMAT_FLAG_ALPHA) : 0)
        let decodedChannels = hasAlpha ? 4 : 3

        var decoded = [UInt8](repeating: 0, count: width * height * decodedChannels)
        let finished = decoded.withUnsafeMutableBytes { raw in
            png_image_finish_read(&image, nil, raw.baseAddress, 0, nil)
        }
        guard finished != 0 else { throw FacetError(.badData, "\(name): cannot decode PNG: \(message(of: image))") }
        if !hasAlpha { return Image(width: width, height: height, pixels: decoded) }

        var rgb = [UInt8](repeating: 0, count: width * height * 3)
        for i in 0..<(width * height) {
            rgb[3 * i] = decoded[4 * i]
            rgb[3 * i + 1] = decoded[4 * i + 1]
            rgb[3 * i + 2] = decoded[4 * i + 2]
        }
        return Image(width: width, height: height, pixels: rgb)
    }

    /// Lossless 8-bit PNG of an RGB or gray image.
    public static func encode<P: PixelBuffer>(_ pixels: P) throws -> [UInt8] {
        var image = png_image()
        image.version = UInt32(PNG_IMAGE_VERSION)
        image.width = UInt32(pixels.width)
        image.height = UInt32(pixels.height)
        image.format = P.channels == 1 ? 0 : UInt32(PNG_FORMAT_FLAG_COLOR)  // PNG_FORMAT_GRAY : PNG_FORMAT_RGB
        defer { png_image_free(&image) }
        var size = 0
        let sized = pixels.pixels.withUnsafeBytes { raw in
            png_image_write_to_memory(&image, nil, &size, 0, raw.baseAddress, 0, nil)
        }
        guard sized != 0, size > 0 else { throw FacetError(.io, "cannot encode PNG: \(message(of: image))") }
        var out = [UInt8](repeating: 0, count: size)
        let written = out.withUnsafeMutableBytes { dest in
            pixels.pixels.withUnsafeBytes { raw in
                png_image_write_to_memory(&image, dest.baseAddress, &size, 0, raw.baseAddress, 0, nil)
            }
        }
        guard written != 0 else { throw FacetError(.io, "cannot encode PNG: \(message(of: image))") }
        return Array(out.prefix(size))
    }

    /// The PNG stream minus its gAMA chunks (ancillary, each with its own CRC, so the rest stays valid).
    /// A malformed chunk list is returned unchanged for libpng to report.
    static func withoutGammaChunks(_ bytes: [UInt8]) -> [UInt8] {
        var out = Array(bytes.prefix(8))
        var position = 8
        while position + 12 <= bytes.count {
            let length = bytes[position..<position + 4].reduce(0) { $0 << 8 | Int($1) }
            let end = position + 12 + length
            guard length <= bytes.count, end <= bytes.count else { return bytes }
            if bytes[(position + 4)..<(position + 8)].elementsEqual("gAMA".utf8) {
                position = end
                continue
            }
            out.append(contentsOf: bytes[position..<end])
            position = end
        }
        out.append(contentsOf: bytes[position...])
        return out
    }

    private static func message(of image: png_image) -> String {
        withUnsafeBytes(of: image.message) { raw in
            String(decoding: Array(raw.prefix { $0 != 0 }), as: UTF8.self)
        }
    }
}
