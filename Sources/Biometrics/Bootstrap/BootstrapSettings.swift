/// How many resamples a group's bootstrap draws, from which seed, and up to what size it is exact.
public struct BootstrapSettings: Codable, Sendable, Equatable {
    /// R: 1,000 puts the 2.5th and 97.5th percentiles 25 replicates in from each end, the usual minimum for
    /// 95 % percentile intervals (Efron & Tibshirani 1993, ch. 13), at a few seconds per MORPH-scale group.
    public static let defaultReplicates = 1000
    /// Fixed, so reruns and every condition of a group draw the same resamples.
    public static let defaultSeed: UInt64 = 20_261_203
    /// The most cells (pairs compared, before the pair rule drops any) bootstrapped with the exact method:
    /// 2.5·10⁵, a group of about 700 images matched within itself. An exact replicate sweeps every distinct
    /// impostor score, so its cost grows with the pairs (about 0.1 s per 1,000 replicates per 10⁴ pairs);
    /// larger groups use the first-order method, whose cost does not grow with the pairs.
    public static let defaultExactCellLimit = 250_000

    public var replicates: Int
    public var seed: UInt64
    public var exactCellLimit: Int

    public init(
        replicates: Int = Self.defaultReplicates, seed: UInt64 = Self.defaultSeed,
        exactCellLimit: Int = Self.defaultExactCellLimit
    ) {
        self.replicates = replicates
        self.seed = seed
        self.exactCellLimit = exactCellLimit
    }
}
