#!/bin/sh
# facet match at MORPH CM scale (31,706 synthetic 512-d features, ~7,900 subjects) and against the reference
# algorithm (NumPy + scikit-learn; Sources/FacetPipeline/FacetPipeline.docc/Matching.md) at the largest size it
# handles here.
#
#   sh Benchmarks/bench_match.sh            # compact mode at 31,706; reference vs Facet at 12,000
#   FULL_K3=1 sh Benchmarks/bench_match.sh  # also the (K,3) float64 mode at 31,706 (writes 12 GB, then deletes it)
#
# Needs a release build, Python with numpy and scikit-learn, and /usr/bin/time. Work files go to $WORK.
set -eu
N=${N:-31706}
NREF=${NREF:-12000}
WORK=${WORK:-/tmp/facet-bench}
FACET=.build/release/facet
TIME='/usr/bin/time -f %e_s_wall_%M_KB_peak_RSS_%U_s_user_%S_s_sys'

swift build -c release >/dev/null
[ -d "$WORK/CM" ] || python3 Benchmarks/make_synthetic_features.py "$WORK/CM" "$N"

echo "== Facet, compact (K,) float32 scores + metrics, N=$N"
$TIME $FACET match -p "$WORK/CM" -o "$WORK/compact" -gr CM --score-format compact --force
ls -l "$WORK/compact"
echo "== facet metrics and facet plot on those files (streamed, 5*10^8 impostor scores)"
$TIME $FACET metrics -a1 "$WORK/compact/CM_authentic_scores.npy" -i1 "$WORK/compact/CM_impostor_scores.npy" -l1 CM \
    -o "$WORK/compact/metrics.json"
$TIME $FACET plot -a1 "$WORK/compact/CM_authentic_scores.npy" -i1 "$WORK/compact/CM_impostor_scores.npy" -l1 CM \
    -d "$WORK" -n CM_distribution --force
rm -rf "$WORK/compact"

if [ "${FULL_K3:-0}" = 1 ]; then
    echo "== Facet, reference (K,3) float64 files, N=$N (disk-bound)"
    $TIME $FACET match -p "$WORK/CM" -o "$WORK/k3" -gr CM --force
    ls -l "$WORK/k3"
    rm -rf "$WORK/k3"
fi

echo "== Reference algorithm vs Facet (K,3) float64, same N=$NREF"
ls "$WORK/CM" | sort | head -n "$NREF" | sed "s|^|$WORK/CM/|" > "$WORK/list$NREF.txt"
$TIME python3 Benchmarks/match_reference.py "$WORK/CM" "$NREF" "$WORK/ref$NREF"
$TIME $FACET match -p "$WORK/list$NREF.txt" -o "$WORK/facet$NREF" -gr CM --force
python3 - "$WORK/facet$NREF" "$WORK/ref$NREF" <<'PY'
import sys
import numpy as np
for kind in ("authentic", "impostor"):
    a = np.load(f"{sys.argv[1]}/CM_{kind}.npy", mmap_mode="r")
    b = np.load(f"{sys.argv[2]}/CM_{kind}.npy", mmap_mode="r")
    same_pairs = a.shape == b.shape and bool((a[:, :2] == b[:, :2]).all())
    d = np.abs(a[:, 2] - b[:, 2])
    print(f"{kind}: {a.shape[0]} pairs, identical pair list: {same_pairs}, "
          f"max score difference {d.max():.3g}, share differing {np.mean(d > 0):.4f}")
PY
rm -rf "$WORK/ref$NREF" "$WORK/facet$NREF"
