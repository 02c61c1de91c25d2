import Biometrics
import Foundation

extension ExperimentReport {
    /// The summary heatmaps: the change of d′, of the EER and of FNMR at each FMR target when a part is blurred.
    static func heatmaps(_ results: StudyResults) -> String {
        let metrics = [HeatmapMetric.dPrime, .eer] + results.fmrTargets.map { HeatmapMetric.fnmr(atFMR: $0, title: targetText($0)) }
        let tables = metrics.map { metric in
            "<div class=\"heatmap\"><h3>Change in \(metric.title)</h3>\n\(heatmap(results, metric))</div>"
        }
        return "<div class=\"heatmaps\">\(tables.joined(separator: "\n"))</div>\n"
            + "<p class=\"note\">Cell = metric(part blurred) − metric(original) within the group, with its 95 % interval "
            + "[low, high] (rates in percentage points). Only changes whose interval excludes zero are tinted: red where "
            + "blurring makes recognition worse (lower d′, higher EER or FNMR), blue where it makes it better, colour "
            + "strength ∝ the size of the change, full at the largest change of the table; untinted cells are within "
            + "resampling noise.</p>\n"
    }

    /// Parts × groups of one metric's change (blurred − original) with its 95 % subject-bootstrap interval; the
    /// first row is the original value.
    static func heatmap(_ results: StudyResults, _ metric: HeatmapMetric) -> String {
        let scale = results.largestChange(metric) ?? 0
        let (factor, digits) = metric.isRate ? (100.0, 2) : (1.0, 3)
        func shown(_ x: Double?) -> Double? { x.map { factor * $0 } }
        var html = "<table class=\"heat\" data-metric=\"\(escape(metric.name))\"><tr><th class=\"name\">Part</th>"
        html += results.groups.map { "<th>\(escape($0))</th>" }.joined() + "</tr>\n"
        html += "<tr class=\"original\"><td class=\"name\">original \(escape(metric.title))\(metric.isRate ? " (%)" : "")</td>"
        html += results.groups.map { "<td>\(number(shown(results.value(metric, $0, .original)), digits: digits))</td>" }.joined()
        html += "</tr>\n"
        for part in results.parts {
            html += "<tr><td class=\"name\">\(escape(part))</td>"
            for group in results.groups {
                let change = results.change(metric, group, .blurred(part))
                let clear = results.changeIsClear(metric, group, .blurred(part))
                let interval = intervalText(
                    results.changeInterval(group, .blurred(part), metric.name), digits: digits, percent: metric.isRate)
                html += "<td style=\"background:\(cellTint(change, metric, clear: clear, scale: scale))\">"
                    + "\(signed(shown(change), digits: digits))\(interval)</td>"
            }
            html += "</tr>\n"
        }
        return html + "</table>\n"
    }

    /// A heatmap cell's background: red for a change that makes recognition worse (d′ down, a rate up), blue
    /// for one that makes it better; none unless the change is clear of resampling noise.
    static func cellTint(_ change: Double?, _ metric: HeatmapMetric, clear: Bool, scale: Double) -> String {
        guard clear else { return "transparent" }
        return tint(change.map { metric.higherIsBetter ? $0 : -$0 }, scale: scale)
    }

    /// " [low, high]" of an interval in small type, or nothing without one.
    static func intervalText(_ interval: BootstrapInterval?, digits: Int, percent: Bool = false) -> String {
        guard let interval, let low = interval.low, let high = interval.high else { return "" }
        let scale = percent ? 100.0 : 1
        return " <small class=\"interval\">[\(number(scale * low, digits: digits)), \(number(scale * high, digits: digits))]</small>"
    }

    /// An rgba background for a change: transparent at 0, full at ±scale.
    static func tint(_ change: Double?, scale: Double) -> String {
        guard let change, change.isFinite, scale > 0 else { return "transparent" }
        let strength = min(abs(change) / scale, 1) * 0.75
        let rgb = change < 0 ? "214,39,40" : "31,119,180"
        return "rgba(\(rgb),\(String(format: "%.3f", strength)))"
    }

