"""A datatrove pipeline step that cleans ``Document.text`` with deboil.

:class:`DeboilCleaner` is a datatrove ``PipelineStep`` that works like a
filter: it replaces each document's text with its cleaned text, records what
it removed in the document's metadata, and (only with ``drop_empty=True``)
drops documents left with nothing. (It is not a ``BaseFilter`` subclass only
because importing ``datatrove.pipeline.filters`` needs datatrove's
``processing`` extras.) It holds nothing but its options, so it pickles into any
executor -- ``LocalPipelineExecutor`` and, unchanged, ``SlurmPipelineExecutor``
or ``RayPipelineExecutor`` -- and each worker builds its own cleaner.

::

    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.readers import JsonlReader
    from datatrove.pipeline.writers import JsonlWriter
    from deboil.datatrove import DeboilCleaner

    LocalPipelineExecutor(
        pipeline=[
            JsonlReader("raw/"),
            DeboilCleaner(),
            JsonlWriter("clean/"),
        ],
        tasks=4,
    ).run()

Metadata written under ``metadata_key`` (default ``"deboil"``), the same keys
for every document so that columnar writers (Parquet) get one schema::

    {"lines": 120, "lines_kept": 31, "bytes_removed": 5012,
     "lines_dropped": {"content": 0, "heading": 0, "blank": 12,
                       "navigation": 40, ...every label...}}

Counters added to the step's datatrove stats: ``deboil_bytes_removed``,
``deboil_lines_dropped`` and ``deboil_dropped_<label>`` for each label.

Cross-document templates: learn them once with ``deboil learn`` (``deboil
learn raw/ -o templates.bin``) and give the step the file's path --
``DeboilCleaner(templates="templates.bin")`` -- on a file system every worker
sees, or as an fsspec URL (``s3://...``, ``hf://...``). The path travels with
the pickled step and each worker loads the file once, on first use. A
document's site is the host of ``Document.metadata["url"]`` (``url_key``;
datatrove's readers put a record's other fields, ``url`` among them, in the
metadata), documents without one have no site (``""``: only the cross-site
evidence): the same as
``deboil clean --templates templates.bin --site-from url``.

Needs ``datatrove`` (``pip install deboil[datatrove]``; datatrove's JSONL
reader and writer also need ``orjson``).
"""

from __future__ import annotations

import contextlib
import os
from typing import TYPE_CHECKING, Any, Union

from datatrove.data import Document, DocumentsPipeline
from datatrove.pipeline.base import PipelineStep
from datatrove.utils.batching import batched

from ._deboil import LABELS, Cleaner, Templates

if TYPE_CHECKING:
    from datatrove.pipeline.writers.disk_base import DiskWriter

__all__ = ["DeboilCleaner", "load_templates"]

TemplatesSource = Union[str, "os.PathLike[str]", Templates]


def load_templates(source: TemplatesSource) -> Templates:
    """:class:`deboil.Templates` from a local path, an fsspec URL
    (``s3://bucket/templates.bin``; anything with ``://``, read through
    fsspec, which datatrove depends on) or a ``Templates`` (returned as is).
    """
    if isinstance(source, Templates):
        return source
    path = os.fspath(source)
    if isinstance(path, str) and "://" in path:
        import fsspec

        with fsspec.open(path, "rb") as f:
            return Templates.from_bytes(f.read(), name=path)
    return Templates.load(path)


