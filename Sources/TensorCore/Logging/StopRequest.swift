import Synchronization

/// A request to stop long work early, checked between chunks of a batch and between the steps of a study.
/// Work stops after the items in flight, so every output written is complete. The command-line tool sets it on
/// Ctrl-C.
public final class StopRequest: Sendable {
    private let requested = Atomic<Bool>(false)

    public init() {}

    /// Asks running work to stop; returns whether a stop had already been requested.
    @discardableResult
    public func request() -> Bool { requested.exchange(true, ordering: .relaxed) }

    public var isRequested: Bool { requested.load(ordering: .relaxed) }
}
