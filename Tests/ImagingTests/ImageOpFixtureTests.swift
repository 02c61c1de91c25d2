import Imaging
import Testing

/// Every image op against the library it reproduces (OpenCV 5.0, SciPy 1.17, Pillow 13), pixel for pixel.
@Suite struct ImageOpFixtureTests {
    static let cases = FixtureManifest.shared.ops

    @Test(arguments: cases)
    func opMatchesReferenceLibraryExactly(_ testCase: FixtureManifest.OpCase) throws {
        if FixtureManifest.isGray(testCase.source) {
            let source = try FixtureManifest.gray(testCase.source)
            let expected = try FixtureManifest.gray(testCase.expected)
            try check(run(testCase.params, on: source), expected, testCase)
        } else {
            let source = try FixtureManifest.rgb(testCase.source)
            let expected = try FixtureManifest.rgb(testCase.expected)
            try check(run(testCase.params, on: source), expected, testCase)
        }
    }

    private func run<P: PixelBuffer>(_ p: FixtureManifest.Params, on source: P) throws -> P {
        switch p.op {
        case "pillow_bilinear": return source.resizedPillowBilinear(width: p.width!, height: p.height!)
        case "area": return source.resizedOpenCVArea(width: p.width!, height: p.height!)
        case "linear": return source.resizedOpenCVLinear(width: p.width!, height: p.height!)
        case "dilate": return source.dilated(kernelSize: p.kernel!, iterations: p.iterations!)
        case "gaussian": return source.gaussianFiltered(SciPyGaussian(sigma: p.sigma!))
        case "gaussian_spatial": return source.gaussianFiltered(SciPyGaussian(sigma: p.sigma!), filtersChannels: false)
        case "gaussian_three":
            let gray = try #require(source as? GrayImage)
            return try #require(gray.gaussianFilteredAsThreeChannels(SciPyGaussian(sigma: p.sigma!)) as? P)
        case "box": return source.boxBlurred(size: p.size!)
        case "area_mask":
            let labels = try #require(source as? GrayImage)
            let mask = FacePart(name: "x", labels: Set(p.labels!)).mask(of: labels)
            return try #require(mask.resizedOpenCVArea(width: p.width!, height: p.height!) as? P)
        default:
            Issue.record("unknown op \(p.op)")
            return source
        }
    }

    private func check<P: PixelBuffer>(_ actual: P, _ expected: P, _ testCase: FixtureManifest.OpCase) throws {
        #expect(actual.width == expected.width && actual.height == expected.height)
        guard actual.pixels.count == expected.pixels.count else { return }
        let d = difference(actual.pixels, expected.pixels)
        #expect(d.count == 0, "\(testCase.name): \(d.count) values differ, by up to \(d.max)")
    }
}
