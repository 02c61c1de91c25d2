/// SplitMix64 (Steele, Lea & Flood 2014; the generator `java.util.SplittableRandom` and NumPy's `SeedSequence`
/// mixing are built on): a 64-bit state advanced by 0x9E3779B97F4A7C15, each output its state scrambled by two
/// xor-shift-multiplies. Chosen because ten lines of any language reproduce its stream exactly, so the NumPy
/// reference (Tools/make_bootstrap_fixtures.py) draws the very resamples Facet draws.
public struct SplitMix64: Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A draw from 0..<n: the high 64 bits of next() · n (Lemire's multiply-shift without the rejection step; its
    /// bias, at most n / 2⁶⁴, is far below anything a bootstrap of 10⁴ subjects could show).
    public mutating func index(below n: Int) -> Int {
        Int(next().multipliedFullWidth(by: UInt64(n)).high)
    }
}
