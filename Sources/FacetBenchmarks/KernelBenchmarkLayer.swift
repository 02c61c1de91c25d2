import TensorCore

/// One benchmarked layer shape at batch 1: `channels`×`height`×`width` in, `outputs` channels out. `isLinear` marks
/// the fc, run through `Ops.linear` as a `channels`·`height`·`width` → `outputs` product.
public struct KernelBenchmarkLayer: Sendable {
    public let network: String
    public let name: String
    public let channels: Int
    public let height: Int
    public let width: Int
    public let outputs: Int
    public let geometry: ConvGeometry
    public let isLinear: Bool

    public init(
        network: String, name: String, channels: Int, height: Int, width: Int, outputs: Int, geometry: ConvGeometry,
        isLinear: Bool = false
    ) {
        self.network = network
        self.name = name
        self.channels = channels
        self.height = height
        self.width = width
        self.outputs = outputs
        self.geometry = geometry
        self.isLinear = isLinear
    }

    /// A square `k`×`k` convolution with stride `s` and "same" padding over a `size`×`size` map.
    static func conv(_ network: String, _ name: String, _ c: Int, _ size: Int, _ m: Int, k: Int, s: Int = 1) -> Self {
        KernelBenchmarkLayer(
            network: network, name: name, channels: c, height: size, width: size, outputs: m,
            geometry: ConvGeometry(kernel: k, stride: s, padding: k / 2))
    }

    /// The distinct conv shapes of BiSeNet at 512×512 and IResNet at 112×112 (`FacetPipeline.docc/Architectures.md`),
    /// and IResNet's fc.
    public static let all: [KernelBenchmarkLayer] = [
        conv("BiSeNet", "resnet.conv1", 3, 512, 64, k: 7, s: 2),
        conv("BiSeNet", "layer1 3×3", 64, 128, 64, k: 3),
        conv("BiSeNet", "layer2.0.conv1 (s2)", 64, 128, 128, k: 3, s: 2),
        conv("BiSeNet", "layer2 3×3", 128, 64, 128, k: 3),
        conv("BiSeNet", "layer3 3×3", 256, 32, 256, k: 3),
        conv("BiSeNet", "layer4 3×3", 512, 16, 512, k: 3),
        conv("BiSeNet", "layer2.0.downsample (1×1 s2)", 64, 128, 128, k: 1, s: 2),
        conv("BiSeNet", "ffm.convblk (1×1)", 256, 64, 256, k: 1),
        conv("BiSeNet", "conv_out.conv (3×3)", 256, 64, 256, k: 3),
        conv("IResNet", "conv1", 3, 112, 64, k: 3),
        conv("IResNet", "3×3 @112", 64, 112, 64, k: 3),
        conv("IResNet", "3×3 @56", 64, 56, 64, k: 3),
        conv("IResNet", "3×3 @28", 128, 28, 128, k: 3),
        conv("IResNet", "3×3 @14", 256, 14, 256, k: 3),
        conv("IResNet", "3×3 @7", 512, 7, 512, k: 3),
        conv("IResNet", "layer1.0.conv2 (s2)", 64, 112, 64, k: 3, s: 2),
        conv("IResNet", "layer2.0.conv2 (s2)", 128, 56, 128, k: 3, s: 2),
        conv("IResNet", "layer3.0.conv2 (s2)", 256, 28, 256, k: 3, s: 2),
        conv("IResNet", "layer4.0.conv2 (s2)", 512, 14, 512, k: 3, s: 2),
        conv("IResNet", "layer1.0.downsample (1×1 s2)", 64, 112, 64, k: 1, s: 2),
        conv("IResNet", "layer2.0.downsample (1×1 s2)", 64, 56, 128, k: 1, s: 2),
        conv("IResNet", "layer3.0.downsample (1×1 s2)", 128, 28, 256, k: 1, s: 2),
        conv("IResNet", "layer4.0.downsample (1×1 s2)", 256, 14, 512, k: 1, s: 2),
        KernelBenchmarkLayer(
            network: "IResNet", name: "fc (linear)", channels: 512, height: 7, width: 7, outputs: 512,
            geometry: ConvGeometry(kernel: 7), isLinear: true),
    ]
}
