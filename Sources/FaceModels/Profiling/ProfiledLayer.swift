import TensorCore

/// One layer a `LayerProfiler` saw in a pass, in the order the pass ran them.
public struct ProfiledLayer: Sendable {
    /// The layer's path in the checkpoint key tree, e.g. `layer3.12.conv1` or `cp.resnet.layer2.0.downsample.0`;
    /// ops without weights are named after the PyTorch module or call (`layer3.12.add`, `upsample`).
    public let name: String
    public let kind: LayerKind
    /// The output tensor's shape (for the argmax, the label map's N×H×W).
    public let shape: Shape
    /// 2 × the multiply-adds of the direct convolution or product, whatever kernel ran it; 0 for the other ops.
    public let flops: Int
    /// The full names of the BatchNorms folded into this layer at load time (`layer3.12.bn2`), which therefore
    /// never run on their own.
    public let folded: [String]
}
