@testable import Imaging

/// Plain twin of `boxBlurred(size:)`: every window summed from scratch.
extension PixelBuffer {
    func naiveBoxBlurred(size: Int) -> Self {
        precondition(size >= 1 && size % 2 == 1, "box blur needs an odd window")
        let radius = size / 2
        let c = Self.channels
        let xIndex = (-radius..<(width + radius)).map { reflect101($0, count: width) }
        let yIndex = (-radius..<(height + radius)).map { reflect101($0, count: height) }
        // Horizontal window sums (exact integers), then vertical sums of those.
        var rowSums = [Int](repeating: 0, count: pixels.count)
        for y in 0..<height {
            for x in 0..<width {
                for ch in 0..<c {
                    var s = 0
                    for k in 0..<size { s += Int(pixels[(y * width + xIndex[x + k]) * c + ch]) }
                    rowSums[(y * width + x) * c + ch] = s
                }
            }
        }
        let area = size * size
        var out = [UInt8](repeating: 0, count: pixels.count)
        for y in 0..<height {
            for x in 0..<width {
                for ch in 0..<c {
                    var s = 0
                    for k in 0..<size { s += rowSums[(yIndex[y + k] * width + x) * c + ch] }
                    out[(y * width + x) * c + ch] = UInt8((2 * s + area) / (2 * area))  // round half up
                }
            }
        }
        return Self(width: width, height: height, pixels: out)
    }
}

