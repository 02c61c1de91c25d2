import TensorCore

/// ResNet-18 `BasicBlock`: relu(shortcut(x) + bn2(conv2(relu(bn1(conv1(x)))))), with both BNs folded.
/// The shortcut is `downsample` (1×1 conv stride s → BN) when channels or stride change, else the identity.
struct BasicBlock {
    let conv1: Conv2D
    let conv2: Conv2D
    let downsample: Conv2D?

    /// `outputSize`: the side of the output map the network runs the block at (it picks the conv kernels).
    init(loading scope: WeightScope, inputChannels: Int, outputChannels: Int, stride: Int, outputSize: Int) throws {
        conv1 = try Conv2D(
            loading: scope["conv1"], batchNorm: scope["bn1"], inputChannels: inputChannels,
            outputChannels: outputChannels, kernelSize: 3, stride: stride, padding: 1, outputSize: outputSize)
        conv2 = try Conv2D(
            loading: scope["conv2"], batchNorm: scope["bn2"], inputChannels: outputChannels,
            outputChannels: outputChannels, kernelSize: 3, padding: 1, outputSize: outputSize)
        downsample =
            inputChannels != outputChannels || stride != 1
            ? try Conv2D(
                loading: scope["downsample"][0], batchNorm: scope["downsample"][1], inputChannels: inputChannels,
                outputChannels: outputChannels, kernelSize: 1, stride: stride)
            : nil
    }

    func callAsFunction(_ x: Tensor, workspace: InferenceWorkspace) -> Tensor {
        let residual = conv1(x, workspace: workspace, name: "conv1", folded: "bn1")
        workspace.profile("relu", kind: .elementwise("relu"), shape: residual.shape) {
            Ops.relu(residual, into: residual, workers: workspace.threads)
        }
        let out = conv2(residual, workspace: workspace, name: "conv2", folded: "bn2")
        let shortcut = downsample.map { $0(x, workspace: workspace, name: "downsample.0", folded: "downsample.1") } ?? x
        workspace.profile("add", kind: .elementwise("add"), shape: out.shape) {
            Ops.add(shortcut, out, into: out, workers: workspace.threads)
        }
        workspace.profile("out_relu", kind: .elementwise("relu"), shape: out.shape) {
            Ops.relu(out, into: out, workers: workspace.threads)
        }
        return out
    }
}
