/// What went wrong, in the terms a user acts on. Each kind has one documented exit status (sysexits.h).
public enum FailureKind: Sendable {
    /// Corrupt or malformed input data: an image, weights, a .npy or list file (exit 65, EX_DATAERR).
    case badData
    /// An input file or folder does not exist or cannot be opened (exit 66, EX_NOINPUT).
    case missingInput
    /// An output cannot be created (exit 73, EX_CANTCREAT).
    case cannotCreate
    /// Reading or writing failed part way (exit 74, EX_IOERR).
    case io
    /// The input is well-formed but not something Facet supports (exit 65, EX_DATAERR).
    case unsupported

    public var exitStatus: Int32 {
        switch self {
        case .badData, .unsupported: 65
        case .missingInput: 66
        case .cannotCreate: 73
        case .io: 74
        }
    }
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
