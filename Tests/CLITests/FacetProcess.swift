import Foundation
import Testing
import TestSupport

/// The built release `facet` (or another product built next to the tests) run as a separate process, as a user
/// runs it: its exit status and what it printed, so tests see what a trap, a signal or `exit()` really does.
struct FacetProcess {
    let process = Process()
    private let folder: TemporaryFolder
    private let stdoutPath: String
    private let stderrPath: String

    /// The path of `product`, built next to the test bundle.
    static func binary(_ product: String = "facet") throws -> String {
        let candidates = [
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent(), Bundle.main.bundleURL,
            Bundle.main.bundleURL.deletingLastPathComponent(),
        ].map { $0.appendingPathComponent(product).path }
        return try #require(
            candidates.first { FileManager.default.isExecutableFile(atPath: $0) },
            "\(product) is not built next to the tests (looked at \(candidates))")
    }

    /// Starts `product` with `arguments` (in `workingDirectory`, if given); stdout and stderr go to files, so a full
    /// pipe can never block it.
    init(
        _ arguments: [String], product: String = "facet", standardInput: FileHandle? = nil, workingDirectory: String? = nil
    ) throws {
        folder = try TemporaryFolder()
        stdoutPath = folder.file("stdout")
        stderrPath = folder.file("stderr")
        for path in [stdoutPath, stderrPath] { _ = FileManager.default.createFile(atPath: path, contents: nil) }
        process.executableURL = URL(fileURLWithPath: try Self.binary(product))
        process.arguments = arguments
        if let workingDirectory { process.currentDirectoryURL = URL(fileURLWithPath: workingDirectory) }
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: stdoutPath))
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: stderrPath))
        process.standardInput = standardInput ?? FileHandle.nullDevice
        try process.run()
    }

    /// Waits for the exit; its status (128 + n after `exit(128 + n)`, as a shell shows it).
    func wait() -> Int32 {
        process.waitUntilExit()
        return process.terminationReason == .uncaughtSignal ? 128 + process.terminationStatus : process.terminationStatus
    }

    var standardOutput: String { (try? String(contentsOfFile: stdoutPath, encoding: .utf8)) ?? "" }
    var standardError: String { (try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? "" }

    /// Runs `facet arguments` to the end.
    static func run(_ arguments: [String], product: String = "facet", workingDirectory: String? = nil) throws
        -> (status: Int32, stdout: String, stderr: String)
    {
        let running = try FacetProcess(arguments, product: product, workingDirectory: workingDirectory)
        let status = running.wait()
        return (status, running.standardOutput, running.standardError)
    }

    /// Runs `facet arguments` and expects it to fail with `status` and exactly one stderr line,
    /// `facet: error: …`, containing every one of `fragments`.
    static func expectError(
        _ status: Int32, _ arguments: [String], _ fragments: String..., sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let result = try run(arguments)
        #expect(result.status == status, "exit status for \(arguments); stderr: \(result.stderr)", sourceLocation: sourceLocation)
        let lines = result.stderr.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(lines.count == 1 && lines[0].hasPrefix("facet: error: "), "one error line, got: \(result.stderr)",
                sourceLocation: sourceLocation)
        for fragment in fragments {
            #expect(result.stderr.contains(fragment), "stderr '\(result.stderr)' lacks '\(fragment)'", sourceLocation: sourceLocation)
        }
    }
}
