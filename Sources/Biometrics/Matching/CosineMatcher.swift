import Foundation
import TensorCore

/// All-pairs cosine similarity between probe and gallery rows, classified into genuine and impostor pairs.
///
/// Legend: N probe rows, M gallery rows (M = N within the probe), D feature size, B rows per block.
/// The rows are unit length, so cosine = dot product: each block is one GEMM S[B×M′] = P[B×D] · G[M′×D]ᵀ over the
/// columns the block can use (within the probe, j ≥ the block's first row), split into bands of gallery columns
/// that `threads` threads multiply at once. Memory is O(B·M), never O(N·M).
public struct CosineMatcher {
    public let probe: FeatureMatrix
    /// nil: the probe is matched against itself.
    public let gallery: FeatureMatrix?
    public let rule: PairRule
    /// Probe rows per GEMM; fixed, so a block of the pair set (`rows(of:)`) makes the same GEMMs as a whole run.
    public static let blockRows = 256
    /// Threads a block's GEMM is shared out over; the pairs are then recorded in order on the calling thread.
    public var threads = ProcessInfo.processInfo.activeProcessorCount
    /// Gallery columns per sgemm call. Fixed rather than derived from `threads`, so every thread count makes the
    /// same calls and writes the same scores; wide enough that packing each call's gallery slice costs little
    /// next to its arithmetic.
    public static let bandColumns = 1024

    public init(probe: FeatureMatrix, gallery: FeatureMatrix?, excludeSameSource: Bool) throws {
        if let gallery, gallery.dimension != probe.dimension {
            throw FacetError(
                .badData, "gallery feature size \(gallery.dimension) differs from probe feature size \(probe.dimension)")
        }
        self.probe = probe
        self.gallery = gallery
        rule = PairRule(withinProbe: gallery == nil, excludeSameSource: excludeSameSource)
    }

    /// Small integer ids for subjects, labels and stems, shared by both sides so equality is one compare.
    private struct Keys {
        var subject: [Int32]
        var label: [Int32]
        var stem: [Int32]
    }

    private static func keys(_ entries: [FeatureEntry], _ tables: inout [[String: Int32]]) -> Keys {
        func id(_ text: String, _ t: Int) -> Int32 {
            if let v = tables[t][text] { return v }
            let v = Int32(tables[t].count)
            tables[t][text] = v
            return v
        }
        return Keys(
            subject: entries.map { id($0.subject, 0) }, label: entries.map { id($0.label, 1) },
            stem: entries.map { id($0.stem, 2) })
    }

    /// Cells skipped by the pair rule.
    public struct Dropped: Sendable, Codable, Equatable {
        /// Same label (the same feature file listed twice, or probe and gallery sharing a file).
        public var sameLabel = 0
        /// Same source photo in two folders (cross-match with same-source exclusion).
        public var sameSource = 0
    }

    /// The probe rows of part `block` of the pair set of `probeCount` rows against `galleryCount` (nil: the probe
    /// itself): whole blocks of `blockRows` rows, so every GEMM is the one a whole run makes and gives the same
    /// bits, dealt out so that the parts hold about equal numbers of cells (within the probe, early rows have
    /// more). Parts beyond the number of row blocks are empty.
    public static func rows(of block: Shard, probeCount n: Int, galleryCount m: Int?, blockRows: Int) -> Range<Int> {
        let chunks = (n + blockRows - 1) / blockRows
        let total = cells(before: n, probeCount: n, galleryCount: m)
        // The first row block at which at least part/count of the cells lie before it.
        func boundary(_ part: Int) -> Int {
            if part == 0 { return 0 }
            if part == block.count { return chunks }
            let wanted = block.count.dividingFullWidth(total.multipliedFullWidth(by: part)).quotient
            var lo = 0
            var hi = chunks
            while lo < hi {
                let mid = (lo + hi) / 2
                if cells(before: min(mid * blockRows, n), probeCount: n, galleryCount: m) < wanted {
                    lo = mid + 1
                } else {
                    hi = mid
                }
            }
            return lo
        }
        return min(boundary(block.index - 1) * blockRows, n)..<min(boundary(block.index) * blockRows, n)
    }

