import Foundation

/// A density histogram with NumPy's `bins='auto'` edges, as `plt.hist(scores, bins='auto', density=True)` draws.
///
/// The rule, reproduced from NumPy 2.x `histogram_bin_edges` step by step and in the same precision (T is the
/// score dtype: Float for float32 files, Double for float64):
/// - range [min, max] of the data in T; a constant series becomes [v − 0.5, v + 0.5];
/// - Sturges width ptp / (log₂ n + 1) and sqrt width ptp / √n, in Double;
/// - Freedman–Diaconis width 2·IQR·n^(−1/3), IQR from `np.percentile` (linear interpolation, in Double);
/// - width = min(max(FD, sqrt / 2), Sturges); bins = ceil((max − min) / width), or 1 when the width is 0;
/// - edges = `np.linspace(min, max, bins + 1)` in T: k · ((max − min) / bins) + min, the last edge set to max;
///   a range max − min that overflows T (where NumPy raises) is one bin [min, max].
/// Counts: edges[k] ≤ x < edges[k+1], the last bin closed. Density = count / (n · bin width).
public struct Histogram: Sendable, Equatable {
    public let edges: [Double]
    public let counts: [Int]

    public var density: [Double] {
        let n = Double(counts.reduce(0, +))
        return counts.indices.map { Double(counts[$0]) / n / (edges[$0 + 1] - edges[$0]) }
    }

    /// Requires a non-empty, finite series. `float32`: the scores came from a float32 file, so the edges are
    /// computed in Float as NumPy would (the tally's values are then exact Floats).
    public init(autoBins tally: ScoreTally, float32: Bool) {
        precondition(!tally.isEmpty, "histogram of an empty series")
        if float32 {
            let edges = Self.autoEdges(tally, as: Float.self)
            self.init(edges: edges.map { Double($0) }, counts: Self.counts(tally, edges: edges))
        } else {
            let edges = Self.autoEdges(tally, as: Double.self)
            self.init(edges: edges, counts: Self.counts(tally, edges: edges))
        }
    }

    /// Convenience for an array of scores in T.
    public init<T: BinaryFloatingPoint>(autoBins data: [T]) {
        self.init(autoBins: ScoreTally(scores: data.map { Double($0) }), float32: T.self == Float.self)
    }

    private init(edges: [Double], counts: [Int]) {
        self.edges = edges
        self.counts = counts
    }

    /// edges[k] ≤ x < edges[k+1], the last bin closed; compared in T.
    static func counts<T: BinaryFloatingPoint>(_ tally: ScoreTally, edges: [T]) -> [Int] {
        var counts = [Int](repeating: 0, count: edges.count - 1)
        var bin = 0
        for (v, c) in zip(tally.values, tally.counts) {
            let x = T(v)
            while bin < counts.count - 1 && x >= edges[bin + 1] { bin += 1 }
            counts[bin] += c
        }
        return counts
    }

    static func autoEdges<T: BinaryFloatingPoint>(_ x: ScoreTally, as: T.Type) -> [T] {
        let n = x.total
        var first = T(x.values[0])
        var last = T(x.values[x.values.count - 1])
        // A range wider than T holds (scores near ±3.4e38 in a float32 file) gets one bin: NumPy raises here,
        // and the bin count below would be infinite.
        guard (last - first).isFinite else { return [first, last] }
        let ptp = Double(last - first)
        if first == last {
            first -= 0.5
            last += 0.5
        }
        let sturges = ptp / (log2(Double(n)) + 1)
        let sqrtWidth = ptp / Double(n).squareRoot()
        let iqr = percentile(x, 0.75, as: T.self) - percentile(x, 0.25, as: T.self)
        let fd = 2.0 * iqr * pow(Double(n), -1.0 / 3.0)
        let relaxedFD = sqrtWidth / 2 > fd ? sqrtWidth / 2 : fd
        let width = sturges < relaxedFD ? sturges : relaxedFD
        let bins = width > 0 ? Int((Double(last - first) / width).rounded(.up)) : 1
        return linspace(first, last, count: bins + 1)
    }

    /// `np.percentile(x, 100·q)` with the default linear method: virtual index (n − 1)·q, lerp in Double
    /// (the difference of neighbours in T), from the upper neighbour when the fraction is ≥ ½.
    static func percentile<T: BinaryFloatingPoint>(_ x: ScoreTally, _ q: Double, as: T.Type) -> Double {
        let index = Double(x.total - 1) * q
        if index >= Double(x.total - 1) { return Double(T(x.element(at: x.total - 1))) }
        let below = index.rounded(.down)
        let t = index - below
        let a = T(x.element(at: Int(below)))
        let b = T(x.element(at: Int(below) + 1))
        let difference = Double(b - a)
        return t >= 0.5 ? Double(b) - difference * (1 - t) : Double(a) + difference * t
    }

    /// `np.linspace(start, stop, count)` in T: step = (stop − start) / (count − 1), y = k·step + start, last = stop.
    static func linspace<T: BinaryFloatingPoint>(_ start: T, _ stop: T, count: Int) -> [T] {
        let step = (stop - start) / T(count - 1)
        var y = (0..<count).map { T($0) * step + start }
        y[count - 1] = stop
        return y
    }
}
