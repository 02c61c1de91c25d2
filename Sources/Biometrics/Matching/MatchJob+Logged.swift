import Foundation
import TensorCore

extension MatchJob {
    /// Runs the whole job with progress (in cells compared) and a summary line on `log`. Returns nil if `stop`
    /// was requested first: the group's temporary files are then removed, so no partial score file is left.
    public func run(log: any PipelineLog, stop: StopRequest) throws -> Summary? {
        let start = Date()
        guard let summary = try logged(log: log, stop: stop, { try run(progress: $0) }) else { return nil }
        let dPrime = summary.metrics.map { String(format: "%.3f", $0.dPrime) } ?? "n/a"
        let eer = summary.metrics.map { String(format: "%.5f", $0.equalErrorRate.eer) } ?? "n/a"
        log.info(
            "match \(group): \(probe.count) probe\(gallery.map { ", \($0.count) gallery" } ?? ""), "
                + "\(summary.genuinePairs) genuine, \(summary.impostorPairs) impostor pairs, d' \(dPrime), "
                + "EER \(eer), \(String(format: "%.1f", Date().timeIntervalSince(start))) s")
        return summary
    }

    /// `runBlock` with progress and a summary line on `log`; nil if `stop` was requested first.
    public func runBlock(log: any PipelineLog, stop: StopRequest) throws -> MatchBlock? {
        let start = Date()
        guard let record = try logged(log: log, stop: stop, { try runBlock(progress: $0) }) else { return nil }
        log.info(
            "match \(group) block \(block): probe rows \(record.firstRow)..<\(record.endRow), "
                + "\(record.genuinePairs) genuine, \(record.impostorPairs) impostor pairs, "
                + "\(String(format: "%.1f", Date().timeIntervalSince(start))) s")
        return record
    }

    /// Runs `body` with a progress callback in cells compared (rows of the upper triangle shrink, so rows alone
    /// would mislead the ETA) that throws once `stop` is requested; nil if it was.
    private func logged<Result>(
        log: any PipelineLog, stop: StopRequest, _ body: ((Int, Int) throws -> Void) throws -> Result
    ) throws -> Result? {
        let span = rows
        let cells = { (row: Int) in
            CosineMatcher.cells(before: row, probeCount: probe.count, galleryCount: gallery?.count)
                - CosineMatcher.cells(before: span.lowerBound, probeCount: probe.count, galleryCount: gallery?.count)
        }
        let label = block.isWhole ? "match \(group) cells" : "match \(group) block \(block) cells"
        let result: Result
        do {
            result = try body { row, _ in
                if stop.isRequested { throw CancellationError() }
                log.progress(label, finished: cells(row), total: cells(span.upperBound))
            }
        } catch where stop.isRequested {
            log.endProgress()
            return nil
        }
        log.endProgress()
        return result
    }
}
