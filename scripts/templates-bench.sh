#!/usr/bin/env bash
# Cross-document templates: quality and cost on generated multi-page sites.
#
#   scripts/templates-bench.sh f1  [DIR]        token F1 with vs without templates
#   scripts/templates-bench.sh mem [DIR] [MB]   time and peak memory of `deboil learn`
#                                               on a generated JSONL batch of MB (default 1100)
#
# Pages: a site menu, a cookie line, a "Subscribe" link, a "Related" sidebar of
# other pages' headlines (a few per page, changing), an "About us" blurb in prose,
# a footer, and a unique article (headline + 4-6 prose paragraphs: the gold).
# Site sizes vary from 2 to 120 pages, so some sites are too small to learn from.
# Token F1 is bag-of-words (lower-cased whitespace tokens; tp = multiset
# overlap), micro-averaged over all documents and macro-averaged per document.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${DEBOIL:-target/release/deboil}
MODE=${1:-f1}
DIR=${2:-$(mktemp -d)}
MB=${3:-1100}
mkdir -p "$DIR"
[ -x "$BIN" ] || cargo build --release

gen() { # gen OUT SITES_SEED TARGET_MB WITH_GOLD
python3 - "$@" <<'PY'
import json, random, sys
out, seed, target_mb, with_gold = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), sys.argv[4] == "1"
W = ("the council said new plan would change how city residents travel to work each day while "
     "critics argued that costs were rising faster than expected and that officials had not "
     "explained where money would come from next year report found schools hospitals roads "
     "budget families local business owners researchers university study data showed increase "
     "decline water energy prices market government minister election voters campaign policy "
     "police court judge trial evidence weather storm river bridge festival music film museum "
     "players coach season match league fans stadium doctors patients health care nurses").split()
rng = random.Random(seed)
def sent(r):
    w = [r.choice(W) for _ in range(r.randint(9, 18))]
    if r.random() < .3: w.insert(r.randint(1, len(w)-1), str(r.randint(2, 2000)))
    return w[0].capitalize() + " " + " ".join(w[1:]) + "."
POOL = [sent(rng) for _ in range(50000)]
def para(r): return " ".join(r.choice(POOL) for _ in range(r.randint(2, 4)))
def headline(r): return " ".join(r.choice(W) for _ in range(r.randint(5, 9))).capitalize()
total = 0; limit = target_mb * 1e6; s = 0
with open(out, "w") as f:
    while total < limit:
        r = random.Random(seed * 7919 + s)
        npages = r.choice([2, 3, 5, 10, 20, 40, 80, 120])
        menu = " | ".join(r.sample(["Home", "News", "Politics", "Business", "Sport", "Culture",
                                    "Opinion", "Video", "Contact", "Weather"], 6))
        about = (f"About us: {headline(r)} is an independent newsroom founded in {1900 + s % 120} "
                 f"that covers {r.choice(W)} and {r.choice(W)} for readers across the region.")
        footer = f"Copyright {2000 + s % 25} Site{s} Media. All rights reserved. Privacy policy | Terms"
        heads = [headline(r) for _ in range(npages)]
        for i in range(npages):
            gold = [heads[i]] + [para(r) for _ in range(r.randint(4, 6))]
            related = ["Related stories"] + [heads[(i + k) % npages] for k in (1, 2, 3) if npages > k]
            lines = [menu, "Subscribe", "We use cookies to improve your experience. Accept all",
                     gold[0], about] + gold[1:] + related + [footer]
            rec = {"id": f"s{s}p{i}", "url": f"https://www.site{s}.example/news/{i}.html",
                   "text": "\n".join(lines) + "\n"}
            if with_gold: rec["gold"] = "\n".join(gold) + "\n"
            line = json.dumps(rec) + "\n"
            f.write(line); total += len(line)
        s += 1
print(f"{out}: {total/1e6:.0f} MB, {s} sites", file=sys.stderr)
PY
}

f1() { # f1 CLEANED GOLD_BATCH
python3 - "$1" "$2" <<'PY'
import json, sys
from collections import Counter
gold = {}
for l in open(sys.argv[2]):
    r = json.loads(l); gold[r["id"]] = Counter(r["gold"].lower().split())
tp = no = ng = 0; fs = []
for l in open(sys.argv[1]):
    r = json.loads(l); o = Counter(r["text"].lower().split()); g = gold[r["id"]]
    t = sum((o & g).values()); no_, ng_ = sum(o.values()), sum(g.values())
    tp += t; no += no_; ng += ng_
    p = t / no_ if no_ else 0; rc = t / ng_ if ng_ else 0
    fs.append(2 * p * rc / (p + rc) if p + rc else 0)
P, R = tp / no, tp / ng
print(f"| {sys.argv[3] if len(sys.argv) > 3 else ''}P {P:.4f} | R {R:.4f} | micro F1 {2*P*R/(P+R):.4f} | macro F1 {sum(fs)/len(fs):.4f} |")
PY
}

case "$MODE" in
f1)
    gen "$DIR/f1.jsonl" 1 30 1
    "$BIN" clean "$DIR/f1.jsonl" -q > "$DIR/plain.jsonl"
    "$BIN" clean "$DIR/f1.jsonl" --two-pass -q > "$DIR/templates.jsonl"
    echo "without templates:"; f1 "$DIR/plain.jsonl" "$DIR/f1.jsonl"
    echo "with templates (--two-pass):"; f1 "$DIR/templates.jsonl" "$DIR/f1.jsonl"
    ;;
mem)
    [ -s "$DIR/big.jsonl" ] || gen "$DIR/big.jsonl" 2 "$MB" 0
    ls -l "$DIR/big.jsonl"
    for j in 1 2; do
        echo "== deboil learn -j$j"
        /usr/bin/time -v "$BIN" learn "$DIR/big.jsonl" -o "$DIR/t$j.bin" -j "$j" 2>&1 |
            grep -E "templates:|User time|System time|Elapsed|Maximum resident|Percent of CPU"
    done
    cmp "$DIR/t1.bin" "$DIR/t2.bin" && echo "statistics identical for -j1 and -j2"
    ls -l "$DIR/t1.bin"
    echo "== deboil learn --template-memory 64M (sketch fallback)"
    /usr/bin/time -v "$BIN" learn "$DIR/big.jsonl" -o "$DIR/ts.bin" --template-memory 64M 2>&1 |
        grep -E "templates:|User time|Elapsed|Maximum resident"
    ;;
*) echo "usage: $0 f1|mem [DIR] [MB]" >&2; exit 2 ;;
esac
