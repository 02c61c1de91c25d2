import TensorCore

/// A 2-D convolution (groups 1, zero padding) with an optional bias; a BatchNorm that follows it can be folded in.
///
/// Given the output size the network runs it at, a 3×3 stride-1 conv keeps its filters in the Winograd domain
/// instead (`WinogradTile.preferred`); any input size still works, the tile is only chosen for that one.
struct Conv2D {
    /// The filters as the kernel that applies them needs them.
    enum Filters {
        case direct(Tensor)  // [M, C, kh, kw], for im2col + GEMM
        case winograd(WinogradFilters)  // [α², M, C]
    }

    let filters: Filters
    let bias: Tensor?  // [M]
    let geometry: ConvGeometry
    let outputChannels: Int

    init(weight: [Float], bias: [Float]?, shape: [Int], geometry: ConvGeometry, outputSize: Int?) {
        let weight = Tensor(shape: Shape(shape), values: weight)
        if let outputSize, let tile = WinogradTile.preferred(
            for: geometry, inputChannels: shape[1], outputHeight: outputSize, outputWidth: outputSize)
        {
            filters = .winograd(WinogradFilters(weight: weight, tile: tile))
        } else {
            filters = .direct(weight)
        }
        self.bias = bias.map { Tensor(shape: Shape($0.count), values: $0) }
        self.geometry = geometry
        outputChannels = shape[0]
    }

    /// `nn.Conv2d(inputChannels, outputChannels, kernelSize, stride, padding, bias: bias)` from `scope`, to run at
    /// `outputSize`×`outputSize` outputs (nil: no plan, im2col).
    init(
        loading scope: WeightScope, inputChannels: Int, outputChannels: Int, kernelSize: Int, stride: Int = 1,
        padding: Int = 0, bias: Bool = false, outputSize: Int? = nil
    ) throws {
        let shape = [outputChannels, inputChannels, kernelSize, kernelSize]
        self.init(
            weight: try scope.floats("weight", shape: shape),
            bias: bias ? try scope.floats("bias", shape: [outputChannels]) : nil, shape: shape,
            geometry: ConvGeometry(kernel: kernelSize, stride: stride, padding: padding), outputSize: outputSize)
    }

    /// The conv at `convScope` followed by the BN at `batchNormScope`, folded into one conv exactly (the conv
    /// output feeds the BN directly). If the file holds a conv bias and no BN (an ONNX export with the BN already
    /// folded, `IResNetImport.bnFolded`), that bias is used as is.
    init(
        loading convScope: WeightScope, batchNorm batchNormScope: WeightScope, inputChannels: Int,
        outputChannels: Int, kernelSize: Int, stride: Int = 1, padding: Int = 0, epsilon: Double = 1e-5,
        outputSize: Int? = nil
    ) throws {
        if convScope.contains("bias") && !BatchNorm.isStored(in: batchNormScope) {
            try self.init(
                loading: convScope, inputChannels: inputChannels, outputChannels: outputChannels,
                kernelSize: kernelSize, stride: stride, padding: padding, bias: true, outputSize: outputSize)
            return
        }
        let shape = [outputChannels, inputChannels, kernelSize, kernelSize]
        let weight = try convScope.floats("weight", shape: shape)
        let bias = convScope.contains("bias") ? try convScope.floats("bias", shape: [outputChannels]) : nil
        let batchNorm = try BatchNorm.parameters(loading: batchNormScope, channels: outputChannels, epsilon: epsilon)
        let folded = batchNorm.fold(convWeight: weight, convBias: bias)
        self.init(
            weight: folded.weight, bias: folded.bias, shape: shape,
            geometry: ConvGeometry(kernel: kernelSize, stride: stride, padding: padding), outputSize: outputSize)
    }

    func outputShape(for input: Shape) -> Shape {
        let (h, w) = geometry.outputSize(height: input[2], width: input[3])
        return Shape(input[0], outputChannels, h, w)
    }

    func callAsFunction(_ x: Tensor, workspace: InferenceWorkspace) -> Tensor {
        let y = workspace.tensor(outputShape(for: x.shape))
        workspace.scratch.reset()
        switch filters {
        case .direct(let weight):
            Ops.conv2d(
                x, weight: weight, bias: bias, geometry: geometry, into: y, workspace: workspace.scratch,
                workers: workspace.threads)
        case .winograd(let transformed):
            Ops.conv2dWinograd(
                x, filters: transformed, bias: bias, padding: geometry.padH, into: y, workspace: workspace.scratch,
                workers: workspace.threads)
        }
        return y
    }
}
