/// What a profiled layer is: `name` says which kernel ran it ("winograd F(4×4)", "im2col 3×3 s2", "prelu"), `group`
/// is the line of the profile's by-kind summary it adds to ("winograd F(4×4) 14×14", "im2col stride 2",
/// "elementwise").
public struct LayerKind: Sendable, Hashable {
    public let name: String
    public let group: String

    public init(name: String, group: String) {
        self.name = name
        self.group = group
    }

    /// A per-element or per-channel op (BN affine, activations, residual adds, products, concatenation).
    public static func elementwise(_ name: String) -> LayerKind { LayerKind(name: name, group: "elementwise") }
    /// Max or average pooling.
    public static func pool(_ name: String) -> LayerKind { LayerKind(name: name, group: "pool") }
    /// Nearest or bilinear resizing.
    public static func resize(_ name: String) -> LayerKind { LayerKind(name: name, group: "resize") }
    /// A fully connected layer (one GEMM/GEMV).
    public static let linear = LayerKind(name: "linear", group: "linear")
    /// The per-pixel class argmax of a label map.
    public static let argmax = LayerKind(name: "argmax", group: "argmax")
}
