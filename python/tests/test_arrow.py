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


def test_templates_take_the_site_from_the_url_column(site_batch: dict, deboil_bin) -> None:
    from conftest import cli_clean_jsonl

    records = site_batch["records"]["unseen"]
    want = cli_clean_jsonl(
        deboil_bin,
        site_batch["unseen"],
        "--templates",
        str(site_batch["exact"]),
        "--site-from",
        "url",
    )
    texts = [r["text"] for r in records]
    urls = [r.get("url") if isinstance(r.get("url"), str) else None for r in records]
    cleaner = deboil.Cleaner(templates=site_batch["exact"])
    # With a null text in the middle, and the rows in two chunks.
    texts_n, urls_n = texts[:3] + [None] + texts[3:], urls[:3] + ["https://x/"] + urls[3:]
    half = len(texts_n) // 2
    table = pa.Table.from_batches(
        [
            pa.RecordBatch.from_pydict({"text": texts_n[:half], "url": urls_n[:half]}),
            pa.RecordBatch.from_pydict({"text": texts_n[half:], "url": urls_n[half:]}),
        ]
    )
    want_n = want[:3] + [None] + want[3:]
    for stats in (False, True):
        out = arrow.clean_batch(cleaner, table, stats=stats)
        assert out.column("text").to_pylist() == want_n
        assert out.column("url").to_pylist() == urls_n
        batch = pa.RecordBatch.from_pydict({"text": texts_n, "url": urls_n})
        assert arrow.clean_batch(cleaner, batch, stats=stats).column("text").to_pylist() == want_n
    # Sites as they are, from another column.
    sites = [deboil.url_host(u) if u else None for u in urls_n]
    batch = pa.RecordBatch.from_pydict({"text": texts_n, "host": sites})
    out = arrow.clean_batch(cleaner, batch, url_column=None, site_column="host")
    assert out.column("text").to_pylist() == want_n
    # No URL column: an error, unless no row is meant to have a site ("").
    plain = pa.RecordBatch.from_pydict({"text": texts})
    with pytest.raises(KeyError, match="url_column=None"):
        arrow.clean_batch(cleaner, plain)
    out = arrow.clean_batch(cleaner, plain, url_column=None)
    assert out.column("text").to_pylist() == [cleaner.clean(t, site="") for t in texts]
    # An all-null URL column is no URLs.
    nulls = pa.RecordBatch.from_pydict({"text": texts, "url": pa.nulls(len(texts))})
    assert arrow.clean_batch(cleaner, nulls).column("text").to_pylist() == (
        out.column("text").to_pylist()
    )
    with pytest.raises(TypeError, match="url column"):
        arrow.clean_batch(
            cleaner, pa.RecordBatch.from_pydict({"text": texts, "url": list(range(len(texts)))})
        )
    # Without templates the URL column is not read.
    assert arrow.clean_batch(deboil.Cleaner(), plain).column("text").to_pylist() == (
        deboil.Cleaner().clean_batch(texts)
    )
    with pytest.raises(ValueError, match="rows but"):
        arrow.clean_array(cleaner, pa.array(texts), urls=urls[:2])
