import ArgumentParser
import FacetPipeline
import TensorCore

extension BatchSummary {
    /// Logs the summary line and turns the outcome into the exit status: 130 if interrupted, 1 if any input
    /// failed.
    func finish(log: any PipelineLog) throws {
        report(to: log)
        if interrupted { throw ExitCode(130) }
        if !failed.isEmpty { throw ExitCode(1) }
    }
}
