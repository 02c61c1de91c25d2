import TensorCore

/// A 2-D convolution (groups 1, zero padding) with an optional bias; a BatchNorm that follows it can be folded in.
struct Conv2D {
    let weight: Tensor  // [M, C, kh, kw]
    let bias: Tensor?  // [M]
    let geometry: ConvGeometry

    init(weight: [Float], bias: [Float]?, shape: [Int], geometry: ConvGeometry) {
        self.weight = Tensor(shape: Shape(shape), values: weight)
        self.bias = bias.map { Tensor(shape: Shape($0.count), values: $0) }
        self.geometry = geometry
    }

    /// `nn.Conv2d(inputChannels, outputChannels, kernelSize, stride, padding, bias: bias)` from `scope`.
    init(
        loading scope: WeightScope, inputChannels: Int, outputChannels: Int, kernelSize: Int, stride: Int = 1,
        padding: Int = 0, bias: Bool = false
    ) throws {
        let shape = [outputChannels, inputChannels, kernelSize, kernelSize]
        self.init(
            weight: try scope.floats("weight", shape: shape),
            bias: bias ? try scope.floats("bias", shape: [outputChannels]) : nil, shape: shape,
            geometry: ConvGeometry(kernel: kernelSize, stride: stride, padding: padding))
    }

    /// The conv at `convScope` followed by the BN at `batchNormScope`, folded into one conv exactly (the conv
    /// output feeds the BN directly). If the file holds a conv bias and no BN (an ONNX export with the BN already
    /// folded, metadata `bn_folded`), that bias is used as is.
    init(
        loading convScope: WeightScope, batchNorm batchNormScope: WeightScope, inputChannels: Int,
        outputChannels: Int, kernelSize: Int, stride: Int = 1, padding: Int = 0, epsilon: Double = 1e-5
    ) throws {
        if convScope.contains("bias") && !BatchNorm.isStored(in: batchNormScope) {
            try self.init(
                loading: convScope, inputChannels: inputChannels, outputChannels: outputChannels,
                kernelSize: kernelSize, stride: stride, padding: padding, bias: true)
            return
        }
        let shape = [outputChannels, inputChannels, kernelSize, kernelSize]
        let weight = try convScope.floats("weight", shape: shape)
        let bias = convScope.contains("bias") ? try convScope.floats("bias", shape: [outputChannels]) : nil
        let batchNorm = try BatchNorm.parameters(loading: batchNormScope, channels: outputChannels, epsilon: epsilon)
        let folded = batchNorm.fold(convWeight: weight, convBias: bias)
        self.init(
            weight: folded.weight, bias: folded.bias, shape: shape,
            geometry: ConvGeometry(kernel: kernelSize, stride: stride, padding: padding))
    }

    func outputShape(for input: Shape) -> Shape {
        let (h, w) = geometry.outputSize(height: input[2], width: input[3])
        return Shape(input[0], weight.shape[0], h, w)
    }

    func callAsFunction(_ x: Tensor, workspace: InferenceWorkspace) -> Tensor {
        let y = workspace.tensor(outputShape(for: x.shape))
        workspace.scratch.reset()
        Ops.conv2d(x, weight: weight, bias: bias, geometry: geometry, into: y, workspace: workspace.scratch)
        return y
    }
}
