extension ScoreTally {
    /// Calls `body(t, below a, below b)` for every distinct value t of `a` and `b` together, ascending, where
    /// "below x" counts that tally's scores < t.
    static func forEachMergedValue(_ a: ScoreTally, _ b: ScoreTally, _ body: (Double, Int, Int) -> Void) {
        var i = 0
        var j = 0
        while i < a.values.count || j < b.values.count {
            let va = i < a.values.count ? a.values[i] : .infinity
            let vb = j < b.values.count ? b.values[j] : .infinity
            let t = min(va, vb)
            body(t, a.cumulativeBelow[i], b.cumulativeBelow[j])
            if va == t { i += 1 }
            if vb == t { j += 1 }
        }
    }
}
