/// One labelled pair of score distributions (either side may be absent), as plotted and reported together.
public struct ScoreSeries: Sendable {
    public let label: String
    public let authentic: ScoreSet?
    public let impostor: ScoreSet?

    public init(label: String, authentic: ScoreSet?, impostor: ScoreSet?) {
        self.label = label
        self.authentic = authentic
        self.impostor = impostor
    }

    /// d′ between authentic and impostor, when both are present.
    public var dPrime: Double? {
        guard let authentic, let impostor else { return nil }
        return Moments.decidability(authentic.tally.moments, impostor.tally.moments)
    }
}
