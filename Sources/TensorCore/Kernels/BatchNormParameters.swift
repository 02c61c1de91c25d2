/// Inference-form batch norm: y = (x − mean)/√(var + eps) · γ + β, per channel.
///
/// It reduces to y = x·scale + shift. `scale` and `shift` are computed in Float64 and rounded once, so folding
/// them into a preceding convolution changes results only at float32 rounding level.
public struct BatchNormParameters: Sendable {
    public let gamma, beta, mean, variance: [Float]
    public let epsilon: Double

    public init(gamma: [Float], beta: [Float], mean: [Float], variance: [Float], epsilon: Double) {
        precondition(Set([gamma.count, beta.count, mean.count, variance.count]).count == 1, "BN vectors differ in length")
        (self.gamma, self.beta, self.mean, self.variance, self.epsilon) = (gamma, beta, mean, variance, epsilon)
    }

    public var channels: Int { gamma.count }

    /// Per-channel (scale, shift) with y = x·scale + shift.
    public var scaleAndShift: (scale: [Float], shift: [Float]) {
        var scale = [Float](repeating: 0, count: channels), shift = scale
        for c in 0..<channels {
            let s = Double(gamma[c]) / (Double(variance[c]) + epsilon).squareRoot()
            scale[c] = Float(s)
            shift[c] = Float(Double(beta[c]) - Double(mean[c]) * s)
        }
        return (scale, shift)
    }

    /// Folds this BN into the conv before it: w'[o] = w[o]·scale[o], b'[o] = b[o]·scale[o] + shift[o].
    /// Exact up to rounding because the conv output feeds the BN directly.
    public func fold(convWeight w: [Float], convBias b: [Float]?) -> (weight: [Float], bias: [Float]) {
        precondition(w.count % channels == 0, "conv weight of \(w.count) floats vs \(channels) BN channels")
        let per = w.count / channels
        var weight = w, bias = [Float](repeating: 0, count: channels)
        for o in 0..<channels {
            let s = Double(gamma[o]) / (Double(variance[o]) + epsilon).squareRoot()
            for i in 0..<per { weight[o * per + i] = Float(Double(w[o * per + i]) * s) }
            let b0 = Double(b?[o] ?? 0)
            bias[o] = Float((b0 - Double(mean[o])) * s + Double(beta[o]))
        }
        return (weight, bias)
    }
}
