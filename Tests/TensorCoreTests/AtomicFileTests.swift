import Foundation
import Testing
import TensorCore
import TestSupport

/// `AtomicFile` replaces regular files only: a device or a folder in the way is refused and left as it was; a
/// symbolic link to a regular file is written through and stays a link.
@Suite struct AtomicFileTests {
    @Test func aDeviceIsRefusedAndLeftAlone() throws {
        expectFailure(.cannotCreate, "/dev/null: exists and is not a regular file") {
            try AtomicFile.write(Data("x".utf8), to: "/dev/null")
        }
        var info = stat()
        #expect(stat("/dev/null", &info) == 0 && info.st_mode & S_IFMT == S_IFCHR, "/dev/null is still a device")
    }

    @Test func aFolderIsRefused() throws {
        let folder = try TemporaryFolder()
        expectFailure(.cannotCreate, "is a folder") { try AtomicFile.write(Data("x".utf8), to: folder.path) }
    }

    @Test func aSymlinkToARegularFileIsWrittenThrough() throws {
        let folder = try TemporaryFolder()
        try Data("old".utf8).write(to: URL(fileURLWithPath: folder.file("target.txt")))
        try FileManager.default.createSymbolicLink(atPath: folder.file("link.txt"), withDestinationPath: "target.txt")
        try AtomicFile.write(Data("new".utf8), to: folder.file("link.txt"))
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: folder.file("link.txt")) == "target.txt")
        #expect(try String(contentsOfFile: folder.file("target.txt"), encoding: .utf8) == "new")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["link.txt", "target.txt"])
    }

    @Test func aSymlinkToADeviceOrToNothingIsRefused() throws {
        let folder = try TemporaryFolder()
        try FileManager.default.createSymbolicLink(atPath: folder.file("null"), withDestinationPath: "/dev/null")
        try FileManager.default.createSymbolicLink(atPath: folder.file("dangling"), withDestinationPath: "missing")
        expectFailure(.cannotCreate, "not a regular file") { try AtomicFile.write(Data(), to: folder.file("null")) }
        expectFailure(.cannotCreate, "symbolic link to nothing") { try AtomicFile.write(Data(), to: folder.file("dangling")) }
    }
}
