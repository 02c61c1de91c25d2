import TensorCore

extension BiSeNet {
    /// The input size face-parsing.PyTorch resizes every image to (Pillow bilinear, done by the caller).
    public static let inputSize = 512
    /// torchvision `Normalize` constants (ImageNet), per RGB channel.
    public static let mean: [Float] = [0.485, 0.456, 0.406]
    public static let standardDeviation: [Float] = [0.229, 0.224, 0.225]

    /// Writes one RGB uint8 image (H×W×3, row-major) into item `item` of x[N,3,H,W] as `ToTensor` then
    /// `Normalize` do it: v = p/255, then (v − mean)/std, in float32 and in that order.
    public static func writeInput(rgb: [UInt8], into x: Tensor, item: Int) {
        let (h, w) = (x.shape[2], x.shape[3])
        precondition(x.shape[1] == 3 && rgb.count == h * w * 3, "RGB image of \(rgb.count) bytes for input \(x.shape)")
        let image = x.pointer + item * 3 * h * w
        for c in 0..<3 {
            let (m, s) = (mean[c], standardDeviation[c])
            let plane = image + c * h * w
            for p in 0..<h * w { plane[p] = (Float(rgb[p * 3 + c]) / 255 - m) / s }
        }
    }
}
