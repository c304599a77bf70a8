#!/usr/bin/env bash
# Fuzz smoke run for CI: build every fuzz target on the stable toolchain
# (no sanitizer: `-s none`), seed them from corpus/, and run each for
# FUZZ_SECONDS (default 60) seconds. Exits non-zero if any target crashes,
# hangs past FUZZ_TIMEOUT seconds on one input, or fails to build.
#
#   scripts/fuzz-ci.sh                 # all targets, 60 s each
#   FUZZ_SECONDS=10 scripts/fuzz-ci.sh clean lines
#
# Budget on 2 cores: installing cargo-fuzz ~1.5 min (once per machine),
# the first build ~2 min, then FUZZ_SECONDS per target (4 targets): under
# 10 minutes in all. Crashes are left in fuzz/artifacts/<target>/; see
# fuzz/README.md for minimising them and turning them into regressions.
set -euo pipefail
cd "$(dirname "$0")/.."

FUZZ_SECONDS=${FUZZ_SECONDS:-60}
FUZZ_TIMEOUT=${FUZZ_TIMEOUT:-10}

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
echo "fuzz-ci: targets: ${targets[*]}; ${FUZZ_SECONDS}s each"

cargo fuzz build -s none
bash fuzz/seed.sh

failed=()
for t in "${targets[@]}"; do
    echo "fuzz-ci: running $t for ${FUZZ_SECONDS}s"
    log=$(mktemp)
    # -seed=0 would fix the seed; a random seed explores more across runs
    # and libFuzzer prints it (INFO: Seed: N) to reproduce a run.
    if cargo fuzz run -s none "$t" -- \
        -max_total_time="$FUZZ_SECONDS" \
        -timeout="$FUZZ_TIMEOUT" \
        -rss_limit_mb=4096 \
        -print_final_stats=1 >"$log" 2>&1; then
        grep -E '^(stat::number_of_executed_units|stat::peak_rss_mb|Done)' "$log" | tr '\n' ' '
        echo
    else
        echo "fuzz-ci: $t FAILED"
        tail -n 60 "$log"
        failed+=("$t")
    fi
    rm -f "$log"
done

if [ "${#failed[@]}" -gt 0 ]; then
    echo "fuzz-ci: crashes in: ${failed[*]} (inputs in fuzz/artifacts/)"
    exit 1
fi
echo "fuzz-ci: ${#targets[@]} targets, no crash"
