/// What went wrong, in the terms a user acts on. The command-line tool gives each kind its own exit status.
public enum FailureKind: Sendable {
    /// Corrupt or malformed input data: an image, weights, a .npy or list file.
    case badData
    /// An input file or folder does not exist or cannot be opened.
    case missingInput
    /// An output cannot be created.
    case cannotCreate
    /// Reading or writing failed part way.
    case io
    /// The input is well-formed but not something Facet supports.
    case unsupported
    /// A setting that cannot be used: a missing required value or one out of range.
    case usage
}

/// An error with a one-line message naming the file and the problem.
public struct FacetError: Error, CustomStringConvertible, Sendable {
    public let kind: FailureKind
    public let message: String

    public init(_ kind: FailureKind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }
}
