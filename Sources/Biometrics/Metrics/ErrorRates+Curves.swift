extension ErrorRates {
    /// Area under the ROC curve (TMR = 1 − FNMR against FMR), trapezoids through every threshold plus the end
    /// points (1, 1) and (0, 0). Equals scikit-learn's `roc_auc_score` = P(g > i) + ½ P(g = i). pyeer's
    /// `calculate_roc_auc` omits the last segment down to (0, 0) and so is smaller when the top score is shared.
    /// Summed exactly in integer counts (2·area·#genuine·#impostor ≤ 2·10¹⁴ here), divided once.
    public var areaUnderROC: Double {
        var twiceArea = 0
        var previousFM = impostorCount
        var previousTM = genuineCount
        for k in 0...thresholds.count {
            let fm = k < thresholds.count ? falseMatches[k] : 0
            let tm = k < thresholds.count ? genuineCount - falseNonMatches[k] : 0
            twiceArea += (previousFM - fm) * (previousTM + tm)
            previousFM = fm
            previousTM = tm
        }
        return Double(twiceArea) / (2 * Double(genuineCount) * Double(impostorCount))
    }

    /// (threshold, FMR, FNMR) at every candidate threshold, ascending threshold: the data of ROC and DET curves.
    public var curve: [(threshold: Double, fmr: Double, fnmr: Double)] {
        thresholds.indices.map { (thresholds[$0], fmr(at: $0), fnmr(at: $0)) }
    }
}
