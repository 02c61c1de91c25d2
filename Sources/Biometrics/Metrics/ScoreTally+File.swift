import Foundation
import TensorCore

extension ScoreTally {
    /// The file name suffix of a tally file (`facet match --score-format none`, match blocks).
    public static let fileSuffix = "_tally.npy"

    /// Writes the tally as a (K, 2) float64 `.npy` of rows [score, count], scores ascending (counts below 2⁵³
    /// are exact in float64): `np.repeat(t[:, 0], t[:, 1].astype(int))` gives the scores back.
    public func write(to path: String) throws {
        let rows = zip(values, counts).flatMap { [$0, Double($1)] }
        try NPY.write(doubles: rows, shape: [values.count, 2], to: path)
    }

    /// Reads a tally `write(to:)` wrote; anything else is `.badData`, naming the file.
    public init(contentsOf path: String) throws {
        let array = try NPY.read(path: path)
        guard array.shape.count == 2, array.shape[1] == 2 else {
            throw FacetError(.badData, "\(path): expected a (K, 2) tally of [score, count] rows, found shape \(array.shape)")
        }
        let rows = try array.doubles()
        var values = [Double]()
        var counts = [Int]()
        for k in 0..<array.shape[0] {
            let (value, count) = (rows[2 * k], rows[2 * k + 1])
            guard count >= 1, count < 0x1p53, count.rounded() == count, value.isFinite,
                values.last.map({ $0 < value }) ?? true
            else { throw FacetError(.badData, "\(path): row \(k) is not an ascending [score, count] pair") }
            values.append(value)
            counts.append(Int(count))
        }
        self.init(values: values, counts: counts)
    }
}
