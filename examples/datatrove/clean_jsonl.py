#!/usr/bin/env python3
"""datatrove recipe: clean JSONL documents with deboil in a pipeline.

    JsonlReader(INPUT) -> DeboilCleaner() -> JsonlWriter(OUTPUT)

run by a ``LocalPipelineExecutor`` with ``--tasks`` tasks (input files are
split between tasks; each task cleans its documents in batches, in parallel).
Every output document carries ``metadata.deboil``: lines, lines kept, bytes
removed, and lines dropped per label.

The same pipeline runs unchanged on a cluster: swap the executor for
``SlurmPipelineExecutor(pipeline=pipeline, tasks=..., time=..., partition=...,
logging_dir=...)`` (or ``RayPipelineExecutor``); the step holds only its
options and every worker builds its own cleaner from the installed ``deboil``
wheel.

Templates (``--templates FILE``): learn them once over the input with
``deboil learn INPUT --site-from url -o templates.bin`` and put the file where
every worker can read it -- the shared file system, or an ``s3://``/``hf://``
URL (read through fsspec, as datatrove reads its data). Only the path
travels with the pickled pipeline; each worker loads the file once, on
first use, and a document's site is the host of its ``url`` field
(``Document.metadata["url"]``): the output equals ``deboil clean --templates
templates.bin --site-from url``.

Usage: clean_jsonl.py INPUT_DIR_OR_FILE OUTPUT_DIR [--tasks 2] [--workers 2]
       [--logging-dir DIR] [--drop-empty] [--strictness balanced]
       [--templates templates.bin]
"""

from __future__ import annotations

import argparse
import os

from datatrove.executor import LocalPipelineExecutor
from datatrove.pipeline.readers import JsonlReader
from datatrove.pipeline.writers import JsonlWriter

from deboil.datatrove import DeboilCleaner


def build_pipeline(
    input_path: str,
    output_dir: str,
    drop_empty: bool,
    templates: str | None = None,
    **config: object,
) -> list:
    if os.path.isfile(input_path):
        folder, pattern = os.path.dirname(os.path.abspath(input_path)), os.path.basename(input_path)
    else:
        folder, pattern = input_path, "*.jsonl*"
    return [
        JsonlReader(folder, glob_pattern=pattern),
        # threads=1: the executor already runs one task per core.
        DeboilCleaner(drop_empty=drop_empty, threads=1, templates=templates, **config),
        JsonlWriter(output_dir, output_filename="${rank}.jsonl", compression=None),
    ]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("input")
    ap.add_argument("output")
    ap.add_argument("--tasks", type=int, default=2)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--logging-dir", default=None)
    ap.add_argument("--drop-empty", action="store_true")
    ap.add_argument("--strictness", default=None)
    ap.add_argument("--templates", default=None, help="`deboil learn` file (path or fsspec URL)")
    args = ap.parse_args()
    config = {"strictness": args.strictness} if args.strictness else {}
    executor = LocalPipelineExecutor(
        pipeline=build_pipeline(
            args.input, args.output, args.drop_empty, templates=args.templates, **config
        ),
        tasks=args.tasks,
        workers=args.workers,
        logging_dir=args.logging_dir or args.output.rstrip("/") + "-logs",
    )
    executor.run()


if __name__ == "__main__":
    main()
