import TensorCore

extension FailureKind {
    /// The documented exit status of each kind of failure (sysexits.h).
    var exitStatus: Int32 {
        switch self {
        case .usage: 64  // EX_USAGE
        case .badData, .unsupported: 65  // EX_DATAERR
        case .missingInput: 66  // EX_NOINPUT
        case .cannotCreate: 73  // EX_CANTCREAT
        case .io: 74  // EX_IOERR
        }
    }
}
