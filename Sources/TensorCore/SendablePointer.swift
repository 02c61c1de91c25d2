import Dispatch

/// A raw pointer that may cross into a `concurrentPerform` body.
///
/// Only for disjoint-range writes inside one `parallelFor`: each iteration must touch memory no other iteration
/// touches. That is the whole reason this wrapper is `@unchecked Sendable`.
public struct SendablePointer<T>: @unchecked Sendable {
    public let base: UnsafeMutablePointer<T>
    public init(_ base: UnsafeMutablePointer<T>) { self.base = base }
}

/// Runs `body(i)` for every `i` in `0..<count`, spread over `workers` threads (serially when `workers <= 1`).
public func parallelFor(_ count: Int, workers: Int, _ body: @Sendable (Int) -> Void) {
    if workers <= 1 || count <= 1 {
        for i in 0..<count { body(i) }
        return
    }
    let chunks = min(workers, count)
    DispatchQueue.concurrentPerform(iterations: chunks) { c in
        let lo = count * c / chunks, hi = count * (c + 1) / chunks
        for i in lo..<hi { body(i) }
    }
}
