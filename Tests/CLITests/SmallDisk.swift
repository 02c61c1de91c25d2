import Foundation
import Testing

/// A small tmpfs mounted on a fresh folder, to run the real `facet` into a full disk. Unmounted when released, so
/// a failing test leaves no mount behind. Mounting needs root; where it is refused the test fails (not skips), as
/// the disk-full paths would otherwise go untested without anyone noticing.
final class SmallDisk {
    let path: String

    init(at path: String, kilobytes: Int) throws {
        self.path = path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        let result = try Self.mount(["-t", "tmpfs", "-o", "size=\(kilobytes)k", "tmpfs", path])
        try #require(result.status == 0, "cannot mount a tmpfs on \(path) (run the tests as root): \(result.output)")
    }

    /// Grows (or shrinks) the disk in place: what freeing space looks like to a rerun.
    func resize(kilobytes: Int) throws {
        let result = try Self.mount(["-o", "remount,size=\(kilobytes)k", path])
        try #require(result.status == 0, "cannot resize the tmpfs on \(path): \(result.output)")
    }

    /// Writes `<path>/fill` so that about `kilobytes` stay free; `unfill()` frees them again.
    func fill(leaving kilobytes: Int) throws {
        var info = statvfs()
        try #require(statvfs(path, &info) == 0)
        let free = Int(info.f_bavail) * Int(info.f_frsize)
        try #require(free > kilobytes * 1024, "the disk has only \(free) bytes free")
        try Data(count: free - kilobytes * 1024).write(to: URL(fileURLWithPath: path + "/fill"))
    }

    func unfill() throws { try FileManager.default.removeItem(atPath: path + "/fill") }

    deinit { _ = try? Self.mount(["-l", path], tool: "/bin/umount") }

    private static func mount(_ arguments: [String], tool: String = "/bin/mount") throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, output)
    }
}
