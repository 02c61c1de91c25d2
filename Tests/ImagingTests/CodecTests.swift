import Foundation
import Imaging
import TensorCore
import TestSupport
import Testing

@Suite struct CodecTests {
    static let face = try! FixtureManifest.rgb("inputs/face224.png")

    @Test func pngRoundTripIsLosslessForRGBAndGray() throws {
        let rgb = Self.face
        #expect(try PNGCodec.decode(PNGCodec.encode(rgb), name: "rgb", maxPixels: 1 << 20) == rgb)
        let gray = rgb.channel(1)
        let decoded = try ImageFile.decode(PNGCodec.encode(gray), name: "gray")
        #expect(decoded == gray.replicatedToRGB())
    }

    /// Our encoder with OpenCV's imwrite settings produces the very bytes `cv2.imencode('.jpg', img)` wrote
    /// (quality 95, 4:2:0, same libjpeg-turbo family).
    @Test func jpegEncodeMatchesOpenCVImwriteBytes() throws {
        let ours = try JPEGCodec.encode(Self.face)
        let opencv = [UInt8](try Data(contentsOf: URL(fileURLWithPath: FixtureManifest.path(
            FixtureManifest.shared.jpeg_encode.opencv))))
        #expect(ours == opencv)
    }

    @Test func jpegRoundTripStaysClose() throws {
        let decoded = try ImageFile.decode(JPEGCodec.encode(Self.face, quality: 95), name: "q95")
        var total = 0
        for i in 0..<decoded.pixels.count { total += abs(Int(decoded.pixels[i]) - Int(Self.face.pixels[i])) }
        let meanAbsoluteError = Double(total) / Double(decoded.pixels.count)
        #expect(meanAbsoluteError < Tolerance.jpegQ95MeanAbsoluteError)
        let gray = try ImageFile.decode(JPEGCodec.encode(Self.face.channel(0)), name: "gray")
        #expect(gray.width == 224 && gray.height == 224)
    }

    @Test func formatIsDetectedByContentNotName() throws {
        let png = try PNGCodec.encode(Self.face)
        let folder = try TemporaryFolder()
        let path = folder.file("png-named.jpg")
        try AtomicFile.write(Data(png), to: path)
        #expect(try ImageFile.read(path) == Self.face)
        #expect(ImageFileFormat.detect([0xFF, 0xD8, 0xFF, 0xE0]) == .jpeg)
        #expect(ImageFileFormat.detect(Array("GIF89a".utf8)) == nil)
        #expect(ImageFileFormat.fromExtension(of: "a.JPG") == .jpeg)
        #expect(ImageFileFormat.fromExtension(of: "a.bmp") == nil)
    }

    @Test func hugeDeclaredSizeIsRefusedBeforeAllocating() throws {
        // A valid JPEG whose SOF0 header is edited to claim 65000 × 65000 pixels.
        var bytes = try JPEGCodec.encode(Self.face)
        let sof = try #require((0..<(bytes.count - 1)).first { bytes[$0] == 0xFF && bytes[$0 + 1] == 0xC0 })
        for offset in [sof + 5, sof + 7] {
            bytes[offset] = 0xFD
            bytes[offset + 1] = 0xE8
        }
        #expect(throws: FacetError.self) { try ImageFile.decode(bytes, name: "huge.jpg") }
        let error = try #require(throws: FacetError.self) { try ImageFile.decode(bytes, name: "huge.jpg") }
        #expect(error.message.contains("above the limit"))
    }

    @Test func missingFilesAndFoldersAreReportedByKind() throws {
        let missing = try #require(throws: FacetError.self) { try ImageFile.read("/nonexistent/facet.png") }
        #expect(missing.kind == .missingInput)
        let temporary = try TemporaryFolder()
        let folder = try #require(throws: FacetError.self) { try ImageFile.read(temporary.path) }
        #expect(folder.kind == .badData)
    }

