import Foundation

extension OutputFolder {
    /// How long a `.facet-tmp-*` file must have gone unmodified before a batch treats it as stale. A live writer
    /// touches its temp file continuously (an image's output takes well under a second), while one a killed run
    /// left never changes again; a fresher one may belong to another run writing the same folder, so it is kept.
    public static let staleTemporaryAge: TimeInterval = 15 * 60

    /// Deletes the `.facet-tmp-*` files directly in `folder` (AtomicFile's temp files, which a killed run leaves
    /// behind) that have not been modified for `staleTemporaryAge`. Returns how many it removed.
    @discardableResult
    public static func removeStaleTemporaryFiles(in folder: String, now: Date = Date()) -> Int {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return 0 }
        var removed = 0
        for name in names where name.hasPrefix(".facet-tmp-") {
            let path = (folder as NSString).appendingPathComponent(name)
            guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
                attributes[.type] as? FileAttributeType == .typeRegular,
                let modified = attributes[.modificationDate] as? Date,
                now.timeIntervalSince(modified) >= staleTemporaryAge
            else { continue }
            if unlink(path) == 0 { removed += 1 }
        }
        return removed
    }
}
