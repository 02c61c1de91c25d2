extension ScoreSeries {
    /// The series with every score negated (`ScoreTally.negated`), for distance scores.
    public var negated: ScoreSeries {
        func negate(_ set: ScoreSet?) -> ScoreSet? {
            set.map { ScoreSet(tally: $0.tally.negated, nanCount: $0.nanCount, isFloat32: $0.isFloat32) }
        }
        return ScoreSeries(label: label, authentic: negate(authentic), impostor: negate(impostor))
    }

    /// A warning when the genuine scores sit on the wrong side of the impostor scores for the stated direction:
    /// distances read as similarities (or the reverse) give an EER near 100 % and an AUC near 0, silently.
    public func directionWarning(lowerIsBetter: Bool) -> String? {
        guard let authentic, let impostor, !authentic.tally.isEmpty, !impostor.tally.isEmpty else { return nil }
        let g = authentic.tally.moments.mean
        let i = impostor.tally.moments.mean
        if !lowerIsBetter && g < i {
            return "\(label): the genuine scores are lower on average than the impostor scores (\(g) < \(i)); "
                + "if lower means the same person (distances), pass --lower-is-better"
        }
        if lowerIsBetter && g > i {
            return "\(label): with --lower-is-better, the genuine scores are higher on average than the impostor scores "
                + "(\(g) > \(i)); similarity scores need no --lower-is-better"
        }
        return nil
    }
}
