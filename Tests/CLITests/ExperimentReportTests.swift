import Testing

@testable import FacetCLI
@testable import FacetStudy

/// The report's small formatting rules, on hand-checkable literals.
@Suite struct ExperimentReportTests {
    @Test(arguments: [
        (-0.642, "−0.642"), (1.5, "+1.500"), (-0.0004, "0.000"), (0.0004, "0.000"), (0, "0.000"), (-0.0005001, "−0.001"),
    ])
    func signedChanges(value: Double, text: String) {
        #expect(ExperimentReport.signed(value, digits: 3) == text)
    }

    @Test func missingValuesShowADash() {
        #expect(ExperimentReport.signed(nil, digits: 3) == "–")
        #expect(ExperimentReport.number(nil, digits: 3) == "–")
        #expect(ExperimentReport.percent(nil) == "–")
        #expect(ExperimentReport.percent(0.17083) == "17.08%")
    }

    /// Red means worse recognition whatever the metric: a lower d′, a higher EER or FNMR; noise is not tinted.
    @Test func heatmapCellsAreRedWhenRecognitionGetsWorse() {
        let fnmr = HeatmapMetric.fnmr(atFMR: 1e-3, title: "1e-3")
        #expect(ExperimentReport.cellTint(-1, .dPrime, clear: true, scale: 2) == "rgba(214,39,40,0.375)")
        #expect(ExperimentReport.cellTint(0.01, .eer, clear: true, scale: 0.02) == "rgba(214,39,40,0.375)")
        #expect(ExperimentReport.cellTint(-0.02, fnmr, clear: true, scale: 0.02) == "rgba(31,119,180,0.750)")
        #expect(ExperimentReport.cellTint(0.02, fnmr, clear: false, scale: 0.02) == "transparent")
    }

    @Test func heatmapTintIsRedForDropsBlueForGainsAndFullAtTheScale() {
        #expect(ExperimentReport.tint(-1, scale: 2) == "rgba(214,39,40,0.375)")
        #expect(ExperimentReport.tint(2, scale: 2) == "rgba(31,119,180,0.750)")
        #expect(ExperimentReport.tint(-5, scale: 2) == "rgba(214,39,40,0.750)")
        #expect(ExperimentReport.tint(nil, scale: 2) == "transparent")
        #expect(ExperimentReport.tint(1, scale: 0) == "transparent")
    }

    @Test func textIsEscapedAndTargetsArePowersOfTen() {
        #expect(ExperimentReport.escape("<a href='x'>\"&\"</a>") == "&lt;a href=&#39;x&#39;&gt;&quot;&amp;&quot;&lt;/a&gt;")
        #expect(ExperimentReport.targetText(1e-3) == "1e-3")
        #expect(ExperimentReport.targetText(1e-4) == "1e-4")
        #expect(ExperimentReport.targetText(0.05) == "0.05")
    }
}
