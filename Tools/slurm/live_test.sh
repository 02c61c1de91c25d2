#!/usr/bin/env bash
# The live scale-out test: starts a single-node Slurm cluster on this machine (as root), runs the SlurmLiveTests
# suite against it (a study run locally and as Slurm job arrays must give byte-identical results; a failed array
# task is named and resubmitted alone), then stops the daemons it started. Takes about 3 minutes after the build.
#   Tools/slurm/live_test.sh [--install]
set -euo pipefail
cd "$(dirname "$0")/../.."
[ "${1:-}" = "--install" ] && Tools/slurm/cluster.sh install
export FACET_SLURM_STATE=${FACET_SLURM_STATE:-/tmp/facet-slurm-live}
trap 'Tools/slurm/cluster.sh stop' EXIT
Tools/slurm/cluster.sh start
export SLURM_CONF="$FACET_SLURM_STATE/slurm.conf" FACET_SLURM_LIVE=1
log=$(mktemp)
swift test -c release --filter SlurmLiveTests 2>&1 | tee "$log"
# The suite is skipped without FACET_SLURM_LIVE; make sure it ran here.
grep -q "Suite SlurmLiveTests passed" "$log" || { echo "live Slurm test: the suite did not pass" >&2; exit 1; }
