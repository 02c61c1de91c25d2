import Checkpoints
import TensorCore

/// The node walk behind `ONNXIResNetMapping` (which documents the naming): one pass over the nodes in file order,
/// tracking for each computed value which IResNet module produced it, and buffering a residual block's modules until
/// its `Add` tells whether the block has a downsample (and so starts a new stage).
struct ONNXIResNetWalk {
    private enum Phase { case stem, blocks, head, done }

    /// One module of the block being read: its role (`conv1`, `downsample.1`, …) and (key suffix, value name) pairs.
    /// PRelu slopes are `flattened` from ONNX's [C,1,1] to torch's [C].
    private struct Module {
        var role: String
        var tensors: [(suffix: String, value: String)]
        var flattened = false
    }

    let model: ONNXModel
    private(set) var store: WeightStore
    private(set) var foldedAny = false
    private(set) var epsilons: Set<Float> = []
    private(set) var blocksPerStage: [Int] = []

    private var constants: [String: ONNXTensor] = [:]
    /// Values computed only from constants and tensor shapes (Reshape targets and the like).
    private var shapeValues: Set<String> = []
    /// Values computed from a constant by a shape-only op: value → (constant, whether the op kept the shape).
    private var derivedConstants: [String: (root: String, sameShape: Bool)] = [:]
    /// Which module produced each computed value: a stem role (`stem.conv1`, block −1) or a block role such as
    /// `conv2` with the ordinal of its block, so a value from an earlier block is never taken for this block's.
    private var producerRole: [String: (role: String, block: Int)] = [:]
    private var blockOrdinal = 0
    private var phase = Phase.stem
    private var stemConvSeen = false
    private var blockInput = ""
    private var pending: [Module] = []
    private var fcAwaitingBias = false

    private var source: String { model.source }

    init(model: ONNXModel) {
        self.model = model
        self.store = WeightStore(source: model.source)
    }

    mutating func run() throws {
        for tensor in model.graph.initializers { constants[tensor.name] = tensor }
        for node in model.graph.nodes {
            try visit(node)
        }
        guard phase == .done else {
            throw FacetError(.unsupported, "\(source): graph ends before the final BatchNormalization (features) of an arcface_torch IResNet")
        }
    }

    // MARK: - Nodes

    private mutating func visit(_ node: ONNXNode) throws {
        if node.opType == "Constant" { return recordConstant(node) }
        if node.opType == "Shape" || (!node.inputs.isEmpty && node.inputs.allSatisfy { $0.isEmpty || isStatic($0) }) {
            return recordStatic(node)
        }
        switch node.opType {
        case "Conv": try conv(node)
        case "BatchNormalization": try batchNorm(node)
        case "PRelu": try prelu(node)
        case "Add": try add(node)
        case "Gemm": try gemm(node)
        case "MatMul": try matMul(node)
        case "Identity", "Dropout", "Flatten", "Reshape":
            // The values pass through unchanged (Reshape's target shape is a static input).
            if let input = node.inputs.first, let output = node.outputs.first, let producer = producerRole[input] {
                producerRole[output] = producer
            }
        case "Sub", "Mul", "Div":
            // Allowed only as input normalization ahead of the stem; reported by inputNormalization().
            guard phase == .stem && !stemConvSeen else { throw structure(node, "is arithmetic inside the network") }
        default:
            throw FacetError(.unsupported, "\(source): node \(node.label) is not part of an arcface_torch IResNet")
        }
    }

    /// A node that reads only constants and tensor shapes: exporters build Reshape targets this way (Shape, Gather,
    /// Slice, Sub, Concat, …) and sometimes reshape parameters (Unsqueeze of a PRelu slope). It holds no weights and
    /// touches no activations. Shape-only ops on a constant keep it a constant, so parameters can be found through them.
    private mutating func recordStatic(_ node: ONNXNode) {
        let shapeOnly = ["Identity", "Unsqueeze", "Squeeze", "Reshape", "Flatten"]
        for output in node.outputs where !output.isEmpty {
            if shapeOnly.contains(node.opType), let input = node.inputs.first, isConstant(input) {
                let keepsShape = node.opType == "Identity" && (derivedConstants[input]?.sameShape ?? true)
                derivedConstants[output] = (root: root(of: input), sameShape: keepsShape)
            } else {
                shapeValues.insert(output)
            }
        }
    }

