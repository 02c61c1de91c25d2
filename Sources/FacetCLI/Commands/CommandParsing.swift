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

    /// "1e-4:0.5" → 1e-4...0.5, both ends finite, low < high and inside `within` when given.
    static func range(_ text: String, option: String, within: ClosedRange<Double>? = nil) throws -> ClosedRange<Double> {
        let ends = text.split(separator: ":", omittingEmptySubsequences: false)
        guard ends.count == 2, let low = Double(ends[0]), let high = Double(ends[1]), low.isFinite, high.isFinite,
            low < high
        else { throw FacetError(.usage, "\(option) \(text): expected LOW:HIGH with LOW < HIGH, e.g. 1e-5:0.5") }
        if let within, low < within.lowerBound || high > within.upperBound {
            throw FacetError(.usage, "\(option) \(text): both ends must lie in \(within.lowerBound)…\(within.upperBound)")
        }
        return low...high
    }
}
