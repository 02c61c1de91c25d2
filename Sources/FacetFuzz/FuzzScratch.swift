import Foundation

/// Files for readers that only take a path: one folder per process under `$TMPDIR`, each name rewritten per input.
enum FuzzScratch {
    static let folder: String = {
        let path = (NSTemporaryDirectory() as NSString).appendingPathComponent("facet-fuzz-\(getpid())")
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        atexit { try? FileManager.default.removeItem(atPath: FuzzScratch.folder) }
        return path
    }()

    /// Writes `data` to `name` in the scratch folder and returns its path.
    static func write(_ data: Data, named name: String) -> String {
        let path = (folder as NSString).appendingPathComponent(name)
        guard FileManager.default.createFile(atPath: path, contents: data) else {
            fatalError("cannot write the fuzz input to \(path)")
        }
        return path
    }
}
