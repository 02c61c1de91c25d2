#!/usr/bin/env python3
"""Score fixtures and expected metric values for Tests/BiometricsTests, computed with pyeer, scikit-learn, SciPy and
NumPy (never with Facet). CI does not run this; rerun it to regenerate the committed files:

    python3 Tools/make_metric_fixtures.py

Writes Tests/BiometricsTests/Fixtures/metrics/<set>_{genuine,impostor}.npy (1-D float64) and expected.json.
"""
import json
import os
import warnings

import numpy as np

from facet_fixtures.exact_json import exact_floats
import pyeer.eer_stats as pe
import scipy.stats as st
from sklearn.metrics import roc_auc_score, roc_curve

OUT = os.path.join(os.path.dirname(__file__), "..", "Tests", "BiometricsTests", "Fixtures", "metrics")
FMR_TARGETS = [1e-1, 1e-2, 1e-3, 1e-4, 1e-5, 1e-6]
THRESHOLDS = [-0.2, 0.0, 0.1, 0.25, 0.3, 0.5, 0.75]


def score_sets(rng):
    """Genuine/impostor sets chosen to exercise ties, overlaps and unresolved FMR targets."""
    return {
        # Rounded to 3 decimals: many ties within and across classes.
        "ties": (np.round(rng.normal(0.55, 0.15, 400), 3), np.round(rng.normal(0.05, 0.1, 3000), 3)),
        # Continuous scores, well separated (like ArcFace on MORPH).
        "separated": (rng.normal(0.7, 0.08, 600), rng.normal(0.0, 0.07, 20000)),
        # Heavy overlap.
        "overlap": (rng.normal(0.3, 0.2, 500), rng.normal(0.2, 0.2, 1500)),
        # Tiny, hand-checkable.
        "tiny": (np.array([0.9, 0.8, 0.8, 0.4]), np.array([0.1, 0.4, 0.5, 0.2, 0.3])),
    }


def fnmr_at_fmr(thr, fmr, fnmr, target, n_imp):
    """Smallest threshold (among the distinct scores, or just above the largest) whose FMR is at most target."""
    ok = np.where(fmr <= target)[0]
    if len(ok) == 0:
        return {"target": target, "threshold": None, "fmr": 0.0, "fnmr": 1.0, "resolved": target * n_imp >= 1}
    k = ok[0]
    return {"target": target, "threshold": float(thr[k]), "fmr": float(fmr[k]), "fnmr": float(fnmr[k]),
            "resolved": bool(target * n_imp >= 1)}


def exact_beta_ppf(p, a, b):
    """Beta(a, b) quantile for a small integer a by bisection on I_x(a, b) = 1 - sum_{i<a} C(n,i) x^i (1-x)^(n-i),
    n = a + b - 1, in 60-digit arithmetic."""
    import mpmath as mp
    mp.mp.dps = 60
    n = a + b - 1

    def cdf(x):
        return 1 - mp.fsum(mp.binomial(n, i) * x ** i * (1 - x) ** (n - i) for i in range(a))

    lo, hi = mp.mpf(0), mp.mpf(20) * a / n
    for _ in range(200):
        mid = (lo + hi) / 2
        if cdf(mid) < p:
            lo = mid
        else:
            hi = mid
    return float(lo)


def histogram_case(x):
    edges = np.histogram_bin_edges(x, bins="auto")
    counts, _ = np.histogram(x, bins="auto")
    density, _ = np.histogram(x, bins="auto", density=True)
    return {"edges": [float(e) for e in edges], "counts": [int(c) for c in counts],
            "density": [float(d) for d in density]}


