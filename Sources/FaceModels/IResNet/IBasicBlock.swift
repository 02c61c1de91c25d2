import TensorCore

/// arcface_torch `IBasicBlock` (MXNet `residual_unit_v3`): bn1 → conv1 3×3 → bn2 → PReLU → conv2 3×3 stride s → bn3,
/// plus the identity or `downsample` (1×1 conv stride s → BN); no activation after the add.
///
/// `bn2` and `bn3` follow their convs and are folded into them. `bn1` precedes a zero-padded conv, so folding it
/// would give the padding zeros a shift they do not get in the original: it stays a per-channel affine.
struct IBasicBlock {
    let bn1: BatchNorm
    let conv1: Conv2D
    let prelu: PReLU
    let conv2: Conv2D
    let downsample: Conv2D?

    /// `inputSize`: the side of the input map the network runs the block at (it picks the conv kernels).
    init(
        loading scope: WeightScope, inputChannels: Int, outputChannels: Int, stride: Int, inputSize: Int,
        epsilon: Double
    ) throws {
        bn1 = try BatchNorm(loading: scope["bn1"], channels: inputChannels, epsilon: epsilon)
        conv1 = try Conv2D(
            loading: scope["conv1"], batchNorm: scope["bn2"], inputChannels: inputChannels,
            outputChannels: outputChannels, kernelSize: 3, padding: 1, epsilon: epsilon, outputSize: inputSize)
        prelu = try PReLU(loading: scope["prelu"], channels: outputChannels)
        conv2 = try Conv2D(
            loading: scope["conv2"], batchNorm: scope["bn3"], inputChannels: outputChannels,
            outputChannels: outputChannels, kernelSize: 3, stride: stride, padding: 1, epsilon: epsilon,
            outputSize: inputSize / stride)
        downsample =
            inputChannels != outputChannels || stride != 1
            ? try Conv2D(
                loading: scope["downsample"][0], batchNorm: scope["downsample"][1], inputChannels: inputChannels,
                outputChannels: outputChannels, kernelSize: 1, stride: stride, epsilon: epsilon)
            : nil
    }

    func callAsFunction(_ x: Tensor, workspace: InferenceWorkspace) -> Tensor {
        let normalized = workspace.profile("bn1", kind: .elementwise("bn")) { bn1(x, workspace: workspace) }
        let hidden = conv1(normalized, workspace: workspace, name: "conv1", folded: "bn2")
        workspace.profile("prelu", kind: .elementwise("prelu"), shape: hidden.shape) { prelu(hidden, workspace: workspace) }
        let out = conv2(hidden, workspace: workspace, name: "conv2", folded: "bn3")
        let identity = downsample.map { $0(x, workspace: workspace, name: "downsample.0", folded: "downsample.1") } ?? x
        workspace.profile("add", kind: .elementwise("add"), shape: out.shape) {
            Ops.add(out, identity, into: out, workers: workspace.threads)
        }
        return out
    }
}
