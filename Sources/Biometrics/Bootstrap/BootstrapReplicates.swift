import Foundation
import TensorCore

/// The bootstrap replicates of a group's metrics: for each resample of its subjects, d′, EER and FNMR at each FMR
/// target of the resampled genuine and impostor distributions, by the very definitions `MetricsReport` uses.
///
/// Legend: R replicates × M metrics (`columns`), row-major in `values`; a replicate whose resample has no
/// genuine or no impostor pair is NaN throughout. Written as `<group>_bootstrap.npy`, (R, M) float64.
public struct BootstrapReplicates: Sendable, Equatable {
    public let columns: [String]
    public let values: [Double]

    public init(columns: [String], values: [Double]) {
        precondition(columns.isEmpty ? values.isEmpty : values.count % columns.count == 0, "whole rows")
        self.columns = columns
        self.values = values
    }

    public var replicates: Int { columns.isEmpty ? 0 : values.count / columns.count }

    /// The metric names, in column order: d_prime, eer, then fnmr_at_fmr_<target> for each target (the names
    /// `results.csv` uses).
    public static func columns(targets: [Double]) -> [String] {
        ["d_prime", "eer"] + targets.map { "fnmr_at_fmr_\($0)" }
    }

    /// The metrics of one genuine/impostor pair of distributions, in `columns(targets:)` order.
    public static func metrics(genuine: ScoreTally, impostor: ScoreTally, targets: [Double]) -> [Double] {
        guard let rates = try? ErrorRates(genuine: genuine, impostor: impostor) else {
            return [Double](repeating: .nan, count: 2 + targets.count)
        }
        return [Moments.decidability(genuine.moments, impostor.moments), rates.equalErrorRate.eer]
            + targets.map { rates.fnmr(atFMR: $0).point.fnmr }
    }

    /// One replicate per row of `resamples`. `point`: the metrics of the full sample (`metrics(…)` of the exact
    /// tallies), which the first-order method shifts its binned replicates to. Each replicate is computed on its
    /// own, so the result does not depend on `threads`.
    public init(state: BootstrapState, resamples: SubjectResamples, targets: [Double], point: [Double], threads: Int) {
        precondition(resamples.subjects == state.design.subjects, "resamples of this group's subjects")
        let weigh = WeightedPairs(state)
        let columns = Self.columns(targets: targets)
        let m = columns.count
        let firstOrder = state.design.method == .firstOrder
        // Replicate r's metrics (first-order: binned, from its row of the weighted histogram counts).
        func replicates(_ resamples: SubjectResamples) -> [Double] {
            let counts = firstOrder ? weigh.firstOrderCounts(resamples, threads: threads) : []
            let bins = counts.count / resamples.replicates
            var values = [Double](repeating: .nan, count: resamples.replicates * m)
            values.withUnsafeMutableBufferPointer { out in
                let out = SendablePointer(out.baseAddress!)
                parallelFor(resamples.replicates, workers: threads) { r in
                    let w = resamples.row(r)
                    let impostor =
                        firstOrder ? weigh.impostor(firstOrder: counts[r * bins..<(r + 1) * bins]) : weigh.impostor(w)
                    let metrics = Self.metrics(genuine: weigh.genuine(w), impostor: impostor, targets: targets)
                    for c in 0..<m { out.base[r * m + c] = metrics[c] }
                }
            }
            return values
        }
        var values = replicates(resamples)
        // The first-order replicates are offsets from the binned original, moved onto the exact point estimate.
        if firstOrder {
            let binned = replicates(SubjectResamples(identityOf: state.design.subjects))
            for k in values.indices { values[k] += point[k % m] - binned[k % m] }
        }
        self.init(columns: columns, values: values)
    }

    public func column(_ name: String) -> [Double]? {
        guard let c = columns.firstIndex(of: name) else { return nil }
        return (0..<replicates).map { values[$0 * columns.count + c] }
    }

    /// `<group>_bootstrap.npy`.
    public static func fileName(group: String) -> String { "\(group)_bootstrap.npy" }

    public func write(to path: String) throws {
        try NPY.write(doubles: values, shape: [replicates, columns.count], to: path)
    }

    /// Reads a file `write` wrote, with the column names its summary lists.
    public init(contentsOf path: String, columns: [String]) throws {
        let array = try NPY.read(path: path)
        guard array.dtype == .float64, array.shape == [array.shape.first ?? 0, columns.count] else {
            throw FacetError(.badData, "\(path): not an (R, \(columns.count)) float64 bootstrap replicate array")
        }
        self.init(columns: columns, values: try array.doubles())
    }
}
