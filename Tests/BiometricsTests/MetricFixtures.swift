import Foundation
import TestSupport
import TensorCore

/// The score sets and expected values written by Tools/make_metric_fixtures.py (pyeer, scikit-learn, SciPy, NumPy).
/// Floats are stored as strings (Python's shortest round-trip repr) and parsed with Double(String), which is
/// correctly rounded.
enum MetricFixtures {
    static let setNames = ["tiny", "ties", "separated", "overlap"]

    static func expected() throws -> [String: Any] {
        let data = try Data(contentsOf: URL(fileURLWithPath: Fixtures.path("metrics/expected.json")))
        return try JSONSerialization.jsonObject(with: data) as! [String: Any]
    }

    static func expected(_ set: String) throws -> [String: Any] { try expected()[set] as! [String: Any] }

    static func scores(_ set: String, _ kind: String) throws -> [Double] {
        try NPY.read(path: Fixtures.path("metrics/\(set)_\(kind).npy")).doubles()
    }

    /// |a − b| ≤ relative · max(|a|, |b|, scale); scale keeps values near zero (a mean of centred scores) meaningful.
    static func isClose(_ a: Double, _ b: Double, relative: Double, scale: Double = 0) -> Bool {
        abs(a - b) <= relative * max(abs(a), abs(b), scale) || a == b
    }
}

extension Dictionary where Key == String, Value == Any {
    func double(_ key: String) -> Double { Double(self[key] as! String)! }
    func optionalDouble(_ key: String) -> Double? { (self[key] as? String).flatMap(Double.init) }
    func doubles(_ key: String) -> [Double] { (self[key] as! [String]).map { Double($0)! } }
    func int(_ key: String) -> Int { self[key] as! Int }
    func bool(_ key: String) -> Bool { self[key] as! Bool }
    func object(_ key: String) -> [String: Any] { self[key] as! [String: Any] }
    func objects(_ key: String) -> [[String: Any]] { self[key] as! [[String: Any]] }
}
