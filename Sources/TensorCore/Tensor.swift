/// A float32 tensor: a shape plus a view into aligned storage.
///
/// Kernels take their output explicitly (`into:`), so a forward pass can run entirely on buffers owned by a
/// `Workspace`. Copying a `Tensor` copies the view, not the data. Checked `Sendable`: its storage is (see `TensorStorage`).
public struct Tensor: Sendable {
    public var shape: Shape
    public let storage: TensorStorage
    public let offset: Int

    /// A new zero-filled tensor with its own storage.
    public init(zeros shape: Shape) {
        self.shape = shape
        storage = TensorStorage(capacity: shape.count)
        offset = 0
    }

    /// A new tensor holding a copy of `values` (row-major).
    public init(shape: Shape, values: [Float]) {
        precondition(values.count == shape.count, "\(values.count) values for shape \(shape)")
        self.init(zeros: shape)
        values.withUnsafeBufferPointer { storage.base.update(from: $0.baseAddress!, count: values.count) }
    }

    /// A view of `shape.count` floats of `storage` starting at `offset`.
    public init(shape: Shape, storage: TensorStorage, offset: Int = 0) {
        precondition(offset >= 0 && offset + shape.count <= storage.capacity, "view \(shape) at \(offset) exceeds storage")
        self.shape = shape
        self.storage = storage
        self.offset = offset
    }

    public var count: Int { shape.count }
    public var pointer: UnsafeMutablePointer<Float> { storage.base + offset }
    public var buffer: UnsafeMutableBufferPointer<Float> { UnsafeMutableBufferPointer(start: pointer, count: count) }
    public var scalars: [Float] { Array(buffer) }

    /// The same data under another shape with the same element count.
    public func reshaped(_ newShape: Shape) -> Tensor {
        precondition(newShape.count == count, "cannot reshape \(shape) to \(newShape)")
        return Tensor(shape: newShape, storage: storage, offset: offset)
    }

    /// Item `n` of the leading (batch) axis, as a view.
    public func item(_ n: Int) -> Tensor {
        let inner = shape.droppingFirst
        precondition(n >= 0 && n < shape[0], "item \(n) out of range for \(shape)")
        return Tensor(shape: inner, storage: storage, offset: offset + n * inner.count)
    }
}
