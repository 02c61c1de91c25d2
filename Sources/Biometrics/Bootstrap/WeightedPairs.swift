/// A bootstrap state indexed for weighing: each pair's score as an index into its class's distinct scores, so
/// that a replicate's distributions are one pass over the pairs (exact) or over the subjects' histograms
/// (first-order), in integer counts.
struct WeightedPairs: Sendable {
    private let method: BootstrapMethod
    /// Distinct rounded genuine scores, ascending, and each genuine pair's subject and index among them.
    private let genuineValues: [Double]
    private let genuineSubject: [Int32]
    private let genuineIndex: [Int32]
    /// Exact: distinct rounded impostor scores, ascending, and each pair's subjects and index among them.
    private let impostorValues: [Double]
    private let impostorFirst: [Int32]
    private let impostorSecond: [Int32]
    private let impostorIndex: [Int32]
    /// First-order: the S × binCount histograms, each subject's span of non-empty bins, and the pair counts
    /// H[k] = Σₐ Hₐ[k] / 2 (every pair is in two rows).
    private let histograms: [Int32]
    private let spans: [Range<Int>]
    private let totals: [Int]

    init(_ state: BootstrapState) {
        method = state.design.method
        let g = state.genuine
        (genuineValues, genuineIndex) = Self.distinct(stride(from: 1, to: g.count, by: 2).map { g[$0] })
        genuineSubject = stride(from: 0, to: g.count, by: 2).map { g[$0] }
        let p = state.impostor
        let bins = BootstrapMethod.binCount
        if method == .exact {
            (impostorValues, impostorIndex) = Self.distinct(stride(from: 2, to: p.count, by: 3).map { p[$0] })
            impostorFirst = stride(from: 0, to: p.count, by: 3).map { p[$0] }
            impostorSecond = stride(from: 1, to: p.count, by: 3).map { p[$0] }
            (histograms, spans, totals) = ([], [], [])
        } else {
            impostorValues = (0..<bins).map { MatchScore.widened(BootstrapMethod.binEdge($0)) }
            (impostorFirst, impostorSecond, impostorIndex) = ([], [], [])
            histograms = p
            spans = (0..<state.design.subjects).map { s in
                let row = p[s * bins..<(s + 1) * bins]
                guard let lo = row.firstIndex(where: { $0 != 0 }), let hi = row.lastIndex(where: { $0 != 0 }) else {
                    return 0..<0
                }
                return (lo - s * bins)..<(hi - s * bins + 1)
            }
            var sums = [Int](repeating: 0, count: bins)
            for s in 0..<state.design.subjects { for k in spans[s] { sums[k] += Int(p[s * bins + k]) } }
            totals = sums.map { $0 / 2 }
        }
    }

    /// Distinct values ascending (as the widened float32 scores the score files hold) and each input's index.
    private static func distinct(_ rounded: [Int32]) -> ([Double], [Int32]) {
        let sorted = Array(Set(rounded)).sorted()
        let position = Dictionary(uniqueKeysWithValues: sorted.enumerated().map { ($0.element, Int32($0.offset)) })
        return (sorted.map(MatchScore.widened), rounded.map { position[$0]! })
    }

    /// The genuine distribution of a resample: subject s's pairs counted w[s] times.
    func genuine(_ w: ArraySlice<Int32>) -> ScoreTally {
        let base = w.startIndex
        var counts = [Int](repeating: 0, count: genuineValues.count)
        for p in genuineIndex.indices {
            counts[Int(genuineIndex[p])] += Int(w[base + Int(genuineSubject[p])])
        }
        return Self.tally(genuineValues, counts)
    }

    /// The impostor distribution of a resample: exactly w[a]·w[b] per pair, or its first-order form.
    func impostor(_ w: ArraySlice<Int32>) -> ScoreTally {
        let base = w.startIndex
        if method == .exact {
            var counts = [Int](repeating: 0, count: impostorValues.count)
            for p in impostorIndex.indices {
                counts[Int(impostorIndex[p])] += Int(w[base + Int(impostorFirst[p])]) * Int(w[base + Int(impostorSecond[p])])
            }
            return Self.tally(impostorValues, counts)
        }
        let bins = BootstrapMethod.binCount
        var counts = totals.map { -$0 }
        for s in spans.indices where w[base + s] != 0 {
            let weight = Int(w[base + s])
            for k in spans[s] { counts[k] += weight * Int(histograms[s * bins + k]) }
        }
        return Self.tally(impostorValues, counts.map { max($0, 0) })
    }

    /// The values with a positive count.
    private static func tally(_ values: [Double], _ counts: [Int]) -> ScoreTally {
        let kept = counts.indices.filter { counts[$0] > 0 }
        return ScoreTally(values: kept.map { values[$0] }, counts: kept.map { counts[$0] })
    }
}
