// OpenCV `cv2.resize` for uint8 images, reproduced bit for bit (OpenCV 5.0 fixtures): INTER_AREA (label masks
// 512 → image size, any size) and INTER_LINEAR (ArcFace input 224 → 112, any size).
// Legend: `c` channels; `row` = width·c interleaved values.

extension PixelBuffer {
    /// `cv2.resize(src, (width, height), interpolation=cv2.INTER_AREA)`. Shrinking (or keeping) both axes: integer
    /// factors average each block; other factors weight each source pixel by the area it shares
    /// with the output pixel, accumulated in float32 exactly in OpenCV's order, then rounded half to even.
    /// When either axis is enlarged, OpenCV (and this) switches to its bilinear resampler with area-style
    /// weights: output pixel d takes source floor(d·s) and weight frac((d+1) − (floor(d·s)+1)/s) of the next one.
    public func resizedOpenCVArea(width newWidth: Int, height newHeight: Int) -> Self {
        precondition(newWidth > 0 && newHeight > 0 && width > 0 && height > 0)
        let scaleX = 1.0 / (Double(newWidth) / Double(width))
        let scaleY = 1.0 / (Double(newHeight) / Double(height))
        guard scaleX >= 1, scaleY >= 1 else {
            return linearFixedPoint(width: newWidth, height: newHeight, scaleX: scaleX, scaleY: scaleY, areaWeights: true)
        }
        let intX = Int(scaleX.rounded()), intY = Int(scaleY.rounded())
        if abs(scaleX - Double(intX)) < Double.ulpOfOne && abs(scaleY - Double(intY)) < Double.ulpOfOne {
            return areaFast(width: newWidth, height: newHeight, blockX: intX, blockY: intY)
        }
        return areaGeneral(width: newWidth, height: newHeight, scaleX: scaleX, scaleY: scaleY)
    }

    /// `cv2.resize(..., interpolation=cv2.INTER_LINEAR)`. An exact 2× reduction is OpenCV's block average (the
    /// 2×2 mean rounded half up); other sizes use its 11-bit fixed-point bilinear weights (each rounded from
    /// float32), half-pixel centres, clamped borders, and its vertical rounding (see `linearFixedPoint`).
    public func resizedOpenCVLinear(width newWidth: Int, height newHeight: Int) -> Self {
        precondition(newWidth > 0 && newHeight > 0 && width > 0 && height > 0)
        let scaleX = 1.0 / (Double(newWidth) / Double(width))
        let scaleY = 1.0 / (Double(newHeight) / Double(height))
        if abs(scaleX - 2) < Double.ulpOfOne && abs(scaleY - 2) < Double.ulpOfOne {
            return areaFast(width: newWidth, height: newHeight, blockX: 2, blockY: 2)
        }
        return linearFixedPoint(width: newWidth, height: newHeight, scaleX: scaleX, scaleY: scaleY, areaWeights: false)
    }

    // MARK: - INTER_AREA

    /// Integer block average (the sizes divide exactly, so every block is whole). A 2×2 block is (sum + 2) >> 2
    /// (OpenCV's vector path); other blocks are sum·(1/area) in float32, rounded half to even.
    private func areaFast(width newWidth: Int, height newHeight: Int, blockX: Int, blockY: Int) -> Self {
        let c = Self.channels
        let area = blockX * blockY
        let inverseArea = 1 / Float(area)
        var out = [UInt8](repeating: 0, count: newWidth * newHeight * c)
        pixels.withUnsafeBufferPointer { src in
            for y in 0..<newHeight {
                for x in 0..<newWidth {
                    for ch in 0..<c {
                        var sum = 0
                        for dy in 0..<blockY {
                            let row = (y * blockY + dy) * width
                            for dx in 0..<blockX { sum += Int(src[(row + x * blockX + dx) * c + ch]) }
                        }
                        out[(y * newWidth + x) * c + ch] = blockX == 2 && blockY == 2
                            ? UInt8((sum + 2) >> 2)
                            : UInt8(clamping: Int((Float(sum) * inverseArea).rounded(.toNearestOrEven)))
                    }
                }
            }
        }
        return Self(width: newWidth, height: newHeight, pixels: out)
    }

    /// One (destination, source, weight) entry per overlap, OpenCV `computeResizeAreaTab`.
    private static func areaTable(inputSize: Int, outputSize: Int, scale: Double) -> [(out: Int, src: Int, weight: Float)] {
        var table: [(Int, Int, Float)] = []
        for d in 0..<outputSize {
            let start = Double(d) * scale
            let end = start + scale
            let cellWidth = min(scale, Double(inputSize) - start)
            var firstWhole = Int(start.rounded(.up))
            var lastWhole = Int(end.rounded(.down))
            lastWhole = min(lastWhole, inputSize - 1)
            firstWhole = min(firstWhole, lastWhole)
            if Double(firstWhole) - start > 1e-3 {
                table.append((d, firstWhole - 1, Float((Double(firstWhole) - start) / cellWidth)))
            }
            for s in firstWhole..<max(firstWhole, lastWhole) {
                table.append((d, s, Float(1.0 / cellWidth)))
            }
            if end - Double(lastWhole) > 1e-3 {
                table.append((d, lastWhole, Float(min(min(end - Double(lastWhole), 1), cellWidth) / cellWidth)))
            }
        }
        return table
    }

