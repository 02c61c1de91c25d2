@testable import Imaging
import TestSupport
import Testing

/// The running-sum box blur and running-maximum dilation against their plain twins, on random images of many
/// shapes (including images smaller than the window, where the border rules wrap around).
@Suite struct FastKernelSweepTests {
    struct Shape: Sendable, CustomTestStringConvertible {
        let width: Int
        let height: Int
        var testDescription: String { "\(width)x\(height)" }
    }

    static let shapes = [(1, 1), (1, 7), (9, 1), (2, 3), (5, 5), (14, 15), (16, 17), (31, 8), (40, 33)]
        .map { Shape(width: $0.0, height: $0.1) }

    static func random<P: PixelBuffer>(_ type: P.Type, _ shape: Shape, name: String) -> P {
        let values = NamedRandom.uniform(name, count: shape.width * shape.height * P.channels)
        return P(width: shape.width, height: shape.height, pixels: values.map { UInt8(($0 + 1) * 127.5) })
    }

    @Test(arguments: shapes)
    func boxBlurMatchesNaive(_ shape: Shape) {
        let rgb = Self.random(Image.self, shape, name: "box.rgb.\(shape)")
        let gray = Self.random(GrayImage.self, shape, name: "box.gray.\(shape)")
        for size in [1, 3, 5, 15, 21] {
            #expect(rgb.boxBlurred(size: size) == rgb.naiveBoxBlurred(size: size), "rgb size \(size)")
            #expect(gray.boxBlurred(size: size) == gray.naiveBoxBlurred(size: size), "gray size \(size)")
        }
    }

    /// Windows from 2051 on hold sums past Int32 once doubled for the rounding; they must not overflow.
    @Test func boxBlurOfHugeWindowsMatchesNaive() {
        let white = Image(width: 5, height: 4, pixels: [UInt8](repeating: 255, count: 60))
        let rgb = Self.random(Image.self, Shape(width: 5, height: 4), name: "box.huge")
        for size in [2051, 3001] {
            #expect(white.boxBlurred(size: size) == white, "size \(size)")
            #expect(rgb.boxBlurred(size: size) == rgb.naiveBoxBlurred(size: size), "size \(size)")
        }
    }

    @Test(arguments: shapes)
    func dilationMatchesNaive(_ shape: Shape) {
        let rgb = Self.random(Image.self, shape, name: "dilate.rgb.\(shape)")
        let gray = Self.random(GrayImage.self, shape, name: "dilate.gray.\(shape)")
        for (k, n) in [(0, 0), (0, 1), (1, 3), (2, 1), (3, 1), (4, 2), (5, 4), (5, 2), (7, 3)] {
            #expect(rgb.dilated(kernelSize: k, iterations: n) == rgb.naiveDilated(kernelSize: k, iterations: n), "rgb \(k),\(n)")
            #expect(gray.dilated(kernelSize: k, iterations: n) == gray.naiveDilated(kernelSize: k, iterations: n), "gray \(k),\(n)")
        }
    }
}
