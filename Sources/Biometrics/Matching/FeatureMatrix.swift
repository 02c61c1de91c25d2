import Foundation
import TensorCore

/// L2-normalized feature rows, row i from entries[i]. Legend: N rows, D feature size.
public struct FeatureMatrix: Sendable {
    public let entries: [FeatureEntry]
    public let dimension: Int
    /// N·D floats, row-major, each row of unit length.
    public let rows: [Float]

    public var count: Int { entries.count }

    /// Loads one `.npy` per entry: shape (D,) or (1, D), float32 or float64. A missing or misshaped file, a feature
    /// size differing from the first file's, a NaN or infinite value, or an all-zero vector is an error naming
    /// the file.
    public init(entries: [FeatureEntry]) throws {
        precondition(!entries.isEmpty, "no entries")
        var rows = [Float]()
        var dimension = 0
        for (index, entry) in entries.enumerated() {
            let array = try NPY.read(path: entry.path)
            let shape = array.shape
            guard shape.count == 1 || (shape.count == 2 && shape[0] == 1), let d = shape.last, d > 0 else {
                throw FacetError(.badData, "\(entry.path): feature shape \(shape), expected (D,) or (1, D)")
            }
            guard array.dtype == .float32 || array.dtype == .float64 else {
                throw FacetError(.badData, "\(entry.path): feature dtype \(array.dtype.rawValue), expected <f4 or <f8")
            }
            if index == 0 {
                dimension = d
                rows.reserveCapacity(entries.count * d)
            } else if d != dimension {
                throw FacetError(
                    .badData, "\(entry.path): feature size \(d) differs from \(dimension) (\(entries[0].path))")
            }
            let values = try array.floats()
            var squares = 0.0
            for v in values {
                guard v.isFinite else { throw FacetError(.badData, "\(entry.path): feature contains NaN or infinity") }
                squares += Double(v) * Double(v)
            }
            guard squares > 0 else { throw FacetError(.badData, "\(entry.path): all-zero feature has no direction") }
            // Cosine similarity normalizes both sides (scikit-learn `normalize`), so we do it once here.
            let norm = Float(squares.squareRoot())
            rows.append(contentsOf: values.map { $0 / norm })
        }
        self.entries = entries
        self.dimension = dimension
        self.rows = rows
    }
}