class DeboilCleaner(PipelineStep):
    """Clean each document's text with deboil and record what went.

    Args:
        drop_empty: drop documents whose cleaned text is empty or only
            whitespace (as ``deboil clean --drop-empty``). Default: keep them.
        metadata_key: the metadata key for the removal counts; ``None`` adds
            none.
        batch_size: documents cleaned together, in parallel across the
            cleaner's threads (the GIL is released while they are cleaned).
        threads: threads per worker for a batch (default: one per core; with
            several datatrove tasks per machine, 1 avoids oversubscription).
        exclusion_writer: where documents dropped by ``drop_empty`` go.
        templates: template statistics from ``deboil learn``: a path every
            worker can read (local or an fsspec URL), loaded once per worker
            -- or a :class:`deboil.Templates`, pickled with the step (fine
            for small files). Checked here, at construction.
        url_key: with ``templates``, the metadata key of a document's URL,
            whose host is its site (a document without one, or with a
            non-string value, is of the site ``""``).
        **config: :class:`deboil.Cleaner` options (``strictness``,
            ``stages_off``, ``blank_lines``, limits, ``language``), checked
            here, at construction.
    """

    name = "🧽 deboil"
    type = "✂️ - FORMAT"

    def __init__(
        self,
        drop_empty: bool = False,
        metadata_key: str | None = "deboil",
        batch_size: int = 256,
        threads: int | None = None,
        exclusion_writer: DiskWriter | None = None,
        templates: TemplatesSource | None = None,
        url_key: str = "url",
        **config: Any,
    ) -> None:
        super().__init__()
        if batch_size < 1:
            raise ValueError(f"batch_size must be at least 1, not {batch_size}")
        self.drop_empty = drop_empty
        self.metadata_key = metadata_key
        self.batch_size = batch_size
        self.exclusion_writer = exclusion_writer
        self.templates = templates
        self.url_key = url_key
        self.config = dict(config, threads=threads)
        # Fail early, on the driver, for a bad option or templates file;
        # workers rebuild the cleaner (and load the file) themselves.
        self._cleaner: Cleaner | None = self._build()

    def _build(self) -> Cleaner:
        if self.templates is None:
            return Cleaner(**self.config)
        return Cleaner(templates=load_templates(self.templates), **self.config)

    def __getstate__(self) -> dict[str, Any]:
        state = self.__dict__.copy()
        state["_cleaner"] = None
        return state

    @property
    def cleaner(self) -> Cleaner:
        """This worker's :class:`deboil.Cleaner` (built on first use)."""
        if self._cleaner is None:
            self._cleaner = self._build()
        return self._cleaner

    def clean_batch(self, batch: list[Document]) -> list[bool]:
        """Clean ``batch`` in place, in parallel, recording metadata and
        stats; returns, per document, whether it is kept."""
        texts = [doc.text for doc in batch]
        if self.templates is None:
            results = self.cleaner.clean_batch_with_stats(texts)
        else:
            urls = [_url(doc.metadata.get(self.url_key)) for doc in batch]
            results = self.cleaner.clean_batch_with_stats(texts, urls=urls)
        keep: list[bool] = []
        for doc, (text, stats) in zip(batch, results):
            doc.text = text
            dropped = stats["dropped"]
            self.stat_update("deboil_bytes_removed", value=stats["bytes_removed"])
            self.stat_update("deboil_lines_dropped", value=stats["lines_dropped"])
            for label, n in dropped.items():
                self.stat_update(f"deboil_dropped_{label}", value=n)
            if self.metadata_key is not None:
                doc.metadata[self.metadata_key] = {
                    "lines": stats["lines"],
                    "lines_kept": stats["lines_kept"],
                    "bytes_removed": stats["bytes_removed"],
                    "lines_dropped": {label: dropped.get(label, 0) for label in LABELS},
                }
            # ASCII whitespace only, as the CLI's --drop-empty.
            keep.append(not (self.drop_empty and not text.strip(" \t\n\r\x0c")))
        return keep

    def run(self, data: DocumentsPipeline, rank: int = 0, world_size: int = 1) -> DocumentsPipeline:
        """Clean the documents of ``data`` in batches and pass them on."""
        writer_cm = self.exclusion_writer if self.exclusion_writer else contextlib.nullcontext()
        with writer_cm as writer:
            for batch in batched(data, self.batch_size):
                with self.track_time("batch"):
                    keep = self.clean_batch(batch)
                for doc, kept in zip(batch, keep):
                    self.stat_update("total")
                    if kept:
                        self.stat_update("forwarded")
                        self.update_doc_stats(doc)
                        yield doc
                    else:
                        self.stat_update("dropped", "dropped_deboil_empty")
                        if writer is not None:
                            doc.metadata["filter_reason"] = "deboil_empty"
                            writer.write(doc, rank)


def _url(value: object) -> str | None:
    """A metadata value as a URL: strings only (the CLI's url field too)."""
    return value if isinstance(value, str) else None
