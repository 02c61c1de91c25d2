import Foundation
import TensorCore

/// One feature file and the names the matcher derives from its path.
public struct FeatureEntry: Sendable, Equatable {
    public let path: String
    /// `<parent folder>/<stem>`, e.g. `blurred_nose/423383_01F31`: the reference's label. Two entries with the same
    /// label are the same feature file and are never paired.
    public let label: String
    /// The file name without its extension: the source photo. The same stem in two folders is the same photo in
    /// two conditions (e.g. blurred and original).
    public let stem: String
    public let subject: String

    public init(path: String, identity: IdentityRule) throws {
        self.path = path
        let url = URL(fileURLWithPath: path)
        stem = url.deletingPathExtension().lastPathComponent
        label = url.deletingLastPathComponent().lastPathComponent + "/" + stem
        subject = try identity.identity(ofPath: path)
    }

    /// The paths in a list file (one per line; blank lines skipped) or, for a folder, every `.npy` under it
    /// except hidden ones (e.g. another run's `.facet-tmp-*` files).
    /// Sorted by code point, as Python sorts strings: a row index is the position in this order.
    public static func listPaths(_ source: String) throws -> (paths: [String], blankLines: Int) {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: source, isDirectory: &isFolder) else {
            throw FacetError(.missingInput, "\(source): no such file or folder")
        }
        var paths = [String]()
        var blank = 0
        if isFolder.boolValue {
            guard let walker = FileManager.default.enumerator(atPath: source) else {
                throw FacetError(.missingInput, "\(source): cannot list folder")
            }
            for case let relative as String in walker
            where relative.hasSuffix(".npy") && !relative.split(separator: "/").contains(where: { $0.hasPrefix(".") }) {
                paths.append(URL(fileURLWithPath: source).appendingPathComponent(relative).path)
            }
        } else {
            let text: String
            do { text = try String(contentsOfFile: source, encoding: .utf8) } catch {
                throw FacetError(.badData, "\(source): cannot read list as UTF-8 text")
            }
            for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
                let path = line.trimmingCharacters(in: .whitespacesAndNewlines)
                if path.isEmpty { blank += 1 } else { paths.append(path) }
            }
            if text.hasSuffix("\n") { blank -= 1 }  // the final newline is not a blank line
        }
        guard !paths.isEmpty else { throw FacetError(.badData, "\(source): no feature files listed") }
        paths.sort { $0.unicodeScalars.lexicographicallyPrecedes($1.unicodeScalars) }
        return (paths, blank)
    }
}
