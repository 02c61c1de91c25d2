import Foundation

/// A density histogram with NumPy's `bins='auto'` edges, as `plt.hist(scores, bins='auto', density=True)` draws.
///
/// The rule, reproduced from NumPy 2.x `histogram_bin_edges` step by step and in the same precision (T is the
/// score dtype: Float for float32 files, Double for float64):
/// - range [min, max] of the data in T; a constant series becomes [v − 0.5, v + 0.5];
/// - Sturges width ptp / (log₂ n + 1) and sqrt width ptp / √n, in Double;
/// - Freedman–Diaconis width 2·IQR·n^(−1/3), IQR from `np.percentile` (linear interpolation, in Double);
/// - width = min(max(FD, sqrt / 2), Sturges); bins = ceil((max − min) / width), or 1 when the width is 0;
/// - edges = `np.linspace(min, max, bins + 1)` in T: k · ((max − min) / bins) + min, the last edge set to max.
/// Counts: edges[k] ≤ x < edges[k+1], the last bin closed. Density = count / (n · bin width).
public struct Histogram: Sendable, Equatable {
    public let edges: [Double]
    public let counts: [Int]

    public var density: [Double] {
        let n = Double(counts.reduce(0, +))
        return counts.indices.map { Double(counts[$0]) / n / (edges[$0 + 1] - edges[$0]) }
    }

    /// Requires a non-empty, finite series.
    public init<T: BinaryFloatingPoint>(autoBins data: [T]) {
        precondition(!data.isEmpty, "histogram of an empty series")
        let sorted = data.sorted()
        let edges = Self.autoEdges(sorted: sorted)
        var counts = [Int](repeating: 0, count: edges.count - 1)
        var bin = 0
        for x in sorted {
            while bin < counts.count - 1 && x >= edges[bin + 1] { bin += 1 }
            counts[bin] += 1
        }
        self.edges = edges.map { Double($0) }
        self.counts = counts
    }

    static func autoEdges<T: BinaryFloatingPoint>(sorted x: [T]) -> [T] {
        let n = x.count
        var first = x[0]
        var last = x[n - 1]
        let ptp = Double(last - first)
        if first == last {
            first -= 0.5
            last += 0.5
        }
        let sturges = ptp / (log2(Double(n)) + 1)
        let sqrtWidth = ptp / Double(n).squareRoot()
        let iqr = percentile(sorted: x, 0.75) - percentile(sorted: x, 0.25)
        let fd = 2.0 * iqr * pow(Double(n), -1.0 / 3.0)
        let relaxedFD = sqrtWidth / 2 > fd ? sqrtWidth / 2 : fd
        let width = sturges < relaxedFD ? sturges : relaxedFD
        let bins = width > 0 ? Int((Double(last - first) / width).rounded(.up)) : 1
        return linspace(first, last, count: bins + 1)
    }

    /// `np.percentile(x, 100·q)` with the default linear method: virtual index (n − 1)·q, lerp in Double
    /// (the difference of neighbours in T), from the upper neighbour when the fraction is ≥ ½.
    static func percentile<T: BinaryFloatingPoint>(sorted x: [T], _ q: Double) -> Double {
        let index = Double(x.count - 1) * q
        if index >= Double(x.count - 1) { return Double(x[x.count - 1]) }
        let below = index.rounded(.down)
        let t = index - below
        let a = x[Int(below)]
        let b = x[Int(below) + 1]
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
