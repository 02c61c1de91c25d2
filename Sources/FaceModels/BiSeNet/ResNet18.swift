import TensorCore

/// The context path's backbone (`cp.resnet`): ResNet-18 without its classifier, returning the stride-8, -16 and
/// -32 feature maps.
///
/// Shapes for a 512×512 input: conv1 64×256×256 → maxpool 64×128×128 → layer1 64×128×128 →
/// layer2 (feat8) 128×64×64 → layer3 (feat16) 256×32×32 → layer4 (feat32) 512×16×16.
struct ResNet18 {
    let conv1: Conv2D  // with bn1 folded
    let layers: [[BasicBlock]]

    /// `inputSize`: the side of the input the network is run at (it picks the conv kernels).
    init(loading scope: WeightScope, inputSize: Int) throws {
        conv1 = try Conv2D(
            loading: scope["conv1"], batchNorm: scope["bn1"], inputChannels: 3, outputChannels: 64, kernelSize: 7,
            stride: 2, padding: 3)
        let widths = [64, 64, 128, 256, 512]
        layers = try (1...4).map { stage in
            let layer = scope["layer\(stage)"]
            let outputSize = inputSize >> (stage + 1)  // 128, 64, 32, 16 at 512
            return [
                try BasicBlock(
                    loading: layer[0], inputChannels: widths[stage - 1], outputChannels: widths[stage],
                    stride: stage == 1 ? 1 : 2, outputSize: outputSize),
                try BasicBlock(
                    loading: layer[1], inputChannels: widths[stage], outputChannels: widths[stage], stride: 1,
                    outputSize: outputSize),
            ]
        }
    }

    func callAsFunction(_ x: Tensor, workspace: InferenceWorkspace) -> (feat8: Tensor, feat16: Tensor, feat32: Tensor) {
        let stem = conv1(x, workspace: workspace, name: "conv1", folded: "bn1")
        workspace.profile("relu", kind: .elementwise("relu"), shape: stem.shape) {
            Ops.relu(stem, into: stem, workers: workspace.threads)
        }
        let (n, c, h, w) = (stem.shape[0], stem.shape[1], stem.shape[2], stem.shape[3])
        let pooled = workspace.tensor(Shape(n, c, (h - 1) / 2 + 1, (w - 1) / 2 + 1))  // 3×3 s2 p1
        workspace.profile("maxpool", kind: .pool("maxpool 3×3 s2"), shape: pooled.shape) {
            Ops.maxPool2d(stem, kernel: 3, stride: 2, padding: 1, into: pooled, workers: workspace.threads)
        }
        var features: [Tensor] = []
        var out = pooled
        for (stage, layer) in layers.enumerated() {
            for (b, block) in layer.enumerated() {
                out = workspace.scope("layer\(stage + 1).\(b)") { block(out, workspace: workspace) }
            }
            features.append(out)
        }
        return (features[1], features[2], features[3])
    }
}
