import Biometrics
import Foundation

/// The match summaries of a study, per group and condition, and the changes against the original condition.
struct StudyResults: Sendable {
    let groups: [String]
    let parts: [String]
    let fmrTargets: [Double]
    private let summaries: [String: MatchJob.Summary]

    init(groups: [String], parts: [String], fmrTargets: [Double], summaries: [String: MatchJob.Summary]) {
        self.groups = groups
        self.parts = parts
        self.fmrTargets = fmrTargets
        self.summaries = summaries
    }

    /// Reads every `<group>_summary.json` the match stage wrote; missing ones (failed or not yet run) are gaps.
    init(plan: ExperimentPlan) {
        var found = [String: MatchJob.Summary]()
        for group in plan.dataset.groups.map(\.name) {
            for condition in ExperimentLayout.Condition.all(parts: plan.parts) {
                if let s = try? MatchJob.Summary.read(plan.layout.matchSummary(group, condition)) {
                    found[Self.key(group, condition)] = s
                }
            }
        }
        self.init(
            groups: plan.dataset.groups.map(\.name), parts: plan.parts,
            fmrTargets: plan.config.fmrTargets ?? ExperimentConfig.defaultFMRTargets, summaries: found)
    }

    static func key(_ group: String, _ condition: ExperimentLayout.Condition) -> String { "\(group)/\(condition.folder)" }

    func summary(_ group: String, _ condition: ExperimentLayout.Condition) -> MatchJob.Summary? {
        summaries[Self.key(group, condition)]
    }

    func dPrime(_ group: String, _ condition: ExperimentLayout.Condition) -> Double? {
        summary(group, condition)?.metrics?.dPrime
    }

    /// d'(condition) − d'(original) of the group.
    func dPrimeChange(_ group: String, _ condition: ExperimentLayout.Condition) -> Double? {
        guard let d = dPrime(group, condition), let d0 = dPrime(group, .original) else { return nil }
        return d - d0
    }

    /// The largest |Δd'| over every group and blurred part (the heatmap's colour scale); nil if none.
    var largestDPrimeChange: Double? {
        let changes = groups.flatMap { g in parts.compactMap { dPrimeChange(g, .blurred($0)) } }.map(abs)
        return changes.filter(\.isFinite).max()
    }
}