    /// A Constant node: a tensor becomes a constant; any other kind (ints for shapes) is a static value.
    private mutating func recordConstant(_ node: ONNXNode) {
        guard let output = node.outputs.first else { return }
        if let tensor = node.constantTensor {
            constants[output] = tensor
        } else {
            shapeValues.insert(output)
        }
    }

    private mutating func conv(_ node: ONNXNode) throws {
        guard node.inputs.count >= 2, let output = node.outputs.first else { throw structure(node, "needs an input and a weight") }
        if let group = node.attributes["group"]?.int, group != 1 {
            throw FacetError(.unsupported, "\(source): node \(node.label) is a grouped convolution (group \(group)); IResNet has none")
        }
        var tensors = [(suffix: "weight", value: node.inputs[1])]
        if node.inputs.count >= 3, !node.inputs[2].isEmpty {
            tensors.append((suffix: "bias", value: node.inputs[2]))
            foldedAny = true
        }
        switch phase {
        case .stem:
            guard !stemConvSeen else { throw structure(node, "is a second convolution before the stem PRelu") }
            stemConvSeen = true
            try emit("conv1", tensors)
            producerRole[output] = (role: "stem.conv1", block: -1)
        case .blocks:
            let role: String
            if node.inputs[0] == blockInput {
                role = "downsample.0"
            } else {
                switch roleInCurrentBlock(node.inputs[0]) {
                case "bn1": role = "conv1"
                case "prelu": role = "conv2"
                default: throw structure(node, "does not follow a block's bn1 or prelu, nor read the block input")
                }
            }
            try addPending(Module(role: role, tensors: tensors), node)
            producerRole[output] = (role: role, block: blockOrdinal)
        case .head, .done:
            throw structure(node, "comes after the fc layer")
        }
    }

    private mutating func batchNorm(_ node: ONNXNode) throws {
        guard node.inputs.count == 5, let output = node.outputs.first else { throw structure(node, "needs 5 inputs") }
        if node.outputs.count > 1 || node.attributes["training_mode"]?.int == 1 {
            throw FacetError(.unsupported, "\(source): node \(node.label) is a training-mode BatchNormalization; export the model in eval mode")
        }
        epsilons.insert(node.attributes["epsilon"]?.float ?? 1e-5)
        let tensors = zip(["weight", "bias", "running_mean", "running_var"], node.inputs[1...]).map { (suffix: $0, value: $1) }
        switch phase {
        case .stem:
            guard producerRole[node.inputs[0]]?.role == "stem.conv1" else { throw structure(node, "does not follow the stem convolution") }
            try emit("bn1", tensors)
            producerRole[output] = (role: "stem.bn1", block: -1)
        case .blocks:
            let role: String
            if node.inputs[0] == blockInput {
                role = "bn1"
            } else {
                switch roleInCurrentBlock(node.inputs[0]) {
                case "conv1": role = "bn2"
                case "conv2": role = "bn3"
                case "downsample.0": role = "downsample.1"
                default: throw structure(node, "does not follow a block convolution, nor read the block input")
                }
            }
            try addPending(Module(role: role, tensors: tensors), node)
            producerRole[output] = (role: role, block: blockOrdinal)
        case .head:
            guard !fcAwaitingBias else { throw structure(node, "follows a MatMul that has no bias Add") }
            try emit("features", tensors)
            phase = .done
        case .done:
            throw structure(node, "comes after the features BatchNormalization")
        }
    }

    private mutating func prelu(_ node: ONNXNode) throws {
        guard node.inputs.count == 2, let output = node.outputs.first else { throw structure(node, "needs 2 inputs") }
        switch phase {
        case .stem:
            guard stemConvSeen else { throw structure(node, "comes before the stem convolution") }
            try emitFlat("prelu.weight", node.inputs[1], node)
            phase = .blocks
            blockInput = output
        case .blocks:
            // bn2, or conv1 when bn2 was folded into it.
            guard roleInCurrentBlock(node.inputs[0]) == "bn2" || endsFolded(node.inputs[0], role: "conv1") else {
                throw structure(node, "does not follow a block's conv1/bn2")
            }
            try addPending(Module(role: "prelu", tensors: [(suffix: "weight", value: node.inputs[1])], flattened: true), node)
            producerRole[output] = (role: "prelu", block: blockOrdinal)
        case .head, .done:
            throw structure(node, "comes after the fc layer")
        }
    }

