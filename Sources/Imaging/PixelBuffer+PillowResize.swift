// Pillow's BILINEAR resize (`Image.resize(size, Image.BILINEAR)`), reproduced bit for bit: the reference
// BiSeNet preprocessing (224 → 512) goes through it. Legend: `c` channels, `k` taps of one output sample.

extension PixelBuffer {
    /// Pillow `resize((width, height), Image.BILINEAR)`: two separable passes, each rounding to uint8;
    /// downscaling widens the filter (antialiasing). Equal sizes give a copy.
    ///
    /// Pass order: Pillow ≤ 10 always ran the horizontal pass first. Pillow 13 (the fixture reference) runs the
    /// vertical pass first whenever the width grows and the height shrinks, which this reproduces; for some
    /// shrink-both size pairs Pillow 13 also goes vertical first by a rule not reproduced here, so those can differ
    /// by rounding. Same-aspect resizes (224 → 512, 512 → 224) are exact either way.
    public func resizedPillowBilinear(width newWidth: Int, height newHeight: Int) -> Self {
        precondition(newWidth > 0 && newHeight > 0 && width > 0 && height > 0)
        let horizontal = newWidth != width ? PillowTaps(inputSize: width, outputSize: newWidth) : nil
        let vertical = newHeight != height ? PillowTaps(inputSize: height, outputSize: newHeight) : nil
        var result = self
        if newWidth > width && newHeight < height, let horizontal, let vertical {
            result = result.pillowPass(vertical, horizontal: false).pillowPass(horizontal, horizontal: true)
            return result
        }
        if let horizontal { result = result.pillowPass(horizontal, horizontal: true) }
        if let vertical { result = result.pillowPass(vertical, horizontal: false) }
        return result
    }

    private func pillowPass(_ taps: PillowTaps, horizontal: Bool) -> Self {
        let c = Self.channels
        let outWidth = horizontal ? taps.outputSize : width
        let outHeight = horizontal ? height : taps.outputSize
        var out = [UInt8](repeating: 0, count: outWidth * outHeight * c)
        pixels.withUnsafeBufferPointer { src in
            for y in 0..<outHeight {
                for x in 0..<outWidth {
                    let o = horizontal ? x : y
                    let first = taps.first[o]
                    for ch in 0..<c {
                        var sum = 1 << (PillowTaps.precisionBits - 1)
                        for k in 0..<taps.count[o] {
                            let sx = horizontal ? first + k : x
                            let sy = horizontal ? y : first + k
                            sum += Int(src[(sy * width + sx) * c + ch]) * taps.weights[o * taps.stride + k]
                        }
                        out[(y * outWidth + x) * c + ch] = UInt8(clamping: sum >> PillowTaps.precisionBits)
                    }
                }
            }
        }
        return Self(width: outWidth, height: outHeight, pixels: out)
    }
}

/// Pillow's fixed-point filter taps for one axis (`Resample.c` `precompute_coeffs` + `normalize_coeffs_8bpc`).
struct PillowTaps {
    static let precisionBits = 22
    let outputSize: Int
    let stride: Int
    var first: [Int] = []
    var count: [Int] = []
    var weights: [Int] = []

    init(inputSize: Int, outputSize: Int) {
        self.outputSize = outputSize
        let scale = Double(inputSize) / Double(outputSize)
        let filterScale = max(scale, 1)
        let support = 1.0 * filterScale  // bilinear support 1, widened when downscaling
        stride = Int(support.rounded(.up)) * 2 + 1
        weights = [Int](repeating: 0, count: outputSize * stride)
        for o in 0..<outputSize {
            let center = (Double(o) + 0.5) * scale
            let lo = max(Int(center - support + 0.5), 0)
            let hi = min(Int(center + support + 0.5), inputSize)
            let inverseScale = 1.0 / filterScale  // Pillow multiplies by the reciprocal; dividing rounds differently
            var raw = [Double]()
            var total = 0.0
            for j in lo..<hi {
                let w = max(0, 1 - abs((Double(j) - center + 0.5) * inverseScale))
                raw.append(w)
                total += w
            }
            for (k, w) in raw.enumerated() {
                let normalized = total != 0 ? w / total : w
                let fixed = normalized * Double(1 << Self.precisionBits)
                weights[o * stride + k] = fixed < 0 ? Int(-0.5 + fixed) : Int(0.5 + fixed)
            }
            first.append(lo)
            count.append(hi - lo)
        }
    }
}
