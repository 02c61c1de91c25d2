import FaceModels

/// One layer of a model profile: what it is and its median time per pass.
public struct LayerProfileRow: Encodable, Sendable {
    /// The checkpoint-tree name (`layer3.12.conv1`).
    public let name: String
    /// The kernel that ran it (`LayerKind.name`).
    public let kind: String
    /// The by-kind summary line it counts in (`LayerKind.group`).
    public let group: String
    /// The output shape.
    public let shape: [Int]
    /// The median over the profiled passes.
    public let milliseconds: Double
    /// `milliseconds` as a share of the sum of all layers' medians.
    public let percent: Double
    /// 2 × the multiply-adds of the direct convolution or product, in GFLOP; 0 for the other ops.
    public let gflop: Double
    /// `gflop` over `milliseconds`, for convs and linear layers (a Winograd conv's counts the direct FLOPs).
    public let gflops: Double?
    /// The BatchNorms folded into this layer at load time.
    public let folded: [String]

    init(_ layer: ProfiledLayer, milliseconds: Double, totalMilliseconds: Double) {
        name = layer.name
        kind = layer.kind.name
        group = layer.kind.group
        shape = layer.shape.dims
        self.milliseconds = milliseconds
        percent = totalMilliseconds > 0 ? 100 * milliseconds / totalMilliseconds : 0
        gflop = Double(layer.flops) / 1e9
        gflops = layer.flops > 0 && milliseconds > 0 ? Double(layer.flops) / (milliseconds * 1e6) : nil
        folded = layer.folded
    }
}
