import TensorCore

/// BatchNorm2d/BatchNorm1d in inference form, applied as a per-channel affine y = x·scale + shift.
///
/// Used only where the BN cannot be folded into a neighbouring layer exactly (IResNet block `bn1`, which feeds a
/// zero-padded convolution). Loads `weight`, `bias`, `running_mean`, `running_var`.
struct BatchNorm {
    let scale: Tensor
    let shift: Tensor

    init(_ parameters: BatchNormParameters) {
        let (scale, shift) = parameters.scaleAndShift
        self.scale = Tensor(shape: Shape(scale.count), values: scale)
        self.shift = Tensor(shape: Shape(shift.count), values: shift)
    }

    init(loading scope: WeightScope, channels: Int, epsilon: Double) throws {
        self.init(try BatchNorm.parameters(loading: scope, channels: channels, epsilon: epsilon))
    }

    /// The four BN vectors. With `fixedGamma` (MXNet `fix_gamma=True`), γ = 1: a stored weight is shape-checked
    /// and ignored, and may be absent.
    static func parameters(
        loading scope: WeightScope, channels: Int, epsilon: Double, fixedGamma: Bool = false
    ) throws -> BatchNormParameters {
        let gamma: [Float]
        if fixedGamma {
            if scope.contains("weight") { _ = try scope.floats("weight", shape: [channels]) }
            gamma = [Float](repeating: 1, count: channels)
        } else {
            gamma = try scope.floats("weight", shape: [channels])
        }
        return BatchNormParameters(
            gamma: gamma, beta: try scope.floats("bias", shape: [channels]),
            mean: try scope.floats("running_mean", shape: [channels]),
            variance: try scope.floats("running_var", shape: [channels]), epsilon: epsilon)
    }

    /// Whether `scope` holds a BN (an ONNX-exported store may have folded it into the conv before it).
    static func isStored(in scope: WeightScope) -> Bool { scope.contains("running_var") }

    func callAsFunction(_ x: Tensor, workspace: InferenceWorkspace) -> Tensor {
        let y = workspace.tensor(x.shape)
        Ops.channelAffine(x, scale: scale, shift: shift, into: y, workers: workspace.threads)
        return y
    }
}
