import TensorCore

/// `FeatureFusionModule` (`ffm`): feat = ConvBNReLU 1×1 over [feat8; feat16_up];
/// out = feat · σ(conv2(relu(conv1(GAP(feat))))) + feat. The attention branch has no BN.
struct FeatureFusion {
    let convblk: ConvBNReLU
    let conv1: Conv2D
    let conv2: Conv2D

    init(loading scope: WeightScope, inputChannels: Int, outputChannels: Int) throws {
        convblk = try ConvBNReLU(
            loading: scope["convblk"], inputChannels: inputChannels, outputChannels: outputChannels, kernelSize: 1,
            padding: 0)
        conv1 = try Conv2D(
            loading: scope["conv1"], inputChannels: outputChannels, outputChannels: outputChannels / 4, kernelSize: 1)
        conv2 = try Conv2D(
            loading: scope["conv2"], inputChannels: outputChannels / 4, outputChannels: outputChannels, kernelSize: 1)
    }

    func callAsFunction(_ spatial: Tensor, _ context: Tensor, workspace: InferenceWorkspace) -> Tensor {
        let (n, h, w) = (spatial.shape[0], spatial.shape[2], spatial.shape[3])
        let fcat = workspace.tensor(Shape(n, spatial.shape[1] + context.shape[1], h, w))
        workspace.profile("cat", kind: .elementwise("concat"), shape: fcat.shape) {
            Ops.concatChannels(spatial, context, into: fcat)
        }
        let feat = workspace.scope("convblk") { convblk(fcat, workspace: workspace) }

        let pooled = workspace.tensor(Shape(n, feat.shape[1], 1, 1))
        workspace.profile("avg_pool", kind: .pool("global avgpool"), shape: pooled.shape) {
            Ops.globalAveragePool(feat, into: pooled)
        }
        let hidden = conv1(pooled, workspace: workspace, name: "conv1")
        workspace.profile("relu", kind: .elementwise("relu"), shape: hidden.shape) {
            Ops.relu(hidden, into: hidden, workers: workspace.threads)
        }
        let atten = conv2(hidden, workspace: workspace, name: "conv2")
        workspace.profile("sigmoid", kind: .elementwise("sigmoid"), shape: atten.shape) {
            Ops.sigmoid(atten, into: atten, workers: workspace.threads)
        }

        let out = workspace.tensor(feat.shape)
        workspace.profile("mul", kind: .elementwise("mul channels"), shape: out.shape) {
            Ops.mulChannels(feat, atten, into: out, workers: workspace.threads)
        }
        workspace.profile("add", kind: .elementwise("add"), shape: out.shape) {
            Ops.add(out, feat, into: out, workers: workspace.threads)
        }
        return out
    }
}
