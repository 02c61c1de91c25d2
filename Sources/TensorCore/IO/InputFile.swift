import Foundation

/// Opens input files for reading. What is not a regular file is refused with one line: Foundation's `FileHandle`
/// opens a folder without complaint and its non-throwing reads then trap ("Is a directory").
public enum InputFile {
    /// A handle on the regular file at `path` (symlinks followed).
    public static func open(_ path: String) throws -> FileHandle {
        try checkRegular(path)
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw FacetError(.missingInput, "\(path): not readable")
        }
        return handle
    }

    /// Refuses a missing path (66), a folder (66) or a device, socket or FIFO (65).
    public static func checkRegular(_ path: String) throws {
        var info = stat()
        guard stat(path, &info) == 0 else { throw FacetError(.missingInput, "\(path): no such file") }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return
        case S_IFDIR: throw FacetError(.missingInput, "\(path): is a folder, not a file")
        default: throw FacetError(.badData, "\(path): not a regular file")
        }
    }

    /// Up to `count` bytes from `handle` (fewer at the end of the file), as an I/O error naming `path` on failure.
    public static func read(_ handle: FileHandle, upTo count: Int, path: String) throws -> Data {
        do { return try handle.read(upToCount: count) ?? Data() } catch {
            throw FacetError(.io, "\(path): read failed (\(error.localizedDescription))")
        }
    }
}
