import TensorCore

/// A bootstrap state indexed for weighing: each pair's score as an index into its class's distinct scores, so
/// that a replicate's distributions are one pass over the pairs (exact), or rows of one product of the
/// multiplicities with the subjects' histograms (first-order), in integer counts.
struct WeightedPairs: Sendable {
    private let method: BootstrapMethod
    private let subjects: Int
    /// Distinct rounded genuine scores, ascending, and each genuine pair's subject and index among them.
    private let genuineValues: [Double]
    private let genuineSubject: [Int32]
    private let genuineIndex: [Int32]
    /// Exact: distinct rounded impostor scores, ascending, and each pair's subjects and index among them.
    /// First-order: the scores the bins stand for.
    private let impostorValues: [Double]
    private let impostorFirst: [Int32]
    private let impostorSecond: [Int32]
    private let impostorIndex: [Int32]
    /// First-order: the S × binCount histograms, the bins any of them uses, and the pair counts
    /// H[k] = Σₐ Hₐ[k] / 2 (every pair is in two rows).
    private let histograms: [Int32]
    private let span: Range<Int>
    private let totals: [Int]
    /// Subjects per product in `firstOrderCounts`: bounds its Double copies to 2 × 1024 × (R or span) values.
    private static let subjectChunk = 1024

    init(_ state: BootstrapState) {
        method = state.design.method
        subjects = state.design.subjects
        let g = state.genuine
        (genuineValues, genuineIndex) = Self.distinct(stride(from: 1, to: g.count, by: 2).map { g[$0] })
        genuineSubject = stride(from: 0, to: g.count, by: 2).map { g[$0] }
        let p = state.impostor
        let bins = BootstrapMethod.binCount
        if method == .exact {
            (impostorValues, impostorIndex) = Self.distinct(stride(from: 2, to: p.count, by: 3).map { p[$0] })
            impostorFirst = stride(from: 0, to: p.count, by: 3).map { p[$0] }
            impostorSecond = stride(from: 1, to: p.count, by: 3).map { p[$0] }
            (histograms, span, totals) = ([], 0..<0, [])
        } else {
            impostorValues = (0..<bins).map { MatchScore.widened(BootstrapMethod.binEdge($0)) }
            (impostorFirst, impostorSecond, impostorIndex) = ([], [], [])
            histograms = p
            var sums = [Int](repeating: 0, count: bins)
            for (index, count) in p.enumerated() where count != 0 { sums[index % bins] += Int(count) }
            let pairs = sums.map { $0 / 2 }
            totals = pairs
            let used = pairs.indices.filter { pairs[$0] != 0 }
            span = (used.first ?? 0)..<((used.last ?? -1) + 1)
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

    /// The exact impostor distribution of a resample: each pair counted w[a]·w[b] times.
    func impostor(_ w: ArraySlice<Int32>) -> ScoreTally {
        let base = w.startIndex
        var counts = [Int](repeating: 0, count: impostorValues.count)
        for p in impostorIndex.indices {
            counts[Int(impostorIndex[p])] += Int(w[base + Int(impostorFirst[p])]) * Int(w[base + Int(impostorSecond[p])])
        }
        return Self.tally(impostorValues, counts)
    }

    /// First-order: Σₐ wₐ·Hₐ[k] over the bins of `span` for every resample, R × span.count, as one product
    /// W[R × S] · H[S × span] in chunks of subjects, its rows shared out over `threads`. Every term and partial
    /// sum is an integer below 2⁵³, so the Double products are exact in any order.
    func firstOrderCounts(_ resamples: SubjectResamples, threads: Int) -> [Double] {
        let (r, l, bins) = (resamples.replicates, span.count, BootstrapMethod.binCount)
        var counts = [Double](repeating: 0, count: r * l)
        guard l > 0 else { return counts }
        for first in stride(from: 0, to: subjects, by: Self.subjectChunk) {
            let n = min(Self.subjectChunk, subjects - first)
            var h = [Double](repeating: 0, count: n * l)
            for a in 0..<n {
                for k in 0..<l { h[a * l + k] = Double(histograms[(first + a) * bins + span.lowerBound + k]) }
            }
            var w = [Double](repeating: 0, count: r * n)
            for row in 0..<r {
                for a in 0..<n { w[row * n + a] = Double(resamples.multiplicities[row * subjects + first + a]) }
            }
            h.withUnsafeBufferPointer { h in
                w.withUnsafeBufferPointer { w in
                    counts.withUnsafeMutableBufferPointer { c in
                        let (hp, wp, cp) = (
                            SendablePointer(UnsafeMutablePointer(mutating: h.baseAddress!)),
                            SendablePointer(UnsafeMutablePointer(mutating: w.baseAddress!)), SendablePointer(c.baseAddress!)
                        )
                        let bands = min(max(threads, 1), r)
                        parallelFor(bands, workers: threads) { band in
                            let (lo, hi) = (r * band / bands, r * (band + 1) / bands)
                            guard hi > lo else { return }
                            BLAS.dgemm(
                                m: hi - lo, n: l, k: n, a: wp.base + lo * n, lda: n, b: hp.base, ldb: l,
                                beta: first == 0 ? 0 : 1, c: cp.base + lo * l, ldc: l)
                        }
                    }
                }
            }
        }
        return counts
    }

    /// The first-order impostor distribution of one resample from its row of `firstOrderCounts`: Σₐ wₐ·Hₐ − H,
    /// negative bins clipped to zero.
    func impostor(firstOrder row: ArraySlice<Double>) -> ScoreTally {
        var counts = [Int](repeating: 0, count: impostorValues.count)
        for (k, weighted) in zip(span, row) { counts[k] = max(Int(weighted) - totals[k], 0) }
        return Self.tally(impostorValues, counts)
    }

    /// The values with a positive count.
    private static func tally(_ values: [Double], _ counts: [Int]) -> ScoreTally {
        let kept = counts.indices.filter { counts[$0] > 0 }
        return ScoreTally(values: kept.map { values[$0] }, counts: kept.map { counts[$0] })
    }
}