    /// Cells compared in the probe rows before `row`: within the probe row i has n − i − 1, against a gallery m.
    public static func cells(before row: Int, probeCount n: Int, galleryCount m: Int?) -> Int {
        if let m { return row * m }
        return row * (2 * n - row - 1) / 2
    }

    /// Calls `recorder.record` for every kept pair of the probe `rows` (all by default) in row-major (i, then j)
    /// order. `rows` must start at a multiple of `blockRows` (as `rows(of:)` gives), so a part's GEMMs are the
    /// whole run's (or be empty). `progress(rowsDone)` is called after each block; if it throws (e.g. on Ctrl-C) the run stops
    /// there.
    @discardableResult
    public func run(rows: Range<Int>? = nil, into recorder: inout ScoreRecorder, progress: (Int) throws -> Void = { _ in })
        throws -> Dropped
    {
        let rows = rows ?? 0..<probe.count
        precondition(
            (rows.lowerBound % Self.blockRows == 0 || rows.isEmpty) && rows.upperBound <= probe.count,
            "rows of whole blocks")
        var dropped = Dropped()
        var tables = [[String: Int32]](repeating: [:], count: 3)
        let p = Self.keys(probe.entries, &tables)
        let galleryMatrix = gallery ?? probe
        let g = gallery.map { Self.keys($0.entries, &tables) } ?? p
        let m = galleryMatrix.count
        let d = probe.dimension
        let within = rule.withinProbe
        let sameSource = rule.excludeSameSource && !within
        var block = [Float](repeating: 0, count: Self.blockRows * m)
        try probe.rows.withUnsafeBufferPointer { probeRows in
            try galleryMatrix.rows.withUnsafeBufferPointer { galleryRows in
                try block.withUnsafeMutableBufferPointer { scores in
                    var r0 = rows.lowerBound
                    while r0 < rows.upperBound {
                        let r1 = min(r0 + Self.blockRows, rows.upperBound)
                        let c0 = within ? r0 : 0
                        let columns = m - c0
                        if columns > 0 {
                            // S[(r1−r0) × columns] = P[r0..<r1] · G[c0..<m]ᵀ
                            multiply(
                                probeRows.baseAddress! + r0 * d, rows: r1 - r0, galleryRows.baseAddress! + c0 * d,
                                columns: columns, dimension: d, into: scores.baseAddress!)
                        }
                        for i in r0..<r1 {
                            let row = scores.baseAddress! + (i - r0) * columns - c0
                            let subject = p.subject[i]
                            let label = p.label[i]
                            let stem = p.stem[i]
                            for j in (within ? i + 1 : 0)..<m {
                                if g.label[j] == label {
                                    dropped.sameLabel += 1
                                    continue
                                }
                                if sameSource && g.stem[j] == stem {
                                    dropped.sameSource += 1
                                    continue
                                }
                                try recorder.record(
                                    genuine: g.subject[j] == subject, i, j,
                                    rounded: MatchScore.roundedMillionths(row[j]))
                            }
                        }
                        try progress(r1)
                        r0 = r1
                    }
                }
            }
        }
        try recorder.finish()
        return dropped
    }

    /// S[rows × columns] = P · Gᵀ for row-major P (rows × d) and G (columns × d): one sgemm per band of
    /// `bandColumns` gallery rows, the bands shared out over `threads`, each band writing its own columns. Meant
    /// for OpenBLAS at one thread, so the split is ours alone and its scores do not depend on `threads`.
    private func multiply(
        _ p: UnsafePointer<Float>, rows: Int, _ g: UnsafePointer<Float>, columns: Int, dimension d: Int,
        into s: UnsafeMutablePointer<Float>
    ) {
        let probe = SendablePointer(UnsafeMutablePointer(mutating: p))
        let gallery = SendablePointer(UnsafeMutablePointer(mutating: g))
        let scores = SendablePointer(s)
        let bands = (columns + Self.bandColumns - 1) / Self.bandColumns
        parallelFor(bands, workers: threads) { band in
            let first = band * Self.bandColumns
            BLAS.sgemm(
                transB: true, m: rows, n: min(Self.bandColumns, columns - first), k: d, a: probe.base, lda: d,
                b: gallery.base + first * d, ldb: d, c: scores.base + first, ldc: columns)
        }
    }
}
