#!/usr/bin/env python3
"""Synthetic ArcFace-like features for the match benchmark: N unit-length 512-d float32 vectors, one .npy per image,
with MORPH-style names <subject>_<picture><M|F><age>.npy; ~N/4 subjects with 1-10 images each (mean ~4, as MORPH).

    python3 Benchmarks/make_synthetic_features.py /tmp/facet-bench/CM 31706
"""
import os
import sys

import numpy as np


def main():
    out, n = sys.argv[1], int(sys.argv[2])
    rng = np.random.default_rng(31706)
    counts = []
    while sum(counts) < n:
        counts.append(int(min(10, max(1, rng.geometric(0.23)))))
    counts[-1] -= sum(counts) - n
    if counts[-1] == 0:
        counts.pop()
    os.makedirs(out, exist_ok=True)
    k = 0
    for s, c in enumerate(counts):
        subject = 100000 + 37 * s
        center = rng.normal(0, 1, 512)
        for p in range(c):
            f = center + rng.normal(0, 1.3, 512)
            f /= np.linalg.norm(f)
            np.save(os.path.join(out, "%d_%02d%s%d.npy" % (subject, p, "M", 18 + (s + p) % 50)), f.astype(np.float32))
            k += 1
    print("%d images, %d subjects" % (k, len(counts)))


if __name__ == "__main__":
    main()
