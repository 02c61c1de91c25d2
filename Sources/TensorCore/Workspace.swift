/// A reusable pool of activation and scratch buffers for one thread of inference.
///
/// A forward pass calls `reset()` and then asks for buffers in the same order on every call. Slot *k* keeps its
/// storage between passes and only grows when a larger request comes, so after the first pass (the warm-up) a
/// forward pass makes no heap allocations. A workspace is not `Sendable`: give each worker its own.
public final class Workspace {
    private var slots: [TensorStorage] = []
    private var next = 0
    /// Total floats held by all slots (for diagnostics and benchmarks).
    public var floatsHeld: Int { slots.reduce(0) { $0 + $1.capacity } }
    /// How many times a slot had to be (re)allocated since creation.
    public private(set) var allocations = 0

    public init() {}

    /// Start a new pass: slots are handed out again from the first.
    public func reset() { next = 0 }

    /// A tensor of `shape` backed by the next slot. Its contents are unspecified (leftovers from the last pass).
    public func tensor(_ shape: Shape) -> Tensor {
        let need = shape.count
        if next == slots.count {
            slots.append(TensorStorage(capacity: need))
            allocations += 1
        } else if slots[next].capacity < need {
            slots[next] = TensorStorage(capacity: need)
            allocations += 1
        }
        defer { next += 1 }
        return Tensor(shape: shape, storage: slots[next])
    }

    /// Raw scratch of at least `count` floats from the next slot (im2col columns and the like).
    public func scratch(_ count: Int) -> UnsafeMutablePointer<Float> {
        tensor(Shape(count)).pointer
    }
}
