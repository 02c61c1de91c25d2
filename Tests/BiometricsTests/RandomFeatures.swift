import Foundation
import TensorCore
import TestSupport
@testable import Biometrics

/// Seeded random 16-d features in `<folder>/<name>/`, four photos per subject, as the matcher tests use them.
enum RandomFeatures {
    static func write(_ name: String, in folder: String, count: Int) throws -> [FeatureEntry] {
        try (0..<count).map { k in
            let path = "\(folder)/\(name)/\(100_000 + k / 4)_0\(k % 4)M30.npy"
            try NPY.write(floats: NamedRandom.uniform("\(name)-\(k)", count: 16), shape: [16], to: path)
            return try FeatureEntry(path: path, identity: .morph)
        }
    }
}
