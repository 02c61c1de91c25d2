/// How a study run ended, as `run.json`'s `status` records it.
public enum StudyOutcome: Equatable, Sendable {
    case complete
    /// Every step ran; some inputs or conditions failed (each logged; the report shows the gaps).
    case completeWithFailures
    /// Ended after the given stage, as asked.
    case stoppedAfter(ExperimentStep.Stage, withFailures: Bool)
    /// A stop was requested; rerunning the same study continues where it stopped.
    case interrupted
    /// A step's error stopped the study (the error is thrown to the caller).
    case failed

    public var status: String {
        switch self {
        case .complete: "complete"
        case .completeWithFailures: "complete-with-failures"
        case .stoppedAfter(let stage, _): "stopped-after-\(stage.rawValue)"
        case .interrupted: "interrupted"
        case .failed: "failed"
        }
    }

    /// Whether some inputs or conditions failed.
    public var hadFailures: Bool {
        switch self {
        case .completeWithFailures: true
        case .stoppedAfter(_, let withFailures): withFailures
        case .complete, .interrupted, .failed: false
        }
    }
}
