/// The resamples of a subject bootstrap: R times, S subjects drawn with replacement from the S of a group.
///
/// Drawing rule (the NumPy reference repeats it): one `SplitMix64` seeded with `seed`; for replicate r = 0, 1, …
/// in turn, S draws `index(below: S)`, each adding 1 to that subject's multiplicity. The multiplicities depend
/// only on (seed, R, S), so every condition of a group (same subjects) gets the same resamples, and replicate r
/// of one condition pairs with replicate r of another.
public struct SubjectResamples: Sendable {
    /// Legend: R replicates × S subjects, row-major: `multiplicities[r * subjects + s]` = how often subject s is
    /// drawn in replicate r (they sum to S in each row).
    public let multiplicities: [Int32]
    public let replicates: Int
    public let subjects: Int

    public init(replicates: Int, subjects: Int, seed: UInt64) {
        var generator = SplitMix64(seed: seed)
        var counts = [Int32](repeating: 0, count: replicates * subjects)
        for r in 0..<replicates {
            for _ in 0..<subjects { counts[r * subjects + generator.index(below: subjects)] += 1 }
        }
        multiplicities = counts
        self.replicates = replicates
        self.subjects = subjects
    }

    /// Every subject once: the original sample, whose replicate must equal the point estimate.
    public init(identityOf subjects: Int) {
        multiplicities = [Int32](repeating: 1, count: subjects)
        replicates = 1
        self.subjects = subjects
    }

    public func row(_ r: Int) -> ArraySlice<Int32> { multiplicities[r * subjects..<(r + 1) * subjects] }
}
