import Biometrics

/// A metric the report's summary shows as a parts × groups table of its change when a part is blurred.
struct HeatmapMetric {
    /// The metric's name in results.csv and in the bootstrap replicates (`d_prime`, `eer`, `fnmr_at_fmr_<t>`).
    let name: String
    /// How the table names it.
    let title: String
    /// Shown as a percentage (rates).
    let isRate: Bool
    /// Whether a higher value means better recognition (d′), so a drop is the change to colour red.
    let higherIsBetter: Bool
    let value: @Sendable (MetricsReport) -> Double?

    static let dPrime = HeatmapMetric(name: "d_prime", title: "d′", isRate: false, higherIsBetter: true) { $0.dPrime }
    static let eer = HeatmapMetric(name: "eer", title: "EER", isRate: true, higherIsBetter: false) { $0.equalErrorRate.eer }

    static func fnmr(atFMR target: Double, title: String) -> HeatmapMetric {
        HeatmapMetric(name: "fnmr_at_fmr_\(target)", title: "FNMR at FMR \(title)", isRate: true, higherIsBetter: false) {
            $0.fnmrAtFMR.first { $0.targetFMR == target }?.rate.fnmr
        }
    }
}
