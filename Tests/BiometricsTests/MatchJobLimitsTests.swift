import Biometrics
import Testing
import TensorCore
import TestSupport

/// Library callers of `MatchJob` get the limits `facet match` checks on its flags, before any file is read.
@Suite struct MatchJobLimitsTests {
    @Test func outOfRangeSettingsAreRefusedBeforeAnyWork() {
        var job = MatchJob(group: "g", probe: [], gallery: nil, outputFolder: "/nonexistent")
        job.threads = 100_000
        expectFailure(.usage, "threads 100000: must be from 1 to") { try job.run() }
        job.threads = 1
        job.targets = [0.5, .infinity]
        expectFailure(.usage, "targets inf: must be a finite number") { try job.run() }
    }
}
