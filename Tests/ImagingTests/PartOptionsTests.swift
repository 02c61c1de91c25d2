import Imaging
import TensorCore
import TestSupport
import Testing

@Suite struct PartOptionsTests {
    @Test func referencePartsAndDilationTable() throws {
        let labels = Dictionary(uniqueKeysWithValues: FacePart.reference.map { ($0.name, $0.labels) })
        #expect(labels == [
            "eyes": [4, 5], "brows": [2, 3], "eyeswbrows": [2, 3, 4, 5, 6], "nose": [10],
            "mouthwlips": [11, 12, 13], "hair": [17], "skin": [1],
        ])
        let iterations = FacePart.reference.map { MaskDilation.reference(for: $0.name).iterations }
        #expect(iterations == [4, 4, 2, 3, 4, 4, 0])  // eyes, eyeswbrows, brows, nose, mouthwlips, hair, skin
        #expect(MaskDilation.reference(for: "nose").kernelSize == 5)
        #expect(MaskDilation.reference(for: "ears") == .none)
    }

    @Test func partParsing() throws {
        #expect(try FacePart.parse("nose").labels == [10])
        #expect(try FacePart.parse("ears=7, 8,9") == FacePart(name: "ears", labels: [7, 8, 9]))
        for bad in ["nostril", "x=19", "x=", "=3", "a b=1", "x=1,,two"] {
            #expect(throws: FacetError.self, "\(bad)") { try FacePart.parse(bad) }
        }
    }

    /// A list keeps a defined part's labels together: the commas inside `ears=7,8,9` do not split it.
    @Test func partListParsing() throws {
        let parts = try FacePart.parseList("eyes, ears=7, 8,9,nose")
        #expect(parts.map(\.name) == ["eyes", "ears", "nose"])
        #expect(parts[1].labels == [7, 8, 9])
        for bad in ["", "nose,nose", "nose,,eyes", "7,nose"] {
            #expect(throws: FacetError.self, "\(bad)") { try FacePart.parseList(bad) }
        }
    }

    @Test func maskSelectsLabels() {
        let labels = GrayImage(width: 4, height: 1, pixels: [0, 4, 5, 10])
        #expect(FacePart.reference[0].mask(of: labels).pixels == [0, 255, 255, 0])
    }

    /// Hand-checkable literals for the ops (their fixture tests cover the general case).
    @Test func literalOps() {
        var dot = GrayImage(width: 5, height: 5)
        dot.pixels[12] = 9
        let grown = dot.dilated(kernelSize: 3, iterations: 1)
        #expect(grown.pixels.filter { $0 == 9 }.count == 9 && grown.pixels[6] == 9 && grown.pixels[0] == 0)
        #expect(dot.dilated(kernelSize: 5, iterations: 0) == dot)

        // 3×1 row [0 90 30], window 3, BORDER_REFLECT_101 (90 | 0 90 30 | 90):
        // x0 = (90+0+90+ 3 rows same)/9 → (90+0+90)/3 = 60; x1 = 40; x2 = (90+30+90)/3 = 70.
        let row = GrayImage(width: 3, height: 1, pixels: [0, 90, 30])
        #expect(row.boxBlurred(size: 3).pixels == [60, 40, 70])

        // α = 128/255: 128/255·200 + (1 − 128/255)·100 = 150.196… → 150 (truncated).
        let base = Image(width: 1, height: 1, pixels: [100, 100, 100])
        let over = Image(width: 1, height: 1, pixels: [200, 0, 255])
        let alpha = GrayImage(width: 1, height: 1, pixels: [128])
        #expect(base.composited(with: over, weights: alpha).pixels == [150, 49, 177])

        let tile = Image(width: 2, height: 1, pixels: [0, 10, 255, 3, 10, 0])
        #expect(tile.pixelated(block: 2).pixels == [2, 10, 128, 2, 10, 128])
    }

    @Test func hardEdgeSolidFillReplacesExactlyTheDilatedPart() {
        var labels = GrayImage(width: 8, height: 8)
        labels.pixels[3 * 8 + 3] = 10
        let image = Image(width: 8, height: 8, pixels: [UInt8](repeating: 100, count: 192))
        let options = PartBlurOptions(
            occlusion: .solidFill(red: 1, green: 2, blue: 3), featherSigma: 0,
            dilationOverride: MaskDilation(kernelSize: 3, iterations: 1))
        let out = PartBlur.apply(image: image, labels: labels, part: FacePart.reference[3], options: options)
        for y in 0..<8 {
            for x in 0..<8 {
                let inside = (2...4).contains(x) && (2...4).contains(y)
                let pixel = Array(out.pixels[(y * 8 + x) * 3..<(y * 8 + x) * 3 + 3])
                #expect(pixel == (inside ? [1, 2, 3] : [100, 100, 100]), "(\(x), \(y))")
            }
        }
    }

    @Test func gaussianWeightsEqualNumPyWhereItsExpIsCorrectlyRounded() throws {
        let weights = SciPyGaussian(sigma: 5).weights
        let numpy = FixtureManifest.shared.gaussian_sigma5_weights.map { Double($0)! }
        #expect(weights.count == 21)
        // NumPy's AVX-512 exp is one ulp low at k = ±7 on the fixture machine; every other weight is identical.
        for k in 0...20 where k != 7 { #expect(weights[k] == numpy[k], "w\(k)") }
        #expect(abs(weights[7] - numpy[7]) <= weights[7].ulp * Tolerance.numpyExpUlps)
    }
}
