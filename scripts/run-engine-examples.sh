#!/usr/bin/env bash
# Run the engine recipes in examples/ and check each output against the CLI.
#
#   datatrove  examples/datatrove/clean_jsonl.py  (LocalPipelineExecutor)
#   Spark      examples/spark/clean_arrow.py      (DataFrame.mapInArrow)
#   Spark      examples/spark/clean_pipe.py       (rdd.pipe through `deboil clean`)
#   Ray Data   examples/ray/clean_ray.py          (map_batches, tasks and actors)
#
# Each runs locally on a generated JSONL test set (corpus copies and edge
# cases, examples/python/gen_jsonl.py) and its output is compared, record by
# record, with `target/release/deboil clean --input-format jsonl` on the same
# input (examples/python/check_against_cli.py). Each recipe runs twice:
# without templates, and with templates learned once by `deboil learn
# --site-from url` and shipped to the workers as each recipe does it,
# checked against `deboil clean --templates FILE --site-from url`. Heavy to
# install (pyspark needs Java 17+; ray is large): this is not part of CI.
#
# Environment: PYTHON (default python3); KEEP_VENV=1 reuses the venv in
# target/engines/venv; COPIES (default 20) corpus copies in the test set;
# SITE_PAGES (default 10) pages of each of the made-up sites whose templates
# the runs with templates drop;
# ONLY="spark ray" to run some of datatrove, spark, ray.
# Exits non-zero if any run fails or differs from the CLI.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
PYTHON=${PYTHON:-python3}
WORK=$ROOT/target/engines
VENV=$WORK/venv
COPIES=${COPIES:-20}
SITE_PAGES=${SITE_PAGES:-10}
ONLY=${ONLY:-datatrove spark ray}
DEBOIL=$ROOT/target/release/deboil

command -v java > /dev/null || { echo "error: pyspark needs java (17 or later)" >&2; exit 1; }

echo "== engines: release CLI and wheel"
cargo build --release --locked --quiet
if [[ -z "${KEEP_VENV:-}" || ! -x "$VENV/bin/python" ]]; then
    rm -rf "$VENV"
    "$PYTHON" -m venv "$VENV"
fi
"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check \
    "maturin>=1.9.4,<2" pyspark "ray[data]" pyarrow "pandas<3" datatrove orjson
rm -rf "$WORK/wheels"
"$VENV/bin/maturin" build --release --locked -m python/Cargo.toml \
    -i "$VENV/bin/python" -o "$WORK/wheels" 2> "$WORK/maturin.log" \
    || { cat "$WORK/maturin.log" >&2; exit 1; }
"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --force-reinstall \
    --no-deps "$WORK"/wheels/deboil-*.whl

echo "== engines: test set"
DATA=$WORK/data
rm -rf "$DATA" "$WORK/out" "$WORK/logs"
mkdir -p "$WORK/out" "$WORK/logs"
# Spark and Ray: one file with a null text too; datatrove: shards (no null:
# datatrove documents always have a text).
"$VENV/bin/python" examples/python/gen_jsonl.py "$DATA/all.jsonl" --copies "$COPIES" --null \
    --site-pages "$SITE_PAGES"
"$VENV/bin/python" examples/python/gen_jsonl.py "$DATA/shards" --copies "$COPIES" --shards 4 \
    --site-pages "$SITE_PAGES"
# Templates, learned once per input (exit 1: the null text was reported).
for input in all.jsonl shards; do
    "$DEBOIL" learn "$DATA/$input" --site-from url -q -o "$DATA/templates-$input.bin" \
        || [[ $? -eq 1 ]]
done
T_ALL=$DATA/templates-all.jsonl.bin
T_SHARDS=$DATA/templates-shards.bin
# The runs with templates prove something only if the templates drop lines.
changed=$("$VENV/bin/python" - "$DEBOIL" "$DATA/all.jsonl" "$T_ALL" << 'EOF'
import subprocess, sys
deboil, data, templates = sys.argv[1:]
def run(*extra):
    args = [deboil, "clean", "--input-format", "jsonl", "-q", *extra, data]
    return subprocess.run(args, capture_output=True).stdout.splitlines()
plain, with_templates = run(), run("--templates", templates, "--site-from", "url")
print(sum(a != b for a, b in zip(plain, with_templates)))
EOF
)
echo "templates change $changed records of the CLI's output"
if [[ $changed -eq 0 ]]; then
    echo "error: the templates change nothing: the runs with templates would prove nothing" >&2
    exit 1
fi

