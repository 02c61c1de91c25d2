import TensorCore

extension FacePart {
    /// Parses a comma-separated `--parts` list: `eyes,ears=7,8,9,nose` is eyes, ears (labels 7, 8, 9) and nose,
    /// since a bare number after a `name=labels` entry is one more of its labels. Each name at most once.
    public static func parseList(_ text: String) throws -> [FacePart] {
        var entries: [String] = []
        for field in text.split(separator: ",", omittingEmptySubsequences: false).map({ $0.trimmingCharacters(in: .whitespaces) }) {
            if let last = entries.last, last.contains("="), !field.isEmpty, field.allSatisfy(\.isNumber) {
                entries[entries.count - 1] += "," + field
            } else {
                entries.append(field)
            }
        }
        let parts = try entries.map(parse)
        var seen = Set<String>()
        for part in parts where !seen.insert(part.name).inserted {
            throw FacetError(.usage, "part '\(part.name)' is listed twice")
        }
        return parts
    }
}
