/// Every numerical tolerance the test suite uses, in one table. Change a budget here, with a reason, or not at all.
public enum Tolerance {
    /// Elementwise, pooling and resize ops against PyTorch: max abs error.
    public static let elementwiseAbs: Float = 1e-6
    /// Conv and linear against PyTorch: max abs error relative to max|reference|.
    public static let convRelativeToMax: Float = 1e-5
    /// Conv and linear against PyTorch: normalized MSE Σ(a−b)²/Σb².
    public static let convNMSE: Double = 1e-10
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
}
