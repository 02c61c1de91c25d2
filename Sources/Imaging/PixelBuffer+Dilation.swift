extension PixelBuffer {
    /// `cv2.dilate(src, np.ones((k, k), np.uint8), iterations: n)`: each output pixel is the maximum over a square
    /// window; pixels outside the image never contribute. n iterations of a k×k window (anchor k/2) equal one window
    /// spanning offsets −(k/2)·n … (k−1−k/2)·n on each axis, computed separably (rows, then columns).
    /// n = 0 or k = 1 is a copy; k = 0 (an empty kernel) means OpenCV's default 3×3.
    public func dilated(kernelSize: Int, iterations: Int) -> Self {
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
