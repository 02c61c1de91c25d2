import Foundation

/// `scipy.ndimage.gaussian_filter` on uint8 arrays, reproduced bit for bit (SciPy 1.17 `_gaussian_kernel1d`,
/// `correlate1d`, `ni_filters.c`). Facts that matter for exactness:
/// - kernel radius r = Int(truncate·σ + 0.5); wₖ = exp(−0.5/σ² · k²), divided by their sum taken in NumPy's
///   pairwise order;
/// - one 1-D pass per axis in axis order (rows, columns, then channels for an H×W×3 array), mode `reflect`;
/// - each output sample is centre·w₀ + Σ_{j=r…1} (left_j + right_j)·w_j in float64, **truncated** to uint8
///   before the next pass.
/// NumPy's `exp` on AVX-512 machines returns exp(−0.98) one ulp low (so σ = 5 weights for k = ±7 differ there);
/// this uses the correctly rounded libm `exp`, which is what NumPy returns everywhere else.
public struct SciPyGaussian: Sendable {
    public let sigma: Double
    public let truncate: Double
    /// w₀ … w_r (the kernel is symmetric).
    public let weights: [Double]

    public init(sigma: Double, truncate: Double = 4) {
        precondition(sigma > 0 && truncate > 0 && truncate * sigma < 1e7, "Gaussian sigma \(sigma), truncate \(truncate)")
        self.sigma = sigma
        self.truncate = truncate
        let radius = Int(truncate * sigma + 0.5)
        let factor = -0.5 / (sigma * sigma)
        let full = (-radius...radius).map { k in exp(factor * Double(k * k)) }
        let total = numpyPairwiseSum(full[...])
        weights = (0...radius).map { full[radius + $0] / total }
    }

    public var radius: Int { weights.count - 1 }

    /// Filters one strided line of `count` samples in place, extending it by reflection.
    func filter(_ line: UnsafeMutablePointer<UInt8>, stride: Int, count n: Int, scratch: inout [Double]) {
        // An all-zero line stays zero (every product is +0): skipping it is exact, and masks are mostly zero.
        if (0..<n).allSatisfy({ line[$0 * stride] == 0 }) { return }
        let r = radius
        scratch.removeAll(keepingCapacity: true)
        for i in -r..<(n + r) { scratch.append(Double(line[reflectHalfSample(i, count: n) * stride])) }
        scratch.withUnsafeBufferPointer { extended in
            weights.withUnsafeBufferPointer { w in
                for i in 0..<n {
                    let centre = i + r
                    var t = extended[centre] * w[0]
                    var j = r
                    while j >= 1 {
                        t += (extended[centre - j] + extended[centre + j]) * w[j]
                        j -= 1
                    }
                    line[i * stride] = UInt8(t)  // C cast: truncation; 0 ≤ t < 256 since the weights sum to 1
                }
            }
        }
    }

    /// What the channel-axis pass does to a pixel whose three channels all equal `value` (a lookup table entry).
    func constantLineValue(_ value: UInt8, length: Int) -> UInt8 {
        var line = [UInt8](repeating: value, count: length)
        var scratch: [Double] = []
        line.withUnsafeMutableBufferPointer { filter($0.baseAddress!, stride: 1, count: length, scratch: &scratch) }
        return line[0]
    }
}

/// NumPy's `add.reduce` order for a contiguous float64 array (`pairwise_sum`, blocks of 8 accumulators).
func numpyPairwiseSum(_ a: ArraySlice<Double>) -> Double {
    let n = a.count
    let s = a.startIndex
    if n < 8 {
        var r = 0.0
        for v in a { r += v }
        return r
    }
    if n <= 128 {
        var r = Array(a[s..<(s + 8)])
        var i = 8
        while i < n - n % 8 {
            for j in 0..<8 { r[j] += a[s + i + j] }
            i += 8
        }
        var res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]))
        while i < n {
            res += a[s + i]
            i += 1
        }
        return res
    }
    var half = n / 2
    half -= half % 8
    return numpyPairwiseSum(a[s..<(s + half)]) + numpyPairwiseSum(a[(s + half)...])
}
