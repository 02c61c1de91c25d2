import FacetPipeline
import TensorCore
import Synchronization

/// The library's messages on stderr: `facet: error: …` and `facet: warning: …` lines, status lines unless quiet,
/// and progress unless quiet: a line redrawn in place when stderr is a terminal, otherwise (a log file, a
/// scheduler's output) a plain line every tenth of the work or `ProgressReport.defaultInterval` seconds.
final class ConsoleLog: PipelineLog {
    let quiet: Bool
    let drawsProgress: Bool
    private let line = Mutex<ProgressLine?>(nil)
    private let report = Mutex<ProgressReport?>(nil)

    init(quiet: Bool = false, drawsProgress: Bool? = nil) {
        self.quiet = quiet
        self.drawsProgress = drawsProgress ?? (!quiet && Console.isTerminal)
    }

    func info(_ text: String) { if !quiet { Console.info(text) } }
    func notice(_ text: String) { Console.info(text) }
    func warning(_ text: String) { Console.warning(text) }
    func error(_ text: String) { Console.error(text) }

    func progress(_ label: String, finished: Int, total: Int) {
        guard drawsProgress else {
            guard !quiet else { return }
            report.withLock { current in
                if current?.label != label || current?.total != total { current = ProgressReport(label: label, total: total) }
                if let text = current?.line(finished) { Console.info(text) }
            }
            return
        }
        line.withLock { current in
            if current?.label != label || current?.total != total { current = ProgressLine(label: label, total: total) }
            current?.update(finished)
        }
    }

    func endProgress() {
        guard drawsProgress else {
            report.withLock { $0 = nil }
            return
        }
        line.withLock { current in
            if current != nil { ProgressLine.clear() }
            current = nil
        }
    }
}
