import Foundation

/// Seeded stand-in weights for a checkpoint key, for tests and benchmarks without the real files; the twin of
/// `Tools/facet_fixtures/synthetic_weights.py` (which documents the per-key recipe). Values are shaped so that
/// activations stay O(1) through full-depth networks.
///
/// `uniform(key, count, scale)` supplies values in [−scale, scale): the tests pass `NamedRandom.uniform`, so
/// they match PyTorch fixtures bit for bit; the benchmarks can pass any cheap generator.
public enum SyntheticWeights {
    public static func values(
        key: String, shape: [Int], uniform: (_ key: String, _ count: Int, _ scale: Float) -> [Float]
    ) -> [Float] {
        let count = shape.reduce(1, *)
        let leaf = key.split(separator: ".").last.map(String.init) ?? key
        func u(_ scale: Float) -> [Float] { uniform(key, count, scale) }
        if leaf == "running_var" { return u(0.5).map { 0.5 + abs($0) } }
        if leaf == "running_mean" { return u(0.125) }
        if shape.count >= 2 { return u(Float(pow(2.0, Double(weightExponent(fanIn: count / shape[0]))))) }
        if leaf == "bias" { return u(0.125) }
        if key.hasSuffix("prelu.weight") { return u(0.125).map { 0.25 + $0 } }
        if key.hasSuffix(".bn3.weight") { return u(0.0625).map { 0.125 + $0 } }
        return u(0.25).map { 0.875 + $0 }
    }

    /// e = ⌊log2(3/fan_in)/2 + 0.5⌋: uniform(±2^e) has std ≈ 1/√fan_in.
    static func weightExponent(fanIn: Int) -> Int { Int((log2(3.0 / Double(fanIn)) / 2 + 0.5).rounded(.down)) }
}