    /// The group's metrics per condition with the changes against the original condition.
    static func metricsTable(_ results: StudyResults, group: String) -> String {
        let targets = results.fmrTargets
        var html = "<div class=\"wide\"><table class=\"metrics\"><tr><th class=\"name\">Condition</th><th>Images</th><th>Genuine pairs</th>"
        html += "<th>Impostor pairs</th><th>μ genuine</th><th>μ impostor</th>"
        html += "<th>d′</th><th>Δd′</th><th>EER</th><th>ΔEER</th>"
        for t in targets { html += "<th>FNMR @ FMR \(targetText(t))</th><th>Δ</th>" }
        html += "</tr>\n"
        var unresolvedSeen = false
        let original = results.summary(group, .original)
        for condition in ExperimentLayout.Condition.all(parts: results.parts) {
            let s = results.summary(group, condition)
            let rowClass: String
            let name: String
            switch condition {
            case .original: (rowClass, name) = ("original", "original")
            case .blurred(let part): (rowClass, name) = ("blurred", "blurred \(part)")
            case .cross(let part): (rowClass, name) = ("cross", "cross \(part): blurred × original")
            }
            html += "<tr class=\"\(rowClass)\"><td class=\"name\">\(escape(name))</td>"
            guard let s else {
                html += "<td colspan=\"\(9 + 2 * targets.count)\" class=\"unresolved\">not matched</td></tr>\n"
                continue
            }
            let probe = s.galleryCount.map { "\(s.probeCount) × \($0)" } ?? "\(s.probeCount)"
            html += "<td>\(probe)</td><td>\(s.genuinePairs)</td><td>\(s.impostorPairs)</td>"
            let isOriginal = condition == .original
            for (mean, originalMean) in [
                (s.metrics?.genuine.mean, original?.metrics?.genuine.mean),
                (s.metrics?.impostor.mean, original?.metrics?.impostor.mean),
            ] {
                let change = isOriginal ? "" : " <small>(\(signed(difference(mean, originalMean), digits: 3)))</small>"
                html += "<td>\(number(mean, digits: 3))\(change)</td>"
            }
            // Each bootstrapped value with its interval, each change with the interval of the change.
            func interval(_ metric: String, percent: Bool) -> String {
                intervalText(results.interval(group, condition, metric), digits: percent ? 2 : 3, percent: percent)
            }
            func changeInterval(_ metric: String, percent: Bool) -> String {
                intervalText(results.changeInterval(group, condition, metric), digits: percent ? 2 : 3, percent: percent)
            }
            let d = s.metrics?.dPrime
            html += "<td>\(number(d, digits: 3))\(interval("d_prime", percent: false))</td><td>"
                + (isOriginal ? "" : signedCell(results.change(.dPrime, group, condition), digits: 3)
                    + changeInterval("d_prime", percent: false)) + "</td>"
            let eer = s.metrics?.equalErrorRate.eer
            let eer0 = original?.metrics?.equalErrorRate.eer
            html += "<td>\(percent(eer))\(interval("eer", percent: true))</td><td>"
                + (isOriginal ? "" : signedPercentCell(difference(eer, eer0)) + changeInterval("eer", percent: true))
                + "</td>"
            for t in targets {
                let r = s.fnmr(atFMR: t)
                let r0 = original?.fnmr(atFMR: t)
                let mark = r.map { $0.resolved ? "" : "†" } ?? ""
                if r?.resolved == false { unresolvedSeen = true }
                let cls = r?.resolved == false ? " class=\"unresolved\"" : ""
                let name = "fnmr_at_fmr_\(t)"
                html += "<td\(cls)>\(percent(r?.value))\(mark)\(interval(name, percent: true))</td><td\(cls)>"
                    + (isOriginal ? "" : signedPercentCell(difference(r?.value, r0?.value))
                        + changeInterval(name, percent: true)) + "</td>"
            }
            html += "</tr>\n"
        }
        html += "</table></div>\n"
        html += "<p class=\"note\">Cross rows match each blurred image (probe) with every original (gallery) except "
            + "its own source photo; Δ and (…) are changes against the original condition; pp = percentage points; "
            + "[low, high] = 95 % subject-bootstrap interval (see “How the intervals were computed”).</p>\n"
        if unresolvedSeen {
            html += "<p class=\"note\">† Too few impostor pairs to resolve this FMR (#impostor × target &lt; 1): "
                + "the FNMR shown is at a threshold above every impostor score.</p>\n"
        }
        return html
    }

