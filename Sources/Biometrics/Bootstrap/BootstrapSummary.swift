/// The subject bootstrap of a group's metrics as `<group>_summary.json` records it: how it was drawn and the 95 %
/// interval of each metric; the replicates themselves are in `file`.
public struct BootstrapSummary: Codable, Sendable, Equatable {
    public static let resampling =
        "subjects drawn with replacement (SplitMix64, seed below); a subject drawn w times weighs its genuine pairs "
        + "by w and an impostor pair of subjects drawn w_a and w_b times by w_a*w_b; 95 % interval = 2.5th and "
        + "97.5th percentiles (NumPy linear) of the finite replicates"

    public let resampling: String
    public let method: BootstrapMethod
    public let replicates: Int
    public let seed: UInt64
    /// Cells up to which a group is bootstrapped exactly (`BootstrapSettings.exactCellLimit`).
    public let exactCellLimit: Int
    public let subjects: Int
    public let subjectsSHA256: String
    /// `BootstrapReplicates.fileName`: (R, M) float64, columns in `intervals` order.
    public let file: String
    public let intervals: [BootstrapInterval]

    public init(group: String, settings: BootstrapSettings, design: BootstrapDesign, replicates: BootstrapReplicates) {
        resampling = Self.resampling
        method = design.method
        self.replicates = settings.replicates
        seed = settings.seed
        exactCellLimit = settings.exactCellLimit
        subjects = design.subjects
        subjectsSHA256 = design.subjectsSHA256
        file = BootstrapReplicates.fileName(group: group)
        intervals = replicates.columns.map { BootstrapInterval(metric: $0, replicates: replicates.column($0)!) }
    }

    public var columns: [String] { intervals.map(\.metric) }

    public func interval(_ metric: String) -> BootstrapInterval? { intervals.first { $0.metric == metric } }
}
