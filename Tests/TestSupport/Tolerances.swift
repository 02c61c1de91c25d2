/// Every numerical tolerance the test suite uses, in one table. Change a budget here, with a reason, or not at all.
public enum Tolerance {
    /// Elementwise, pooling and resize ops against PyTorch: max abs error.
    /// Also the budget of fast-vs-naive checks whose two sides round differently (sigmoid's `expf` against a
    /// Float64 exp, L2 normalize's multiply-by-reciprocal against a Float64 divide): about 8 ulp at 1.0.
    public static let elementwiseAbs: Float = 1e-6
    /// Conv and linear against PyTorch: max abs error relative to max|reference|.
    /// Also the budget of the fast conv/linear against their Float64-summed naive twins, and of a conv with a
    /// folded batch norm against the unfolded conv → BN sequence. Winograd convs keep to it too: their transforms
    /// multiply by up to 5 and 8 before the sums cancel, and the sweep measures 3.3e-7 for F(2×2) and 3.1e-6 for
    /// F(4×4), against 4e-7 for im2col.
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

// MARK: - Imaging (image ops themselves are tested for exact equality: no tolerance)

extension Tolerance {
    /// 16-bit PNG → 8 bits: libpng's simplified API rounds v·255/65535; OpenCV and Pillow (RGB) keep v >> 8.
    public static let sixteenBitPNG = 1
    /// JPEG q95 round trip of the 224×224 fixture face (smooth, ±1 noise): mean absolute error per value,
    /// measured 1.20.
    public static let jpegQ95MeanAbsoluteError = 1.4
    /// SciPy Gaussian weights against NumPy's where NumPy's exp is not correctly rounded, in ulps of the weight:
    /// its AVX-512 exp is one ulp low at k = ±7 on the fixture machine (measured 1).
    public static let numpyExpUlps = 2.0
}

/// Biometric metric budgets (against pyeer, scikit-learn, SciPy and NumPy).
public enum MetricTolerance {
    /// Means, variances, d′ and AUC: relative error (sums in a different order than NumPy's pairwise sum).
    public static let momentRelative: Double = 1e-12
    /// Clopper–Pearson bounds against `scipy.stats.beta.ppf`: relative error (our log-gamma prefactor and
    /// bisection vs Boost's inverse).
    public static let clopperPearsonRelative: Double = 1e-9
    /// Histogram densities: relative error (edges and counts must be identical).
    public static let densityRelative: Double = 1e-12
    /// Kolmogorov–Smirnov statistic against SciPy's `ks_2samp`: relative error. Both take the largest gap between
    /// the same two step functions, so only the last bit of a division can differ (measured 0, and 1.1e-16 on
    /// the `ties` set).
    public static let ksRelative: Double = 1e-15
    /// The same statistic as `facet metrics` writes it to JSON and reads back: absolute error (measured 1.1e-16
    /// for a KS of 0.88).
    public static let ksAbs: Double = 1e-15
    /// d′ as `facet metrics` writes it to JSON, against NumPy: absolute error. Tighter than `momentRelative` at
    /// the fixture's d′ of 2.72 (measured 2.2e-15, 5 ulp).
    public static let dPrimeAbs: Double = 1e-12
    /// Subject-bootstrap EER and FNMR replicates and interval ends against NumPy: absolute error. Both divide the
    /// same integer counts and interpolate percentiles by the same rule, so they agree to the bit (measured 0);
    /// the budget allows one rounding of the interpolation.
    public static let bootstrapRateAbs: Double = 1e-16
    /// Subject-bootstrap interval ends (d′, EER, Δd′) of a study's results.csv against NumPy from its score files:
    /// absolute error. d′ replicates differ from NumPy's in the last bits (`momentRelative`), and the CSV prints
    /// Swift's shortest round-trip decimal, so only that much (measured 7.1e-15).
    public static let bootstrapIntervalAbs: Double = 1e-12
    /// First-order subject-bootstrap interval ends against the exact method's on the synthetic group of
    /// FirstOrderBootstrapTests: the largest end error as a share of the exact interval's width (measured: see
    /// Uncertainty.md).
    public static let firstOrderIntervalShare: Double = 0.1
    /// Φ⁻¹ against the values bob.measure's ppndf quotes (9 decimals): absolute error. Our bisection is exact to
    /// Double resolution, so this is the rounding of the quotes (measured ≤ 4.6e-10).
    public static let probitQuotedAbs: Double = 1e-8
    /// Φ⁻¹(0.5) = 0: absolute error. The bisection stops on a Double next to 0 (measured 7e-17).
    public static let probitAtHalfAbs: Double = 1e-15
}

/// Matcher budgets against the reference (scikit-learn cosine_similarity, np.round to 6 decimals).
public enum MatchTolerance {
    /// Rounded scores: one rounding step (10⁻⁶). Our GEMM and normalization differ from NumPy's in the last
    /// float32 bits, which flips the 6th decimal when a similarity lies within an ulp of a rounding boundary.
    /// Plus the float32 spacing of the two rounded values (≤ 6e-8 for |score| ≤ 1).
    public static let scoreAbs: Double = 1.06e-6
    /// Share of scores allowed to differ at all. A float32 cosine of 512 terms is only good to ~10⁻⁷, so scores
    /// near a rounding boundary flip between implementations: scikit-learn's float32 einsum norms vs our
    /// Double-accumulated norms alone flip 1 % (checked in NumPy); measured 1-7 % per fixture file here.
    public static let flippedShare: Double = 0.1
}

/// Full networks (FaceModels) with synthetic weights against PyTorch fixtures (`Tools/make_model_fixtures.py`).
extension Tolerance {
    /// BiSeNet main logits (scale ~1-10, upsampled to the input size): max abs error. Measured 2.2e-5 at 512²
    /// and 1.9e-5 at 96×136 with the Winograd convs; 1.5e-5 with im2col only.
    public static let bisenetLogitsAbs: Float = 1e-4
    /// BiSeNet label maps: minimum fraction of pixels whose argmax agrees (flips only where the top two logits
    /// are within rounding of each other; measured 1.0).
    public static let bisenetLabelAgreement: Double = 0.9999
    /// IResNet raw embeddings: minimum cosine similarity to the PyTorch embedding (measured 1 − 1.2e-9).
    public static let iresnetCosine: Double = 0.999_999_9
    /// IResNet raw embeddings: max abs error relative to max|reference| (measured 3.9e-6 r50, 5.0e-6 r100,
    /// 7.7e-6 MXNet-form r100).
    public static let iresnetRelativeToMax: Float = 2e-5
    /// Stored (float32) embeddings of the study: |Σx² − 1| after L2 normalization. Measured ≤ 4.8e-7 (4 ulp at
    /// 1.0) with the tiny synthetic IResNet; the budget only has to catch an unnormalized embedding.
    public static let unitNormSquaredAbs: Float = 1e-4
}
