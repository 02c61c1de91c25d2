import Biometrics
import Foundation

/// The study's report: one self-contained HTML file (figures embedded as base64 PNG, no external resources), with
/// the d' change heatmap and example faces on the first screen, then per group (opened on demand) a metrics
/// table and the distribution and DET figures per part, and the run's provenance.
enum ExperimentReport {
    static func build(plan: ExperimentPlan, record: RunRecord, results: StudyResults) throws -> String {
        var body = "<h1>Face-part blurring study</h1>\n"
        body += summaryLine(plan: plan, record: record)
        let links = results.groups.map { "<a href=\"#group-\(escape($0))\">\(escape($0))</a>" }
        body += "<p class=\"meta\">Groups: \(links.joined(separator: " · ")) · <a href=\"#groups\">groups compared</a> · <a href=\"#faces\">faces</a> · "
            + "<a href=\"#provenance\">provenance</a></p>\n"
        body += "<h2>What blurring a part changes</h2>\n" + heatmaps(results)
        body += intervalMethod(results)
        body += groupComparison(plan: plan)
        body += thumbnails(plan: plan)
        // Each group's tables and figures open on demand (all open when printed), so the page starts as a summary.
        for group in results.groups {
            body += "<details class=\"group\" id=\"group-\(escape(group))\"><summary><h2>Group \(escape(group))</h2></summary>\n"
            body += metricsTable(results, group: group)
            body += fixedThresholdTable(results, group: group)
            body += figures(plan: plan, group: group)
            body += "</details>\n"
        }
        body += "<h2 id=\"provenance\">Provenance</h2>\n" + provenance(record)
        return page(title: "Facet experiment report", body: body)
    }

    static func summaryLine(plan: ExperimentPlan, record: RunRecord) -> String {
        let groups = plan.dataset.groups.map { "\(escape($0.name)) (\($0.files.count))" }.joined(separator: ", ")
        return """
            <p class="meta">\(plan.dataset.imageCount) images in \(plan.dataset.groups.count) groups: \(groups). \
            Parts blurred: \(escape(plan.parts.joined(separator: ", "))). facet \(escape(record.software.toolVersion)), \
            run status: <b>\(escape(record.status))</b>, started \(escape(record.startedAt)).</p>
            <p class="meta">Within a condition every unordered pair of images of the group is compared once. \
            Cross-condition compares each blurred image with every original image except its own source photo. \
            Decision rule: match when score ≥ threshold. d′ = |μ<sub>g</sub> − μ<sub>i</sub>| / \
            √((σ<sub>g</sub>² + σ<sub>i</sub>²)/2); Δ = condition − original.</p>

            """
    }

    /// How the intervals were computed, with the resample count, seed and method the summaries record.
    static func intervalMethod(_ results: StudyResults) -> String {
        let bootstraps = results.groups.flatMap { g in
            ExperimentLayout.Condition.all(parts: results.parts).compactMap { results.summary(g, $0)?.bootstrap }
        }
        guard let first = bootstraps.first else { return "" }
        let methodText =
            Set(bootstraps.map(\.method)) == [.exact]
            ? "every condition was small enough for the exact method"
            : "conditions of more than \(first.exactCellLimit) pairs compared used the first-order method (impostor "
                + "counts Σ<sub>a</sub> w<sub>a</sub>·H<sub>a</sub> − H from per-subject histograms of 10⁻³ bins, "
                + "shifted onto the exact point estimate), the others the exact one"
        let counts = Set(bootstraps.map(\.replicates)).sorted().map(String.init).joined(separator: ", ")
        return "<h3>How the intervals were computed</h3>\n<p class=\"meta\">d′, EER and FNMR intervals are 95 % "
            + "subject-bootstrap intervals: \(counts) resamples of each group's subjects drawn with replacement "
            + "(SplitMix64, seed \(first.seed)), the same resamples for every condition of a group. A subject drawn "
            + "w times weighs its genuine pairs by w and an impostor pair of subjects drawn w<sub>a</sub> and "
            + "w<sub>b</sub> times by w<sub>a</sub>·w<sub>b</sub>, so the pairs of one subject move together; "
            + "\(methodText). Interval = 2.5th to 97.5th percentile of the replicates (NumPy's linear rule); a change's "
            + "interval is that of the per-resample differences. The rates at the original's threshold keep "
            + "Clopper–Pearson intervals, which take pairs as independent.</p>\n"
    }

