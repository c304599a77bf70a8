#!/usr/bin/env bash
# Batch throughput and memory benchmark for `deboil clean` (not a test).
#
# Generates, deterministically, into a temporary directory:
#   1. shard.jsonl.gz  - a gzip JSONL shard of at least $JSONL_GB GB
#                        *compressed* (several GB of text);
#   2. tree/           - a directory tree of at least $TREE_GB GB of text
#                        files in nested sub-directories;
# from the corpus/ inputs if present (else from generated prose and
# boilerplate), every copy perturbed (words swapped, numbers changed,
# paragraphs reordered, ids and URLs unique) so no two documents are equal.
# Then runs `deboil clean` on each with 2 threads under /usr/bin/time -v and
# reports MB/s and peak RSS. Peak RSS must stay under 200 MB for the JSONL.gz.
#
# Usage: scripts/batch-bench.sh            (defaults: 1 GB each, -j 2)
#   JSONL_GB=0.2 TREE_GB=0.2 scripts/batch-bench.sh   (a quick run)
#   BENCH_DIR=/big/disk KEEP=1 THREADS=2 CORPUS=corpus scripts/batch-bench.sh
#   (with KEEP=1 and the same BENCH_DIR, a second run reuses the inputs)
set -euo pipefail

cd "$(dirname "$0")/.."
JSONL_GB=${JSONL_GB:-1}
TREE_GB=${TREE_GB:-1}
THREADS=${THREADS:-2}
CORPUS=${CORPUS:-corpus}
RSS_LIMIT_MB=${RSS_LIMIT_MB:-200}
BENCH_DIR=${BENCH_DIR:-$(mktemp -d -t deboil-bench.XXXXXX)}
mkdir -p "$BENCH_DIR"
if [[ -z "${KEEP:-}" ]]; then
    trap 'rm -rf "$BENCH_DIR"' EXIT
fi

echo "== building release binary"
cargo build --release --quiet
BIN=$PWD/target/release/deboil

MARKER="$BENCH_DIR/.generated-$JSONL_GB-$TREE_GB"
if [[ -e "$MARKER" ]]; then
    echo "== reusing the inputs in $BENCH_DIR"
else
echo "== generating into $BENCH_DIR (JSONL.gz >= ${JSONL_GB} GB compressed, tree >= ${TREE_GB} GB)"
rm -rf "$BENCH_DIR/shard.jsonl.gz" "$BENCH_DIR/tree"
python3 - "$BENCH_DIR" "$JSONL_GB" "$TREE_GB" "$CORPUS" <<'PY'
import gzip, json, os, random, sys, glob

out, jsonl_gb, tree_gb, corpus = sys.argv[1], float(sys.argv[2]), float(sys.argv[3]), sys.argv[4]
rng = random.Random(20240601)

sources = []
for path in sorted(glob.glob(os.path.join(corpus, "**", "*.input.txt"), recursive=True)):
    with open(path, "rb") as f:
        sources.append(f.read().decode("utf-8", "replace"))
if not sources:
    words = ("the council budget school district plan members months officials said would take "
             "effect january payments reach before spring term report city water river new old "
             "company market price growth quarter season team match player coach game").split()
    def prose():
        return " ".join(rng.choice(words) for _ in range(rng.randint(18, 60))).capitalize() + "."
    boiler = ["Home", "News | Sport | Business | Culture", "Share this article", "Subscribe to our newsletter",
              "© 2024 Example News. All rights reserved.", "Read more", "Latest news", "Cookie settings",
              "Photo: Reuters", "12:45 21 March 2024"]
    for _ in range(40):
        lines = rng.sample(boiler, 4) + [prose() for _ in range(rng.randint(4, 14))] + rng.sample(boiler, 3)
        sources.append("\n".join(lines) + "\n")
print(f"   {len(sources)} source documents", flush=True)

