import Foundation
import TensorCore

extension MatchJob {
    /// Runs the job with progress (in cells compared) and a summary line on `log`. Returns nil if `stop` was
    /// requested first: the group's temporary files are then removed, so no partial score file is left.
    public func run(log: any PipelineLog, stop: StopRequest) throws -> Summary? {
        let start = Date()
        // Progress in cells compared: rows of the upper triangle shrink, so rows alone would mislead the ETA.
        let n = probe.count
        let m = gallery?.count
        let cells = { (rows: Int) in m.map { rows * $0 } ?? rows * (2 * n - rows - 1) / 2 }
        let label = "match \(group) cells"
        let summary: Summary
        do {
            summary = try run { rows, _ in
                if stop.isRequested { throw CancellationError() }
                log.progress(label, finished: cells(rows), total: cells(n))
            }
        } catch where stop.isRequested {
            log.endProgress()
            return nil
        }
        log.endProgress()
        let dPrime = summary.metrics.map { String(format: "%.3f", $0.dPrime) } ?? "n/a"
        let eer = summary.metrics.map { String(format: "%.5f", $0.equalErrorRate.eer) } ?? "n/a"
        log.info(
            "match \(group): \(probe.count) probe\(gallery.map { ", \($0.count) gallery" } ?? ""), "
                + "\(summary.genuinePairs) genuine, \(summary.impostorPairs) impostor pairs, d' \(dPrime), "
                + "EER \(eer), \(String(format: "%.1f", Date().timeIntervalSince(start))) s")
        return summary
    }
}
