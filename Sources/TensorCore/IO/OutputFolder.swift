import Foundation

/// An output folder, readied before any work: without this, a destination that is a file or is read-only made
/// every image of a batch fail one by one after the network had run on it.
public enum OutputFolder {
    /// Creates `folder` (and its parents) if missing; refuses a path that is not a folder, or a folder in which
    /// no file can be created (read-only, not permitted, a read-only file system), as `.cannotCreate`.
    public static func prepare(_ folder: String) throws {
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder) {
            guard isFolder.boolValue else { throw FacetError(.cannotCreate, "\(folder): is a file, not an output folder") }
        } else {
            do { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) } catch {
                throw FacetError(.cannotCreate, "\(folder): cannot create the output folder (\(error.localizedDescription))")
            }
        }
        // Permission bits do not tell (root writes anywhere, a read-only mount refuses everyone): create a file.
        let probe = (folder as NSString).appendingPathComponent(".facet-tmp-\(getpid())-\(UUID().uuidString)-probe")
        let fd = open(probe, O_CREAT | O_EXCL | O_WRONLY, 0o600)
        guard fd >= 0 else {
            throw FacetError(.cannotCreate, "\(folder): cannot create files in the output folder (\(String(cString: strerror(errno))))")
        }
        close(fd)
        unlink(probe)
    }
}
