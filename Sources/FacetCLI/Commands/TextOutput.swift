import Foundation
import TensorCore

/// Where a command's text output goes: a file, written atomically, or stdout as a stream for `-` and
/// `/dev/stdout` (which `AtomicFile` would refuse to replace, since it is a device or a pipe).
enum TextOutput {
    static func isStandardOutput(_ path: String) -> Bool { path == "-" || path == "/dev/stdout" }

    static func write(_ data: Data, to path: String) throws {
        if isStandardOutput(path) { FileHandle.standardOutput.write(data) } else { try AtomicFile.write(data, to: path) }
    }

    /// Refuses, before any work, an output no write could use (a device, a folder) and, unless `force`, one that
    /// exists: the same rule as every other command's outputs.
    static func check(_ path: String?, force: Bool) throws {
        guard let path, !isStandardOutput(path) else { return }
        try AtomicFile.checkTarget(path)
        if !force && FileManager.default.fileExists(atPath: path) {
            throw FacetError(.cannotCreate, "\(path): already exists; use --force to overwrite")
        }
    }
}
