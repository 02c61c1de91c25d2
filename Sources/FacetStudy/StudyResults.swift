import Biometrics
import Foundation

/// The match summaries of a study, per group and condition, and the changes against the original condition.
struct StudyResults: Sendable {
    let groups: [String]
    let parts: [String]
    let fmrTargets: [Double]
    private let summaries: [String: MatchJob.Summary]
    /// Per condition and FMR target: its FMR and FNMR at the threshold that gives the target on the group's
    /// original condition, as a deployed system with a threshold fixed on original images would see them (bob.measure
    /// calls this evaluating at a threshold chosen on a development set).
    private let atOriginalThresholds: [String: [Double: OperatingPoint]]
    /// Per condition: its bootstrap replicates (`<group>_bootstrap.npy`), for the intervals of changes.
    private let replicates: [String: BootstrapReplicates]

    init(
        groups: [String], parts: [String], fmrTargets: [Double], summaries: [String: MatchJob.Summary],
        atOriginalThresholds: [String: [Double: OperatingPoint]] = [:], replicates: [String: BootstrapReplicates] = [:]
    ) {
        self.groups = groups
        self.parts = parts
        self.fmrTargets = fmrTargets
        self.summaries = summaries
        self.atOriginalThresholds = atOriginalThresholds
        self.replicates = replicates
    }

    /// Reads every `<group>_summary.json` the match stage wrote; missing ones (failed or not yet run) are gaps.
    /// The rates at the original's thresholds come from the score files (or tallies), streamed.
    init(plan: ExperimentPlan) {
        var found = [String: MatchJob.Summary]()
        var fixed = [String: [Double: OperatingPoint]]()
        var replicates = [String: BootstrapReplicates]()
        let targets = plan.config.fmrTargets ?? ExperimentConfig.defaultFMRTargets
        for group in plan.dataset.groups.map(\.name) {
            for condition in ExperimentLayout.Condition.all(parts: plan.parts) {
                if let s = try? MatchJob.Summary.read(plan.layout.matchSummary(group, condition)) {
                    found[Self.key(group, condition)] = s
                    if let b = s.bootstrap {
                        let path = (plan.layout.scores(group, condition) as NSString).appendingPathComponent(b.file)
                        replicates[Self.key(group, condition)] = try? BootstrapReplicates(contentsOf: path, columns: b.columns)
                    }
                }
            }
            // The thresholds giving each target FMR on the original condition (where there are enough pairs).
            let thresholds = found[Self.key(group, .original)]?.metrics?.fnmrAtFMR.compactMap { t in
                t.resolved && targets.contains(t.targetFMR) ? t.rate.threshold.map { (t.targetFMR, $0) } : nil
            } ?? []
            guard !thresholds.isEmpty else { continue }
            for condition in ExperimentLayout.Condition.all(parts: plan.parts) where found[Self.key(group, condition)] != nil {
                let format = plan.scoreFormat
                guard
                    let series = try? ScoreSeries.load(
                        label: "", authentic: plan.layout.scoreFile(group, condition, genuine: true, format: format),
                        impostor: plan.layout.scoreFile(group, condition, genuine: false, format: format)),
                    let a = series.authentic, let i = series.impostor,
                    let rates = try? ErrorRates(genuine: a.tally, impostor: i.tally)
                else { continue }
                fixed[Self.key(group, condition)] = Dictionary(uniqueKeysWithValues: thresholds.map { ($0.0, rates.rates(atThreshold: $0.1)) })
            }
        }
        self.init(
            groups: plan.dataset.groups.map(\.name), parts: plan.parts, fmrTargets: targets, summaries: found,
            atOriginalThresholds: fixed, replicates: replicates)
    }

    /// The condition's FMR and FNMR at the original's threshold for `target`; nil when either is unknown.
    func atOriginalThreshold(_ group: String, _ condition: ExperimentLayout.Condition, target: Double) -> OperatingPoint? {
        atOriginalThresholds[Self.key(group, condition)]?[target]
    }

    static func key(_ group: String, _ condition: ExperimentLayout.Condition) -> String { "\(group)/\(condition.folder)" }

    func summary(_ group: String, _ condition: ExperimentLayout.Condition) -> MatchJob.Summary? {
        summaries[Self.key(group, condition)]
    }

    func dPrime(_ group: String, _ condition: ExperimentLayout.Condition) -> Double? {
        summary(group, condition)?.metrics?.dPrime
    }

    /// A metric of a condition of the group.
    func value(_ metric: HeatmapMetric, _ group: String, _ condition: ExperimentLayout.Condition) -> Double? {
        summary(group, condition)?.metrics.flatMap(metric.value)
    }

    /// metric(condition) − metric(original) of the group.
    func change(_ metric: HeatmapMetric, _ group: String, _ condition: ExperimentLayout.Condition) -> Double? {
        guard let v = value(metric, group, condition), let v0 = value(metric, group, .original) else { return nil }
        return v - v0
    }

    /// The 95 % subject-bootstrap interval of a metric (`BootstrapReplicates.columns` names) of a condition.
    func interval(_ group: String, _ condition: ExperimentLayout.Condition, _ metric: String) -> BootstrapInterval? {
        summary(group, condition)?.bootstrap?.interval(metric)
    }

    /// The interval of the metric's change against the group's original condition, from the paired replicates;
    /// nil unless both conditions resampled the same subjects with the same seed and count.
    func changeInterval(_ group: String, _ condition: ExperimentLayout.Condition, _ metric: String) -> BootstrapInterval? {
        guard condition != .original, let a = summary(group, condition)?.bootstrap,
            let b = summary(group, .original)?.bootstrap,
            a.subjectsSHA256 == b.subjectsSHA256, a.seed == b.seed, a.replicates == b.replicates,
            let changed = replicates[Self.key(group, condition)], let original = replicates[Self.key(group, .original)]
        else { return nil }
        return BootstrapInterval.change(metric, changed, against: original)
    }

    /// Whether the interval of the metric's change excludes zero: the change is more than resampling noise.
    func changeIsClear(_ metric: HeatmapMetric, _ group: String, _ condition: ExperimentLayout.Condition) -> Bool {
        changeInterval(group, condition, metric.name)?.excludesZero ?? false
    }

    /// The largest |change| of a metric over every group and blurred part (its heatmap's colour scale); nil if none.
    func largestChange(_ metric: HeatmapMetric) -> Double? {
        let changes = groups.flatMap { g in parts.compactMap { change(metric, g, .blurred($0)) } }.map(abs)
        return changes.filter(\.isFinite).max()
    }
}
