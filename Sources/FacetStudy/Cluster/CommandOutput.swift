import Dispatch
import Foundation
import Synchronization
import TensorCore

/// A scheduler command run to completion: its exit status and what it printed.
struct CommandOutput {
    let status: Int32
    let standardOutput: String
    let standardError: String

    /// Runs `executable` with `arguments`, waiting for it to exit.
    static func run(_ executable: String, _ arguments: [String]) throws -> CommandOutput {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        do { try process.run() } catch {
            throw FacetError(.missingInput, "\(executable): cannot run (\(error.localizedDescription))")
        }
        // Read both pipes before waiting, so a chatty command cannot block on a full pipe.
        let errorData = Mutex(Data())
        let done = DispatchGroup()
        DispatchQueue.global().async(group: done) {
            let data = err.fileHandleForReading.readDataToEndOfFile()
            errorData.withLock { $0 = data }
        }
        let outputData = out.fileHandleForReading.readDataToEndOfFile()
        done.wait()
        process.waitUntilExit()
        return CommandOutput(
            status: process.terminationStatus, standardOutput: String(decoding: outputData, as: UTF8.self),
            standardError: errorData.withLock { String(decoding: $0, as: UTF8.self) })
    }

    /// `name` from `$<environment>` if set, else the first match on `PATH`.
    static func find(_ name: String, environment: String? = nil) throws -> String {
        let env = ProcessInfo.processInfo.environment
        if let environment, let given = env[environment], !given.isEmpty {
            guard FileManager.default.isExecutableFile(atPath: given) else {
                throw FacetError(.missingInput, "$\(environment)=\(given): not an executable file")
            }
            return given
        }
        for folder in (env["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let candidate = (String(folder) as NSString).appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        throw FacetError(
            .missingInput, "\(name): not found on PATH\(environment.map { " (or set $\($0) to its path)" } ?? "")")
    }
}
