import TensorCore

/// `AttentionRefinementModule` (`cp.arm16`, `cp.arm32`): feat = ConvBNReLU 3×3; out = feat · σ(BN(conv 1×1(GAP(feat)))).
struct AttentionRefinement {
    let conv: ConvBNReLU
    let convAtten: Conv2D  // `conv_atten` with `bn_atten` folded

    init(loading scope: WeightScope, inputChannels: Int, outputChannels: Int, size: Int) throws {
        conv = try ConvBNReLU(
            loading: scope["conv"], inputChannels: inputChannels, outputChannels: outputChannels, kernelSize: 3,
            padding: 1, outputSize: size)
        convAtten = try Conv2D(
            loading: scope["conv_atten"], batchNorm: scope["bn_atten"], inputChannels: outputChannels,
            outputChannels: outputChannels, kernelSize: 1)
    }

    func callAsFunction(_ x: Tensor, workspace: InferenceWorkspace) -> Tensor {
        let feat = workspace.scope("conv") { conv(x, workspace: workspace) }
        let pooled = workspace.tensor(Shape(feat.shape[0], feat.shape[1], 1, 1))
        workspace.profile("avg_pool", kind: .pool("global avgpool"), shape: pooled.shape) {
            Ops.globalAveragePool(feat, into: pooled)
        }
        let atten = convAtten(pooled, workspace: workspace, name: "conv_atten", folded: "bn_atten")
        workspace.profile("sigmoid_atten", kind: .elementwise("sigmoid"), shape: atten.shape) {
            Ops.sigmoid(atten, into: atten, workers: workspace.threads)
        }
        workspace.profile("mul", kind: .elementwise("mul channels"), shape: feat.shape) {
            Ops.mulChannels(feat, atten, into: feat, workers: workspace.threads)
        }
        return feat
    }
}
