extension PixelBuffer {
    /// `cv2.blur(src, (size, size))`: the mean of a size×size window (odd size, centred) with BORDER_REFLECT_101
    /// (… c b | a b c …), rounded to nearest (225 is odd, so there are no ties at size 15). The reference recipe
    /// blurs the face with size 15. Exact integer window sums, kept as running sums (rows, then columns).
    public func boxBlurred(size: Int) -> Self {
        precondition(size >= 1 && size % 2 == 1 && size <= Int(Int32.max) / 255, "box blur needs an odd window")
        if width == 0 || height == 0 { return self }
        let radius = size / 2
        let c = Self.channels
        let rowLength = width * c
        // Source index of window offset i − radius, for i in 0 ..< n + 2·radius.
        let xIndex = (-radius..<(width + radius)).map { reflect101($0, count: width) }
        let yIndex = (-radius..<(height + radius)).map { reflect101($0, count: height) }
        var rowSums = [Int32](repeating: 0, count: height * rowLength)
        pixels.withUnsafeBufferPointer { src in
            rowSums.withUnsafeMutableBufferPointer { sums in
                for y in 0..<height {
                    let row = y * rowLength
                    for ch in 0..<c {
                        var s: Int32 = 0
                        for k in 0..<size { s += Int32(src[row + xIndex[k] * c + ch]) }
                        sums[row + ch] = s
                        for x in 1..<max(width, 1) {
                            s += Int32(src[row + xIndex[x + size - 1] * c + ch]) - Int32(src[row + xIndex[x - 1] * c + ch])
                            sums[row + x * c + ch] = s
                        }
                    }
                }
            }
        }
        // Row sums (≤ 255·size) fit Int32; window sums (≤ 255·size²) and their doubling need Int from size 2051.
        let area = size * size
        var out = [UInt8](repeating: 0, count: pixels.count)
        var column = [Int](repeating: 0, count: rowLength)
        rowSums.withUnsafeBufferPointer { sums in
            out.withUnsafeMutableBufferPointer { dst in
                column.withUnsafeMutableBufferPointer { col in
                    for k in 0..<size {
                        let row = yIndex[k] * rowLength
                        for i in 0..<rowLength { col[i] += Int(sums[row + i]) }
                    }
                    for y in 0..<height {
                        for i in 0..<rowLength { dst[y * rowLength + i] = UInt8((2 * col[i] + area) / (2 * area)) }
                        guard y + 1 < height else { break }
                        let entering = yIndex[y + size] * rowLength, leaving = yIndex[y] * rowLength
                        for i in 0..<rowLength { col[i] += Int(sums[entering + i]) - Int(sums[leaving + i]) }
                    }
                }
            }
        }
        return Self(width: width, height: height, pixels: out)
    }
}

/// OpenCV BORDER_REFLECT_101 index for any offset (periodic for windows larger than the image).
func reflect101(_ i: Int, count n: Int) -> Int {
    if n == 1 { return 0 }
    let period = 2 * n - 2
    let m = ((i % period) + period) % period
    return m < n ? m : period - m
}

/// SciPy `mode='reflect'` (half-sample symmetric, … b a | a b c … ) index for any offset.
func reflectHalfSample(_ i: Int, count n: Int) -> Int {
    let period = 2 * n
    let m = ((i % period) + period) % period
    return m < n ? m : period - 1 - m
}
