#!/usr/bin/env python3
"""Ray Data recipe: clean a dataset's ``text`` column with ``map_batches``.

``map_batches(fn, batch_format="pyarrow")`` hands each block of the dataset
to ``fn`` as Arrow; ``deboil.arrow.clean_batch`` cleans its text column with
``Cleaner.clean_batch`` (Rust, GIL released). Other columns pass through,
rows keep their order within a batch, nulls stay null. ``--stats`` adds the
int64 columns ``deboil_lines_dropped`` and ``deboil_bytes_removed``.

Two ways to hold the cleaner, both shown:

* tasks (default): ``fn`` is a plain function closing over a
  ``deboil.Cleaner``, which pickles as its options; building one is cheap
  (the automata are built once per worker process and shared);
* actors (``--actors N``): ``DeboilBatches``, a callable class, builds its
  cleaner once per actor -- the place to load heavier per-worker state, such
  as learned templates. An actor pool holds its CPUs for the whole run: leave
  CPUs free for the read and write tasks (``--actors`` below the CPU count).

Workers need the ``deboil`` wheel: installed on the nodes, or through a
``runtime_env={"pip": [...]}``/``py_modules``.

Templates (``--templates FILE``, from ``deboil learn INPUT --site-from url -o
FILE``): the file's bytes go into the object store once (``ray.put``); each
actor fetches them and builds its ``deboil.Templates`` once, in its
constructor (``Templates.from_bytes``). With tasks, the cleaner is pickled
with the function, statistics included (they pickle as the file's bytes):
simple, and fine for small files; use actors for big ones. A row's site is
the host of its ``url`` column (``deboil.arrow.clean_batch``'s
``url_column``), as ``deboil clean --templates FILE --site-from url``.

Usage: clean_ray.py INPUT_JSONL OUTPUT_DIR [--actors N] [--batch-size 256]
       [--stats] [--strictness balanced] [--num-cpus N] [--templates FILE]
Output: Ray's JSON writer (JSONL files, one or more per block).
"""

from __future__ import annotations

import argparse
import functools
from typing import Any

import pyarrow as pa
import pyarrow.json as pajson
import ray

import deboil
import deboil.arrow


class DeboilBatches:
    """A Ray Data callable class: one cleaner per actor, reused per batch."""

    def __init__(
        self,
        stats: bool = False,
        threads: int = 1,
        templates: list[ray.ObjectRef] | None = None,
        **config: Any,
    ) -> None:
        # `templates`: [ref] to the file's bytes in the object store (in a
        # list, so that Ray hands the reference itself to the constructor).
        if templates:
            config["templates"] = deboil.Templates.from_bytes(ray.get(templates[0]))
        self.cleaner = deboil.Cleaner(threads=threads, **config)
        self.stats = stats

    def __call__(self, batch: pa.Table) -> pa.Table:
        return deboil.arrow.clean_batch(self.cleaner, batch, stats=self.stats)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("input")
    ap.add_argument("output")
    ap.add_argument("--actors", type=int, default=0, help="an actor pool of N (default: tasks)")
    ap.add_argument("--batch-size", type=int, default=256)
    ap.add_argument("--stats", action="store_true")
    ap.add_argument("--strictness", default=None)
    ap.add_argument("--num-cpus", type=int, default=None, help="ray.init(num_cpus=...)")
    ap.add_argument("--templates", default=None, help="a `deboil learn` file")
    args = ap.parse_args()

    ray.init(num_cpus=args.num_cpus, include_dashboard=False, log_to_driver=False)
    # Large pages: make the JSON reader's blocks big enough for one record.
    read_options = pajson.ReadOptions(block_size=64 << 20)
    ds = ray.data.read_json(args.input, read_options=read_options)
    config: dict[str, Any] = {"strictness": args.strictness}
    if args.actors:
        if args.templates:
            with open(args.templates, "rb") as f:
                config["templates"] = [ray.put(f.read())]
        ds = ds.map_batches(
            DeboilBatches,
            fn_constructor_kwargs={"stats": args.stats, "threads": 1, **config},
            batch_format="pyarrow",
            batch_size=args.batch_size,
            concurrency=args.actors,
            num_cpus=1,
        )
    else:
        cleaner = deboil.Cleaner(threads=1, templates=args.templates, **config)
        ds = ds.map_batches(
            functools.partial(deboil.arrow.clean_batch, cleaner, stats=args.stats),
            batch_format="pyarrow",
            batch_size=args.batch_size,
        )
    ds.write_json(args.output)
    ray.shutdown()


if __name__ == "__main__":
    main()
