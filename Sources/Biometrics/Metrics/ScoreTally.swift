/// A score distribution as its distinct values (ascending) with how often each occurs.
///
/// Every threshold metric (FMR, FNMR, EER, AUC, KS) depends only on this, so a matcher can count 5·10⁸ scores on
/// the 10⁻⁶ grid they are rounded to and get the same answers as sorting them all.
public struct ScoreTally: Sendable, Equatable {
    public let values: [Double]
    public let counts: [Int]
    /// cumulativeBelow[k] = how many scores are < values[k]; one extra entry holds the total.
    public let cumulativeBelow: [Int]

    public var total: Int { cumulativeBelow.last ?? 0 }
    public var isEmpty: Bool { total == 0 }

    /// From distinct ascending values and their (positive) counts.
    public init(values: [Double], counts: [Int]) {
        precondition(values.count == counts.count, "one count per value")
        self.values = values
        self.counts = counts
        var running = 0
        var below = [Int]()
        below.reserveCapacity(counts.count + 1)
        for c in counts {
            below.append(running)
            running += c
        }
        below.append(running)
        cumulativeBelow = below
    }

    /// From raw scores, any order. NaN scores must be removed first.
    public init(scores: [Double]) {
        let sorted = scores.sorted()
        var values = [Double]()
        var counts = [Int]()
        for s in sorted {
            if let last = values.last, last == s {
                counts[counts.count - 1] += 1
            } else {
                values.append(s)
                counts.append(1)
            }
        }
        self.init(values: values, counts: counts)
    }

    /// Both distributions together.
    public func merged(with other: ScoreTally) -> ScoreTally {
        if other.isEmpty { return self }
        if isEmpty { return other }
        var v = [Double]()
        var c = [Int]()
        v.reserveCapacity(values.count + other.values.count)
        var i = 0
        var j = 0
        while i < values.count || j < other.values.count {
            let a = i < values.count ? values[i] : .infinity
            let b = j < other.values.count ? other.values[j] : .infinity
            let x = min(a, b)
            var n = 0
            if a == x {
                n += counts[i]
                i += 1
            }
            if b == x {
                n += other.counts[j]
                j += 1
            }
            v.append(x)
            c.append(n)
        }
        return ScoreTally(values: v, counts: c)
    }

    /// The k-th smallest score (0-based).
    public func element(at k: Int) -> Double {
        var lo = 0
        var hi = values.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if cumulativeBelow[mid] <= k { lo = mid } else { hi = mid - 1 }
        }
        return values[lo]
    }

    /// How many scores are < t.
    public func count(below t: Double) -> Int { cumulativeBelow[firstIndex(notBelow: t)] }

    /// How many scores are ≥ t.
    public func count(atLeast t: Double) -> Int { total - count(below: t) }

    /// The first index k with values[k] ≥ t (values.count if none).
    func firstIndex(notBelow t: Double) -> Int {
        var lo = 0
        var hi = values.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if values[mid] < t { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    /// Mean and population variance (ddof 0), two passes in Double over the distinct values.
    public var moments: Moments {
        guard total > 0 else { return Moments(count: 0, mean: .nan, variance: .nan) }
        var sum = 0.0
        for (v, c) in zip(values, counts) { sum += v * Double(c) }
        let mean = sum / Double(total)
        var squares = 0.0
        for (v, c) in zip(values, counts) { squares += (v - mean) * (v - mean) * Double(c) }
        return Moments(count: total, mean: mean, variance: squares / Double(total))
    }

    public var minimum: Double? { values.first }
    public var maximum: Double? { values.last }
}
