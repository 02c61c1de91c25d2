import Foundation
import TensorCore

/// Where a command's text output goes: a file, written atomically, or stdout as a stream for `-` and
/// `/dev/stdout` (which `AtomicFile` would refuse to replace, since it is a device or a pipe).
enum TextOutput {
    static func isStandardOutput(_ path: String) -> Bool { path == "-" || path == "/dev/stdout" }

    static func write(_ data: Data, to path: String) throws {
        if isStandardOutput(path) { FileHandle.standardOutput.write(data) } else { try AtomicFile.write(data, to: path) }
    }

    /// Refuses an output no write could use (a device, a folder), before any work.
    static func check(_ path: String?) throws {
        if let path, !isStandardOutput(path) { try AtomicFile.checkTarget(path) }
    }
}
