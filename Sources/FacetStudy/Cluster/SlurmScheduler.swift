import Foundation
import TensorCore

/// Slurm: array jobs through `sbatch --array`, chained with `--dependency=afterok`, watched with `squeue`.
/// `sbatch` is `$SBATCH` or the one on PATH; `squeue` and `scancel` are taken from the same folder.
public struct SlurmScheduler: ClusterScheduler {
    public let sbatch: String
    public var name: String { "slurm" }

    /// Finds `sbatch`; nil `path` looks at `$SBATCH`, then PATH.
    public init(sbatch path: String? = nil) throws {
        sbatch = try path ?? CommandOutput.find("sbatch", environment: "SBATCH")
    }

    /// `name` (squeue, scancel, scontrol) next to sbatch if it is there, else from PATH. Through URL: NSString's
    /// deletingLastPathComponent traps on a one-character path (`SBATCH=x`).
    func tool(_ name: String) -> String {
        let sibling = URL(fileURLWithPath: sbatch).deletingLastPathComponent().appendingPathComponent(name).path
        return FileManager.default.isExecutableFile(atPath: sibling) ? sibling : ((try? CommandOutput.find(name)) ?? name)
    }

    public func script(_ job: ClusterJob, extraDirectives: [String]) -> String {
        let log = job.tasks == nil ? "\(job.name).log" : "\(job.name)-%a.log"
        let directives = [
            "--job-name=facet-\(job.name)", "--ntasks=1", "--cpus-per-task=\(job.cpus)",
            "--chdir=\(job.workingDirectory)", "--output=\((job.logs as NSString).appendingPathComponent(log))",
            // A job whose dependency failed is cancelled rather than left pending forever.
            "--kill-on-invalid-dep=yes",
        ] + extraDirectives
        let command = job.command.map { argument in
            argument.contains(ClusterJob.taskIndex)
                ? "\"" + argument.replacingOccurrences(of: ClusterJob.taskIndex, with: "${SLURM_ARRAY_TASK_ID}") + "\""
                : Self.quoted(argument)
        }
        return "#!/bin/bash\n" + directives.map { "#SBATCH \($0)\n" }.joined() + "exec " + command.joined(separator: " ") + "\n"
    }


    public func submitLine(scriptPath: String, job: ClusterJob, id: String, after: String?) -> String {
        let dependency = after.map { " --dependency=afterok:$\($0)" } ?? ""
        let array = job.tasks.map { " --array=" + Self.ranges($0) } ?? ""
        // The sbatch on the PATH of whoever runs the script (the login node's).
        return "\(id)=$(sbatch --parsable\(array)\(dependency) \(Self.quoted(scriptPath)) | cut -d';' -f1)"
    }

    public func submit(scriptPath: String, job: ClusterJob, after: String?, held: Bool) throws -> String {
        let arguments =
            ["--parsable"] + (job.tasks.map { ["--array=" + Self.ranges($0)] } ?? [])
            + (after.map { ["--dependency=afterok:\($0)"] } ?? []) + (held ? ["--hold"] : [])
        let result = try CommandOutput.run(sbatch, arguments + [scriptPath])
        let id = result.standardOutput.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        guard result.status == 0, let id, !id.isEmpty, id.allSatisfy(\.isNumber) else {
            throw FacetError(
                .io, "sbatch \(scriptPath): failed (exit \(result.status)): "
                    + result.standardError.trimmingCharacters(in: .whitespacesAndNewlines).clippedForMessage())
        }
        return id
    }

    public func release(_ job: String) throws {
        let result = try CommandOutput.run(tool("scontrol"), ["release", job])
        guard result.status == 0 else {
            throw FacetError(.io, "scontrol release \(job): failed: \(result.standardError.clippedForMessage())")
        }
    }

    public func queued(_ jobs: [String]) throws -> Set<String> {
        guard !jobs.isEmpty else { return [] }
        let result = try CommandOutput.run(tool("squeue"), ["-h", "-r", "-o", "%i", "-j", jobs.joined(separator: ",")])
        // squeue refuses a list of only finished (purged) jobs.
        if result.status != 0 && result.standardError.contains("Invalid job id") { return [] }
        guard result.status == 0 else {
            throw FacetError(.io, "squeue: failed (exit \(result.status)): \(result.standardError.clippedForMessage())")
        }
        return Set(result.standardOutput.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) })
    }

    public func cancel(_ jobs: [String]) {
        guard !jobs.isEmpty else { return }
        _ = try? CommandOutput.run(tool("scancel"), jobs)
    }

    /// "1-3,5,7-8" for [1, 2, 3, 5, 7, 8].
    static func ranges(_ tasks: [Int]) -> String {
        var parts = [String]()
        var k = 0
        let sorted = tasks.sorted()
        while k < sorted.count {
            var end = k
            while end + 1 < sorted.count && sorted[end + 1] == sorted[end] + 1 { end += 1 }
            parts.append(end == k ? "\(sorted[k])" : "\(sorted[k])-\(sorted[end])")
            k = end + 1
        }
        return parts.joined(separator: ",")
    }

    /// A shell word: single-quoted unless it is plainly safe.
    static func quoted(_ word: String) -> String {
        if !word.isEmpty && word.allSatisfy({ $0.isLetter || $0.isNumber || "-_./=:,+%@".contains($0) }) { return word }
        return "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
