import TensorCore

/// face-parsing.PyTorch `ConvBNReLU`: `conv` (no bias) → `bn` → ReLU, with the BN folded into the conv.
struct ConvBNReLU {
    let conv: Conv2D

    init(
        loading scope: WeightScope, inputChannels: Int, outputChannels: Int, kernelSize: Int, padding: Int,
        outputSize: Int? = nil
    ) throws {
        conv = try Conv2D(
            loading: scope["conv"], batchNorm: scope["bn"], inputChannels: inputChannels,
            outputChannels: outputChannels, kernelSize: kernelSize, padding: padding, outputSize: outputSize)
    }

    func callAsFunction(_ x: Tensor, workspace: InferenceWorkspace) -> Tensor {
        let y = conv(x, workspace: workspace, name: "conv", folded: "bn")
        workspace.profile("relu", kind: .elementwise("relu"), shape: y.shape) {
            Ops.relu(y, into: y, workers: workspace.threads)
        }
        return y
    }
}
