/// An owned, 64-byte-aligned block of `Float`s. Shared by reference between tensors that view it.
///
/// Storage is `@unchecked Sendable` because Facet only mutates a storage through one owner at a time:
/// a model's weights are written once at load, and a `Workspace` (never shared between threads) owns activations.
public final class TensorStorage: @unchecked Sendable {
    public static let alignment = 64
    public let capacity: Int
    public let base: UnsafeMutablePointer<Float>

    public init(capacity: Int) {
        self.capacity = capacity
        let raw = UnsafeMutableRawPointer.allocate(
            byteCount: max(capacity, 1) * MemoryLayout<Float>.stride, alignment: TensorStorage.alignment)
        base = raw.bindMemory(to: Float.self, capacity: max(capacity, 1))
        base.initialize(repeating: 0, count: max(capacity, 1))
    }

    deinit { UnsafeMutableRawPointer(base).deallocate() }
}
