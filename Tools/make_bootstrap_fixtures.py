#!/usr/bin/env python3
"""Pair fixture and expected subject-bootstrap intervals for Tests/BiometricsTests/BootstrapReferenceTests,
computed with NumPy alone (never with Facet). CI does not run this; rerun it to regenerate the committed files:

    python3 Tools/make_bootstrap_fixtures.py

Writes Tests/BiometricsTests/Fixtures/bootstrap/pairs.npy: (P, 4) int32 rows [genuine (1/0), subject a, subject b,
score * 10^6 rounded], the pairs of a small group of 14 subjects in match order, and expected.json.

The resamples follow the documented rule (Sources/Biometrics/Bootstrap/SubjectResamples.swift): one SplitMix64
seeded with SEED; for each replicate, S draws (next() * S) >> 64, each adding one to that subject's multiplicity.
Each replicate is then built literally, as the resampled multiset of scores (np.repeat: a genuine pair of subject s
w_s times, an impostor pair of subjects a, b w_a * w_b times), and measured with plain NumPy definitions of d'
(population variances), the pyeer / FVC2000 EER and FNMR at the smallest threshold whose FMR is at most the target.

Tests/CLITests/ExperimentTests also imports this file as the reference for a live study's results.csv
(`replicates` and `intervals` below).
"""
import json
import os

import numpy as np

from facet_fixtures.exact_json import exact_floats

OUT = os.path.join(os.path.dirname(__file__), "..", "Tests", "BiometricsTests", "Fixtures", "bootstrap")
SEED = 20261203
REPLICATES = 1000
TARGETS = [0.1, 0.01]
MASK = (1 << 64) - 1


def splitmix64(seed):
    state = seed
    while True:
        state = (state + 0x9E3779B97F4A7C15) & MASK
        z = state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        yield z ^ (z >> 31)


def multiplicities(replicates, subjects, seed):
    draws = splitmix64(seed)
    w = np.zeros((replicates, subjects), dtype=np.int64)
    for r in range(replicates):
        for _ in range(subjects):
            w[r, (next(draws) * subjects) >> 64] += 1
    return w


def score_pairs(rng):
    """Images of 14 subjects (1 to 5 each), every unordered pair once in row-major order. Each subject has its own
    genuine level and impostor offset, so a subject's pairs are correlated, as in face data."""
    per_subject = [3, 1, 5, 2, 4, 1, 3, 2, 5, 2, 3, 1, 4, 2]
    subject_of_image = np.repeat(np.arange(len(per_subject)), per_subject)
    level = rng.normal(0.3, 0.1, len(per_subject))
    offset = rng.normal(0.0, 0.04, len(per_subject))
    rows = []
    n = len(subject_of_image)
    for i in range(n):
        for j in range(i + 1, n):
            a, b = int(subject_of_image[i]), int(subject_of_image[j])
            if a == b:
                s = rng.normal(level[a], 0.12)
            else:
                s = rng.normal(0.05 + offset[a] + offset[b], 0.1)
            # Ties on purpose: scores on a 10^-3 grid, stored in millionths.
            rows.append([int(a == b), a, b, int(round(np.clip(s, -1, 1) * 1000)) * 1000])
    return np.array(rows, dtype=np.int32), len(per_subject)


def metrics(g, i, targets):
    """d', EER, FNMR at each target of one genuine / impostor score set (NaN when a class is empty)."""
    if len(g) == 0 or len(i) == 0:
        return [float("nan")] * (2 + len(targets))
    dprime = abs(g.mean() - i.mean()) / np.sqrt(0.5 * (np.var(g) + np.var(i)))
    thr = np.unique(np.concatenate([g, i]))
    gs, ims = np.sort(g), np.sort(i)
    fmr = (len(ims) - np.searchsorted(ims, thr, side="left")) / len(ims)
    fnmr = np.searchsorted(gs, thr, side="left") / len(gs)
    diff = fmr - fnmr
    t2 = np.where(diff <= 0)[0]
    if len(t2) == 0:
        eer = 1.0
    else:
        t2 = t2[0]
        t1 = t2 - 1 if diff[t2] != 0 and t2 != 0 else t2
        k = t1 if fmr[t1] + fnmr[t1] <= fmr[t2] + fnmr[t2] else t2
        eer = (fmr[k] + fnmr[k]) / 2
    out = [float(dprime), float(eer)]
    for target in targets:
        ok = np.where(fmr <= target)[0]
        out.append(float(fnmr[ok[0]]) if len(ok) else 1.0)
    return out


def replicates(genuine, a, b, scores, subjects, targets, count=REPLICATES, seed=SEED):
    """(count, 2 + len(targets)) replicates of d', EER, FNMR at each target. Pair p is genuine[p] (bool) of
    subjects a[p], b[p] (numbered 0..subjects-1) with score scores[p]."""
    w = multiplicities(count, subjects, seed)
    out = []
    for r in range(count):
        g = np.repeat(scores[genuine], w[r, a[genuine]])
        i = np.repeat(scores[~genuine], w[r, a[~genuine]] * w[r, b[~genuine]])
        out.append(metrics(g, i, targets))
    return np.array(out)


def intervals(reps, columns):
    """The 2.5th and 97.5th percentiles (NumPy's default, linear) of each column's finite replicates."""
    found = []
    for c, name in enumerate(columns):
        finite = reps[np.isfinite(reps[:, c]), c]
        low, high = np.percentile(finite, [2.5, 97.5])
        found.append({"metric": name, "low": float(low), "high": float(high), "finite": int(len(finite))})
    return found


def main():
    os.makedirs(OUT, exist_ok=True)
    pairs, subjects = score_pairs(np.random.default_rng(20261203))
    np.save(os.path.join(OUT, "pairs.npy"), pairs)
    genuine, a, b, rounded = pairs[:, 0] == 1, pairs[:, 1], pairs[:, 2], pairs[:, 3]
    # The float32 score Facet's files hold, widened: float32(k) / float32(10^6).
    scores = (rounded.astype(np.float32) / np.float32(1e6)).astype(np.float64)
    reps = replicates(genuine, a, b, scores, subjects, TARGETS)
    columns = ["d_prime", "eer"] + [f"fnmr_at_fmr_{t}" for t in TARGETS]
    expected = {
        "seed": SEED, "replicates": REPLICATES, "subjects": subjects, "targets": TARGETS, "columns": columns,
        "point": metrics(scores[genuine], scores[~genuine], TARGETS),
        "first_multiplicities": multiplicities(3, subjects, SEED).tolist(),
        "first_replicates": reps[:5].tolist(),
        "intervals": intervals(reps, columns),
    }
    with open(os.path.join(OUT, "expected.json"), "w") as f:
        json.dump(exact_floats(expected), f, indent=1, sort_keys=True)


if __name__ == "__main__":
    main()
