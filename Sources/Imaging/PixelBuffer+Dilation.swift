extension PixelBuffer {
    /// `cv2.dilate(src, np.ones((k, k), np.uint8), iterations: n)`: each output pixel is the maximum over a square
    /// window; pixels outside the image never contribute. n iterations of a k×k window (anchor k/2) equal one window
    /// spanning offsets −(k/2)·n … (k−1−k/2)·n on each axis (OpenCV merges them the same way), computed
    /// separably (rows, then columns) with the van Herk/Gil-Werman running maximum.
    /// n = 0 or k = 1 is a copy; k = 0 (an empty kernel) means OpenCV's default 3×3.
    public func dilated(kernelSize: Int, iterations: Int) -> Self {
        precondition(kernelSize >= 0 && iterations >= 0)
        if iterations == 0 || kernelSize == 1 || width == 0 || height == 0 { return self }
        let k = kernelSize == 0 ? 3 : kernelSize
        let before = (k / 2) * iterations  // reach towards lower indices
        let after = (k - 1 - k / 2) * iterations
        let c = Self.channels
        var out = pixels
        var maxima = SlidingMaximum(before: before, after: after)
        out.withUnsafeMutableBufferPointer { data in
            let base = data.baseAddress!
            for y in 0..<height {
                for ch in 0..<c { maxima.apply(base + y * width * c + ch, stride: c, count: width) }
            }
            for x in 0..<width {
                for ch in 0..<c { maxima.apply(base + x * c + ch, stride: width * c, count: height) }
            }
        }
        return Self(width: width, height: height, pixels: out)
    }
}

/// In-place running maximum over [i − before, i + after] of a strided line, samples outside counting as 0.
struct SlidingMaximum {
    let before: Int
    let after: Int
    private var padded: [UInt8] = []
    private var prefix: [UInt8] = []
    private var suffix: [UInt8] = []

    init(before: Int, after: Int) {
        self.before = before
        self.after = after
    }

    mutating func apply(_ line: UnsafeMutablePointer<UInt8>, stride: Int, count n: Int) {
        if (0..<n).allSatisfy({ line[$0 * stride] == 0 }) { return }  // max of zeros: nothing to do
        let window = before + after + 1
        let total = n + before + after
        padded.removeAll(keepingCapacity: true)
        padded.append(contentsOf: repeatElement(0, count: total))
        for i in 0..<n { padded[before + i] = line[i * stride] }
        prefix = padded
        suffix = padded
        // Within blocks of `window` samples: prefix[i] = max of block start…i, suffix[i] = max of i…block end.
        for i in 0..<total where i % window != 0 { prefix[i] = max(prefix[i], prefix[i - 1]) }
        var i = total - 2
        while i >= 0 {
            if (i + 1) % window != 0 { suffix[i] = max(suffix[i], suffix[i + 1]) }
            i -= 1
        }
        // The window padded[x ... x + window − 1] spans at most one block boundary.
        for x in 0..<n { line[x * stride] = max(suffix[x], prefix[x + window - 1]) }
    }
}
