import Checkpoints
import TensorCore

/// ArcFace IResNet (arcface_torch `iresnet.py`; the MXNet LResNet-E-IR is the same graph, see `IResNetFamily`).
///
/// Shapes for an N×3×112×112 input: conv1 (+bn1, PReLU) 64×112×112 → layer1 64×56×56 → layer2 128×28×28 →
/// layer3 256×14×14 → layer4 512×7×7 → head 512. The first block of each stage has stride 2.
public struct IResNet: Sendable {
    /// Blocks per stage of the published depths.
    public enum Architecture: String, Sendable, CaseIterable {
        case r18, r34, r50, r100, r200

        public var blocksPerStage: [Int] {
            switch self {
            case .r18: [2, 2, 2, 2]
            case .r34: [3, 4, 6, 3]
            case .r50: [3, 4, 14, 3]
            case .r100: [3, 13, 30, 3]
            case .r200: [6, 26, 60, 6]
            }
        }
    }

    static let widths = [64, 64, 128, 256, 512]

    public let family: IResNetFamily
    public let blocksPerStage: [Int]
    /// How to turn pixels into this network's input (see `writeInput`).
    public let inputNormalization: IResNetInputNormalization
    let conv1: Conv2D  // with bn1 folded
    let prelu: PReLU
    let layers: [[IBasicBlock]]
    let head: EmbeddingHead

    /// Loads an imported weight file strictly, with the depth, BN epsilon, input normalization and `features`
    /// γ rule the import states.
    public init(weights imported: IResNetImport) throws {
        let blocks = imported.blocksPerStage
        guard blocks.count == 4, blocks.allSatisfy({ $0 > 0 }) else {
            throw FacetError(.badData, "\(imported.weights.source): not an IResNet checkpoint (blocks per layer1...4: \(blocks))")
        }
        let root = WeightScope(imported.weights)
        try self.init(
            loading: root, blocksPerStage: blocks, family: imported.family, batchNormEpsilon: imported.batchNormEpsilon,
            inputNormalization: imported.inputNormalization, featuresGammaFixed: imported.featuresGammaFixed)
        try root.finish()
    }

    /// Loads the weights under `scope`; what is not given is the family's.
    public init(
        loading scope: WeightScope, blocksPerStage: [Int], family: IResNetFamily, batchNormEpsilon: Double? = nil,
        inputNormalization: IResNetInputNormalization? = nil, featuresGammaFixed: Bool? = nil
    ) throws {
        precondition(blocksPerStage.count == 4, "IResNet has 4 stages")
        let epsilon = batchNormEpsilon ?? family.batchNormEpsilon
        self.family = family
        self.inputNormalization = inputNormalization ?? family.inputNormalization
        self.blocksPerStage = blocksPerStage
        conv1 = try Conv2D(
            loading: scope["conv1"], batchNorm: scope["bn1"], inputChannels: 3, outputChannels: 64, kernelSize: 3,
            padding: 1, epsilon: epsilon)
        prelu = try PReLU(loading: scope["prelu"], channels: 64)
        let widths = Self.widths
        layers = try (1...4).map { stage in
            let stageInput = IResNetFamily.inputSize >> (stage - 1)  // 112, 56, 28, 14
            return try (0..<blocksPerStage[stage - 1]).map { b in
                try IBasicBlock(
                    loading: scope["layer\(stage)"][b], inputChannels: b == 0 ? widths[stage - 1] : widths[stage],
                    outputChannels: widths[stage], stride: b == 0 ? 2 : 1, inputSize: b == 0 ? stageInput : stageInput / 2,
                    epsilon: epsilon)
            }
        }
        let side = IResNetFamily.inputSize / 16
        head = try EmbeddingHead(
            loading: scope, channels: widths[4], spatial: side * side, epsilon: epsilon,
            featuresGammaFixed: featuresGammaFixed ?? family.featuresGammaFixed)
    }

    /// Writes one RGB uint8 image (112×112×3, row-major) into item `item` of x[N,3,112,112], normalized as this
    /// network expects.
    public func writeInput(rgb: [UInt8], into x: Tensor, item: Int) {
        inputNormalization.writeInput(rgb: rgb, into: x, item: item)
    }

    /// The raw (unnormalized) embeddings [N,512] of x[N,3,112,112] (see `writeInput`).
    /// The result lives in `workspace` until its next pass.
    public func callAsFunction(_ x: Tensor, workspace: InferenceWorkspace) -> Tensor {
        let size = IResNetFamily.inputSize
        precondition(x.shape[1] == 3 && x.shape[2] == size && x.shape[3] == size, "IResNet input \(x.shape)")
        workspace.beginPass()
        var out = conv1(x, workspace: workspace, name: "conv1", folded: "bn1")
        workspace.profile("prelu", kind: .elementwise("prelu"), shape: out.shape) { prelu(out, workspace: workspace) }
        for (stage, layer) in layers.enumerated() {
            for (b, block) in layer.enumerated() {
                workspace.beginBlock()
                out = workspace.scope("layer\(stage + 1).\(b)") { block(out, workspace: workspace) }
            }
        }
        workspace.endBlocks()
        return head(out, workspace: workspace)
    }

    /// L2-normalized embeddings [N,512] (a zero row stays zero), as the seed's scikit-learn `normalize`.
    public func embed(_ x: Tensor, workspace: InferenceWorkspace) -> Tensor {
        let raw = self(x, workspace: workspace)
        workspace.profile("normalize", kind: .elementwise("l2 normalize"), shape: raw.shape) {
            Ops.l2NormalizeRows(raw, into: raw)
        }
        return raw
    }
}
