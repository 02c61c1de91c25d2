import FacetPipeline
import TensorCore
import Synchronization

/// The library's messages on stderr: `facet: error: …` and `facet: warning: …` lines, status lines unless quiet,
/// and a progress line redrawn in place when stderr is a terminal.
final class ConsoleLog: PipelineLog {
    let quiet: Bool
    let drawsProgress: Bool
    private let line = Mutex<ProgressLine?>(nil)

    init(quiet: Bool = false, drawsProgress: Bool? = nil) {
        self.quiet = quiet
        self.drawsProgress = drawsProgress ?? (!quiet && Console.isTerminal)
    }

    func info(_ text: String) { if !quiet { Console.info(text) } }
    func notice(_ text: String) { Console.info(text) }
    func warning(_ text: String) { Console.warning(text) }
    func error(_ text: String) { Console.error(text) }

    func progress(_ label: String, finished: Int, total: Int) {
        guard drawsProgress else { return }
        line.withLock { current in
            if current?.label != label || current?.total != total { current = ProgressLine(label: label, total: total) }
            current?.update(finished)
        }
    }

    func endProgress() {
        guard drawsProgress else { return }
        line.withLock { current in
            if current != nil { ProgressLine.clear() }
            current = nil
        }
    }
}
