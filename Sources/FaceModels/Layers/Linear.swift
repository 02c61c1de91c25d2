import TensorCore

/// `nn.Linear(inputFeatures, outputFeatures)`: y[N, O] = x[N, I] · wᵀ + b, with x any tensor of I values per item.
struct Linear {
    let weight: Tensor  // [O, I]
    let bias: Tensor?  // [O]

    init(weight: [Float], bias: [Float]?, outputFeatures: Int, inputFeatures: Int) {
        self.weight = Tensor(shape: Shape(outputFeatures, inputFeatures), values: weight)
        self.bias = bias.map { Tensor(shape: Shape(outputFeatures), values: $0) }
    }

    func callAsFunction(_ x: Tensor, workspace: InferenceWorkspace) -> Tensor {
        let y = workspace.tensor(Shape(x.shape[0], weight.shape[0]))
        Ops.linear(x, weight: weight, bias: bias, into: y, workers: workspace.threads)
        return y
    }
}
