import Imaging
import TensorCore
import TestSupport
import Testing

/// The odd-file corpus from `Tools/make_image_fixtures.py`: every file either decodes to what Pillow's
/// `Image.open(path).convert('RGB')` gives (and `ImageOps.exif_transpose` for the upright view), or fails with
/// a one-line `.badData` error naming the file. Nothing crashes.
@Suite struct OddFileCorpusTests {
    static let entries = FixtureManifest.shared.corpus


    @Test(arguments: entries)
    func decodesLikePillowOrFailsCleanly(_ entry: FixtureManifest.CorpusEntry) throws {
        let path = FixtureManifest.path(entry.file)
        if entry.expect == "error" {
            do {
                _ = try ImageFile.read(path)
                Issue.record("\(entry.file) (\(entry.note)) decoded, expected an error")
            } catch let error as FacetError {
                #expect(error.kind == .badData)
                #expect(error.message.hasPrefix(path + ": "))
                #expect(!error.message.contains("\n"))
            }
            return
        }
        let stored = try ImageFile.read(path, options: ImageLoadOptions(appliesEXIFOrientation: false))
        if let opencv = entry.opencv {
            // 16-bit PNGs: compared with OpenCV's v >> 8 (Pillow clips 16-bit gray to 255 instead of scaling).
            try expectClose(stored, FixtureManifest.rgb(opencv), entry, allowed: Tolerance.sixteenBitPNG)
        } else {
            try expectClose(stored, FixtureManifest.rgb(try #require(entry.pillow)), entry, allowed: 0)
        }
        if let upright = entry.pillow_upright {
            try expectClose(try ImageFile.read(path), FixtureManifest.rgb(upright), entry, allowed: 0)
        }
    }

    private func expectClose(_ a: Image, _ b: Image, _ entry: FixtureManifest.CorpusEntry, allowed: Int) throws {
        try #require(a.width == b.width && a.height == b.height, "\(entry.file): size \(a.width)x\(a.height)")
        let d = difference(a.pixels, b.pixels)
        #expect(d.max <= allowed, "\(entry.file): \(d.count) values differ from the reference decode, by up to \(d.max)")
    }
}
