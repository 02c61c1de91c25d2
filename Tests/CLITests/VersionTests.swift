import Foundation
import Testing
import TestSupport

/// `facet --version` names the git commit the binary was built from, computed here independently with git.
@Suite struct VersionTests {
    /// What git says of this checkout: HEAD, with `-dirty` if tracked files changed; nil outside a checkout.
    static func expectedRevision(testFile: String = #filePath) throws -> String? {
        let root = URL(fileURLWithPath: testFile).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().path
        func git(_ arguments: [String]) throws -> (status: Int32, output: String) {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["git", "-C", root] + arguments
            let pipe = Pipe()
            process.standardOutput = pipe
            process.standardError = FileHandle.nullDevice
            try process.run()
            let data = pipe.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return (process.terminationStatus, String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
        }
        let head = try git(["rev-parse", "HEAD"])
        guard head.status == 0 else { return nil }
        return try git(["diff", "--quiet", "HEAD", "--"]).status == 0 ? head.output : head.output + "-dirty"
    }

    /// The commit part only: `-dirty` says whether sources had uncommitted changes when it was built, which a
    /// later edit of a file that is not compiled (a script, a document) can change without a rebuild.
    static func commit(_ revision: String?) -> String? { revision.map { String($0.prefix { $0 != "-" }) } }

    @Test func versionNamesTheSourceRevision() throws {
        let run = try FacetProcess.run(["--version"])
        #expect(run.status == 0)
        let line = try #require(run.stdout.split(separator: "\n").first { $0.hasPrefix("source revision: ") }, "\(run.stdout)")
        let expected = Self.commit(try Self.expectedRevision()) ?? "unknown"
        #expect(Self.commit(String(line.dropFirst("source revision: ".count))) == expected, "stdout: \(run.stdout)")
        #expect(expected.count == 40 || expected == "unknown")
    }
}
