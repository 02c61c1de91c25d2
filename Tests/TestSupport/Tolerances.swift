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

/// Full networks (FaceModels) with synthetic weights against PyTorch fixtures (`Tools/make_model_fixtures.py`).
extension Tolerance {
    /// BiSeNet main logits (scale ~1-10, upsampled to the input size): max abs error (measured 1.5e-5).
    public static let bisenetLogitsAbs: Float = 1e-4
    /// BiSeNet label maps: minimum fraction of pixels whose argmax agrees (flips only where the top two logits
    /// are within rounding of each other; measured 1.0).
    public static let bisenetLabelAgreement: Double = 0.9999
    /// IResNet raw embeddings: minimum cosine similarity to the PyTorch embedding (measured 1 − 4e-9).
    public static let iresnetCosine: Double = 0.999_999_9
    /// IResNet raw embeddings: max abs error relative to max|reference| (measured 3e-6).
    public static let iresnetRelativeToMax: Float = 2e-5
}

// MARK: - Imaging (image ops themselves are tested for exact equality: no tolerance)

extension Tolerance {
    /// 16-bit PNG → 8 bits: libpng's simplified API rounds v·255/65535; OpenCV and Pillow (RGB) keep v >> 8.
    public static let sixteenBitPNG = 1
    /// JPEG q95 round trip of the 224×224 fixture face (smooth, ±2 noise): mean absolute error per value,
    /// measured 1.54.
    public static let jpegQ95MeanAbsoluteError = 1.75
}
