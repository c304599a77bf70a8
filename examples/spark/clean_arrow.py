#!/usr/bin/env python3
"""Spark recipe 1: clean a DataFrame's ``text`` column with ``mapInArrow``.

Each Spark task hands its rows to Python as Arrow record batches;
``deboil.arrow.clean_batches`` cleans the text column of each batch with
``Cleaner.clean_batch`` (in Rust, in parallel over ``spark.task.cpus``
threads, without the GIL) and gives the batches back, every other column
untouched and the rows in order. Null texts stay null. With ``--stats`` two
int64 columns are added: ``deboil_lines_dropped`` and ``deboil_bytes_removed``.

The function shipped to the executors holds only a ``deboil.Cleaner``, which
pickles as its options; the executors need the ``deboil`` wheel installed
(``pip install`` on the nodes, or ``--py-files``/an archived environment with
``spark.archives``).

Templates (``--templates FILE``, from ``deboil learn INPUT --site-from url -o
FILE``) travel as a broadcast *file*, not a broadcast variable, since Rust
reads them: ``sc.addFile(path)`` on the driver (or ``spark-submit --files``),
``SparkFiles.get(name)`` on the executors, where each task loads them once
(``deboil.Templates.load``) for all its record batches. A row's site is the
host of its ``url`` column, as ``deboil clean --templates FILE --site-from
url``.

Usage: clean_arrow.py INPUT_JSONL OUTPUT_DIR [--master local[2]] [--stats]
       [--partitions N] [--strictness balanced] [--templates FILE]
Output: Spark's JSON writer (one part-*.json per partition).
"""

from __future__ import annotations

import argparse
import functools
import os
import sys

from pyspark.sql import SparkSession
from pyspark.sql.types import LongType, StructField, StructType

import deboil
import deboil.arrow


def clean_with_templates(batches, name: str, stats: bool, **config):
    """The mapInArrow function with templates: load the broadcast file once
    per task, then clean every batch of the task's partition with it."""
    from pyspark import SparkFiles

    templates = deboil.Templates.load(SparkFiles.get(name))
    cleaner = deboil.Cleaner(templates=templates, **config)
    yield from deboil.arrow.clean_batches(cleaner, batches, stats=stats)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("input")
    ap.add_argument("output")
    ap.add_argument("--master", default="local[2]")
    ap.add_argument("--partitions", type=int, default=4)
    ap.add_argument("--stats", action="store_true")
    ap.add_argument("--strictness", default=None)
    ap.add_argument("--templates", default=None, help="a `deboil learn` file")
    args = ap.parse_args()
    # Local runs: the Python workers use this interpreter (and its deboil).
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)

    spark = (
        SparkSession.builder.master(args.master)
        .appName("deboil-mapInArrow")
        .config("spark.ui.enabled", "false")
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("WARN")
    task_cpus = int(spark.conf.get("spark.task.cpus", "1"))
    df = spark.read.json(args.input).repartition(args.partitions)

    schema = df.schema
    if args.stats:
        schema = StructType(
            list(schema.fields)
            + [StructField(n, LongType(), True) for n in deboil.arrow.STATS_FIELDS]
        )
    if args.templates:
        # A broadcast file: each executor fetches it once, each task loads it.
        spark.sparkContext.addFile(os.path.abspath(args.templates))
        clean = functools.partial(
            clean_with_templates,
            name=os.path.basename(args.templates),
            stats=args.stats,
            threads=task_cpus,
            strictness=args.strictness,
        )
    else:
        # One cleaner, pickled into the function; threads = the CPUs a task owns.
        cleaner = deboil.Cleaner(threads=task_cpus, strictness=args.strictness)
        clean = functools.partial(deboil.arrow.clean_batches, cleaner, stats=args.stats)
    cleaned = df.mapInArrow(clean, schema)

    cleaned.write.mode("overwrite").json(args.output)
    spark.stop()


if __name__ == "__main__":
    main()