def main():
    os.makedirs(OUT, exist_ok=True)
    rng = np.random.default_rng(20261129)
    expected = {}
    for name, (g, i) in score_sets(rng).items():
        g = g.astype(np.float64)
        i = i.astype(np.float64)
        np.save(os.path.join(OUT, f"{name}_genuine.npy"), g)
        np.save(os.path.join(OUT, f"{name}_impostor.npy"), i)
        thr, fmr, fnmr = pe.calculate_roc(g, i)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            eer_ind, eer_low, eer_high, eer = pe.get_eer_values(fmr, fnmr)
        y = np.r_[np.ones(len(g)), np.zeros(len(i))]
        s = np.r_[g, i]
        fpr, tpr, roc_thr = roc_curve(y, s, drop_intermediate=False)
        at = []
        for t in THRESHOLDS:
            at.append({"threshold": t, "fmr": float(np.mean(i >= t)), "fnmr": float(np.mean(g < t))})
        n_fm = [int(np.sum(i >= t)) for t in THRESHOLDS]
        n_fnm = [int(np.sum(g < t)) for t in THRESHOLDS]
        cp = []
        for k, n in zip(n_fm + n_fnm, [len(i)] * len(THRESHOLDS) + [len(g)] * len(THRESHOLDS)):
            lo = 0.0 if k == 0 else float(st.beta.ppf(0.025, k, n - k + 1))
            hi = 1.0 if k == n else float(st.beta.ppf(0.975, k + 1, n - k))
            cp.append({"k": k, "n": n, "low": lo, "high": hi})
        dprime = abs(g.mean() - i.mean()) / np.sqrt(0.5 * (np.var(g) + np.var(i)))
        expected[name] = {
            "genuine_count": len(g), "impostor_count": len(i),
            "genuine_mean": float(g.mean()), "genuine_var": float(np.var(g)),
            "impostor_mean": float(i.mean()), "impostor_var": float(np.var(i)),
            "dprime": float(dprime),
            "pyeer_dprime": float(pe.get_decidability_value(g.mean(), g.std(), i.mean(), i.std())),
            "eer": float(eer), "eer_low": float(eer_low), "eer_high": float(eer_high),
            "eer_threshold": float(thr[eer_ind]),
            "threshold_count": len(thr),
            "roc_sample": [{"threshold": float(thr[k]), "fmr": float(fmr[k]), "fnmr": float(fnmr[k])}
                           for k in np.linspace(0, len(thr) - 1, 7).astype(int)],
            "sklearn_roc_points": len(fpr),
            "auc": float(roc_auc_score(y, s)),
            "pyeer_auc": float(pe.calculate_roc_auc(fmr, fnmr)),
            "at_thresholds": at,
            "fnmr_at_fmr": [fnmr_at_fmr(thr, fmr, fnmr, t, len(i)) for t in FMR_TARGETS],
            "clopper_pearson_95": cp,
            "ks_genuine_vs_impostor": float(st.ks_2samp(g, i).statistic),
            "histogram_genuine": histogram_case(g),
            "histogram_impostor": histogram_case(i),
            "histogram_genuine_float32": histogram_case(g.astype(np.float32)),
            "histogram_impostor_float32": histogram_case(i.astype(np.float32)),
        }
    # Between-condition comparisons: "separated" vs "overlap" as two conditions.
    a1 = np.load(os.path.join(OUT, "separated_genuine.npy"))
    a2 = np.load(os.path.join(OUT, "overlap_genuine.npy"))
    expected["between"] = {
        "dprime": float(abs(a1.mean() - a2.mean()) / np.sqrt(0.5 * (np.var(a1) + np.var(a2)))),
        "ks": float(st.ks_2samp(a1, a2).statistic),
    }
    # Clopper-Pearson check value from bob.measure's guide: 9856 of 10000.
    expected["clopper_pearson_bob"] = {
        "low": float(st.beta.ppf(0.025, 9856, 10000 - 9856 + 1)),
        "high": float(st.beta.ppf(0.975, 9857, 10000 - 9856)),
    }
    # MORPH CM scale: 502,539,136 impostor pairs (N = 31,706), a common and a rare count. For the rare count
    # SciPy's beta.ppf is itself off by ~2e-9 (relative), so the exact bound is solved in 60-digit arithmetic
    # from I_x(k, n-k+1) = P(Binomial(n, x) >= k), a finite sum for integer k.
    n_large = 502539136
    expected["clopper_pearson_large"] = [
        {"k": 50253896, "n": n_large, "low": float(st.beta.ppf(0.025, 50253896, n_large - 50253896 + 1)),
         "high": float(st.beta.ppf(0.975, 50253896 + 1, n_large - 50253896))},
        {"k": 5, "n": n_large, "low": exact_beta_ppf(0.025, 5, n_large - 5 + 1),
         "high": exact_beta_ppf(0.975, 6, n_large - 5)}]
    # Degenerate histogram inputs: constant data and a single value.
    expected["histogram_constant"] = histogram_case(np.full(10, 0.25))
    expected["histogram_single"] = histogram_case(np.array([0.5]))
    # Score files in the other accepted layouts: the reference (K,3) float64 and a text file.
    tiny_g, tiny_i = score_sets(np.random.default_rng(0))["tiny"]
    k3 = np.stack([np.arange(len(tiny_g)), np.arange(len(tiny_g)) + 1, tiny_g], axis=1).astype(np.float64)
    np.save(os.path.join(OUT, "tiny_genuine_k3.npy"), k3)
    with open(os.path.join(OUT, "tiny_impostor.txt"), "w") as f:
        f.write("".join(f"{v}\n" for v in tiny_i))
    with open(os.path.join(OUT, "expected.json"), "w") as f:
        json.dump(exact_floats(expected), f, indent=1, sort_keys=True)


if __name__ == "__main__":
    main()
