import TensorCore

/// Times each layer of forward passes run with a workspace it is attached to (`InferenceWorkspace.profiler`).
///
/// The first pass after attaching (or after `discardTimes`) names the layers: every layer must then run in the
/// same order in each later pass, which only appends one time per layer to storage reserved by `discardTimes`,
/// so a profiled pass after that allocates nothing. A pass lasts from one `InferenceWorkspace.beginPass()` to the
/// next, so ops run after the model's forward call (e.g. the argmax) belong to it.
public final class LayerProfiler {
    /// The layers of one pass, in the order they run; fixed after the first pass.
    public private(set) var layers: [ProfiledLayer] = []
    /// `seconds[pass * layers.count + layer]`: the wall time of each layer in each recorded pass.
    public private(set) var seconds: [Double] = []
    private var naming = true
    private var cursor = 0
    /// While naming: the enclosing module names (`layer3`, `12`), joined with the layer's own name.
    private var prefixes: [String] = []

    public init() {}

    /// The passes recorded since the layers were named (the naming pass included until `discardTimes`).
    public var passes: Int { layers.isEmpty ? 0 : seconds.count / layers.count }

    /// Drops the times recorded so far but keeps the layer list, and reserves room for `passes` more passes.
    public func discardTimes(reserving passes: Int) {
        endPass()
        seconds = []
        seconds.reserveCapacity(passes * layers.count)
    }

    /// Called by `InferenceWorkspace.beginPass()`: ends the previous pass, if any.
    func beginPass() { endPass() }

    private func endPass() {
        guard cursor > 0 else { return }
        precondition(naming || cursor == layers.count, "a profiled pass ran \(cursor) layers, the first ran \(layers.count)")
        naming = false
        cursor = 0
        prefixes = []
    }

    /// Runs `body` with `name` as the enclosing module of the layers it runs (only looked at in the naming pass).
    func scope<T>(_ name: () -> String, _ body: () -> T) -> T {
        guard naming else { return body() }
        prefixes.append(name())
        defer { prefixes.removeLast() }
        return body()
    }

    /// Now, for `record`.
    func start() -> ContinuousClock.Instant { ContinuousClock.now }

    /// Records the layer that ran from `start` to now. The descriptions are only evaluated in the naming pass.
    func record(
        since start: ContinuousClock.Instant, name: () -> String, kind: () -> LayerKind, shape: () -> Shape,
        flops: () -> Int, folded: () -> [String]
    ) {
        let elapsed = (ContinuousClock.now - start).components
        seconds.append(Double(elapsed.seconds) + Double(elapsed.attoseconds) * 1e-18)
        if naming {
            let full = (prefixes + [name()]).joined(separator: ".")
            let enclosing = prefixes.joined(separator: ".")
            layers.append(ProfiledLayer(
                name: full, kind: kind(), shape: shape(), flops: flops(),
                folded: folded().map { enclosing.isEmpty ? $0 : enclosing + "." + $0 }))
        } else {
            precondition(cursor < layers.count, "a profiled pass ran more layers than the first (\(layers.count))")
        }
        cursor += 1
    }
}
