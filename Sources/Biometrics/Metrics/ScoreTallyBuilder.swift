/// Builds a `ScoreTally` one score at a time. Scores on the matcher's 10⁻⁶ float32 grid (every score Facet or the
/// reference writes) are counted in a `ScoreGrid`, so 5·10⁸ of them take 16 MB; any other score is kept and
/// sorted at the end. NaNs are counted and left out. `~Copyable`, as its grid is.
public struct ScoreTallyBuilder: ~Copyable {
    private let grid = ScoreGrid()
    private var gridCount = 0
    private var others = [Double]()
    public private(set) var nanCount = 0

    public init() {}

    @inline(__always)
    public mutating func add(_ score: Double) {
        if score.isNaN {
            nanCount += 1
            return
        }
        let rounded = MatchScore.roundedMillionths(Float(score))
        if abs(rounded) <= 1_000_001 && Double(MatchScore.value(rounded: rounded)) == score {
            grid.add(rounded: rounded)
            gridCount += 1
        } else {
            others.append(score)
        }
    }

    public var tally: ScoreTally {
        let onGrid = gridCount > 0 ? grid.tally : ScoreTally(values: [], counts: [])
        return onGrid.merged(with: ScoreTally(scores: others))
    }
}
