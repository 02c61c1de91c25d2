/// Deterministic pseudo-random floats keyed by a name, identical in Swift and in `Tools/facet_fixtures/named_random.py`.
///
/// Fixtures for full-size networks would be tens of megabytes of weights. Instead both sides generate the same
/// weights from each tensor's checkpoint key: seed = FNV-1a-64(name); element i = splitmix64 finaliser of
/// seed + (i+1)·0x9E3779B97F4A7C15; its top 24 bits give u = k/2²⁴ ∈ [0, 1), and the value is (2u − 1)·scale,
/// rounded once to float32 (exact when scale is a power of two).
public enum NamedRandom {
    public static func seed(_ name: String) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in name.utf8 {
            h ^= UInt64(b)
            h = h &* 0x0000_0100_0000_01b3
        }
        return h
    }

    @inline(__always)
    public static func mix(_ x: UInt64) -> UInt64 {
        var z = x
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }

    /// `count` values uniform in [−scale, scale).
    public static func uniform(_ name: String, count: Int, scale: Float = 1) -> [Float] {
        let s = seed(name)
        return (0..<count).map { i in
            let z = mix(s &+ UInt64(i + 1) &* 0x9e37_79b9_7f4a_7c15)
            let u = Float(z >> 40) / 16_777_216
            return (2 * u - 1) * scale
        }
    }
}
