#!/usr/bin/env bash
# Fuzz smoke run for CI: build every fuzz target on the stable toolchain
# (no sanitizer: `-s none`), seed them from corpus/ and fuzz/seeds/, and run
# each for FUZZ_SECONDS (default 60) seconds, FUZZ_JOBS (default 2) targets
# at a time. Exits non-zero if any target crashes, hangs past FUZZ_TIMEOUT
# seconds on one input, or fails to build.
#
#   scripts/fuzz-ci.sh                 # all targets, 60 s each
#   FUZZ_SECONDS=10 scripts/fuzz-ci.sh clean lines
#
# Budget on 2 cores: installing cargo-fuzz ~1.5 min (once per machine), the
# first build ~2 min, then 8 targets × 60 s two at a time = 4 min: under
# 10 minutes in all. Crashes are left in fuzz/artifacts/<target>/; see
# fuzz/README.md for minimising them and turning them into regressions.
set -euo pipefail
cd "$(dirname "$0")/.."

FUZZ_SECONDS=${FUZZ_SECONDS:-60}
FUZZ_TIMEOUT=${FUZZ_TIMEOUT:-10}
FUZZ_JOBS=${FUZZ_JOBS:-2}

if ! cargo fuzz --version >/dev/null 2>&1; then
    echo "fuzz-ci: installing cargo-fuzz"
    cargo install cargo-fuzz --locked
fi
cargo fuzz --version

if [ "$#" -gt 0 ]; then
    targets=("$@")
else
    mapfile -t targets < <(cargo fuzz list)
fi
echo "fuzz-ci: targets: ${targets[*]}; ${FUZZ_SECONDS}s each, $FUZZ_JOBS at a time"

cargo fuzz build -s none
bash fuzz/seed.sh

logs=$(mktemp -d)
trap 'rm -rf "$logs"' EXIT

# Run one target; its exit status and log are left in $logs.
fuzz_one() {
    local t=$1
    # The binary directly (built above): no cargo lock contention between
    # parallel jobs. A random seed explores more across runs; libFuzzer
    # prints it (INFO: Seed: N) to reproduce a run.
    local bin=fuzz/target/x86_64-unknown-linux-gnu/release/$t
    mkdir -p "fuzz/corpus/$t" "fuzz/artifacts/$t"
    set +e
    "$bin" "fuzz/corpus/$t" \
        -artifact_prefix="fuzz/artifacts/$t/" \
        -max_total_time="$FUZZ_SECONDS" \
        -timeout="$FUZZ_TIMEOUT" \
        -rss_limit_mb=4096 \
        -print_final_stats=1 >"$logs/$t.log" 2>&1
    echo $? >"$logs/$t.status"
}

running=0
for t in "${targets[@]}"; do
    if [ "$running" -ge "$FUZZ_JOBS" ]; then
        wait -n || true
        running=$((running - 1))
    fi
    echo "fuzz-ci: running $t for ${FUZZ_SECONDS}s"
    fuzz_one "$t" &
    running=$((running + 1))
done
wait || true

failed=()
for t in "${targets[@]}"; do
    status=$(cat "$logs/$t.status" 2>/dev/null || echo missing)
    if [ "$status" = 0 ]; then
        printf 'fuzz-ci: %-12s ok  ' "$t"
        grep -E '^(stat::number_of_executed_units|stat::peak_rss_mb)' "$logs/$t.log" | tr -s ' \n' ' '
        echo
    else
        echo "fuzz-ci: $t FAILED (status $status)"
        tail -n 60 "$logs/$t.log" || true
        failed+=("$t")
    fi
done

if [ "${#failed[@]}" -gt 0 ]; then
    echo "fuzz-ci: crashes in: ${failed[*]} (inputs in fuzz/artifacts/)"
    exit 1
fi
echo "fuzz-ci: ${#targets[@]} targets, no crash"