    private mutating func add(_ node: ONNXNode) throws {
        guard node.inputs.count == 2, let output = node.outputs.first else { throw structure(node, "needs 2 inputs") }
        if let constantInput = node.inputs.first(where: isConstant) {
            guard phase == .head, fcAwaitingBias else { throw structure(node, "adds a constant outside the fc layer") }
            try emitFlat("fc.bias", constantInput, node)
            fcAwaitingBias = false
            return
        }
        guard phase == .blocks else { throw structure(node, "is a residual add outside the residual stages") }
        // Main branch: bn3 (or conv2 with bn3 folded in). Shortcut: the block input, or the downsample.
        func isMain(_ value: String) -> Bool { roleInCurrentBlock(value) == "bn3" || endsFolded(value, role: "conv2") }
        func isShortcut(_ value: String) -> Bool {
            value == blockInput || roleInCurrentBlock(value) == "downsample.1" || endsFolded(value, role: "downsample.0")
        }
        let (a, b) = (node.inputs[0], node.inputs[1])
        guard (isMain(a) && isShortcut(b)) || (isMain(b) && isShortcut(a)) else {
            throw structure(node, "does not add a block's main branch to its shortcut")
        }
        let roles = Set(pending.map(\.role))
        guard roles.isSuperset(of: ["bn1", "conv1", "prelu", "conv2"]),
              roles.contains("downsample.0") || !roles.contains("downsample.1") else {
            throw structure(node, "ends a block that is not an IBasicBlock (has \(pending.map(\.role).joined(separator: ", ")))")
        }
        if roles.contains("downsample.0") {
            blocksPerStage.append(1)
        } else {
            guard !blocksPerStage.isEmpty else { throw structure(node, "ends an identity block before any downsampling block") }
            blocksPerStage[blocksPerStage.count - 1] += 1
        }
        let prefix = "layer\(blocksPerStage.count).\(blocksPerStage[blocksPerStage.count - 1] - 1)."
        for module in pending { try emit(prefix + module.role, module.tensors, flattened: module.flattened) }
        pending = []
        blockInput = output
        blockOrdinal += 1
    }

    private mutating func gemm(_ node: ONNXNode) throws {
        guard node.inputs.count >= 2 else { throw structure(node, "needs an input and a weight") }
        try beginHead(node)
        let alpha = node.attributes["alpha"]?.float ?? 1, beta = node.attributes["beta"]?.float ?? 1
        guard alpha == 1, beta == 1, (node.attributes["transA"]?.int ?? 0) == 0 else {
            throw FacetError(.unsupported, "\(source): node \(node.label) is a Gemm with alpha/beta ≠ 1 or transA; not a plain Linear layer")
        }
        try emitLinearWeight(node.inputs[1], transposed: (node.attributes["transB"]?.int ?? 0) == 0, node)
        guard node.inputs.count >= 3, !node.inputs[2].isEmpty else { throw structure(node, "has no bias (arcface_torch fc has one)") }
        try emitFlat("fc.bias", node.inputs[2], node)
    }

    private mutating func matMul(_ node: ONNXNode) throws {
        guard node.inputs.count == 2 else { throw structure(node, "needs 2 inputs") }
        try beginHead(node)
        try emitLinearWeight(node.inputs[1], transposed: true, node)
        fcAwaitingBias = true
    }

    /// At the fc layer the buffered "block" must be just the tail BatchNormalization on the last block's output.
    private mutating func beginHead(_ node: ONNXNode) throws {
        guard phase == .blocks, !blocksPerStage.isEmpty else { throw structure(node, "is an fc layer outside the network tail") }
        guard pending.count == 1, pending[0].role == "bn1" else {
            throw structure(node, "is not preceded by exactly one BatchNormalization (bn2) after the last block")
        }
        try emit("bn2", pending[0].tensors)
        pending = []
        phase = .head
    }

    // MARK: - Emitting tensors

    private mutating func addPending(_ module: Module, _ node: ONNXNode) throws {
        guard !pending.contains(where: { $0.role == module.role }) else { throw structure(node, "is a second \(module.role) in one block") }
        pending.append(module)
    }

