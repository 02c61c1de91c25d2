import Checkpoints
import TensorCore

/// A position in a checkpoint's key tree, through which a model reads its weights strictly.
///
/// `scope["cp"]["resnet"]["layer1"][0].tensor("conv1.weight", shape: [64, 64, 3, 3])` reads
/// `cp.resnet.layer1.0.conv1.weight` and checks its shape. All scopes made from one root share a record of the keys
/// read, so `finish()` on the root can reject a file with tensors the model never used. A missing key, a
/// misshaped key, a tensor with a NaN or Inf value and unused keys are `FacetError(.badData, "<file>: ...")`. `num_batches_tracked` is ignored.
///
/// A root made with `init(generating:)` has no file: it makes each requested tensor with the given function and
/// records it, so loading a model through it yields that model's full key list (`generatedStore`).
public struct WeightScope {
    private let source: WeightSource
    private let prefix: String

    /// A root scope over `store`.
    public init(_ store: WeightStore) {
        source = WeightSource(store: store, generator: nil)
        prefix = ""
    }

    /// A root scope that invents every tensor: `generator(key, shape)` returns its values (row-major).
    public init(generating generator: @escaping (_ key: String, _ shape: [Int]) -> [Float]) {
        source = WeightSource(store: WeightStore(source: "generated weights"), generator: generator)
        prefix = ""
    }

    private init(source: WeightSource, prefix: String) {
        self.source = source
        self.prefix = prefix
    }

    /// The child scope `name` (one or more dot-separated components).
    public subscript(_ name: String) -> WeightScope { WeightScope(source: source, prefix: key(name)) }

    /// The child scope for item `index` of a `Sequential`/`ModuleList`.
    public subscript(_ index: Int) -> WeightScope { self[String(index)] }

    /// The full key of `name` under this scope.
    public func key(_ name: String) -> String { prefix.isEmpty ? name : prefix + "." + name }

    /// Whether the file holds `name` under this scope (always false while generating).
    public func contains(_ name: String) -> Bool { source.generator == nil && source.store[key(name)] != nil }

    /// The shape of `name` in the file, if present.
    public func storedShape(_ name: String) -> [Int]? { source.generator == nil ? source.store[key(name)]?.shape : nil }

    /// How many numbered children `0, 1, 2, ...` this scope has in the file (blocks of a stage).
    public func numberedChildCount() -> Int {
        var count = 0
        while source.store.names.contains(where: { $0.hasPrefix(key("\(count).")) }) { count += 1 }
        return count
    }

    /// The values of tensor `name`, which must have exactly `shape`.
    public func floats(_ name: String, shape: [Int]) throws -> [Float] {
        let full = key(name)
        if let generator = source.generator {
            let values = generator(full, shape)
            try source.store.insert(full, StoredTensor(shape: shape, values: values))
            return values
        }
        guard let stored = source.store[full] else {
            throw FacetError(.badData, "\(source.store.source): missing tensor '\(full)' (expected shape \(shape))")
        }
        guard stored.shape == shape else {
            throw FacetError(
                .badData, "\(source.store.source): tensor '\(full)' has shape \(stored.shape), the model expects \(shape)")
        }
        // A NaN or Inf weight makes every output NaN: refuse the file at load, not hours into a run.
        let nonFinite = stored.values.reduce(0) { $0 + ($1.isFinite ? 0 : 1) }
        guard nonFinite == 0 else {
            throw FacetError(
                .badData, "\(source.store.source): tensor '\(full)' holds \(nonFinite) non-finite values (NaN or Inf) of \(stored.values.count)")
        }
        source.used.insert(full)
        return stored.values
    }

    /// Tensor `name` as a `Tensor` of exactly `shape`.
    public func tensor(_ name: String, shape: [Int]) throws -> Tensor {
        Tensor(shape: Shape(shape), values: try floats(name, shape: shape))
    }

    /// Fails if the file holds tensors the model did not read (other than `num_batches_tracked`).
    public func finish() throws {
        let unused = source.store.names.filter { !source.used.contains($0) && !$0.hasSuffix("num_batches_tracked") }
        guard unused.isEmpty else {
            let shown = unused.prefix(5).map { "'\($0)'" }.joined(separator: ", ")
            let more = unused.count > 5 ? " and \(unused.count - 5) more" : ""
            throw FacetError(.badData, "\(source.store.source): \(unused.count) unused tensor(s): \(shown)\(more)")
        }
    }

    /// In generating mode, every tensor made so far, by key, in the order the model asked for them.
    public var generatedStore: WeightStore { source.store }
}

/// The shared, mutable side of a scope tree: the store, and which keys have been read.
private final class WeightSource {
    var store: WeightStore
    let generator: ((String, [Int]) -> [Float])?
    var used: Set<String> = []

    init(store: WeightStore, generator: ((String, [Int]) -> [Float])?) {
        self.store = store
        self.generator = generator
    }
}
