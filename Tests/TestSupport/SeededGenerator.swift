import TensorCore

/// A reproducible `RandomNumberGenerator` (splitmix64) for randomized shape sweeps: same seed, same cases.
public struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        return NamedRandom.mix(state)
    }

    /// A tensor of `shape` with values uniform in [−scale, scale).
    public mutating func tensor(_ shape: Shape, scale: Float = 1) -> Tensor {
        Tensor(shape: shape, values: (0..<shape.count).map { _ in Float.random(in: -scale..<scale, using: &self) })
    }
}
