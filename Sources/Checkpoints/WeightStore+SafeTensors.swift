import TensorCore

extension WeightStore {
    /// Loads every tensor of a `.safetensors` file (validated, converted to float32) in header order, with its
    /// `__metadata__`. Integer `*.num_batches_tracked` counters are dropped (see `isTrainingCounter`); any other
    /// non-float tensor is refused.
    public init(safetensorsAt path: String) throws {
        self.init(source: path)
        let (tensors, metadata) = try SafeTensors.read(path: path)
        for t in tensors {
            if !t.dtype.isFloatConvertible, Self.isTrainingCounter(t.name) { continue }
            try insert(t.name, StoredTensor(shape: t.shape, values: try t.floats(source: path)))
        }
        self.metadata = metadata
    }

    /// Writes all tensors as F32 safetensors with `metadata`, atomically.
    public func writeSafetensors(to path: String) throws {
        let entries = names.map { SafeTensorsEntry(name: $0, shape: self[$0]!.shape, values: self[$0]!.values) }
        try SafeTensors.write(entries, metadata: metadata, to: path)
    }

    /// BatchNorm's `num_batches_tracked` (an int64 training step counter PyTorch ≥ 0.4.1 stores in every
    /// state_dict) plays no part in inference; importers drop it rather than store it as a float.
    public static func isTrainingCounter(_ name: String) -> Bool {
        name == "num_batches_tracked" || name.hasSuffix(".num_batches_tracked")
    }
}
