import TensorCore

/// Small parsers shared by the biometric commands.
enum CommandParsing {
    /// "1e-3,0.5" → [0.001, 0.5].
    static func numbers(_ text: String, option: String) throws -> [Double] {
        try text.split(separator: ",").map {
            let field = $0.trimmingCharacters(in: .whitespaces)
            guard let v = Double(field), v.isFinite else {
                throw FacetError(.badData, "\(option): '\(field)' is not a number")
            }
            return v
        }
    }
}
