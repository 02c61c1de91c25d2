/// Which (probe i, gallery j) cells are compared, and which of those are genuine.
///
/// Reference semantics (`feature_match_efficient.py`): genuine when the subjects are equal, impostor otherwise;
/// cells whose labels (folder/stem) are equal are dropped. Without a gallery the probe is matched against itself
/// and only j > i is kept, so each unordered pair appears once and self pairs never. With a gallery the whole
/// block is kept, so subject pairs appear in both orders.
public struct PairRule: Sendable {
    /// Probe against itself (upper triangle) rather than against a separate gallery (full block).
    public let withinProbe: Bool
    /// With a gallery, also drop cells showing the same source photo (same stem) in two folders, e.g. a blurred
    /// photo against its own original. The reference keeps them (as genuine pairs); they inflate genuine scores.
    public let excludeSameSource: Bool

    public init(withinProbe: Bool, excludeSameSource: Bool) {
        self.withinProbe = withinProbe
        self.excludeSameSource = excludeSameSource
    }
}
