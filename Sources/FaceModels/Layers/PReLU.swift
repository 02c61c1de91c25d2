import TensorCore

/// `nn.PReLU(channels)`: one learned negative slope per channel (`weight [C]`; ONNX exports store [C, 1, 1]).
struct PReLU {
    let slope: Tensor

    init(loading scope: WeightScope, channels: Int) throws {
        let shape = scope.storedShape("weight") == [channels, 1, 1] ? [channels, 1, 1] : [channels]
        slope = Tensor(shape: Shape(channels), values: try scope.floats("weight", shape: shape))
    }

    /// Applies the activation in place.
    func callAsFunction(_ x: Tensor, workspace: InferenceWorkspace) {
        Ops.prelu(x, slope: slope, into: x, workers: workspace.threads)
    }
}
