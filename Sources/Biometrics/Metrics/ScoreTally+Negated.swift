extension ScoreTally {
    /// Every score negated: distances (lower = same person) become similarities, which every metric here assumes.
    public var negated: ScoreTally { ScoreTally(values: values.reversed().map { -$0 }, counts: counts.reversed()) }
}
