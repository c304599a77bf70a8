#!/usr/bin/env bash
# Quality gate: score the release build of deboil on the shared dev sets and
# fail when a headline figure falls below its floor in eval/floor.txt, or
# when `deboil eval` and the sets' own reference scripts disagree.
#
#   scripts/quality-gate.sh
#   DEBOIL_EVAL_ARGS="--stage-off regions" scripts/quality-gate.sh
#
# Checks, on ../shared/devset and ../shared/devset-multi (relative to the
# repository root):
#   - devset F1 mean, Dragnet F1 mean, CleanEval F1 mean and devset-multi F1
#     are at least their floors;
#   - score.py, run on the outputs `deboil eval --outputs` wrote, gives the
#     same devset F1 mean and F1 micro within 0.001, and score_segments.py the
#     same devset-multi F1.
# When the shared sets are absent it says so and exits 0.
#
# Environment:
#   DEBOIL_EVAL_ARGS   extra arguments for `deboil eval` (split on spaces),
#                      e.g. "--stage-off regions" or "--strictness precision"
#   DEBOIL_FLOOR_FILE  floors to use instead of eval/floor.txt
#   DEBOIL_SHARED      the shared data directory instead of ../shared
# Exit codes: 0 passed or skipped, 1 failed.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
shared=${DEBOIL_SHARED:-$root/../shared}
devset=$shared/devset
multi=$shared/devset-multi
floor_file=${DEBOIL_FLOOR_FILE:-$root/eval/floor.txt}
# Largest accepted difference between deboil eval and the reference scripts.
tolerance=0.001

fail() {
  echo "quality-gate: FAILED: $*" >&2
  exit 1
}

if [[ ! -d $devset || ! -d $multi ]]; then
  echo "quality-gate: skipped: $devset and $multi are not both present"
  exit 0
fi
shared=$(cd "$shared" && pwd)
devset=$shared/devset
multi=$shared/devset-multi
command -v python3 >/dev/null || fail "python3 is needed to run the reference scorers"
[[ -f $floor_file ]] || fail "floor file $floor_file not found"

echo "quality-gate: building release"
cargo build --release --quiet --manifest-path "$root/Cargo.toml"
target_dir=$(cargo metadata --format-version 1 --no-deps --manifest-path "$root/Cargo.toml" |
  python3 -c 'import json, sys; print(json.load(sys.stdin)["target_directory"])')
bin=$target_dir/release/deboil
[[ -x $bin ]] || fail "no binary at $bin after the build"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
extra=()
read -r -a extra <<<"${DEBOIL_EVAL_ARGS:-}"

echo "quality-gate: deboil eval $devset $multi ${extra[*]+${extra[*]}}"
"$bin" eval "$devset" "$multi" --json "$work/eval.json" --outputs "$work/out" \
  ${extra[@]+"${extra[@]}"} ||
  fail "deboil eval exited with status $? (1: a set or a document could not be evaluated; 2: bad arguments)"

python3 "$devset/score.py" "$work/out" "$devset" --json "$work/score.json" >/dev/null ||
  fail "score.py could not score the outputs"
python3 "$multi/score_segments.py" "$work/out" "$multi" --json "$work/segments.json" >/dev/null ||
  fail "score_segments.py could not score the outputs"

python3 - "$work" "$floor_file" "$tolerance" <<'PY'
import json
import sys

work, floor_file, tolerance = sys.argv[1], sys.argv[2], float(sys.argv[3])
KEYS = ["devset_f1_mean", "dragnet_f1_mean", "cleaneval_f1_mean", "devset_multi_f1"]

floors = {}
with open(floor_file, encoding="utf-8") as f:
    for n, raw in enumerate(f, 1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        key, sep, value = (part.strip() for part in line.partition("="))
        try:
            if not sep or key not in KEYS:
                raise ValueError
            floors[key] = float(value)
        except ValueError:
            sys.exit(f"quality-gate: FAILED: {floor_file}:{n}: expected one of "
                     f"{', '.join(KEYS)} = <number>, got {raw.strip()!r}")
missing = [k for k in KEYS if k not in floors]
if missing:
    sys.exit(f"quality-gate: FAILED: {floor_file}: missing {', '.join(missing)}")

ours = json.load(open(f"{work}/eval.json", encoding="utf-8"))
pairs = [s for s in ours["sets"] if s["kind"] == "pairs"]
segments = [s for s in ours["sets"] if s["kind"] == "segments"]
if len(pairs) != 1 or len(segments) != 1:
    sys.exit("quality-gate: FAILED: expected one pair set and one segment set in the report")
dev, multi = pairs[0], segments[0]
try:
    measured = {
        "devset_f1_mean": ("devset F1 mean", dev["overall"]["F1"]),
        "dragnet_f1_mean": ("Dragnet F1 mean", dev["datasets"]["dragnet"]["F1"]),
        "cleaneval_f1_mean": ("CleanEval F1 mean", dev["datasets"]["cleaneval"]["F1"]),
        "devset_multi_f1": ("devset-multi F1", multi["overall"]["F1"]),
    }
except KeyError as e:
    sys.exit(f"quality-gate: FAILED: the devset report has no {e} figures")

failures = []
print(f"quality-gate: floors from {floor_file}")
for key in KEYS:
    name, value = measured[key]
    ok = value >= floors[key]
    print(f"  {name:<26}{value:8.4f}   floor {floors[key]:.4f}   {'ok' if ok else 'BELOW FLOOR'}")
    if not ok:
        failures.append(f"{name} {value:.4f} < floor {floors[key]:.4f}")

py = json.load(open(f"{work}/score.json", encoding="utf-8"))["summary"]["ALL"]
py_seg = json.load(open(f"{work}/segments.json", encoding="utf-8"))["summary"]["ALL"]
print(f"quality-gate: agreement with the reference scripts (tolerance {tolerance})")
for name, a, b in [
    ("devset F1 mean vs score.py", dev["overall"]["F1"], py["F1"]),
    ("devset F1 micro vs score.py", dev["overall"]["F1_micro"], py["F1_micro"]),
    ("devset-multi F1 vs score_segments.py", multi["overall"]["F1"], py_seg["F1"]),
]:
    ok = abs(a - b) <= tolerance
    print(f"  {name:<38}{a:.6f} vs {b:.6f}   {'ok' if ok else 'DISAGREE'}")
    if not ok:
        failures.append(f"{name}: deboil eval {a:.6f}, reference {b:.6f}")

if failures:
    print("quality-gate: FAILED: " + "; ".join(failures), file=sys.stderr)
    sys.exit(1)
print("quality-gate: passed")
PY
