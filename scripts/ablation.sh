#!/usr/bin/env bash
# Ablation table: switch each pipeline stage off in turn and score both dev
# sets with `deboil eval`; then add cross-document template evidence learned
# from each set itself (`--two-pass`). Prints a Markdown table
# (docs/ablation.md).
#
#   scripts/ablation.sh [SHARED_DIR]     (default: ../shared)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
shared=${1:-$root/../shared}
bin=$root/target/release/deboil
cargo build --release --quiet --manifest-path "$root/Cargo.toml"

# One row: devset F1 mean (all, CleanEval, Dragnet) and devset-multi F1.
row() {
  local json
  json=$("$bin" eval "$shared/devset" "$shared/devset-multi" --json - "$@" 2>/dev/null)
  python3 -c '
import json, sys
d = json.load(sys.stdin)
sets = {s["name"]: s for s in d["sets"]}
dev, multi = sets["devset"], sets["devset-multi"]
ds = dev["datasets"]
print("%.3f | %.3f | %.3f | %.3f" % (dev["overall"]["F1"], ds["cleaneval"]["F1"],
      ds["dragnet"]["F1"], multi["overall"]["F1"]))
' <<<"$json"
}

echo "| configuration | devset F1 mean | CleanEval | Dragnet | devset-multi F1 |"
echo "| --- | --- | --- | --- | --- |"
echo "| all stages (default) | $(row) |"
for stage in markers language script context regions repeats main-block; do
  echo "| without \`$stage\` | $(row --stage-off "$stage") |"
done
# Cross-document evidence, learned from each set (devset-multi's sites are the
# hosts of its manifest URLs; devset has no URLs, so no sites: only short lines
# on many documents count there).
echo "| with templates (\`--two-pass\`) | $(row --two-pass) |"
echo "| with templates, no sites (\`--two-pass --site-from none\`) | $(row --two-pass --site-from none) |"
echo "| without \`markers\`, with templates (\`--two-pass\`) | $(row --stage-off markers --two-pass) |"