    private mutating func emit(_ prefix: String, _ tensors: [(suffix: String, value: String)], flattened: Bool = false) throws {
        for (suffix, value) in tensors {
            guard let tensor = constant(value, sameShape: !flattened) else {
                throw FacetError(.unsupported, "\(source): '\(value)' (\(prefix).\(suffix)) is not a constant initializer")
            }
            let values = try model.floats(of: tensor)
            try store.insert("\(prefix).\(suffix)", StoredTensor(shape: flattened ? [values.count] : tensor.dims, values: values))
        }
    }

    /// A vector parameter flattened to [n]: PRelu slopes ([C,1,1] in ONNX → [C]) and fc biases ([out] or [1,out]).
    private mutating func emitFlat(_ key: String, _ value: String, _ node: ONNXNode) throws {
        guard let tensor = constant(value, sameShape: false) else { throw structure(node, "has a non-constant parameter '\(value)'") }
        let values = try model.floats(of: tensor)
        try store.insert(key, StoredTensor(shape: [values.count], values: values))
    }

    /// `fc.weight` as torch's [out, in]; `transposed` means the graph stores [in, out].
    private mutating func emitLinearWeight(_ value: String, transposed: Bool, _ node: ONNXNode) throws {
        guard let tensor = constant(value, sameShape: true), tensor.dims.count == 2 else {
            throw structure(node, "weight '\(value)' is not a constant 2-D initializer")
        }
        let values = try model.floats(of: tensor)
        guard transposed else {
            try store.insert("fc.weight", StoredTensor(shape: tensor.dims, values: values))
            return
        }
        let (rows, columns) = (tensor.dims[0], tensor.dims[1])
        var transposedValues = [Float](repeating: 0, count: values.count)
        for r in 0..<rows {
            for c in 0..<columns { transposedValues[c * rows + r] = values[r * columns + c] }
        }
        try store.insert("fc.weight", StoredTensor(shape: [columns, rows], values: transposedValues))
    }

    // MARK: - Constants and normalization

    private func isConstant(_ value: String) -> Bool {
        constants[value] != nil || derivedConstants[value] != nil
    }

    /// The role that produced `value` within the block being read; nil for stem values and earlier blocks.
    private func roleInCurrentBlock(_ value: String) -> String? {
        guard let producer = producerRole[value], producer.block == blockOrdinal else { return nil }
        return producer.role
    }

    /// Whether `value` comes straight from this block's `role` convolution and that convolution has a folded-in bias.
    private func endsFolded(_ value: String, role: String) -> Bool {
        roleInCurrentBlock(value) == role && pending.contains { $0.role == role && $0.tensors.count == 2 }
    }

    private func isStatic(_ value: String) -> Bool {
        isConstant(value) || shapeValues.contains(value)
    }

    private func root(of value: String) -> String {
        derivedConstants[value]?.root ?? value
    }

    /// The constant behind `value`; with `sameShape`, only through ops that keep the shape (Identity).
    private func constant(_ value: String, sameShape: Bool) -> ONNXTensor? {
        if let derived = derivedConstants[value] {
            return sameShape && !derived.sameShape ? nil : constants[derived.root]
        }
        return constants[value]
    }

    /// insightface's rule for whether a recognition graph normalizes its own input (see `ONNXIResNetMapping`), and
    /// if so its Sub and Mul constants, when Sub feeds Mul and both can be read.
    func inputNormalization() throws -> (inGraph: Bool, mean: [Float]?, scale: [Float]?) {
        let head = model.graph.nodes.prefix(8)
        let sub = head.first { $0.name.hasPrefix("Sub") || $0.name.hasPrefix("_minus") || $0.opType == "Sub" }
        let mul = head.first { $0.name.hasPrefix("Mul") || $0.name.hasPrefix("_mul") || $0.opType == "Mul" }
        guard let sub, let mul else { return (false, nil, nil) }
        if let subOutput = sub.outputs.first, mul.inputs.contains(subOutput),
           let mean = try constantOperand(of: sub), let scale = try constantOperand(of: mul) {
            return (true, mean, scale)
        }
        return (true, nil, nil)
    }

    /// The constant operand of a Sub/Mul (one value, or one per channel), nil if it has none.
    private func constantOperand(of node: ONNXNode) throws -> [Float]? {
        guard let value = node.inputs.first(where: isConstant), let tensor = constant(value, sameShape: false) else { return nil }
        return try model.floats(of: tensor)
    }

    private func structure(_ node: ONNXNode, _ problem: String) -> FacetError {
        FacetError(.unsupported, "\(source): node \(node.label) \(problem); not an arcface_torch IResNet graph")
    }
}
