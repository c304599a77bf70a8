#!/usr/bin/env bash
# Throughput bench of issue 6: builds the release binaries, then runs
# `deboil-bench run` (src/bin/deboil-bench.rs), which generates a
# deterministic corpus from corpus/ (a tree of text files, the same documents
# as JSONL.gz and WET.gz) in a temp dir, times the read-and-count floor and
# `deboil clean` alternately with 1 and 2 threads, checks every run's counts,
# and prints a Markdown table (docs/performance.md explains it).
#
# Usage: scripts/bench.sh                   (1 GB, about 15-30 minutes)
#        scripts/bench.sh --size 100M       (a quick check)
#        scripts/bench.sh --dir /tmp/b --keep   (keep, and later reuse, the inputs)
#        scripts/bench.sh --help
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet --bins
exec target/release/deboil-bench run "$@"