    @Test func grayReaderRefusesColourImages() throws {
        let error = try #require(throws: FacetError.self) {
            try ImageFile.readGray(FixtureManifest.path("inputs/face224.png"))
        }
        #expect(error.message.contains("expected a gray image"))
    }

    /// Found by the `image` fuzz target: 315 bytes declaring 2274×42547 pixels whose scan stops at EOI decoded to
    /// a 290 MB gray image (30 s under the sanitizers) instead of being refused as truncated.
    @Test func scanCutShortByAMarkerIsTruncation() throws {
        let path = FixtureManifest.path("fuzz/scan_cut_by_marker.jpg")
        // Not #require(throws:): on failure it would print all 290 million pixel values.
        do {
            _ = try ImageFile.read(path)
            Issue.record("decoded, expected a truncation error")
        } catch let error as FacetError {
            #expect(error.kind == .badData)
            #expect(error.message == "\(path): cannot decode JPEG: truncated JPEG (image data ends at a marker)")
        }
    }

    /// Every prefix of a JPEG with an Exif block, and copies with bytes flipped, either decode or throw:
    /// the marker walk and TIFF parser never read out of bounds.
    @Test func damagedExifAndTruncationsNeverCrash() throws {
        let exif = [UInt8](try Data(contentsOf: URL(fileURLWithPath: FixtureManifest.path("corpus/exif_orientation_6.jpg"))))
        #expect(EXIFOrientation.read(fromJPEG: exif) == .rotatedClockwise)
        for length in stride(from: 0, to: exif.count, by: 7) {
            _ = EXIFOrientation.read(fromJPEG: Array(exif.prefix(length)))
            _ = try? ImageFile.decode(Array(exif.prefix(length)), name: "prefix")
        }
        var state: UInt64 = 12345
        for _ in 0..<300 {
            var damaged = exif
            for _ in 0..<4 {
                state = NamedRandom.mix(state)
                let position = 2 + Int(state % 200)  // the Exif block sits right after SOI
                damaged[position] = UInt8(truncatingIfNeeded: state >> 32)
            }
            _ = EXIFOrientation.read(fromJPEG: damaged)
            _ = try? ImageFile.decode(damaged, name: "damaged")
        }
    }

    /// Prefixes and byte-flipped copies of a PNG either decode or throw a one-line error.
    @Test func damagedPNGsNeverCrash() throws {
        let png = try PNGCodec.encode(Self.face.channel(2))
        for length in stride(from: 0, to: png.count, by: 97) {
            #expect(throws: FacetError.self) { try ImageFile.decode(Array(png.prefix(length)), name: "prefix") }
        }
        var state: UInt64 = 987
        for _ in 0..<200 {
            var damaged = png
            state = NamedRandom.mix(state)
            damaged[8 + Int(state % UInt64(png.count - 8))] ^= UInt8(truncatingIfNeeded: state >> 40) | 1
            do { _ = try ImageFile.decode(damaged, name: "damaged") } catch let error as FacetError {
                #expect(error.message.hasPrefix("damaged: ") && !error.message.contains("\n"))
            }
        }
    }

    @Test func orientationMapsCornersLikeExifTranspose() {
        // 3×2 gray image with distinct values: rows [1 2 3] / [4 5 6].
        let image = GrayImage(width: 3, height: 2, pixels: [1, 2, 3, 4, 5, 6])
        #expect(EXIFOrientation.mirrored.apply(to: image).pixels == [3, 2, 1, 6, 5, 4])
        #expect(EXIFOrientation.rotated180.apply(to: image).pixels == [6, 5, 4, 3, 2, 1])
        #expect(EXIFOrientation.rotatedClockwise.apply(to: image).pixels == [4, 1, 5, 2, 6, 3])
        #expect(EXIFOrientation.rotatedCounterClockwise.apply(to: image).pixels == [3, 6, 2, 5, 1, 4])
        #expect(EXIFOrientation.transposed.apply(to: image).pixels == [1, 4, 2, 5, 3, 6])
    }
}
