import FaceModels

/// Stand-in weights of the real architectures, for benchmarks run without checkpoints.
///
/// The values follow `SyntheticWeights`' per-key recipe (so activations keep ordinary magnitudes through the full
/// depth) but come from a cheap deterministic generator instead of the tests' seeded one: timing does not depend on
/// the values, only on their magnitudes.
public enum SyntheticBenchmarkWeights {
    /// The values for checkpoint key `key` of `shape`, in row-major order.
    public static func values(key: String, shape: [Int]) -> [Float] {
        SyntheticWeights.values(key: key, shape: shape) { _, count, scale in
            (0..<count).map { i in (Float(UInt32(truncatingIfNeeded: i &* 2_654_435_761) >> 8) / 8_388_608 - 1) * scale }
        }
    }

    /// BiSeNet with synthetic weights.
    public static func bisenet() throws -> BiSeNet { try BiSeNet(loading: WeightScope(generating: values)) }

    /// IResNet of depth `architecture` with synthetic weights, laid out as arcface_torch's.
    public static func iresnet(_ architecture: IResNet.Architecture) throws -> IResNet {
        try IResNet(loading: WeightScope(generating: values), blocksPerStage: architecture.blocksPerStage, family: .arcfaceTorch)
    }
}
