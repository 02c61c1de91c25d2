#!/usr/bin/env python3
"""The reference matcher (feature_match_efficient.py as described in
Sources/FacetPipeline/FacetPipeline.docc/Matching.md; implementation in Tools/make_match_fixtures.py) on the first N
features of a folder, writing its two (K,3) float64 .npy files.
Prints wall time and peak RSS.

    python3 Benchmarks/match_reference.py /tmp/facet-bench/CM 8000 /tmp/facet-bench/ref-out
"""
import os
import resource
import sys
import time

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "Tools"))
from make_match_fixtures import reference_match  # noqa: E402


def main():
    folder, n, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    paths = sorted(os.path.join(folder, f) for f in os.listdir(folder) if f.endswith(".npy"))[:n]
    os.makedirs(out, exist_ok=True)
    start = time.time()
    result, _, _ = reference_match(paths)
    np.save(os.path.join(out, "CM_authentic.npy"), result["authentic"])
    np.save(os.path.join(out, "CM_impostor.npy"), result["impostor"])
    wall = time.time() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print("reference N=%d: %.1f s, peak RSS %.0f MB, %d genuine, %d impostor" % (
        n, wall, peak, len(result["authentic"]), len(result["impostor"])))


if __name__ == "__main__":
    main()
