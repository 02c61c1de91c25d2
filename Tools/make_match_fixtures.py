#!/usr/bin/env python3
"""Feature fixtures and the reference matcher's outputs for Tests/BiometricsTests (CI never runs this).

    python3 Tools/make_match_fixtures.py

`reference_match` is the matcher of face_matching/SEED `feature_match_efficient.py` as
Sources/FacetPipeline/FacetPipeline.docc/Matching.md describes it (written from that description, not copied): sorted
path lists, MORPH identity = file name up to the first `_`, label = <parent folder>/<stem>, scikit-learn
`cosine_similarity`, an N×M float64 class matrix (1 genuine, 0 impostor, −1 dropped), the upper triangle only
without a gallery, `np.where` row-major order and `np.round(score, 6)` widened to float64 by `vstack`.

Writes Tests/BiometricsTests/Fixtures/match/:
  features/original/*.npy, features/blurred_nose/*.npy   (512-d float32, MORPH names, 14 subjects, 1-4 photos)
  within_{authentic,impostor}.npy, within_labels.txt      probe = features/ (both folders), no gallery
  cross_{authentic,impostor}.npy, cross_labels.txt, cross_gallery_labels.txt
                                                          probe = blurred_nose, gallery = original (reference)
  cross_no_same_source_{authentic,impostor}.npy          the same, minus same-stem pairs (Facet's default)
"""
import os
import shutil

import numpy as np
from sklearn.metrics.pairwise import cosine_similarity

ROOT = os.path.join(os.path.dirname(__file__), "..", "Tests", "BiometricsTests", "Fixtures", "match")
DIM = 512


def subject_id(path):
    return os.path.basename(path).split("_")[0]


def label(path):
    return os.path.basename(os.path.dirname(path)) + "/" + os.path.splitext(os.path.basename(path))[0]


def reference_match(probe_paths, gallery_paths=None):
    probe_paths = sorted(probe_paths)
    probe = np.vstack([np.load(p) for p in probe_paths])
    probe_ids = np.array([subject_id(p) for p in probe_paths])
    probe_labels = np.array([label(p) for p in probe_paths])
    if gallery_paths is None:
        gallery, gallery_ids, gallery_labels = probe, probe_ids, probe_labels
    else:
        gallery_paths = sorted(gallery_paths)
        gallery = np.vstack([np.load(p) for p in gallery_paths])
        gallery_ids = np.array([subject_id(p) for p in gallery_paths])
        gallery_labels = np.array([label(p) for p in gallery_paths])
    sim = cosine_similarity(probe, gallery)
    classes = np.zeros((len(probe_paths), len(gallery_ids)), dtype=np.float64)
    for i in range(len(probe_paths)):
        classes[i, gallery_ids == probe_ids[i]] = 1
        classes[i, gallery_labels == probe_labels[i]] = -1
        if gallery_paths is None:
            classes[i, 0:i + 1] = -1
    out = {}
    for name, value in (("authentic", 1), ("impostor", 0)):
        rows, cols = np.where(classes == value)
        out[name] = np.vstack((rows, cols, np.round(sim[rows, cols], 6))).T
    return out, probe_paths, gallery_paths


def write_labels(path, paths):
    with open(path, "w") as f:
        for i, p in enumerate(paths):
            f.write("%s %s\n" % (i, label(p)))


def make_features(rng):
    """14 subjects with 1-4 photos; the blurred copy of a photo is the original plus noise."""
    originals = os.path.join(ROOT, "features", "original")
    blurred = os.path.join(ROOT, "features", "blurred_nose")
    os.makedirs(originals)
    os.makedirs(blurred)
    for s in range(14):
        subject = str(100000 + 7919 * s)
        center = rng.normal(0, 1, DIM)
        for photo in range(int(rng.integers(1, 5))):
            stem = "%s_%02d%s%d" % (subject, photo, "MF"[s % 2], 20 + int(rng.integers(0, 40)))
            original = center + rng.normal(0, 1.2, DIM)
            np.save(os.path.join(originals, stem + ".npy"), original.astype(np.float32))
            np.save(os.path.join(blurred, stem + ".npy"), (original + rng.normal(0, 0.6, DIM)).astype(np.float32))
    return originals, blurred


def npy_paths(folder):
    return [os.path.join(folder, f) for f in os.listdir(folder) if f.endswith(".npy")]


def main():
    shutil.rmtree(ROOT, ignore_errors=True)
    rng = np.random.default_rng(423383)
    originals, blurred = make_features(rng)

    within, probe_paths, _ = reference_match(npy_paths(originals) + npy_paths(blurred))
    np.save(os.path.join(ROOT, "within_authentic.npy"), within["authentic"])
    np.save(os.path.join(ROOT, "within_impostor.npy"), within["impostor"])
    write_labels(os.path.join(ROOT, "within_labels.txt"), probe_paths)

    cross, probe_paths, gallery_paths = reference_match(npy_paths(blurred), npy_paths(originals))
    np.save(os.path.join(ROOT, "cross_authentic.npy"), cross["authentic"])
    np.save(os.path.join(ROOT, "cross_impostor.npy"), cross["impostor"])
    write_labels(os.path.join(ROOT, "cross_labels.txt"), probe_paths)
    write_labels(os.path.join(ROOT, "cross_gallery_labels.txt"), gallery_paths)

    # Facet's default also drops a photo against its own other condition (same stem, another folder).
    stems_p = [os.path.splitext(os.path.basename(p))[0] for p in probe_paths]
    stems_g = [os.path.splitext(os.path.basename(p))[0] for p in gallery_paths]
    for name in ("authentic", "impostor"):
        rows = cross[name]
        keep = [stems_p[int(i)] != stems_g[int(j)] for i, j, _ in rows]
        np.save(os.path.join(ROOT, "cross_no_same_source_%s.npy" % name), rows[np.array(keep, dtype=bool)])
    print({k: len(v) for k, v in within.items()}, {k: len(v) for k, v in cross.items()})


if __name__ == "__main__":
    main()
