import TensorCore

/// `ContextPath` (`cp`): the ResNet-18 features refined top-down.
///
/// Shapes for a 512×512 input: avg 128×1×1; feat32_up 128×32×32; feat16_up 128×64×64; feat8 128×64×64.
struct ContextPath {
    let resnet: ResNet18
    let arm16: AttentionRefinement
    let arm32: AttentionRefinement
    let convHead32: ConvBNReLU
    let convHead16: ConvBNReLU
    let convAvg: ConvBNReLU

    /// `inputSize`: the side of the input the network is run at (it picks the conv kernels).
    init(loading scope: WeightScope, inputSize: Int) throws {
        resnet = try ResNet18(loading: scope["resnet"], inputSize: inputSize)
        arm16 = try AttentionRefinement(loading: scope["arm16"], inputChannels: 256, outputChannels: 128, size: inputSize / 16)
        arm32 = try AttentionRefinement(loading: scope["arm32"], inputChannels: 512, outputChannels: 128, size: inputSize / 32)
        convHead32 = try ConvBNReLU(
            loading: scope["conv_head32"], inputChannels: 128, outputChannels: 128, kernelSize: 3, padding: 1,
            outputSize: inputSize / 16)
        convHead16 = try ConvBNReLU(
            loading: scope["conv_head16"], inputChannels: 128, outputChannels: 128, kernelSize: 3, padding: 1,
            outputSize: inputSize / 8)
        convAvg = try ConvBNReLU(
            loading: scope["conv_avg"], inputChannels: 512, outputChannels: 128, kernelSize: 1, padding: 0)
    }

    func callAsFunction(_ x: Tensor, workspace: InferenceWorkspace) -> (feat8: Tensor, feat16Up: Tensor, feat32Up: Tensor) {
        let (feat8, feat16, feat32) = workspace.scope("resnet") { resnet(x, workspace: workspace) }

        let pooled = workspace.tensor(Shape(feat32.shape[0], feat32.shape[1], 1, 1))
        workspace.profile("avg_pool", kind: .pool("global avgpool"), shape: pooled.shape) {
            Ops.globalAveragePool(feat32, into: pooled)
        }
        let avg = workspace.scope("conv_avg") { convAvg(pooled, workspace: workspace) }

        // Nearest-resizing the 1×1 `avg` to feat32's size is a broadcast.
        let feat32Sum = workspace.scope("arm32") { arm32(feat32, workspace: workspace) }
        workspace.profile("add32", kind: .elementwise("add channels"), shape: feat32Sum.shape) {
            Ops.addChannels(feat32Sum, avg, into: feat32Sum, workers: workspace.threads)
        }
        let up32 = resizeNearest(feat32Sum, like: feat16, name: "up32", workspace: workspace)
        let feat32Up = workspace.scope("conv_head32") { convHead32(up32, workspace: workspace) }

        let feat16Sum = workspace.scope("arm16") { arm16(feat16, workspace: workspace) }
        workspace.profile("add16", kind: .elementwise("add"), shape: feat16Sum.shape) {
            Ops.add(feat16Sum, feat32Up, into: feat16Sum, workers: workspace.threads)
        }
        let up16 = resizeNearest(feat16Sum, like: feat8, name: "up16", workspace: workspace)
        let feat16Up = workspace.scope("conv_head16") { convHead16(up16, workspace: workspace) }

        return (feat8, feat16Up, feat32Up)
    }

    /// `F.interpolate(x, size of other, mode='nearest')`, profiled as `name`.
    private func resizeNearest(_ x: Tensor, like other: Tensor, name: String, workspace: InferenceWorkspace) -> Tensor {
        let y = workspace.tensor(Shape(x.shape[0], x.shape[1], other.shape[2], other.shape[3]))
        workspace.profile(name, kind: .resize("upsample nearest"), shape: y.shape) { Ops.upsampleNearest(x, into: y) }
        return y
    }
}
