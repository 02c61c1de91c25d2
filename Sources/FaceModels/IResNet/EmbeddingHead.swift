import TensorCore

/// The IResNet tail: `bn2` (BN2d 512) → flatten (C-major) → `fc` 25088→512 → `features` (BN1d 512), folded into one
/// linear layer at load time. Exact: bn2 feeds fc linearly with no padding in between, and features follows fc.
///
/// With bn2 as x·s₂[c] + t₂[c] and features as y·s_f + t_f:
/// W'[o,i] = s_f[o]·W[o,i]·s₂[c(i)],  b'[o] = s_f[o]·(b[o] + Σᵢ W[o,i]·t₂[c(i)]) + t_f[o], computed in Float64.
struct EmbeddingHead {
    let fc: Linear

    init(loading scope: WeightScope, channels: Int, spatial: Int, epsilon: Double, featuresGammaFixed: Bool) throws {
        let inputs = channels * spatial, outputs = IResNetFamily.embeddingSize
        let bn2 = try BatchNorm.parameters(loading: scope["bn2"], channels: channels, epsilon: epsilon).scaleAndShift64
        let weight = try scope["fc"].floats("weight", shape: [outputs, inputs])
        let bias = try scope["fc"].floats("bias", shape: [outputs])
        let features = try BatchNorm.parameters(
            loading: scope["features"], channels: outputs, epsilon: epsilon, fixedGamma: featuresGammaFixed
        ).scaleAndShift64

        var foldedWeight = [Float](repeating: 0, count: outputs * inputs)
        var foldedBias = [Float](repeating: 0, count: outputs)
        for o in 0..<outputs {
            var shifted = Double(bias[o])
            for i in 0..<inputs {
                let c = i / spatial
                let w = Double(weight[o * inputs + i])
                shifted += w * bn2.shift[c]
                foldedWeight[o * inputs + i] = Float(features.scale[o] * w * bn2.scale[c])
            }
            foldedBias[o] = Float(features.scale[o] * shifted + features.shift[o])
        }
        fc = Linear(weight: foldedWeight, bias: foldedBias, outputFeatures: outputs, inputFeatures: inputs)
    }

    func callAsFunction(_ x: Tensor, workspace: InferenceWorkspace) -> Tensor {
        workspace.profile(
            "fc", kind: .linear, flops: 2 * x.shape[0] * fc.weight.shape[0] * fc.weight.shape[1],
            folded: ["bn2", "features"]
        ) { fc(x, workspace: workspace) }
    }
}

extension BatchNormParameters {
    /// (scale, shift) in Float64, for folding chains without intermediate rounding.
    fileprivate var scaleAndShift64: (scale: [Double], shift: [Double]) {
        let scale = (0..<channels).map { Double(gamma[$0]) / (Double(variance[$0]) + epsilon).squareRoot() }
        let shift = (0..<channels).map { Double(beta[$0]) - Double(mean[$0]) * scale[$0] }
        return (scale, shift)
    }
}
