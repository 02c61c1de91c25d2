import TensorCore

/// One named float32 tensor read from a weight file, before any model uses it.
public struct StoredTensor: Sendable {
    public var shape: [Int]
    public var values: [Float]

    public init(shape: [Int], values: [Float]) {
        precondition(shape.reduce(1, *) == values.count, "\(values.count) values for shape \(shape)")
        self.shape = shape
        self.values = values
    }
}
