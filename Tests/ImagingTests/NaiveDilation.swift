import Imaging

extension PixelBuffer {
    /// Plain twin of `dilated(kernelSize:iterations:)`: each window scanned in full.
    func naiveDilated(kernelSize: Int, iterations: Int) -> Self {
        precondition(kernelSize >= 0 && iterations >= 0)
        if iterations == 0 || kernelSize == 1 { return self }
        let k = kernelSize == 0 ? 3 : kernelSize
        let anchor = k / 2
        let before = anchor * iterations  // reach towards lower indices
        let after = (k - 1 - anchor) * iterations
        let c = Self.channels
        var rows = pixels
        for y in 0..<height {
            for x in 0..<width {
                let lo = max(x - before, 0), hi = min(x + after, width - 1)
                for ch in 0..<c {
                    var m: UInt8 = 0
                    for sx in lo...hi { m = Swift.max(m, pixels[(y * width + sx) * c + ch]) }
                    rows[(y * width + x) * c + ch] = m
                }
            }
        }
        var out = rows
        for y in 0..<height {
            let lo = max(y - before, 0), hi = min(y + after, height - 1)
            for x in 0..<width {
                for ch in 0..<c {
                    var m: UInt8 = 0
                    for sy in lo...hi { m = Swift.max(m, rows[(sy * width + x) * c + ch]) }
                    out[(y * width + x) * c + ch] = m
                }
            }
        }
        return Self(width: width, height: height, pixels: out)
    }
}
