import TensorCore

/// Where an IResNet checkpoint comes from, and the constants that differ between the two sources.
///
/// - `arcfaceTorch`: insightface `arcface_torch` (and its ONNX exports): BN eps 1e-5; input (p/255 − 0.5)/0.5
///   computed outside the network (`inference.py`).
/// - `mxnet`: the 2019 MXNet LResNet-E-IR models such as `model-r100-ii`, after the importer mapped their names to
///   the torch ones: BN eps 2e-5; the `fc1` (torch `features`) BN has `fix_gamma=True`, so γ = 1 whatever is
///   stored; input (p − 127.5)·0.0078125 inside the graph.
public enum IResNetFamily: String, Sendable, CaseIterable {
    case arcfaceTorch = "arcface-torch"
    case mxnet = "mxnet"

    public static let inputSize = 112
    public static let embeddingSize = 512

    public var batchNormEpsilon: Double { self == .mxnet ? 2e-5 : 1e-5 }

    /// Whether the `features` BN uses γ = 1 regardless of the stored weight.
    public var featuresGammaFixed: Bool { self == .mxnet }

    /// The input normalization the family's own pipeline applies.
    public var inputNormalization: IResNetInputNormalization {
        switch self {
        case .arcfaceTorch: .arcfaceTorch
        case .mxnet: .affine(mean: 127.5, scale: 0.0078125)
        }
    }

    /// Whether the family's own pipeline normalizes the input inside the network graph.
    public var normalizesInputInGraph: Bool { self == .mxnet }
}
