import CImageCodecs
import TensorCore

/// JPEG through libjpeg (libjpeg-turbo on Debian), via the C shim in `CImageCodecs` that turns libjpeg's fatal
/// errors into return codes and keeps its warnings off stderr.
public enum JPEGCodec {
    /// The quality OpenCV's `imwrite` uses by default, which the reference pipeline relied on.
    public static let defaultQuality = 95

    /// Decodes to RGB. Grayscale is replicated; CMYK/YCCK are converted as Pillow does (see `CImageCodecs.h`).
    /// `name` only labels error messages.
    public static func decode(_ bytes: [UInt8], name: String, maxPixels: Int) throws -> Image {
        var pixels: UnsafeMutablePointer<UInt8>?
        var width: Int32 = 0
        var height: Int32 = 0
        var message = [CChar](repeating: 0, count: 256)
        let status = bytes.withUnsafeBufferPointer { data in
            facet_jpeg_decode_rgb(
                data.baseAddress, data.count, maxPixels, &pixels, &width, &height, &message, message.count)
        }
        guard status == Int32(FACET_JPEG_OK), let pixels else {
            throw FacetError(.badData, "\(name): cannot decode JPEG: \(cString(message))")
        }
        defer { facet_codec_free(pixels) }
        let count = Int(width) * Int(height) * 3
        return Image(
            width: Int(width), height: Int(height), pixels: Array(UnsafeBufferPointer(start: pixels, count: count)))
    }

    /// Encodes RGB or gray pixels as a baseline JPEG (4:2:0 for colour) at `quality` 1…100.
    public static func encode<P: PixelBuffer>(_ image: P, quality: Int = defaultQuality) throws -> [UInt8] {
        guard (1...100).contains(quality) else {
            throw FacetError(.unsupported, "JPEG quality must be 1...100, got \(quality)")
        }
        var jpeg: UnsafeMutablePointer<UInt8>?
        var size = 0
        var message = [CChar](repeating: 0, count: 256)
        let status = image.pixels.withUnsafeBufferPointer { pixels in
            facet_jpeg_encode(
                pixels.baseAddress, Int32(image.width), Int32(image.height), Int32(P.channels), Int32(quality),
                &jpeg, &size, &message, message.count)
        }
        guard status == Int32(FACET_JPEG_OK), let jpeg else {
            throw FacetError(.io, "cannot encode JPEG: \(cString(message))")
        }
        defer { facet_codec_free(jpeg) }
        return Array(UnsafeBufferPointer(start: jpeg, count: size))
    }

    static func cString(_ buffer: [CChar]) -> String {
        let bytes = buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
        return String(decoding: bytes, as: UTF8.self)
    }
}
