import Foundation

/// Writes files so that a reader never sees a partial one: data goes to a hidden temp file in the same folder,
/// then a rename puts it in place. A crash or Ctrl-C leaves at most a stray `.facet-tmp-*` file, never a
/// truncated output.
///
/// Only regular files are replaced. A target that exists as a device, folder, FIFO or socket (`/dev/null`,
/// `/dev/stdout` on a terminal or pipe) is refused, because the rename would put a regular file where the node
/// was. A symbolic link (or chain of them) to a regular file, or to a missing file in an existing folder, is
/// written through: the file it points to is replaced and the link stays.
public enum AtomicFile {
    /// Writes `data` to `path` atomically, creating parent folders.
    public static func write(_ data: Data, to path: String) throws {
        try write(to: path) { handle in try handle.write(contentsOf: data) }
    }

    /// Streams into a temp file through `body`, then renames it to `path`. On error the temp file is removed.
    public static func write(to path: String, _ body: (FileHandle) throws -> Void) throws {
        let url = URL(fileURLWithPath: try target(of: path))
        let dir = url.deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        } catch {
            throw FacetError(.cannotCreate, "\(dir.path): cannot create folder (\(error.localizedDescription))")
        }
        let tmp = dir.appendingPathComponent(".facet-tmp-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)-\(url.lastPathComponent)")
        guard FileManager.default.createFile(atPath: tmp.path, contents: nil) else {
            throw FacetError(.cannotCreate, "\(path): cannot create output file")
        }
        do {
            let handle = try FileHandle(forWritingTo: tmp)
            defer { try? handle.close() }
            try body(handle)
        } catch {
            try? FileManager.default.removeItem(at: tmp)
            if let e = error as? FacetError { throw e }
            throw FacetError(.io, "\(path): write failed (\(error.localizedDescription))")
        }
        if rename(tmp.path, url.path) != 0 {
            try? FileManager.default.removeItem(at: tmp)
            throw FacetError(.cannotCreate, "\(path): cannot move the finished file into place")
        }
    }

    /// Refuses `path` if it exists as anything but a regular file (following symbolic links), so a command can
    /// check its outputs before any work.
    public static func checkTarget(_ path: String) throws { _ = try target(of: path) }

    /// The path to replace: `path` itself, or the regular file its symbolic links lead to.
    static func target(of path: String) throws -> String {
        var info = stat()
        if stat(path, &info) == 0 {
            switch info.st_mode & S_IFMT {
            case S_IFREG:
                guard let resolved = realpath(path, nil) else { return path }
                defer { free(resolved) }
                return String(cString: resolved)
            case S_IFDIR:
                throw FacetError(.cannotCreate, "\(path): is a folder; give a file name")
            default:
                throw FacetError(
                    .cannotCreate, "\(path): exists and is not a regular file (a device, pipe or socket); refusing to replace it")
            }
        }
        if lstat(path, &info) == 0 {
            throw FacetError(.cannotCreate, "\(path): is a symbolic link to nothing; refusing to replace it")
        }
        return path  // nothing there yet: a new file
    }
}
