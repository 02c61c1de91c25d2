/// Every numerical tolerance the test suite uses, in one table. Change a budget here, with a reason, or not at all.
public enum Tolerance {
    /// Elementwise, pooling and resize ops against PyTorch: max abs error.
    /// Also the budget of fast-vs-naive checks whose two sides round differently (sigmoid's `expf` against a
    /// Float64 exp, L2 normalize's multiply-by-reciprocal against a Float64 divide): about 8 ulp at 1.0.
    public static let elementwiseAbs: Float = 1e-6
    /// Conv and linear against PyTorch: max abs error relative to max|reference|.
    /// Also the budget of the fast conv/linear against their Float64-summed naive twins, and of a conv with a
    /// folded batch norm against the unfolded conv → BN sequence.
    public static let convRelativeToMax: Float = 1e-5
    /// Conv and linear against PyTorch: normalized MSE Σ(a−b)²/Σb².
    /// Plain float32 summation of K random-sign terms can reach about ε²·K/2 ≈ 1e-11 at K = 4608. OpenBLAS's
    /// blocked FMA sums measure ≤ 1e-13 on the fixtures (K up to 25088), so a blocking bug shows up as a jump.
    public static let convNMSE: Double = 1e-10
    /// Conv+BN folded by torch's ONNX exporter against `torch.nn.utils.fusion.fuse_conv_bn_weights`: max abs error
    /// relative to max|reference|. The two fold in a different float32 order; measured 1.97e-7 on the fixture
    /// (Tools/make_onnx_fixtures.py prints it).
    public static let foldedBatchNormRelativeToMax: Float = 4e-7
}