    private func areaGeneral(width newWidth: Int, height newHeight: Int, scaleX: Double, scaleY: Double) -> Self {
        let c = Self.channels
        let xTable = Self.areaTable(inputSize: width, outputSize: newWidth, scale: scaleX)
        let yTable = Self.areaTable(inputSize: height, outputSize: newHeight, scale: scaleY)
        let outRow = newWidth * c
        var out = [UInt8](repeating: 0, count: newHeight * outRow)
        var rowSum = [Float](repeating: 0, count: outRow)  // one source row, resized horizontally
        var sum = [Float](repeating: 0, count: outRow)  // weighted rows of the current output row
        var currentRow = yTable.first?.out ?? 0
        let sourceRow = width * c
        pixels.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { out in
                rowSum.withUnsafeMutableBufferPointer { rowSum in
                    sum.withUnsafeMutableBufferPointer { sum in
                        for entry in yTable {
                            for i in 0..<outRow { rowSum[i] = 0 }
                            let base = entry.src * sourceRow
                            // A zero source row adds exact zeros; skipping its pass is exact (masks are mostly zero).
                            if !(0..<sourceRow).allSatisfy({ src[base + $0] == 0 }) {
                                for t in xTable {
                                    for ch in 0..<c {
                                        rowSum[t.out * c + ch] += Float(src[base + t.src * c + ch]) * t.weight
                                    }
                                }
                            }
                            if entry.out != currentRow {
                                for i in 0..<outRow {
                                    out[currentRow * outRow + i] = UInt8(clamping: Int(sum[i].rounded(.toNearestOrEven)))
                                    sum[i] = entry.weight * rowSum[i]
                                }
                                currentRow = entry.out
                            } else {
                                for i in 0..<outRow { sum[i] += entry.weight * rowSum[i] }
                            }
                        }
                        for i in 0..<outRow {
                            out[currentRow * outRow + i] = UInt8(clamping: Int(sum[i].rounded(.toNearestOrEven)))
                        }
                    }
                }
            }
        }
        return Self(width: newWidth, height: newHeight, pixels: out)
    }

    // MARK: - INTER_LINEAR

    private func linearFixedPoint(
        width newWidth: Int, height newHeight: Int, scaleX: Double, scaleY: Double, areaWeights: Bool
    ) -> Self {
        let c = Self.channels
        let one = 2048  // INTER_RESIZE_COEF_SCALE
        // Source index and the two weights of output `d`. Columns clamp at the borders (weight moves to one
        // tap); rows keep their weights and only clamp the row index, as OpenCV's row buffer does.
        func taps(_ d: Int, scale: Double, inverse: Double, inputSize: Int, clampWeights: Bool) -> (Int, Int, Int) {
            var f: Float
            var s: Int
            if areaWeights {
                s = Int((Double(d) * scale).rounded(.down))
                f = Float(Double(d + 1) - Double(s + 1) * inverse)
                f = f <= 0 ? 0 : f - f.rounded(.down)
            } else {
                f = Float((Double(d) + 0.5) * scale - 0.5)
                s = Int(f.rounded(.down))
                f -= Float(s)
            }
            if clampWeights && s < 0 { f = 0; s = 0 }
            if clampWeights && s >= inputSize - 1 { f = 0; s = inputSize - 1 }
            let w0 = Int(((1 - f) * Float(one)).rounded(.toNearestOrEven))
            let w1 = Int((f * Float(one)).rounded(.toNearestOrEven))
            return (s, w0, w1)
        }
        let xTaps = (0..<newWidth).map { taps($0, scale: scaleX, inverse: Double(newWidth) / Double(width), inputSize: width, clampWeights: true) }
        let outRow = newWidth * c
        // Horizontal pass of one source row into int buffer values = pixel·weight sums (scale 2048).
        func horizontal(_ sy: Int) -> [Int] {
            var row = [Int](repeating: 0, count: outRow)
            for (x, t) in xTaps.enumerated() {
                let next = min(t.0 + 1, width - 1)
                for ch in 0..<c {
                    let a = Int(pixels[(sy * width + t.0) * c + ch])
                    let b = Int(pixels[(sy * width + next) * c + ch])
                    row[x * c + ch] = a * t.1 + b * t.2
                }
            }
            return row
        }
        var out = [UInt8](repeating: 0, count: newHeight * outRow)
        for y in 0..<newHeight {
            let t = taps(y, scale: scaleY, inverse: Double(newHeight) / Double(height), inputSize: height, clampWeights: false)
            let r0 = horizontal(min(max(t.0, 0), height - 1))
            let r1 = horizontal(min(max(t.0 + 1, 0), height - 1))
            for i in 0..<outRow {
                // OpenCV's vertical step (its SIMD formula, which OpenCV 5 applies to every column, tails
                // included; checked against cv2): per row v_mul_hi(S >> 4, β) = ((S >> 4)·β) >> 16, then a
                // rounding shift by 2. It differs from the exact (S0·β0 + S1·β1 + 2²¹) >> 22 in a few values.
                let value = ((((r0[i] >> 4) * t.1) >> 16) + (((r1[i] >> 4) * t.2) >> 16) + 2) >> 2
                out[y * outRow + i] = UInt8(clamping: value)
            }
        }
        return Self(width: newWidth, height: newHeight, pixels: out)
    }
}
