import Checkpoints
import Foundation
import TensorCore
import FaceModels

/// Weight stores with the real key names and shapes (the PyTorch state_dict manifests in Fixtures/*_keys.json)
/// filled by the same seeded recipe `Tools/make_model_fixtures.py` used, so outputs compare with its fixtures.
public enum SyntheticCheckpoint {
    /// Key → shape as PyTorch lists them (written by `Tools/make_model_fixtures.py`).
    public static func manifest(_ name: String) throws -> [String: [Int]] {
        let data = try Data(contentsOf: URL(fileURLWithPath: manifestPath(name)))
        return try JSONDecoder().decode([String: [Int]].self, from: data)
    }

    public static func values(key: String, shape: [Int]) -> [Float] {
        SyntheticWeights.values(key: key, shape: shape) { NamedRandom.uniform($0, count: $1, scale: $2) }
    }

    public static func store(_ name: String, metadata: [String: String] = [:]) throws -> WeightStore {
        var store = WeightStore(source: "\(name).synthetic")
        for (key, shape) in try manifest(name).sorted(by: { $0.key < $1.key }) {
            try store.insert(key, StoredTensor(shape: shape, values: values(key: key, shape: shape)))
        }
        store.metadata = metadata
        return store
    }

    /// The fixture input: RGB uint8 pixels int((u + 1)·128) from NamedRandom, N×H×W×3.
    public static func pixels(_ name: String, count: Int) -> [UInt8] {
        NamedRandom.uniform(name, count: count).map { UInt8(Int(($0 + 1) * 128)) }
    }

    /// Manifests live with the FaceModels tests; other test targets share them.
    static func manifestPath(_ name: String, file: String = #filePath) -> String {
        URL(fileURLWithPath: file).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("FaceModelsTests/Fixtures/\(name)_keys.json").path
    }
}