failed=0
summary=()
# run LABEL INPUT OUTPUT CHECK_ARGS -- COMMAND...
run() {
    local label=$1 input=$2 output=$3 extra=$4
    shift 5
    local log=$WORK/logs/$label.log start end
    echo "== engines: $label"
    start=$(date +%s%N)
    if ! "$@" > "$log" 2>&1; then
        echo "error: $label failed; the end of $log:" >&2
        tail -20 "$log" >&2
        failed=1
        summary+=("$label: FAILED to run")
        return
    fi
    end=$(date +%s%N)
    local line
    # shellcheck disable=SC2086
    if line=$("$VENV/bin/python" examples/python/check_against_cli.py --deboil "$DEBOIL" \
        --input "$input" --output "$output" --label "$label" $extra); then
        :
    else
        failed=1
    fi
    echo "$line"
    local ms=$(((end - start) / 1000000))
    summary+=("$line ($((ms / 1000)).$(((ms % 1000) / 100)) s wall, start-up included)")
}

PY=$VENV/bin/python
if [[ " $ONLY " == *" datatrove "* ]]; then
    run datatrove "$DATA/shards" "$WORK/out/datatrove" --allow-skipped-empty -- \
        "$PY" examples/datatrove/clean_jsonl.py "$DATA/shards" "$WORK/out/datatrove" \
        --tasks 4 --workers 2 --logging-dir "$WORK/logs/datatrove"
    run datatrove-templates "$DATA/shards" "$WORK/out/datatrove-t" \
        "--allow-skipped-empty --templates $T_SHARDS" -- \
        "$PY" examples/datatrove/clean_jsonl.py "$DATA/shards" "$WORK/out/datatrove-t" \
        --tasks 4 --workers 2 --logging-dir "$WORK/logs/datatrove-t" --templates "$T_SHARDS"
fi
if [[ " $ONLY " == *" spark "* ]]; then
    run spark-mapInArrow "$DATA/all.jsonl" "$WORK/out/spark-arrow" "" -- \
        "$PY" examples/spark/clean_arrow.py "$DATA/all.jsonl" "$WORK/out/spark-arrow" --stats
    run spark-mapInArrow-templates "$DATA/all.jsonl" "$WORK/out/spark-arrow-t" \
        "--templates $T_ALL" -- \
        "$PY" examples/spark/clean_arrow.py "$DATA/all.jsonl" "$WORK/out/spark-arrow-t" \
        --templates "$T_ALL"
    run spark-pipe "$DATA/all.jsonl" "$WORK/out/spark-pipe" "" -- \
        "$PY" examples/spark/clean_pipe.py "$DATA/all.jsonl" "$WORK/out/spark-pipe" \
        --deboil "$DEBOIL" --tolerate-bad-records
    run spark-pipe-templates "$DATA/all.jsonl" "$WORK/out/spark-pipe-t" "--templates $T_ALL" -- \
        "$PY" examples/spark/clean_pipe.py "$DATA/all.jsonl" "$WORK/out/spark-pipe-t" \
        --deboil "$DEBOIL" --tolerate-bad-records --templates "$T_ALL"
    # rdd.pipe keeps every line in order: the output is the CLI's, byte for byte.
    for variant in "spark-pipe" "spark-pipe-t --templates $T_ALL --site-from url"; do
        read -r dir args <<< "$variant"
        # shellcheck disable=SC2086
        if cat "$WORK/out/$dir"/part-* | cmp -s - <("$DEBOIL" clean --input-format jsonl -q \
            $args "$DATA/all.jsonl" 2> /dev/null); then
            echo "$dir: output byte-identical to the CLI's"
            summary+=("$dir: output byte-identical to the CLI's")
        else
            echo "error: $dir output differs from the CLI's bytes" >&2
            failed=1
        fi
    done
fi
if [[ " $ONLY " == *" ray "* ]]; then
    run ray-tasks "$DATA/all.jsonl" "$WORK/out/ray-tasks" "" -- \
        "$PY" examples/ray/clean_ray.py "$DATA/all.jsonl" "$WORK/out/ray-tasks" --stats
    run ray-actors "$DATA/all.jsonl" "$WORK/out/ray-actors" "" -- \
        "$PY" examples/ray/clean_ray.py "$DATA/all.jsonl" "$WORK/out/ray-actors" --actors 1
    run ray-tasks-templates "$DATA/all.jsonl" "$WORK/out/ray-tasks-t" "--templates $T_ALL" -- \
        "$PY" examples/ray/clean_ray.py "$DATA/all.jsonl" "$WORK/out/ray-tasks-t" \
        --templates "$T_ALL"
    run ray-actors-templates "$DATA/all.jsonl" "$WORK/out/ray-actors-t" "--templates $T_ALL" -- \
        "$PY" examples/ray/clean_ray.py "$DATA/all.jsonl" "$WORK/out/ray-actors-t" \
        --actors 1 --templates "$T_ALL"
fi

echo "== engines: summary"
printf '%s\n' "${summary[@]}"
exit $failed
