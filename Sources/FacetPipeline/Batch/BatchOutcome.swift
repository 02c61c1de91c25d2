/// What processing one item came to.
public enum BatchOutcome: Sendable {
    case done
    /// Its outputs already existed (reruns skip finished work).
    case skipped
}
