import Imaging
import Testing

/// Our PNG decoder reads every committed fixture to the exact bytes NumPy wrote (FNV-1a checksums recorded by
/// the fixture script), so the op tests compare against the right pixels.
@Suite struct FixtureDecodeTests {
    static let files = FixtureManifest.shared.pngs.keys.sorted()

    @Test(arguments: files)
    func pngFixtureDecodesToRecordedBytes(_ file: String) throws {
        let info = try #require(FixtureManifest.shared.pngs[file])
        let bytes: [UInt8]
        let shape: [Int]
        if info.shape.count == 2 {
            let gray = try FixtureManifest.gray(file)
            (bytes, shape) = (gray.pixels, [gray.height, gray.width])
        } else {
            let rgb = try FixtureManifest.rgb(file)
            (bytes, shape) = (rgb.pixels, [rgb.height, rgb.width, 3])
        }
        #expect(shape == info.shape)
        #expect(fnv1a64(bytes) == info.fnv1a64)
    }
}
