import Foundation

/// One input file of a batch command, and where its outputs go.
public struct BatchItem: Sendable, Hashable {
    /// The input path as given or found.
    public let path: String
    /// The output subfolder: empty for folder input; the input's parent folder name for list input, as the
    /// reference scripts do (`<out>/<parent folder>/<stem>...`).
    public let subfolder: String

    public init(path: String, subfolder: String) {
        self.path = path
        self.subfolder = subfolder
    }

    public var fileName: String { (path as NSString).lastPathComponent }
    /// The file name without its last extension (`423383_01F31.JPG` → `423383_01F31`).
    public var stem: String { (fileName as NSString).deletingPathExtension }

    /// `<root>/<subfolder>/<name>`.
    public func output(in root: String, named name: String) -> String {
        subfolder.isEmpty ? (root as NSString).appendingPathComponent(name)
            : ((root as NSString).appendingPathComponent(subfolder) as NSString).appendingPathComponent(name)
    }
}
