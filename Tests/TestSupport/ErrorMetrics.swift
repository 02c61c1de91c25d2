import TensorCore

/// How far a result is from its reference, in the two measures `Tolerance` budgets are written in.
public struct ErrorMetrics: CustomStringConvertible {
    /// max |a − b| over all elements.
    public let maxAbs: Float
    /// max |b|, the scale conv and linear errors are measured against.
    public let maxReference: Float
    /// Normalized mean squared error Σ(a − b)² / Σb² (0 when both are all zero).
    public let nmse: Double
    /// Elements where exactly one side is NaN, or where the values differ in infinity.
    public let mismatchedNonFinite: Int

    public init(_ a: [Float], reference b: [Float]) {
        precondition(a.count == b.count, "comparing \(a.count) values with \(b.count)")
        var maxAbs: Float = 0, maxReference: Float = 0, squaredError = 0.0, squaredReference = 0.0, nonFinite = 0
        for (x, r) in zip(a, b) {
            if !x.isFinite || !r.isFinite {
                if !(x == r || (x.isNaN && r.isNaN)) { nonFinite += 1 }
                continue
            }
            maxAbs = max(maxAbs, abs(x - r))
            maxReference = max(maxReference, abs(r))
            squaredError += Double(x - r) * Double(x - r)
            squaredReference += Double(r) * Double(r)
        }
        (self.maxAbs, self.maxReference, mismatchedNonFinite) = (maxAbs, maxReference, nonFinite)
        nmse = squaredReference > 0 ? squaredError / squaredReference : (squaredError > 0 ? .infinity : 0)
    }

    public init(_ a: Tensor, reference b: Tensor) {
        precondition(a.shape == b.shape, "comparing shape \(a.shape) with \(b.shape)")
        self.init(a.scalars, reference: b.scalars)
    }

    /// Within the elementwise budget: max abs error ≤ `abs`, no non-finite mismatch.
    public func isWithin(abs: Float) -> Bool { mismatchedNonFinite == 0 && maxAbs <= abs }

    /// Within the conv/linear budget: max abs error ≤ relative · max|reference| and NMSE ≤ nmse.
    public func isWithin(relativeToMax relative: Float, nmse budget: Double) -> Bool {
        mismatchedNonFinite == 0 && maxAbs <= relative * maxReference && nmse <= budget
    }

    public var description: String {
        "max abs err \(maxAbs) (max |ref| \(maxReference)), nmse \(nmse), non-finite mismatches \(mismatchedNonFinite)"
    }
}
