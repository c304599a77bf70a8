"""deboil.arrow: Arrow columns cleaned as clean_batch would, nulls kept."""

from __future__ import annotations

import doctest

import pytest

import deboil
from conftest import CORPUS_INPUTS, require

pa = require("pyarrow")

import deboil.arrow as arrow  # noqa: E402

TEXTS = [p.read_bytes().decode("utf-8") for p in CORPUS_INPUTS]


@pytest.fixture(scope="module")
def cleaner() -> deboil.Cleaner:
    return deboil.Cleaner()


@pytest.mark.parametrize("type_", ["string", "large_string"])
def test_record_batch(cleaner: deboil.Cleaner, type_: str) -> None:
    texts = TEXTS + [None, ""]
    batch = pa.RecordBatch.from_pydict(
        {"id": list(range(len(texts))), "text": pa.array(texts, type=getattr(pa, type_)())}
    )
    out = arrow.clean_batch(cleaner, batch)
    assert isinstance(out, pa.RecordBatch)
    assert out.schema == batch.schema
    assert out.column("id").to_pylist() == batch.column("id").to_pylist()
    want = cleaner.clean_batch(TEXTS) + [None, ""]
    assert out.column("text").to_pylist() == want


def test_table_chunked_output_column_and_stats(cleaner: deboil.Cleaner) -> None:
    half = len(TEXTS) // 2
    table = pa.Table.from_batches(
        [
            pa.RecordBatch.from_pydict({"body": TEXTS[:half]}),
            pa.RecordBatch.from_pydict({"body": TEXTS[half:] + [None]}),
        ]
    )
    out = arrow.clean_batch(cleaner, table, column="body", output_column="clean", stats=True)
    assert isinstance(out, pa.Table)
    assert out.column_names == ["body", "clean", *arrow.STATS_FIELDS]
    assert out.column("body").to_pylist() == TEXTS + [None]
    assert out.column("clean").to_pylist() == cleaner.clean_batch(TEXTS) + [None]
    removed = out.column("deboil_bytes_removed").to_pylist()
    stats = [s for _, s in cleaner.clean_batch_with_stats(TEXTS)]
    assert removed == [s["bytes_removed"] for s in stats] + [None]
    dropped = out.column("deboil_lines_dropped").to_pylist()
    assert dropped == [s["lines_dropped"] for s in stats] + [None]


def test_clean_batches_is_lazy_and_ordered(cleaner: deboil.Cleaner) -> None:
    batches = [pa.RecordBatch.from_pydict({"text": [t]}) for t in TEXTS[:5]]
    out = arrow.clean_batches(cleaner, iter(batches))
    assert not isinstance(out, list)
    assert [b.column("text")[0].as_py() for b in out] == cleaner.clean_batch(TEXTS[:5])


def test_errors(cleaner: deboil.Cleaner) -> None:
    batch = pa.RecordBatch.from_pydict({"n": [1, 2]})
    with pytest.raises(KeyError, match="text"):
        arrow.clean_batch(cleaner, batch)
    with pytest.raises(TypeError, match="string"):
        arrow.clean_batch(cleaner, batch, column="n")


def test_docstring_examples() -> None:
    failures, tried = doctest.testmod(arrow)
    assert tried > 0 and failures == 0
