import TensorCore

/// Where an IResNet checkpoint comes from, and the constants that differ between the two sources.
///
/// - `arcfaceTorch`: insightface `arcface_torch` (and its ONNX exports): BN eps 1e-5; input (p/255 − 0.5)/0.5
///   computed outside the network (`inference.py`).
/// - `mxnetR100`: the 2019 MXNet LResNet100E-IR `model-r100-ii` after mapping its names to the torch ones
///   (store metadata `family` = `mxnet-r100`): BN eps 2e-5; the `fc1` (torch `features`) BN has
///   `fix_gamma=True`, so γ = 1 whatever is stored; input (p − 127.5)·0.0078125 inside the graph.
public enum IResNetFamily: String, Sendable, CaseIterable {
    case arcfaceTorch = "arcface-torch"
    case mxnetR100 = "mxnet-r100"

    /// The family a store declares in its metadata (`family`); arcface_torch when absent.
    public init(metadata: [String: String]) throws {
        guard let name = metadata["family"] else {
            self = .arcfaceTorch
            return
        }
        guard let family = IResNetFamily(rawValue: name) else {
            throw FacetError(.unsupported, "unknown IResNet family '\(name)' in weight metadata")
        }
        self = family
    }

    public static let inputSize = 112
    public static let embeddingSize = 512

    public var batchNormEpsilon: Double { self == .mxnetR100 ? 2e-5 : 1e-5 }

    /// Whether the `features` BN uses γ = 1 regardless of the stored weight.
    public var featuresGammaFixed: Bool { self == .mxnetR100 }

    /// The network input for one pixel value p (0...255) of any channel.
    @inline(__always)
    public func normalize(_ p: UInt8) -> Float {
        switch self {
        case .arcfaceTorch: (Float(p) / 255 - 0.5) / 0.5
        case .mxnetR100: (Float(p) - 127.5) * 0.0078125
        }
    }

    /// Writes one RGB uint8 image (H×W×3, row-major) into item `item` of x[N,3,H,W], normalized for this family.
    public func writeInput(rgb: [UInt8], into x: Tensor, item: Int) {
        let (h, w) = (x.shape[2], x.shape[3])
        precondition(x.shape[1] == 3 && rgb.count == h * w * 3, "RGB image of \(rgb.count) bytes for input \(x.shape)")
        let image = x.pointer + item * 3 * h * w
        for c in 0..<3 {
            let plane = image + c * h * w
            for p in 0..<h * w { plane[p] = normalize(rgb[p * 3 + c]) }
        }
    }
}
