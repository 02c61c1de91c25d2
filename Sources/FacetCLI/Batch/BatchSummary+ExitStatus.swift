import ArgumentParser
import FacetPipeline
import TensorCore

extension BatchSummary {
    /// Logs the summary line and turns the outcome into the exit status: 128 + the signal if stopped by one
    /// (130 for Ctrl-C), 1 if any input failed.
    func finish(log: any PipelineLog) throws {
        report(to: log)
        if interrupted { throw ExitCode(Interrupt.exitStatus) }
        if !failed.isEmpty { throw ExitCode(1) }
    }
}
