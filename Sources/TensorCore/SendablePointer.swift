/// A raw pointer that may cross into a `parallelFor` body.
///
/// Only for disjoint-range writes inside one `parallelFor`: each iteration must touch memory no other iteration
/// touches. That is the whole reason this wrapper is `@unchecked Sendable`.
public struct SendablePointer<T>: @unchecked Sendable {
    public let base: UnsafeMutablePointer<T>
    public init(_ base: UnsafeMutablePointer<T>) { self.base = base }
}
