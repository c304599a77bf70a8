#!/usr/bin/env python3
"""Throughput of the Python API against the CLI, on the same documents.

Builds about ``--mb`` MB of documents (UTF-8 text) by repeating the corpus
inputs, then times

* ``Cleaner(threads=T).clean_batch(texts)`` for each T in ``--threads``
  (batches of ``--batch`` documents; str in, str out, conversions included);
* ``Cleaner().clean(t)`` in a loop (one thread);
* ``deboil clean --input-format jsonl -j T -q FILE > /dev/null`` on a JSONL
  file of the same documents (JSON parsing and writing included).

MB/s are of input text (UTF-8 bytes of the texts, not of the JSON), best of
``--repeat`` runs: by wall clock, and per CPU-second (user + system time of
this process's threads, or of the CLI child) -- on a machine shared with
other work the latter is the fair per-core figure. Outputs are checked
equal once.

Usage: bench.py --deboil target/release/deboil [--mb 300] [--threads 1 2]
       [--repeat 2] [--workdir target/bench]
"""

from __future__ import annotations

import argparse
import glob
import json
import os
import resource
import subprocess
import time

import deboil


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--deboil", required=True)
    ap.add_argument("--corpus", default="corpus")
    ap.add_argument("--mb", type=float, default=300)
    ap.add_argument("--threads", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--batch", type=int, default=1000)
    ap.add_argument("--repeat", type=int, default=2)
    ap.add_argument("--workdir", default="target/bench")
    args = ap.parse_args()

    paths = sorted(glob.glob(os.path.join(args.corpus, "**", "*.input.txt"), recursive=True))
    base = [open(p, "rb").read().decode("utf-8") for p in paths]
    base_bytes = sum(len(t.encode()) for t in base)
    copies = max(1, int(args.mb * 1e6 / base_bytes))
    texts = base * copies
    total = base_bytes * copies
    mb = total / 1e6
    print(f"{len(texts)} documents, {mb:.1f} MB of text ({copies} copies of {len(base)} inputs)")

    os.makedirs(args.workdir, exist_ok=True)
    data = os.path.join(args.workdir, f"bench-{copies}.jsonl")
    if not os.path.exists(data):
        with open(data + ".tmp", "w", encoding="utf-8") as f:
            for i, t in enumerate(texts):
                f.write(json.dumps({"id": str(i), "text": t}, ensure_ascii=False) + "\n")
        os.replace(data + ".tmp", data)

    def cpu_seconds() -> float:
        me = resource.getrusage(resource.RUSAGE_SELF)
        kids = resource.getrusage(resource.RUSAGE_CHILDREN)
        return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime

    def best(run) -> tuple[float, float]:
        walls, cpus = [], []
        for _ in range(args.repeat):
            start, cpu = time.perf_counter(), cpu_seconds()
            run()
            walls.append(time.perf_counter() - start)
            cpus.append(cpu_seconds() - cpu)
        return min(walls), min(cpus)

    results = []
    for t in args.threads:
        cleaner = deboil.Cleaner(threads=t)

        def batches(cleaner=cleaner) -> None:
            for i in range(0, len(texts), args.batch):
                cleaner.clean_batch(texts[i : i + args.batch])

        results.append((f"python clean_batch, threads={t}", *best(batches)))
    one = deboil.Cleaner()
    results.append(("python clean() loop", *best(lambda: [one.clean(x) for x in texts])))
    for t in args.threads:
        cmd = [args.deboil, "clean", "--input-format", "jsonl", "-j", str(t), "-q", data]

        def cli(cmd=cmd) -> None:
            subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)

        results.append((f"CLI {' '.join(cmd[1:-1])}", *best(cli)))

    # Same output?
    sample = texts[: len(base)]
    assert deboil.Cleaner(threads=2).clean_batch(sample) == [one.clean(x) for x in sample]

    print(f"{'run':52} {'wall s':>7} {'MB/s':>7} {'CPU s':>7} {'MB/CPU-s':>9}")
    for name, wall, cpu in results:
        print(f"{name:52} {wall:7.2f} {mb / wall:7.1f} {cpu:7.2f} {mb / cpu:9.1f}")


if __name__ == "__main__":
    main()
