/// Counts of scores on the 10⁻⁶ grid the matcher rounds to: bin k holds the score (k − offset)·10⁻⁶.
/// 2·10⁶ + 3 bins (16 MB) cover cosines in [−1, 1] plus one rounding step each side.
///
/// A struct over an owned pointer so the matcher's inner loop increments a count without the dynamic
/// exclusivity checks a class's array property would cost per pair. `~Copyable`: copies would count into the
/// same bins.
public struct ScoreGrid: ~Copyable {
    static let offset = 1_000_001
    static let binCount = 2 * offset + 1
    private let counts: UnsafeMutablePointer<Int>

    public init() {
        counts = .allocate(capacity: Self.binCount)
        counts.initialize(repeating: 0, count: Self.binCount)
    }

    deinit { counts.deallocate() }

    /// `rounded` is the score times 10⁶ after rounding (an integer-valued Float).
    @inline(__always)
    public func add(rounded: Float) {
        let k = min(max(Int(rounded) + Self.offset, 0), Self.binCount - 1)
        counts[k] &+= 1
    }

    /// The distinct scores and counts, each value the float32 the score files hold, widened.
    public var tally: ScoreTally {
        var values = [Double]()
        var nonZero = [Int]()
        for k in 0..<Self.binCount where counts[k] > 0 {
            values.append(Double(MatchScore.value(rounded: Float(k - Self.offset))))
            nonZero.append(counts[k])
        }
        return ScoreTally(values: values, counts: nonZero)
    }
}