def perturb(k, n):
    # A page of k source documents (corpus inputs are short), perturbed.
    doc = "\n".join(sources[(n * 7 + i * 13) % len(sources)] for i in range(k))
    lines = doc.split("\n")
    # Reorder a few paragraphs, change numbers, swap some words.
    if len(lines) > 6:
        i, j = rng.randrange(2, len(lines) - 2), rng.randrange(2, len(lines) - 2)
        lines[i], lines[j] = lines[j], lines[i]
    out = []
    for line in lines:
        if len(line) > 40 and rng.random() < 0.5:
            ws = line.split(" ")
            for _ in range(max(1, len(ws) // 12)):
                a, b = rng.randrange(len(ws)), rng.randrange(len(ws))
                ws[a], ws[b] = ws[b], ws[a]
            line = " ".join(ws)
        out.append(line)
    out.insert(1, f"Edition {n} · {rng.randint(1, 28)}.{rng.randint(1, 12)}.20{rng.randint(10, 25)}")
    return "\n".join(out)

# 1. JSONL.gz, until the compressed file reaches the target size.
target = int(jsonl_gb * 1e9)
path = os.path.join(out, "shard.jsonl.gz")
n = 0
raw = 0
with open(path, "wb") as f:
    with gzip.GzipFile(fileobj=f, mode="wb", compresslevel=1) as gz:
        while f.tell() < target:
            batch = []
            for _ in range(2000):
                rec = {"id": f"doc-{n}", "url": f"https://site{n % 997}.example/{n}",
                       "text": perturb(4, n), "meta": {"n": n, "lang": "xx"}}
                batch.append(json.dumps(rec, ensure_ascii=False))
                n += 1
            data = ("\n".join(batch) + "\n").encode()
            raw += len(data)
            gz.write(data)
print(f"   shard.jsonl.gz: {n} records, {raw / 1e9:.2f} GB of JSONL, {os.path.getsize(path) / 1e9:.2f} GB on disk", flush=True)

# 2. A directory tree of text files.
target = int(tree_gb * 1e9)
total = 0
k = 0
while total < target:
    d = os.path.join(out, "tree", f"{k // 10000:02d}", f"{(k // 100) % 100:02d}")
    os.makedirs(d, exist_ok=True)
    data = perturb(8, k).encode()
    with open(os.path.join(d, f"{k:07d}.txt"), "wb") as f:
        f.write(data)
    total += len(data)
    k += 1
print(f"   tree/: {k} files, {total / 1e9:.2f} GB", flush=True)
PY
touch "$MARKER"
fi

run() {
    local name=$1
    shift
    local log="$BENCH_DIR/$name.time" report="$BENCH_DIR/$name.report.json"
    rm -rf "$BENCH_DIR/out-$name"
    echo "== $name: deboil clean $* -j $THREADS"
    /usr/bin/time -v "$BIN" clean "$@" -j "$THREADS" --quiet --report "$report" 2>"$log" || {
        cat "$log"
        exit 1
    }
    local rss_kb wall
    rss_kb=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$log")
    wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$log")
    python3 - "$report" "$rss_kb" "$wall" "$name" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
rss_mb = int(sys.argv[2]) / 1024
print(f"   {sys.argv[4]}: {r['documents']} documents, {r['input_bytes'] / 1e9:.2f} GB read, "
      f"{r['bytes_in'] / 1e9:.2f} GB of text, wall {sys.argv[3]}")
print(f"   {r['input_mb_per_s']:.1f} MB/s read, {r['text_mb_per_s']:.1f} MB/s of text, "
      f"{r['documents_per_s']:.0f} documents/s, peak RSS {rss_mb:.0f} MB")
PY
    echo "$rss_kb" >"$BENCH_DIR/$name.rss"
}

run jsonl "$BENCH_DIR/shard.jsonl.gz" -o "$BENCH_DIR/out-jsonl"
# The same shard written as zstd: shows the engine without gzip encoding,
# which dominates the run above.
run jsonl-zst "$BENCH_DIR/shard.jsonl.gz" -o "$BENCH_DIR/out-jsonl-zst" --compress zst
run tree "$BENCH_DIR/tree" -o "$BENCH_DIR/out-tree"

rss_mb=$(($(cat "$BENCH_DIR/jsonl.rss") / 1024))
echo "== machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GB", $2/1048576}' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
if ((rss_mb < RSS_LIMIT_MB)); then
    echo "PASS: peak RSS ${rss_mb} MB < ${RSS_LIMIT_MB} MB for the JSONL.gz"
else
    echo "FAIL: peak RSS ${rss_mb} MB >= ${RSS_LIMIT_MB} MB for the JSONL.gz"
    exit 1
fi
