/// One line of a model profile's by-kind summary: the layers of one `LayerKind.group` together.
public struct KindProfileRow: Encodable, Sendable {
    /// `LayerKind.group`, e.g. "winograd F(4×4) 14×14", "im2col stride 2", "elementwise".
    public let group: String
    /// How many layers of a pass are of this kind.
    public let layers: Int
    /// The sum of their median times.
    public let milliseconds: Double
    /// `milliseconds` as a share of all layers'.
    public let percent: Double
}
