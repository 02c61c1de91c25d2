import Checkpoints
import TensorCore

/// Names the weights of an ONNX export of arcface_torch's IResNet (insightface `w600k_r50.onnx`, `glintr100.onnx`
/// style) with arcface_torch state_dict keys, by walking the graph's nodes in order and following the data flow.
/// Initializer names are ignored (exporters often number them, e.g. `'685'`); only the graph structure counts.
///
/// Naming scheme (`FacetPipeline.docc/Architectures.md`, "ONNX exports" and the key tree in "Block structure"):
/// - Stem: the first `Conv` → `conv1`, an optional `BatchNormalization` on its output → `bn1`, the first `PRelu` →
///   `prelu`.
/// - Residual blocks, each ended by an `Add` of two computed values. Inside a block, by data flow:
///   `BatchNormalization` on the block input → `bn1`; `Conv` after `bn1` → `conv1`; `BatchNormalization` after
///   `conv1` → `bn2`; `PRelu` → `prelu`; `Conv` after `prelu` → `conv2`; `BatchNormalization` after `conv2` → `bn3`;
///   `Conv` on the block input → `downsample.0`; `BatchNormalization` after it → `downsample.1`. A block with a
///   downsample starts the next stage: its keys are `layer{stage}.0.*`, later blocks `layer{stage}.{n}.*`.
/// - Tail: `BatchNormalization` on the last block's output → `bn2`; `Gemm` (or `MatMul` + `Add`) → `fc.weight`
///   [out, in] (transposed when the graph stores [in, out]) and `fc.bias`; the final `BatchNormalization` →
///   `features`.
/// - BN parameters: scale → `.weight`, B → `.bias`, mean → `.running_mean`, var → `.running_var`.
///   PRelu slopes ([C,1,1] in ONNX) become `prelu.weight` [C].
/// - Identity, Dropout, Flatten and Reshape pass values through; nodes that read only constants and shapes (Shape,
///   Gather, Slice, Concat, … building Reshape targets) are ignored; Sub/Mul/Div are allowed only before the stem
///   convolution (input normalization). Any other op, or a node that breaks the block structure, is an
///   `.unsupported` error naming the node.
///
/// **Folded BatchNorm.** When an exporter folds a BN into the preceding Conv (torch's eval-mode export does this
/// for every Conv→BN pair), that Conv has a bias input. The Conv's key then gets a `.bias` (e.g.
/// `layer1.0.conv1.bias`) and the BN it absorbed (stem `bn1`, block `bn2`/`bn3`/`downsample.1`) has no keys at all.
/// Rule for the model: *if `<conv>.bias` exists, use the conv bias and skip the BN that follows that conv.* The
/// pre-conv block `bn1`, the tail `bn2` and `features` cannot be folded exactly and always stay.
///
/// The import facts (family `arcfaceTorch`):
/// - blocks per stage as the walk found them, e.g. 3,4,14,3
/// - `bnFolded` if any Conv carries a bias (see above)
/// - the BatchNormalization epsilon (ONNX default 1e-5); when the nodes disagree, the family's (all are recorded)
/// - the input normalization, in-graph or not as insightface's `arcface_onnx.py` decides: in-graph when one of the
///   first 8 nodes is named `Sub…`/`_minus…` and one `Mul…`/`_mul…`. We also accept the op types `Sub`/`Mul`,
///   because torch names nodes `/Sub`, which insightface's name test would miss. For in-graph graphs the
///   normalization is *not* applied by these weights, so the model must apply it to raw 0…255 input: y = (x − mean)·
///   scale with the graph's Sub/Mul constants when Sub feeds Mul and each is one number (else the family's).
///   Outside the graph it is insightface's (x − 127.5)/127.5.
/// - provenance: the input's name and shape (e.g. `1x3x112x112`, symbolic dims by name), the output's name, the
///   producer and the opset
enum ONNXIResNetMapping {
    static func map(_ model: ONNXModel) throws -> IResNetImport {
        var walk = ONNXIResNetWalk(model: model)
        try walk.run()
        let graph = model.graph
        let initializerNames = Set(graph.initializers.map(\.name))
        let input = graph.inputs.first { !initializerNames.contains($0.name) }
        let normalization = try walk.inputNormalization()
        let family = IResNetFamily.arcfaceTorch
        let epsilons = walk.epsilons.sorted()
        var inputNormalization = family.inputNormalization
        if !normalization.inGraph {
            inputNormalization = .affine(mean: 127.5, scale: Float(1 / 127.5))
        } else if let mean = normalization.mean, let scale = normalization.scale, mean.count == 1, scale.count == 1 {
            inputNormalization = .affine(mean: mean[0], scale: scale[0])
        }
        let provenance = ONNXIResNetProvenance(
            inputName: input?.name ?? "", inputShape: input?.dims.joined(separator: "x") ?? "",
            outputName: graph.outputs.first?.name ?? "",
            producer: [model.producer, model.producerVersion].filter { !$0.isEmpty }.joined(separator: " "),
            opset: model.opset, batchNormEpsilons: epsilons, inGraphMean: normalization.mean,
            inGraphScale: normalization.scale)
        return IResNetImport(
            weights: walk.store, family: family, blocksPerStage: walk.blocksPerStage,
            batchNormEpsilon: epsilons.count == 1 ? exporterValue(epsilons[0]) : family.batchNormEpsilon,
            inputNormalization: inputNormalization, inputNormalizationInGraph: normalization.inGraph,
            bnFolded: walk.foldedAny, featuresGammaFixed: false, source: .onnx(provenance))
    }

    /// A float32 attribute as the decimal the exporter wrote (1e-5, not 9.99999974e-6): its shortest form, read
    /// as a Float64.
    private static func exporterValue(_ value: Float) -> Double { Double("\(value)") ?? Double(value) }
}
