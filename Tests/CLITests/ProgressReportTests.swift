import Foundation
import Testing

@testable import FacetCLI

/// Progress off a terminal: a plain line per tenth of the work or per interval, and at the end.
@Suite struct ProgressReportTests {
    @Test func aLineEachTenthEachIntervalAndAtTheEnd() {
        let start = Date(timeIntervalSince1970: 0)
        var report = ProgressReport(label: "extract", total: 1000, interval: 30, now: start)
        func line(_ finished: Int, at seconds: Double) -> String? { report.line(finished, now: start + seconds) }
        #expect(line(50, at: 1) == nil)
        #expect(line(100, at: 2) == "extract: 100/1000 (10.0%), 50.0/s, ETA 00:18")
        #expect(line(150, at: 3) == nil)
        // Slow going: 30 s after the last line, whatever the count.
        #expect(line(160, at: 32) == "extract: 160/1000 (16.0%), 5.0/s, ETA 02:48")
        #expect(line(170, at: 40) == nil)
        #expect(line(999, at: 41) == "extract: 999/1000 (99.9%), 24.4/s, ETA 00:00")
        #expect(line(1000, at: 42) == "extract: 1000/1000 (100.0%), 23.8/s, ETA 00:00")
    }

    @Test func theTerminalLineKeepsItsLayout() {
        #expect(ProgressLine.status("parse", finished: 1234, total: 31706, seconds: 146.9)
            == "parse  1234/31706  (3.9%)  8.4/s  ETA 1:00:28")
    }
}
