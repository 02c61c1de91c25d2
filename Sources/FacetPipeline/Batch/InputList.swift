import Foundation
import TensorCore

/// Expands `-s/--source`: a folder (its files with matching extensions, not recursive) or a text file listing one
/// path per line. Either way the result is sorted, so outputs are deterministic.
public enum InputList {
    public static let imageExtensions: Set<String> = ["jpg", "jpeg", "png", "bmp", "ppm"]

    /// - Parameters:
    ///   - source: a folder, or a list file (blank lines, surrounding spaces and repeats are ignored; LF or CRLF).
    ///   - extensions: lowercase extensions a folder's files must have; list entries are taken as given.
    public static func load(_ source: String, extensions: Set<String>) throws -> [BatchItem] {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: source, isDirectory: &isDir) else {
            throw FacetError(.missingInput, "\(source): no such file or folder")
        }
        if isDir.boolValue {
            let names: [String]
            do { names = try FileManager.default.contentsOfDirectory(atPath: source) } catch {
                throw FacetError(.missingInput, "\(source): cannot list folder (\(error.localizedDescription))")
            }
            return names
                .filter { !$0.hasPrefix(".") && extensions.contains(($0 as NSString).pathExtension.lowercased()) }
                .sorted()
                .map { BatchItem(path: (source as NSString).appendingPathComponent($0), subfolder: "") }
        }
        let text: String
        do { text = try String(contentsOfFile: source, encoding: .utf8) } catch {
            throw FacetError(.badData, "\(source): cannot read as a UTF-8 list of paths")
        }
        // A path listed twice is one input: done twice, it was counted twice and raced itself for one output.
        return Set(text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) })
            .filter { !$0.isEmpty }
            .sorted()
            .map { BatchItem(path: $0, subfolder: parentFolderName($0)) }
    }

    /// The name of the folder that holds `path`, or "" when the path names none. Not NSString's
    /// `deletingLastPathComponent`: swift-corelibs-foundation traps on a one-character path such as `a`.
    static func parentFolderName(_ path: String) -> String {
        let components = path.split(separator: "/")
        return components.count >= 2 ? String(components[components.count - 2]) : ""
    }
}
