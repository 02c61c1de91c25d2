import Foundation
import TensorCore

/// The one image loader and writer every command uses. Errors are `FacetError`s whose one-line message starts
/// with the path.
public enum ImageFile {
    /// Reads a PNG or JPEG (decided by its first bytes) as RGB.
    public static func read(_ path: String, options: ImageLoadOptions = ImageLoadOptions()) throws -> Image {
        try decode(readBytes(path), name: path, options: options)
    }

    /// Decodes PNG or JPEG bytes as RGB. `name` labels error messages.
    public static func decode(_ bytes: [UInt8], name: String, options: ImageLoadOptions = ImageLoadOptions())
        throws -> Image
    {
        if bytes.isEmpty { throw FacetError(.badData, "\(name): empty file (0 bytes), not an image") }
        switch ImageFileFormat.detect(bytes) {
        case .jpeg:
            let image = try JPEGCodec.decode(bytes, name: name, maxPixels: options.maxPixels)
            guard options.appliesEXIFOrientation, let orientation = EXIFOrientation.read(fromJPEG: bytes) else {
                return image
            }
            return orientation.apply(to: image)
        case .png:
            return try PNGCodec.decode(bytes, name: name, maxPixels: options.maxPixels)
        case nil:
            throw FacetError(.badData, "\(name): not a PNG or JPEG file (unrecognized signature)")
        }
    }

    /// Reads a gray image such as a label map. The file must hold one gray channel, or three identical ones.
    public static func readGray(_ path: String, options: ImageLoadOptions = ImageLoadOptions()) throws -> GrayImage {
        let rgb = try read(path, options: options)
        let gray = rgb.channel(0)
        for i in 0..<gray.pixels.count where rgb.pixels[3 * i + 1] != gray.pixels[i] || rgb.pixels[3 * i + 2] != gray.pixels[i] {
            throw FacetError(.badData, "\(path): expected a gray image, but pixel \(i % rgb.width),\(i / rgb.width) has colour")
        }
        return gray
    }

    /// Encodes `image` in `format` and writes it atomically. JPEG uses `jpegQuality` (default 95, as OpenCV).
    public static func write<P: PixelBuffer>(
        _ image: P, to path: String, format: ImageFileFormat, jpegQuality: Int = JPEGCodec.defaultQuality
    ) throws {
        let bytes: [UInt8]
        do {
            switch format {
            case .jpeg: bytes = try JPEGCodec.encode(image, quality: jpegQuality)
            case .png: bytes = try PNGCodec.encode(image)
            }
        } catch let error as FacetError {
            throw FacetError(error.kind, "\(path): \(error.message)")
        }
        try AtomicFile.write(Data(bytes), to: path)
    }

    private static func readBytes(_ path: String) throws -> [UInt8] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw FacetError(.missingInput, "\(path): no such file")
        }
        if isDirectory.boolValue { throw FacetError(.badData, "\(path): is a folder, not an image") }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw FacetError(.missingInput, "\(path): cannot read file")
        }
        return [UInt8](data)
    }
}