    /// The figures of a group: per part, the distribution figure and the DET figure side by side (stacked on
    /// narrow screens), each with its own caption.
    static func figures(plan: ExperimentPlan, group: String) -> String {
        var html = ""
        for part in plan.parts {
            let panels = [ExperimentLayout.PlotKind.distribution, .det].map { kind -> String in
                let path = plan.layout.plot(group, part: part, kind: kind)
                let caption =
                    kind == .det
                    ? "DET curves of \(group): original, \(part) blurred, and cross-condition (blurred probes vs original gallery)."
                    : "Score densities of \(group), original vs \(part) blurred: genuine (solid), impostor (dashed), with d′."
                guard let data = FileManager.default.contents(atPath: path) else {
                    return "<figure class=\"panel\"><div class=\"missing\">no \(kind.rawValue) figure (\(escape(path)) was not drawn)</div>"
                        + "<figcaption>\(escape(caption))</figcaption></figure>"
                }
                let alt = "\(group) \(part) \(kind == .det ? "DET curves" : "score distributions")"
                return "<figure class=\"panel\"><img alt=\"\(escape(alt))\" src=\"data:image/png;base64,\(data.base64EncodedString())\">"
                    + "<figcaption>\(escape(caption))</figcaption></figure>"
            }
            html += "<div class=\"pair\">\(panels.joined())</div>\n"
        }
        return html
    }

    /// The groups' DET curves on the original images, if drawn. Error trade-offs are shown as DET curves only:
    /// ROC curves hold the same points on other axes (`facet plot --kind roc` draws them).
    static func groupComparison(plan: ExperimentPlan) -> String {
        guard let data = FileManager.default.contents(atPath: plan.layout.groupComparisonPlot) else { return "" }
        return """
            <h2 id="groups">The groups compared</h2>
            <div class="pair single"><figure class="panel"><img alt="DET curves of every group, original images" \
            src="data:image/png;base64,\(data.base64EncodedString())"><figcaption>DET curves of every group on the \
            original images, with each group's EER. The report shows error trade-offs as DET curves only; ROC curves \
            hold the same points on other axes (facet plot --kind roc draws them).</figcaption></figure></div>

            """
    }

    static func page(title: String, body: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <title>\(escape(title))</title>
        <style>
        body { font: 14px/1.45 -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; color: #1b1b1b; \
        margin: 24px auto; max-width: 1320px; padding: 0 16px; }
        h1 { font-size: 24px; margin-bottom: 4px; }
        h2 { font-size: 19px; margin-top: 32px; border-bottom: 1px solid #ccc; padding-bottom: 4px; }
        .meta { color: #444; max-width: 1000px; }
        table { border-collapse: collapse; margin: 10px 0 16px; font-variant-numeric: tabular-nums; }
        th, td { border: 1px solid #d0d0d0; padding: 4px 9px; text-align: right; }
        th { background: #f2f2f2; }
        td.name, th.name { text-align: left; }
        tr.original td { font-weight: 600; background: #fafafa; }
        .wide { overflow-x: auto; }
        table.metrics td { white-space: nowrap; }
        table.metrics td.name { white-space: normal; min-width: 150px; }
        tr.cross td { color: #555; }
        .heatmaps { display: flex; flex-wrap: wrap; gap: 6px 28px; }
        .heatmap h3 { font-size: 15px; margin: 8px 0 0; }
        .heat td { min-width: 72px; text-align: center; }
        .heat td.name { text-align: left; }
        .unresolved { color: #999; }
        .neg { color: #a40000; }
        .pos { color: #00509e; }
        .pair { display: grid; grid-template-columns: repeat(auto-fit, minmax(420px, 1fr)); gap: 16px; \
        margin: 12px 0 22px; }
        figure.panel { margin: 0; }
        .pair.single { max-width: 660px; }
        .pair img { width: 100%; height: auto; border: 1px solid #e2e2e2; }
        figcaption { color: #555; font-size: 13px; }
        .missing { height: 120px; border: 1px dashed #bbb; color: #888; display: flex; \
        align-items: center; justify-content: center; }
        details.group > summary { cursor: pointer; list-style-position: outside; margin-left: 18px; }
        details.group > summary h2 { display: inline-block; width: calc(100% - 8px); }
        .thumbs { display: flex; flex-wrap: wrap; gap: 10px; }
        figure.thumb { margin: 0; width: 150px; }
        figure.thumb img { border: 1px solid #e2e2e2; display: block; }
        details pre { background: #f7f7f7; padding: 10px; overflow-x: auto; font-size: 12px; }
        .note { color: #555; font-size: 13px; }
        </style>
        </head>
        <body>
        \(body)
        <script>
        // A link to a group opens its section; printing opens them all.
        function openLinked() { const d = document.getElementById(decodeURIComponent(location.hash.slice(1))); if (d && d.tagName === "DETAILS") d.open = true; }
        window.addEventListener("hashchange", openLinked);
        openLinked();
        window.addEventListener("beforeprint", () => document.querySelectorAll("details.group").forEach(d => d.open = true));
        </script>
        </body>
        </html>

        """
    }

    static func escape(_ text: String) -> String {
        var out = ""
        for ch in text {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(ch)
            }
        }
        return out
    }
}