    static func difference(_ a: Double?, _ b: Double?) -> Double? {
        guard let a, let b else { return nil }
        return a - b
    }

    /// Each condition's FMR and FNMR at the thresholds that give the FMR targets on the original condition: what a
    /// system whose threshold was set on original images sees when a part is hidden.
    static func fixedThresholdTable(_ results: StudyResults, group: String) -> String {
        let targets = results.fmrTargets.filter { results.atOriginalThreshold(group, .original, target: $0) != nil }
        guard !targets.isEmpty else { return "" }
        var html = "<div class=\"wide\"><table class=\"metrics\"><tr><th class=\"name\">At the original's threshold</th>"
        for t in targets {
            let threshold = results.atOriginalThreshold(group, .original, target: t)?.threshold
            html += "<th>FMR (t = \(number(threshold, digits: 6)), FMR \(targetText(t)) on original)</th><th>FNMR</th>"
        }
        html += "</tr>\n"
        for condition in ExperimentLayout.Condition.all(parts: results.parts) {
            let name: String
            switch condition {
            case .original: name = "original"
            case .blurred(let part): name = "blurred \(part)"
            case .cross(let part): name = "cross \(part)"
            }
            html += "<tr><td class=\"name\">\(escape(name))</td>"
            for t in targets {
                let p = results.atOriginalThreshold(group, condition, target: t)
                html += "<td>\(percent(p?.fmr))</td><td>\(percent(p?.fnmr))</td>"
            }
            html += "</tr>\n"
        }
        html += "</table></div>\n<p class=\"note\">FMR and FNMR of each condition at the score threshold that gives "
            + "the target FMR on the group's original images (a deployed system's fixed threshold).</p>\n"
        return html
    }

    static func targetText(_ t: Double) -> String {
        let exponent = log10(t)
        if abs(exponent - exponent.rounded()) < 1e-9 { return "1e\(Int(exponent.rounded()))" }
        return "\(t)"
    }

    static func number(_ value: Double?, digits: Int) -> String {
        guard let value else { return "–" }
        guard value.isFinite else { return "\(value)" }
        return String(format: "%.\(digits)f", value)
    }

    /// "+0.123" / "−0.123"; a change that rounds to zero has no sign.
    static func signed(_ value: Double?, digits: Int) -> String {
        guard let value else { return "–" }
        guard value.isFinite else { return "\(value)" }
        let text = String(format: "%+.\(digits)f", value)
        if Double(text) == 0 { return String(format: "%.\(digits)f", 0.0) }
        return text.replacingOccurrences(of: "-", with: "−")
    }

    static func signedCell(_ value: Double?, digits: Int) -> String {
        guard let value, value != 0 else { return signed(value, digits: digits) }
        return "<span class=\"\(value < 0 ? "neg" : "pos")\">\(signed(value, digits: digits))</span>"
    }

    static func percent(_ value: Double?) -> String {
        guard let value else { return "–" }
        return number(100 * value, digits: 2) + "%"
    }

    /// A rate change in percentage points (error rates going up are bad, so red).
    static func signedPercentCell(_ value: Double?) -> String {
        guard let value else { return "–" }
        let text = signed(100 * value, digits: 2) + " pp"
        guard value != 0 else { return text }
        return "<span class=\"\(value > 0 ? "neg" : "pos")\">\(text)</span>"
    }
}
