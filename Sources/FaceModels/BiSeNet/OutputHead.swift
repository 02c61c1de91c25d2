import TensorCore

/// `BiSeNetOutput` (`conv_out`, `conv_out16`, `conv_out32`): ConvBNReLU 3×3 then a 1×1 conv to class logits.
struct OutputHead {
    let conv: ConvBNReLU
    let convOut: Conv2D

    /// `size`: the side of the map the head runs at, or nil for a head that is loaded but never run.
    init(loading scope: WeightScope, inputChannels: Int, middleChannels: Int, classes: Int, size: Int?) throws {
        conv = try ConvBNReLU(
            loading: scope["conv"], inputChannels: inputChannels, outputChannels: middleChannels, kernelSize: 3,
            padding: 1, outputSize: size)
        convOut = try Conv2D(
            loading: scope["conv_out"], inputChannels: middleChannels, outputChannels: classes, kernelSize: 1)
    }

    func callAsFunction(_ x: Tensor, workspace: InferenceWorkspace) -> Tensor {
        let feat = workspace.scope("conv") { conv(x, workspace: workspace) }
        return convOut(feat, workspace: workspace, name: "conv_out")
    }
}
