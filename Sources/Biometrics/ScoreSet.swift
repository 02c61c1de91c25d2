/// The scores of one file: their tally, how many NaNs (incomplete comparisons) were left out, and whether the
/// file held float32 (NumPy then computes histogram edges in float32).
public struct ScoreSet: Sendable {
    public let tally: ScoreTally
    public let nanCount: Int
    public let isFloat32: Bool

    public init(tally: ScoreTally, nanCount: Int = 0, isFloat32: Bool = false) {
        self.tally = tally
        self.nanCount = nanCount
        self.isFloat32 = isFloat32
    }
}
