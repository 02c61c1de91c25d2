#!/usr/bin/env bash
# Builds the libFuzzer harness (Sources/FacetFuzz, instrumented with -sanitize=fuzzer,address) and fuzzes each
# named target, or all of them, for SECONDS each over a copy of its seed corpus (Tests/Fuzz/Fixtures/Corpus/<target>).
# Prints one summary line per target and exits 1 if any target crashed, naming the input that did it.
#
#   Tools/fuzz/run.sh [--seconds N] [--no-build] [target ...]
#
# Targets: pth mxnet onnx safetensors npy image text config. Work files (corpus copies, logs, crash inputs) go
# to .build-fuzz/runs/<target>/, which each run replaces. Everything runs under `nice`.
set -euo pipefail
cd "$(dirname "$0")/../.."

all_targets=(pth mxnet onnx safetensors npy image text config)
seconds=60
build=1
targets=()
while (($#)); do
    case "$1" in
        --seconds) seconds="$2"; shift 2 ;;
        --no-build) build=0; shift ;;
        -h|--help) sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        -*) echo "run.sh: unknown option $1" >&2; exit 2 ;;
        *) targets+=("$1"); shift ;;
    esac
done
((${#targets[@]})) || targets=("${all_targets[@]}")
for t in "${targets[@]}"; do
    [[ " ${all_targets[*]} " == *" $t "* ]] || { echo "run.sh: unknown target '$t' (known: ${all_targets[*]})" >&2; exit 2; }
done

build_path=.build-fuzz
if ((build)); then
    # --product keeps the facet CLI (and ArgumentParser) out of the sanitizer build.
    FACET_FUZZ=1 nice swift build -c release --build-path "$build_path" --product FacetFuzz \
        -Xswiftc -sanitize=fuzzer,address 2>&1 | grep -v "Cannot export local symbol" >&2
fi
binary="$build_path/release/FacetFuzz"
[[ -x "$binary" ]] || { echo "run.sh: $binary is missing (build it first, or drop --no-build)" >&2; exit 2; }

# Leak reports are off: Foundation keeps buffers libFuzzer would count as leaks on every run. The Swift
# backtracer is off because it would symbolicate each crash for minutes under ASan; ASan prints the stack.
export ASAN_OPTIONS="detect_leaks=0:${ASAN_OPTIONS:-}"
export SWIFT_BACKTRACE=enable=no

failed=()
printf '%-12s %8s %10s %8s %6s %6s %8s %s\n' target seconds execs exec/s cov ft corpus crashes
for t in "${targets[@]}"; do
    work="$build_path/runs/$t"
    rm -rf "$work"
    mkdir -p "$work/corpus" "$work/tmp"
    cp Tests/Fuzz/Fixtures/Corpus/"$t"/* "$work/corpus/"
    status=0
    started=$SECONDS
    FACET_FUZZ_TARGET="$t" TMPDIR="$work/tmp" nice -n 10 "$binary" -max_total_time="$seconds" -timeout=30 \
        -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="$work/" "$work/corpus" >"$work/log" 2>&1 || status=$?
    elapsed=$((SECONDS - started))  # shorter than asked when a crash stops the run
    # The last status line (DONE, or the one before a crash) carries coverage, features and corpus size.
    last=$(grep -E '^#[0-9]+' "$work/log" | tail -1 || true)
    cov=$(sed -nE 's/.* cov: ([0-9]+).*/\1/p' <<<"$last")
    ft=$(sed -nE 's/.* ft: ([0-9]+).*/\1/p' <<<"$last")
    corp=$(sed -nE 's/.* corp: ([0-9]+)\/.*/\1/p' <<<"$last")
    execs=$(sed -nE 's/^stat::number_of_executed_units: *([0-9]+)/\1/p' "$work/log")
    rate=$(sed -nE 's/^stat::average_exec_per_sec: *([0-9]+)/\1/p' "$work/log")
    crashes=$(find "$work" -maxdepth 1 -type f \( -name 'crash-*' -o -name 'timeout-*' -o -name 'oom-*' -o -name 'leak-*' \) | sort)
    count=$(grep -c . <<<"$crashes" || true)
    printf '%-12s %8s %10s %8s %6s %6s %8s %s\n' "$t" "$elapsed" "${execs:--}" "${rate:--}" "${cov:--}" "${ft:--}" \
        "${corp:--}" "$count"
    if ((count)); then
        failed+=("$t: $(tr '\n' ' ' <<<"$crashes")(log: $work/log)")
    elif ((status)); then
        failed+=("$t: libFuzzer exited with status $status and left no crash input (log: $work/log)")
    fi
done
if ((${#failed[@]})); then
    printf 'CRASH %s\n' "${failed[@]}" >&2
    exit 1
fi
