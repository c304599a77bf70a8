#!/usr/bin/env python3
"""Spark recipe 2: no Python binding at all -- ``rdd.pipe`` through the CLI.

Every partition of the JSONL lines is streamed through one
``deboil clean --input-format jsonl -q -`` process: JSONL records in on
stdin, the same records out on stdout with ``text`` cleaned, one line per
input line, in order (a record that cannot be cleaned -- invalid JSON, no
string ``text`` -- is copied through unchanged and reported on stderr). The
cleaned lines are saved as text, so the output is the input's JSONL with
cleaned texts: byte for byte what the CLI writes for the whole file.

The binary must exist on every executor: build it for the nodes (a static
``--target x86_64-unknown-linux-musl`` build travels best) and either
install it on their PATH or ship it with ``spark-submit --files
target/release/deboil`` (YARN and Kubernetes put it in each executor's
working directory: ``--deboil ./deboil``).

Templates (``--templates FILE``, from ``deboil learn INPUT --site-from url -o
FILE``) are shipped the same way, beside the binary (``spark-submit --files
target/release/deboil,templates.bin ... --deboil ./deboil --templates
./templates.bin``), and named on its command line: ``deboil clean
--templates FILE --site-from url``, each record's site the host of its
``url`` field. Every pipe process loads the file once.

``checkCode=True`` fails the task when deboil exits non-zero. Note: deboil
exits 1 when *any* record of the partition was bad (it still writes every
line), so one bad record fails the task; pass ``--tolerate-bad-records`` to
accept exit 1 (the bad lines are still copied through and reported).

Usage: clean_pipe.py INPUT_JSONL OUTPUT_DIR --deboil PATH [--master local[2]]
       [--partitions N] [--tolerate-bad-records] [--templates FILE]
"""

from __future__ import annotations

import argparse
import os
import shlex
import sys

from pyspark.sql import SparkSession


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("input")
    ap.add_argument("output")
    ap.add_argument("--deboil", required=True, help="path of the deboil binary on the executors")
    ap.add_argument("--master", default="local[2]")
    ap.add_argument("--partitions", type=int, default=4)
    ap.add_argument("--tolerate-bad-records", action="store_true")
    ap.add_argument(
        "--templates", default=None, help="a `deboil learn` file, as the executors see it"
    )
    args = ap.parse_args()
    # Local runs: the Python workers use this interpreter (and its deboil).
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)

    spark = (
        SparkSession.builder.master(args.master)
        .appName("deboil-pipe")
        .config("spark.ui.enabled", "false")
        .getOrCreate()
    )
    sc = spark.sparkContext
    sc.setLogLevel("WARN")
    # One thread per process: Spark runs one task per core already.
    argv = [args.deboil, "clean", "--input-format", "jsonl", "-q", "-j", "1"]
    if args.templates:
        argv += ["--templates", args.templates, "--site-from", "url"]
    command = shlex.join(argv + ["-"])
    if args.tolerate_bad_records:
        # Exit 1 means "some record was bad, every line was still written".
        command = shlex.join(["/bin/sh", "-c", command + '; s=$?; [ "$s" -le 1 ] || exit "$s"'])
    lines = sc.textFile(args.input, minPartitions=args.partitions)
    # pipe() splits the command with shlex and runs it with an empty environment.
    cleaned = lines.pipe(command, checkCode=True)
    cleaned.saveAsTextFile(args.output)
    spark.stop()


if __name__ == "__main__":
    main()
