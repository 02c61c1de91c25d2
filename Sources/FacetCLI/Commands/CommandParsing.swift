import Biometrics
import TensorCore

/// Small parsers shared by the biometric commands and `facet experiment`.
enum CommandParsing {
    /// "1e-3,0.5" → [0.001, 0.5].
    static func numbers(_ text: String, option: String) throws -> [Double] {
        try text.split(separator: ",").map {
            let field = $0.trimmingCharacters(in: .whitespaces)
            guard let v = Double(field) else { throw FacetError(.usage, "\(option) '\(field)': not a number") }
            return v
        }
    }

    /// `--fmr-targets`, checked as the library checks them (rates in (0, 1]).
    static func targets(_ text: String, option: String = "--fmr-targets") throws -> [Double] {
        let values = try numbers(text, option: option)
        try MetricsReport.checkTargets(values, option)
        return values
    }

    /// `--thresholds` (finite numbers); none when the flag is not given.
    static func thresholds(_ text: String?, option: String = "--thresholds") throws -> [Double] {
        let values = try text.map { try numbers($0, option: option) } ?? []
        try MetricsReport.checkThresholds(values, option)
        return values
    }
}
