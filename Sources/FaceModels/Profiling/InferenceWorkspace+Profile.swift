import TensorCore

extension InferenceWorkspace {
    /// Runs `body`, the layer `name` of the enclosing module, timing it if a profiler is attached. Without one this
    /// is `body()` after one nil check: the descriptions (autoclosures) are never evaluated.
    @inline(__always)
    public func profile(
        _ name: @autoclosure () -> String, kind: @autoclosure () -> LayerKind, flops: @autoclosure () -> Int = 0,
        folded: @autoclosure () -> [String] = [], _ body: () -> Tensor
    ) -> Tensor {
        guard let profiler else { return body() }
        let start = profiler.start()
        let y = body()
        profiler.record(since: start, name: name, kind: kind, shape: { y.shape }, flops: flops, folded: folded)
        return y
    }

    /// `profile` for a layer that writes in place or outside the workspace; `shape` is its output's.
    @inline(__always)
    public func profile(
        _ name: @autoclosure () -> String, kind: @autoclosure () -> LayerKind, shape: @autoclosure () -> Shape,
        _ body: () -> Void
    ) {
        guard let profiler else { return body() }
        let start = profiler.start()
        body()
        profiler.record(since: start, name: name, kind: kind, shape: shape, flops: { 0 }, folded: { [] })
    }

    /// Runs `body` inside the module `name` (`layer3.12`, `cp`): the layers it profiles are named under it.
    @inline(__always)
    public func scope<T>(_ name: @autoclosure () -> String, _ body: () -> T) -> T {
        guard let profiler else { return body() }
        return profiler.scope(name, body)
    }
}
