import Foundation

/// Writes files so that a reader never sees a partial one: data goes to a hidden temp file in the same folder,
/// then a rename puts it in place. A crash or Ctrl-C leaves at most a stray `.facet-tmp-*` file, never a
/// truncated output.
public enum AtomicFile {
    /// Writes `data` to `path` atomically, creating parent folders.
    public static func write(_ data: Data, to path: String) throws {
        try write(to: path) { handle in try handle.write(contentsOf: data) }
    }

    /// Streams into a temp file through `body`, then renames it to `path`. On error the temp file is removed.
    public static func write(to path: String, _ body: (FileHandle) throws -> Void) throws {
        let url = URL(fileURLWithPath: path)
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
}
