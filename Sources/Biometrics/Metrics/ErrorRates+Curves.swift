extension ErrorRates {
    /// Area under the ROC curve (TMR = 1 − FNMR against FMR), trapezoids through every threshold plus the end
    /// points (1, 1) and (0, 0). Equals scikit-learn's `roc_auc_score` = P(g > i) + ½ P(g = i). pyeer's
    /// `calculate_roc_auc` omits the last segment down to (0, 0) and so is smaller when the top score is shared.
    public var areaUnderROC: Double {
        var area = 0.0
        var previousFMR = 1.0
        var previousTMR = 1.0
        for k in 0...thresholds.count {
            let x = k < thresholds.count ? fmr(at: k) : 0
            let y = k < thresholds.count ? 1 - fnmr(at: k) : 0
            area += (previousFMR - x) * (previousTMR + y) / 2
            previousFMR = x
            previousTMR = y
        }
        return area
    }

    /// (threshold, FMR, FNMR) at every candidate threshold, ascending threshold: the data of ROC and DET curves.
    public var curve: [(threshold: Double, fmr: Double, fnmr: Double)] {
        thresholds.indices.map { (thresholds[$0], fmr(at: $0), fnmr(at: $0)) }
    }
}
