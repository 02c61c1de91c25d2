import Foundation

extension ExperimentReport {
    /// What the run used: inputs, models with their SHA-256, software and BLAS, parameters, stage timings, and the
    /// whole `run.json`.
    static func provenance(_ record: RunRecord) -> String {
        var rows: [(String, String)] = [
            ("Command", "facet " + record.command.joined(separator: " ")),
            ("Images", "\(record.inputs.count) from \(record.inputs.images)"),
            ("Input list SHA-256", record.inputs.listSHA256),
        ]
        if let csv = record.inputs.metadataCSV { rows.append(("Metadata CSV", csv)) }
        let p = record.parameters
        rows.append(("Parameters", [
            "parts \(p.parts?.joined(separator: ",") ?? "")",
            p.labelsDir.map { "label maps from \($0)" } ?? "label maps by facet parse",
            "score format \(p.scoreFormat ?? "")",
            "FMR targets \(p.fmrTargets?.map { "\($0)" }.joined(separator: ", ") ?? "")",
            p.threads.map { "\($0) threads" } ?? "default threads",
            p.batch.map { "ArcFace batch \($0)" } ?? "default ArcFace batch",
        ].joined(separator: "; ")))
        for m in record.models { rows.append(("Model \(m.name)", "\(m.path) (\(m.bytes) bytes), SHA-256 \(m.sha256)")) }
        let s = record.software
        rows += [
            ("Tool", "\(s.tool) \(s.toolVersion)"),
            ("Source revision", s.sourceRevision ?? "unknown"),
            ("OpenBLAS", "\(s.openBLASConfig); core \(s.openBLASCore), \(s.openBLASThreads) threads by default (matching; the models run it single-threaded and split each layer themselves)"),
            ("Processors", "\(s.processorCount)"),
            ("Started", record.startedAt),
            ("Status", record.status),
        ]
        let failed = record.steps.flatMap { step in (step.failedInputs ?? []).map { "\(step.label): \($0)" } }
        if !failed.isEmpty { rows.append(("Failed inputs", failed.joined(separator: "; "))) }
        if let cluster = record.cluster {
            rows.append(("Cluster", "\(cluster.scheduler), \(cluster.shards) shards per stage, submitted \(cluster.submittedAt): "
                + cluster.jobs.map { "\($0.name) job \($0.id)" }.joined(separator: ", ")))
        }
        rows.append(("Stage times (this run)", stageTimes(record.stageSeconds)))
        for (k, run) in record.earlierRuns.enumerated() {
            rows.append(("Earlier run \(k + 1)", "\(run.startedAt), \(run.status): " + stageTimes(run.stageSeconds)))
        }
        var html = "<table>"
        for (k, v) in rows { html += "<tr><th class=\"name\">\(escape(k))</th><td class=\"name\">\(escape(v))</td></tr>" }
        html += "</table>\n"
        let json = (try? record.encoded()).flatMap { String(data: $0, encoding: .utf8) } ?? ""
        html += "<details><summary>run.json</summary><pre>\(escape(json))</pre></details>\n"
        return html
    }

    /// "parse 12.0 s, blur 3.1 s, …" in stage order.
    static func stageTimes(_ seconds: [String: Double]) -> String {
        ExperimentStep.Stage.allCases.compactMap { stage in
            seconds[stage.rawValue].map { "\(stage.rawValue) \(String(format: "%.1f", $0)) s" }
        }.joined(separator: ", ")
    }
}
