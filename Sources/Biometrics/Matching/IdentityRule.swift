import Foundation
import TensorCore

/// How a feature file's subject identity is read from its path.
public enum IdentityRule: Sendable {
    /// MORPH (the reference's default branch): the file name up to the first `_`, as a string
    /// (`423383_01F31.npy` → `423383`); Python's `split('_')[0]`, so a name without `_` is its own identity.
    case morph
    /// The name of the folder holding the file (`…/subject_17/img3.npy` → `subject_17`).
    case folder
    /// The first capture group of a regular expression matched against the file name (or the whole match when it
    /// has no groups). A file name that does not match is an error.
    case regex(String)

    public func identity(ofPath path: String) throws -> String {
        let url = URL(fileURLWithPath: path)
        let name = url.lastPathComponent
        switch self {
        case .morph:
            return String(name.split(separator: "_", maxSplits: 1, omittingEmptySubsequences: false)[0])
        case .folder:
            return url.deletingLastPathComponent().lastPathComponent
        case .regex(let pattern):
            let expression: NSRegularExpression
            do { expression = try NSRegularExpression(pattern: pattern) } catch {
                throw FacetError(.badData, "--id-regex '\(pattern)': not a valid regular expression")
            }
            let range = NSRange(name.startIndex..., in: name)
            guard let match = expression.firstMatch(in: name, range: range) else {
                throw FacetError(.badData, "\(path): file name does not match --id-regex '\(pattern)'")
            }
            let group = match.numberOfRanges > 1 ? match.range(at: 1) : match.range
            guard let r = Range(group, in: name) else {
                throw FacetError(.badData, "\(path): --id-regex '\(pattern)' captured nothing")
            }
            return String(name[r])
        }
    }
}
