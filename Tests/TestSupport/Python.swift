import Foundation

/// Runs `python3 -c <script> <args...>` for interop checks against NumPy and safetensors.
///
/// CI installs both (Tools/requirements-ci.txt), so a missing interpreter or module is a test failure with a
/// message saying what to install, never a skip.
public enum Python {
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    /// The script's stdout; throws with its stderr if it exits non-zero.
    public static func run(_ script: String, _ arguments: [String] = []) throws -> String {
        // stderr goes to a file so that reading stdout to the end cannot deadlock on a full stderr pipe.
        let folder = try TemporaryFolder()
        let errURL = URL(fileURLWithPath: folder.file("stderr"))
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let errHandle = try FileHandle(forWritingTo: errURL)
        defer { try? errHandle.close() }

        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script] + arguments
        let out = Pipe()
        process.standardOutput = out
        process.standardError = errHandle
        do { try process.run() } catch {
            throw Failure(description: "cannot start python3 (\(error)); install it and `pip install -r Tools/requirements-ci.txt`")
        }
        let stdoutData = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let message = (try? String(contentsOf: errURL, encoding: .utf8)) ?? ""
            if process.terminationStatus == 127 || message.contains("ModuleNotFoundError") {
                throw Failure(description: "interop tests need python3 with numpy, safetensors and pandas (pip install -r Tools/requirements-ci.txt): \(message)")
            }
            throw Failure(description: "python3 exited with \(process.terminationStatus): \(message)")
        }
        return String(decoding: stdoutData, as: UTF8.self)
    }
}
