/// The reference's score rounding, `np.round(similarity, 6)` on float32: multiply by 10⁶, round half to even,
/// divide by 10⁶, each step in float32.
public enum MatchScore {
    @inline(__always)
    public static func roundedMillionths(_ similarity: Float) -> Float {
        (similarity * 1_000_000).rounded(.toNearestOrEven)
    }

    @inline(__always)
    public static func value(rounded: Float) -> Float { rounded / 1_000_000 }

    /// A rounded score as the Double its score file's float32 widens to (how `ScoreGrid` tallies it).
    static func widened(_ rounded: Int32) -> Double { Double(value(rounded: Float(rounded))) }
}
