"""Clean Arrow string columns: the piece Spark and Ray recipes share.

Spark's ``DataFrame.mapInArrow`` and Ray Data's
``map_batches(..., batch_format="pyarrow")`` both hand a Python function
Arrow data and take Arrow data back. :func:`clean_batch` turns one
``pyarrow.RecordBatch`` or ``pyarrow.Table`` into the same with its text
column cleaned (through :meth:`deboil.Cleaner.clean_batch`, in parallel,
without the GIL). Nulls stay null; the column keeps its type (``string`` or
``large_string``); every other column is passed through untouched.

With a cleaner built with templates (``Cleaner(templates=...)``, from
``deboil learn``), each row's site is the host of its ``url_column``
(default ``"url"``; null: the site ``""``), as ``deboil clean --templates
FILE --site-from url``, or its ``site_column`` when one is named.

Needs ``pyarrow`` (``pip install deboil[arrow]``).

>>> import pyarrow as pa, deboil, deboil.arrow
>>> batch = pa.RecordBatch.from_pydict({"id": [1, 2], "text": ["Home\\n", None]})
>>> deboil.arrow.clean_batch(deboil.Cleaner(), batch).column("text").to_pylist()
['', None]
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, TypeVar

import pyarrow as pa

from ._deboil import Cleaner

if TYPE_CHECKING:
    ArrowData = TypeVar("ArrowData", pa.RecordBatch, pa.Table)

__all__ = ["clean_array", "clean_batch", "clean_batches", "STATS_FIELDS"]

#: The columns :func:`clean_batch` adds with ``stats=True`` (all int64).
STATS_FIELDS = ("deboil_lines_dropped", "deboil_bytes_removed")


def clean_array(
    cleaner: Cleaner,
    array: pa.Array | pa.ChunkedArray,
    *,
    urls: Sequence[str | None] | None = None,
    sites: Sequence[str | None] | None = None,
) -> pa.Array | pa.ChunkedArray:
    """Clean every string of ``array``; nulls stay null, the type is kept.

    ``urls`` or ``sites`` (one per row, for a cleaner with templates) are
    passed on to :meth:`deboil.Cleaner.clean_batch`.

    Raises:
        TypeError: the array is not of a string type.
        ValueError: ``urls``/``sites`` not one per row.
    """
    kw = _row_kwargs(len(array), urls, sites)
    if isinstance(array, pa.ChunkedArray):
        chunks, start = [], 0
        for chunk in array.chunks:
            end = start + len(chunk)
            chunks.append(clean_array(cleaner, chunk, **_slice(kw, start, end)))
            start = end
        return pa.chunked_array(chunks, type=array.type)
    _check_string(array.type)
    texts = array.to_pylist()
    if array.null_count == 0:
        return pa.array(cleaner.clean_batch(texts, **kw), type=array.type)
    present = [i for i, t in enumerate(texts) if t is not None]
    cleaned = iter(cleaner.clean_batch([texts[i] for i in present], **_pick(kw, present)))
    return pa.array([None if t is None else next(cleaned) for t in texts], type=array.type)


def _row_kwargs(
    n: int, urls: Sequence[str | None] | None, sites: Sequence[str | None] | None
) -> dict[str, list[str | None]]:
    """``{"urls": [...]}`` or ``{"sites": [...]}`` (or nothing), checked."""
    kw: dict[str, list[str | None]] = {}
    for key, values in (("urls", urls), ("sites", sites)):
        if values is not None:
            kw[key] = list(values)
            if len(kw[key]) != n:
                raise ValueError(f"deboil: {n} rows but {len(kw[key])} {key}")
    return kw


def _slice(kw: dict[str, list[str | None]], start: int, end: int) -> dict[str, list[str | None]]:
    return {k: v[start:end] for k, v in kw.items()}


def _pick(kw: dict[str, list[str | None]], rows: list[int]) -> dict[str, list[str | None]]:
    return {k: [v[i] for i in rows] for k, v in kw.items()}


def _stats_arrays(
    cleaner: Cleaner, array: pa.Array, kw: dict[str, list[str | None]]
) -> tuple[pa.Array, list[pa.Array]]:
    """``clean_array`` plus the :data:`STATS_FIELDS` columns (null for null)."""
    _check_string(array.type)
    texts = array.to_pylist()
    present = [i for i, t in enumerate(texts) if t is not None]
    results = iter(
        cleaner.clean_batch_with_stats([texts[i] for i in present], **_pick(kw, present))
    )
    out: list[str | None] = []
    dropped: list[int | None] = []
    removed: list[int | None] = []
    for t in texts:
        if t is None:
            out.append(None)
            dropped.append(None)
            removed.append(None)
            continue
        text, stats = next(results)
        out.append(text)
        dropped.append(stats["lines_dropped"])
        removed.append(stats["bytes_removed"])
    return pa.array(out, type=array.type), [
        pa.array(dropped, type=pa.int64()),
        pa.array(removed, type=pa.int64()),
    ]


def clean_batch(
    cleaner: Cleaner,
    data: ArrowData,
    column: str = "text",
    output_column: str | None = None,
    stats: bool = False,
    url_column: str | None = "url",
    site_column: str | None = None,
) -> ArrowData:
    """Clean the ``column`` of a ``RecordBatch`` or ``Table``.

    Args:
        cleaner: the :class:`deboil.Cleaner` to use.
        data: a ``pyarrow.RecordBatch`` or ``pyarrow.Table``.
        column: the text column (``string`` or ``large_string``).
        output_column: write the cleaned text to this column instead (added
            at the end, or replaced where it is) and keep the original.
        stats: also add the int64 columns ``deboil_lines_dropped`` and
            ``deboil_bytes_removed`` (UTF-8 bytes).
        url_column: for a cleaner with templates, the column of each row's
            URL (its host is the row's site; null: the site ``""``).
            ``None``: no URLs, every row is of the site ``""``.
        site_column: for a cleaner with templates, a column of sites to use
            as they are, instead of ``url_column``.

    Returns:
        The same kind of object, with the same rows in the same order.

    Raises:
        KeyError: no such column (the text column; with templates, the URL
            or site column).
        TypeError: the column is not a string column (nor, with templates,
            the URL or site column).
    """
    index = data.schema.get_field_index(column)
    if index < 0:
        raise KeyError(f"deboil: no column {column!r} in {data.schema.names}")
    source = data.column(index)
    kw = _site_kwargs(cleaner, data, url_column, site_column)
    if stats:
        if isinstance(source, pa.ChunkedArray):
            pieces, start = [], 0
            for c in source.chunks:
                pieces.append(_stats_arrays(cleaner, c, _slice(kw, start, start + len(c))))
                start += len(c)
            _check_string(source.type)
            cleaned = pa.chunked_array([p[0] for p in pieces], type=source.type)
            extra = [
                pa.chunked_array([p[1][i] for p in pieces], type=pa.int64())
                for i in range(len(STATS_FIELDS))
            ]
        else:
            cleaned, extra = _stats_arrays(cleaner, source, kw)
    else:
        cleaned, extra = clean_array(cleaner, source, **kw), []
    field = data.schema.field(index)
    target = column if output_column is None else output_column
    data = _put(data, target, field.with_name(target), cleaned)
    for name, values in zip(STATS_FIELDS, extra):
        data = _put(data, name, pa.field(name, pa.int64()), values)
    return data


def clean_batches(
    cleaner: Cleaner,
    batches: Iterable[pa.RecordBatch],
    column: str = "text",
    output_column: str | None = None,
    stats: bool = False,
    url_column: str | None = "url",
    site_column: str | None = None,
) -> Iterator[pa.RecordBatch]:
    """:func:`clean_batch` over an iterator of record batches, lazily: the
    function to hand to Spark's ``mapInArrow`` (with the cleaner bound)."""
    for batch in batches:
        yield clean_batch(cleaner, batch, column, output_column, stats, url_column, site_column)


def _site_kwargs(
    cleaner: Cleaner,
    data: pa.RecordBatch | pa.Table,
    url_column: str | None,
    site_column: str | None,
) -> dict[str, list[str | None]]:
    """The ``urls=``/``sites=`` of the rows, for a cleaner with templates."""
    if cleaner.templates is None:
        return {}
    key, name = ("sites", site_column) if site_column is not None else ("urls", url_column)
    if name is None:
        return {}
    index = data.schema.get_field_index(name)
    if index < 0:
        raise KeyError(
            f"deboil: no {key[:-1]} column {name!r} in {data.schema.names} for the cleaner's "
            "templates (url_column=None cleans every row as the site '')"
        )
    values = data.column(index)
    if not pa.types.is_null(values.type):  # all null: no URLs, no sites
        _check_string(values.type, what=f"the {key[:-1]} column {name!r}")
    return {key: values.to_pylist()}


def _put(data: ArrowData, name: str, field: pa.Field, values: object) -> ArrowData:
    """Replace column ``name`` (where it is) or append it (works with any
    pyarrow: older ``RecordBatch`` has no ``set_column``)."""
    fields = list(data.schema)
    arrays = list(data.columns)
    i = data.schema.get_field_index(name)
    if i >= 0:
        fields[i], arrays[i] = field, values
    else:
        fields.append(field)
        arrays.append(values)
    schema = pa.schema(fields, metadata=data.schema.metadata)
    return type(data).from_arrays(arrays, schema=schema)


def _check_string(t: pa.DataType, what: str = "the text column") -> None:
    if not (pa.types.is_string(t) or pa.types.is_large_string(t)):
        raise TypeError(f"deboil: {what} must be string or large_string, not {t}")
