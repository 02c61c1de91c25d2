import TensorCore

/// Names the weights of an ONNX export of arcface_torch's IResNet (insightface `w600k_r50.onnx`, `glintr100.onnx`
/// style) with arcface_torch state_dict keys, by walking the graph's nodes in order and following the data flow.
/// Initializer names are ignored (exporters often number them, e.g. `'685'`); only the graph structure counts.
///
/// Naming scheme (reference-pipeline.md §3.3 key tree):
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
/// Metadata set on the returned store (string values):
/// - `format` = `onnx`; `architecture` = `iresnet`; `family` = `onnx-r<depth>`, depth = 2·(blocks) + 2
/// - `blocks` = blocks per stage, e.g. `3,4,14,3`
/// - `bn_folded` = `true` if any Conv carries a bias (see above), else `false`
/// - `bn_eps` = the BatchNormalization epsilon (ONNX default 1e-5), comma-separated if the nodes disagree
/// - `input_normalization` = `in-graph` or `(x-127.5)/127.5`, decided like insightface's `arcface_onnx.py`: in-graph
///   when one of the first 8 nodes is named `Sub…`/`_minus…` and one `Mul…`/`_mul…`. We also accept the op types
///   `Sub`/`Mul`, because torch names nodes `/Sub`, which insightface's name test would miss. For in-graph graphs the
///   normalization is *not* applied by these weights, so the model must apply it to raw 0…255 input.
/// - `input_mean`, `input_scale`: y = (x − mean)·scale; `127.5` and `0.00784313725490196` (1/127.5) outside the
///   graph, or the in-graph Sub/Mul constants when Sub feeds Mul (omitted if they cannot be read)
/// - `input_name`, `input_shape` (e.g. `1x3x112x112`, symbolic dims by name), `output_name`, `producer`, `opset`
enum ONNXIResNetMapping {
    static func map(_ model: ONNXModel) throws -> WeightStore {
        var walk = ONNXIResNetWalk(model: model)
        try walk.run()
        var store = walk.store
        let blocks = walk.blocksPerStage
        let graph = model.graph
        let initializerNames = Set(graph.initializers.map(\.name))
        let input = graph.inputs.first { !initializerNames.contains($0.name) }
        store.metadata["format"] = "onnx"
        store.metadata["architecture"] = "iresnet"
        store.metadata["family"] = "onnx-r\(2 * blocks.reduce(0, +) + 2)"
        store.metadata["blocks"] = blocks.map(String.init).joined(separator: ",")
        store.metadata["bn_folded"] = walk.foldedAny ? "true" : "false"
        store.metadata["bn_eps"] = walk.epsilons.sorted().map { "\($0)" }.joined(separator: ",")
        store.metadata["input_name"] = input?.name ?? ""
        store.metadata["input_shape"] = input?.dims.joined(separator: "x") ?? ""
        store.metadata["output_name"] = graph.outputs.first?.name ?? ""
        store.metadata["producer"] = [model.producer, model.producerVersion].filter { !$0.isEmpty }.joined(separator: " ")
        store.metadata["opset"] = String(model.opset)
        for (key, value) in try walk.inputNormalization() { store.metadata[key] = value }
        return store
    }
}
