import Checkpoints
import TensorCore

/// Renames the parameters of insightface's MXNet LResNet-IR models (`model-r100-ii`, `fresnet.py` with
/// `version_unit=3`, `version_output='E'`) to arcface_torch `iresnet.py` state_dict keys, which share its topology
/// (`FacetPipeline.docc/Architectures.md`, "MXNet to arcface_torch key renaming"). A key passes three ordered rule lists, first match wins in each:
///
/// 1. `storageRules`: drop MXNet's `arg:` (weights) or `aux:` (BatchNorm moving statistics) prefix, if present.
/// 2. `parameterRules`: the parameter suffix: `_weight`/`_gamma` → `.weight`, `_bias`/`_beta` → `.bias`,
///    `_moving_mean` → `.running_mean`, `_moving_var` → `.running_var`. (PReLU slopes are `*_gamma` in MXNet and
///    `prelu.weight` in torch, so `_gamma` → `.weight` serves both.)
/// 3. `moduleRules`: the module: `conv0` → `conv1`, `bn0` → `bn1`, `relu0` → `prelu`, `bn1` → `bn2`,
///    `pre_fc1` → `fc`, `fc1` → `features`, and `stage{i}_unit{j}_{part}` → `layer{i}.{j−1}.{part}` with parts
///    `bn1|bn2|bn3|conv1|conv2` unchanged, `relu1` → `prelu`, `conv1sc` → `downsample.0`, `sc` → `downsample.1`.
///
/// Shapes need no change: MXNet convolutions are [out, in, kh, kw] and `pre_fc1_weight` is [512, 25088], as in torch.
/// The classifier `fc7_*` (left in training checkpoints; unused since the graph is cut at `fc1`) is dropped; any other
/// key no rule recognizes is an error that lists it.
///
/// The import facts are those of the `mxnet` family:
/// - blocks = units per stage, e.g. 3,13,30,3 (depth 2·units + 2, so r100)
/// - BN eps 2e-5 (every MXNet BN here; arcface_torch uses 1e-5)
/// - `features` γ fixed to 1: MXNet's `fc1` BN has fix_gamma=True, so whatever `fc1_gamma` holds is ignored;
///   `features.weight` is written as ones (added if the file lacks it)
/// - input (x − 127.5)·0.0078125 on RGB 0…255, in the MXNet graph (so not arcface_torch's 1/127.5)
/// - the original names of dropped tensors
enum MXNetKeyMap {
    static let storageRules: [KeyRule] = [.prefix("arg:", ""), .prefix("aux:", "")]

    static let parameterRules: [KeyRule] = [
        .suffix("_moving_mean", ".running_mean"),
        .suffix("_moving_var", ".running_var"),
        .suffix("_gamma", ".weight"),
        .suffix("_beta", ".bias"),
        .suffix("_weight", ".weight"),
        .suffix("_bias", ".bias"),
    ]

    static let moduleRules: [KeyRule] = [
        module("conv0", "conv1"),
        module("bn0", "bn1"),
        module("relu0", "prelu"),
        module("bn1", "bn2"),
        module("pre_fc1", "fc"),
        module("fc1", "features"),
        KeyRule("stage{i}_unit{j}_{part} → layer{i}.{j-1}.{part}", rewrite: renameStageUnit),
    ]

    /// Residual-unit part names, MXNet → torch.
    static let unitParts: [String: String] = [
        "bn1": "bn1", "bn2": "bn2", "bn3": "bn3", "conv1": "conv1", "conv2": "conv2",
        "relu1": "prelu", "conv1sc": "downsample.0", "sc": "downsample.1",
    ]

    /// MXNet modules that are not part of the embedding network and are dropped with a note.
    static let droppableModules: Set<String> = ["fc7"]

    /// The arcface_torch key for one MXNet parameter name, or nil if no rule recognizes it.
    static func torchName(for mxnetName: String) -> String? {
        let bare = KeyRule.firstMatch(storageRules, mxnetName) ?? mxnetName
        guard let split = KeyRule.firstMatch(parameterRules, bare) else { return nil }
        return KeyRule.firstMatch(moduleRules, split)
    }

    /// Renames every tensor of a raw `.params` store (MXNet names) and states the model facts (see above).
    static func apply(to raw: WeightStore) throws -> IResNetImport {
        var store = WeightStore(source: raw.source)
        var unmapped: [String] = []
        var dropped: [String] = []
        for name in raw.names {
            guard let tensor = raw[name] else { continue }
            guard let torchName = torchName(for: name) else {
                let bare = KeyRule.firstMatch(storageRules, name) ?? name
                let module = KeyRule.firstMatch(parameterRules, bare).map { String($0.prefix { $0 != "." }) }
                if let module, droppableModules.contains(module) { dropped.append(name) } else { unmapped.append(name) }
                continue
            }
            if torchName == "features.weight" {
                try store.insert(torchName, StoredTensor(shape: tensor.shape, values: Array(repeating: 1, count: tensor.values.count)))
            } else {
                try store.insert(torchName, tensor)
            }
        }
        guard unmapped.isEmpty else {
            let shown = unmapped.prefix(5).joined(separator: ", ")
            let more = unmapped.count > 5 ? " and \(unmapped.count - 5) more" : ""
            throw FacetError(.unsupported, "\(raw.source): \(unmapped.count) MXNet parameter(s) have no arcface_torch IResNet name: \(shown)\(more) (expected an LResNet-IR checkpoint such as model-r100-ii)")
        }
        if store["features.weight"] == nil, let bias = store["features.bias"] {
            try store.insert("features.weight", StoredTensor(shape: bias.shape, values: Array(repeating: 1, count: bias.values.count)))
        }
        let family = IResNetFamily.mxnet
        return IResNetImport(
            weights: store, family: family, blocksPerStage: IResNetImport.blocksPerStage(store.names),
            batchNormEpsilon: family.batchNormEpsilon, inputNormalization: family.inputNormalization,
            inputNormalizationInGraph: true, bnFolded: false, featuresGammaFixed: true, source: .mxnet(dropped: dropped))
    }

    private static func module(_ old: String, _ new: String) -> KeyRule {
        KeyRule("\(old) → \(new)") { key in
            key.hasPrefix(old + ".") ? new + String(key.dropFirst(old.count)) : nil
        }
    }

    /// `stage3_unit12_conv1sc.weight` → `layer3.11.downsample.0.weight`.
    private static func renameStageUnit(_ key: String) -> String? {
        guard let dot = key.firstIndex(of: ".") else { return nil }
        let fields = key[..<dot].split(separator: "_", maxSplits: 2)
        guard fields.count == 3, fields[0].hasPrefix("stage"), fields[1].hasPrefix("unit"),
              let stage = Int(fields[0].dropFirst(5)), let unit = Int(fields[1].dropFirst(4)),
              stage >= 1, unit >= 1, let part = unitParts[String(fields[2])]
        else { return nil }
        return "layer\(stage).\(unit - 1).\(part)" + key[dot...]
    }
}
