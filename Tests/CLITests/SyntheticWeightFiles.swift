import Checkpoints
import Foundation
import TestSupport

/// Seeded weights of the real architectures (`SyntheticCheckpoint`) in safetensors files, which the stage commands
/// load like real checkpoints.
enum SyntheticWeightFiles {
    /// The smallest IResNet the arcface_torch key tree allows: one block per stage (the r50 manifest without blocks
    /// 1…), 112×112 input, 512-d output: the real stem, stages and head at a fraction of the cost.
    static func writeTinyIResNet(to path: String) throws {
        var store = WeightStore(source: "iresnet_tiny.synthetic")
        for (key, shape) in try SyntheticCheckpoint.manifest("iresnet_r50").sorted(by: { $0.key < $1.key }) {
            let fields = key.split(separator: ".")
            if fields.count > 1 && fields[0].hasPrefix("layer") && fields[1] != "0" { continue }
            try store.insert(key, StoredTensor(shape: shape, values: SyntheticCheckpoint.values(key: key, shape: shape)))
        }
        try store.writeSafetensors(to: path)
    }

    static func writeBiSeNet(to path: String) throws {
        try SyntheticCheckpoint.store("bisenet").writeSafetensors(to: path)
    }
}
