#!/usr/bin/env bash
# Seed fuzz/corpus/<target>/ (git-ignored) from the golden corpus, without
# building anything. Safe to run again: existing corpus files are kept, so
# what libFuzzer found in earlier runs stays.
#
#   clean        9 zero bytes (= Config::default(), no evidence) + each corpus/**/*.input.txt
#   lines        each corpus input as is
#   eval_tokens  each corpus input and gold as is
#   normalise    each line of each corpus input, one file per line
#   jsonl, warc, decompress, templates_file: only the committed seeds below
#
# Plus the committed seeds in fuzz/seeds/<target>/ (JSONL, WARC and
# compressed streams made from the corpus by tests/fuzz_replay.rs
# `write_fuzz_seeds`).
set -euo pipefail
cd "$(dirname "$0")/.."
out=fuzz/corpus
targets=(clean lines normalise eval_tokens jsonl warc decompress templates_file)
for t in "${targets[@]}"; do mkdir -p "$out/$t"; done
zeros=$(mktemp)
trap 'rm -f "$zeros"' EXIT
head -c 9 /dev/zero >"$zeros"
n=0
for f in corpus/*/*.input.txt; do
    stem=$(basename "$f" .input.txt)
    [ -e "$out/clean/seed-$stem" ] || cat "$zeros" "$f" >"$out/clean/seed-$stem"
    cp -n "$f" "$out/lines/seed-$stem"
    cp -n "$f" "$out/eval_tokens/seed-$stem"
    gold="${f%.input.txt}.gold.txt"
    [ -f "$gold" ] && cp -n "$gold" "$out/eval_tokens/seed-$stem.gold"
    [ -e "$out/normalise/seed-$stem-00000" ] || split -l 1 -a 5 -d "$f" "$out/normalise/seed-$stem-"
    n=$((n + 1))
done
for t in "${targets[@]}"; do
    if [ -d "fuzz/seeds/$t" ]; then
        cp -n fuzz/seeds/"$t"/* "$out/$t/" 2>/dev/null || true
    fi
done
echo "seeded fuzz/corpus/ from $n corpus documents:" \
    "$(for t in "${targets[@]}"; do printf '%s %s  ' "$t" "$(ls "$out/$t" | wc -l)"; done)"
