import TensorCore

/// How RGB pixel values 0...255 become IResNet input.
public enum IResNetInputNormalization: Sendable, Equatable {
    /// arcface_torch `inference.py`: (p/255 − 0.5)/0.5, in float32 and in that order.
    case arcfaceTorch
    /// y = (p − mean)·scale, e.g. the MXNet graph's in-graph (p − 127.5)·0.0078125.
    case affine(mean: Float, scale: Float)

    @inline(__always)
    public func normalize(_ p: UInt8) -> Float {
        switch self {
        case .arcfaceTorch: (Float(p) / 255 - 0.5) / 0.5
        case .affine(let mean, let scale): (Float(p) - mean) * scale
        }
    }

    /// Writes one RGB uint8 image (H×W×3, row-major) into item `item` of x[N,3,H,W].
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
