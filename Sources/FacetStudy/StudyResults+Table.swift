import Biometrics
import Foundation

extension StudyResults {
    /// Every group × condition × metric with its change against the group's original condition, in report
    /// order. Conditions without a summary (failed, or not run) have no rows.
    var rows: [ResultRow] {
        groups.flatMap { group in
            let original = summary(group, .original).map(metrics) ?? [:]
            return ExperimentLayout.Condition.all(parts: parts).flatMap { condition -> [ResultRow] in
                guard let summary = summary(group, condition) else { return [] }
                let (kind, part): (String, String) =
                    switch condition {
                    case .original: ("original", "")
                    case .blurred(let p): ("blurred", p)
                    case .cross(let p): ("cross", p)
                    }
                var found = metrics(summary)
                for t in fmrTargets {
                    guard let p = atOriginalThreshold(group, condition, target: t) else { continue }
                    let (fmr, fnmr) = (p.fmrInterval(), p.fnmrInterval())
                    found["fmr_at_original_threshold_\(t)"] = Metric(
                        value: p.fmr, low: fmr.lowerBound, high: fmr.upperBound, method: Self.clopperPearson)
                    found["fnmr_at_original_threshold_\(t)"] = Metric(
                        value: p.fnmr, low: fnmr.lowerBound, high: fnmr.upperBound, method: Self.clopperPearson)
                }
                return found.sorted { Self.order($0.key) < Self.order($1.key) }.map { name, metric in
                    var change: Double?
                    if condition != .original, let value = metric.value, let base = original[name]?.value { change = value - base }
                    let changeInterval = change == nil ? nil : self.changeInterval(group, condition, name)
                    return ResultRow(
                        group: group, condition: kind, part: part, metric: name, value: metric.value, low: metric.low,
                        high: metric.high, interval: metric.method ?? "", change: change, changeLow: changeInterval?.low,
                        changeHigh: changeInterval?.high, genuinePairs: summary.genuinePairs,
                        impostorPairs: summary.impostorPairs)
                }
            }
        }
    }

    /// A metric's value and its 95 % interval, with the `ResultRow.interval` name of how it was computed.
    struct Metric {
        let value: Double?
        var low: Double? = nil
        var high: Double? = nil
        var method: String? = nil
    }

    static let clopperPearson = "clopper_pearson"

    /// `ResultRow.interval` of a bootstrap interval.
    static func intervalName(_ method: BootstrapMethod) -> String {
        switch method {
        case .exact: "subject_bootstrap_exact"
        case .firstOrder: "subject_bootstrap_first_order"
        }
    }

    static let metricOrder = ["d_prime", "eer", "auc", "genuine_mean", "impostor_mean"]

    static func order(_ name: String) -> String {
        metricOrder.firstIndex(of: name).map { "\($0)" } ?? "9\(name)"
    }

    /// The metrics of one condition, FNMR at the study's FMR targets among them; d′, EER and FNMR with their
    /// subject-bootstrap intervals.
    func metrics(_ summary: MatchJob.Summary) -> [String: Metric] {
        guard let m = summary.metrics else { return [:] }
        func bootstrapped(_ name: String, _ value: Double) -> Metric {
            guard let b = summary.bootstrap, let i = b.interval(name) else { return Metric(value: value) }
            return Metric(value: value, low: i.low, high: i.high, method: Self.intervalName(b.method))
        }
        var found: [String: Metric] = [
            "d_prime": bootstrapped("d_prime", m.dPrime), "eer": bootstrapped("eer", m.equalErrorRate.eer),
            "auc": Metric(value: m.areaUnderROC), "genuine_mean": Metric(value: m.genuine.mean),
            "impostor_mean": Metric(value: m.impostor.mean),
        ]
        for t in m.fnmrAtFMR where t.resolved && fmrTargets.contains(t.targetFMR) {
            let name = "fnmr_at_fmr_\(t.targetFMR)"
            found[name] = bootstrapped(name, t.rate.fnmr)
        }
        return found
    }

    /// `results.csv`: a header and one row per `rows` entry; a missing or non-finite number is an empty field.
    var csv: String {
        func number(_ v: Double?) -> String { v.flatMap { $0.isFinite ? "\($0)" : nil } ?? "" }
        func text(_ s: String) -> String {
            s.contains(where: { ",\"\n\r".contains($0) }) ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
        }
        return ([ResultRow.csvHeader] + rows.map { r in
            [text(r.group), r.condition, text(r.part), r.metric, number(r.value), number(r.low), number(r.high),
             r.interval, number(r.change), number(r.changeLow), number(r.changeHigh), "\(r.genuinePairs)",
             "\(r.impostorPairs)"].joined(separator: ",")
        }).joined(separator: "\n") + "\n"
    }

    /// `results.json`: the rows as an array of objects (every key in each; a missing number is null).
    func json() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return try encoder.encode(rows)
    }
}
