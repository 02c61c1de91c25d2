/// Every numerical tolerance the test suite uses, in one table. Change a budget here, with a reason, or not at all.
public enum Tolerance {
    /// Elementwise, pooling and resize ops against PyTorch: max abs error.
    public static let elementwiseAbs: Float = 1e-6
    /// Conv and linear against PyTorch: max abs error relative to max|reference|.
    public static let convRelativeToMax: Float = 1e-5
    /// Conv and linear against PyTorch: normalized MSE Σ(a−b)²/Σb².
    public static let convNMSE: Double = 1e-10
    /// Conv+BN folded by torch's ONNX exporter against `torch.nn.utils.fusion.fuse_conv_bn_weights`: max abs error
    /// relative to max|reference|. The two fold in a different float32 order; measured 1.97e-7 on the fixture
    /// (Tools/make_onnx_fixtures.py prints it).
    public static let foldedBatchNormRelativeToMax: Float = 4e-7
}

// MARK: - Imaging (image ops themselves are tested for exact equality: no tolerance)

extension Tolerance {
    /// 16-bit PNG → 8 bits: libpng's simplified API rounds v·255/65535; OpenCV and Pillow (RGB) keep v >> 8.
    public static let sixteenBitPNG = 1
    /// JPEG q95 round trip of the 224×224 fixture face (smooth, ±1 noise): mean absolute error per value,
    /// measured 1.20.
    public static let jpegQ95MeanAbsoluteError = 1.4
}
