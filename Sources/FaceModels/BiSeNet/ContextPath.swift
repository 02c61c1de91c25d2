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
        let (feat8, feat16, feat32) = resnet(x, workspace: workspace)

        let pooled = workspace.tensor(Shape(feat32.shape[0], feat32.shape[1], 1, 1))
        Ops.globalAveragePool(feat32, into: pooled)
        let avg = convAvg(pooled, workspace: workspace)

        // Nearest-resizing the 1×1 `avg` to feat32's size is a broadcast.
        let feat32Sum = arm32(feat32, workspace: workspace)
        Ops.addChannels(feat32Sum, avg, into: feat32Sum)
        let feat32Up = convHead32(resizeNearest(feat32Sum, like: feat16, workspace: workspace), workspace: workspace)

        let feat16Sum = arm16(feat16, workspace: workspace)
        Ops.add(feat16Sum, feat32Up, into: feat16Sum)
        let feat16Up = convHead16(resizeNearest(feat16Sum, like: feat8, workspace: workspace), workspace: workspace)

        return (feat8, feat16Up, feat32Up)
    }

    /// `F.interpolate(x, size of other, mode='nearest')`.
    private func resizeNearest(_ x: Tensor, like other: Tensor, workspace: InferenceWorkspace) -> Tensor {
        let y = workspace.tensor(Shape(x.shape[0], x.shape[1], other.shape[2], other.shape[3]))
        Ops.upsampleNearest(x, into: y)
        return y
    }
}
