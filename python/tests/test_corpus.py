"""The Python API cleans exactly as the CLI does, on the whole corpus."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

import deboil
from conftest import CORPUS_INPUTS

IDS = [str(p.relative_to(p.parents[1])) for p in CORPUS_INPUTS]


def test_corpus_is_there() -> None:
    assert len(CORPUS_INPUTS) >= 50, "corpus/**/*.input.txt not found"


@pytest.fixture(scope="module")
def cleaner() -> deboil.Cleaner:
    return deboil.Cleaner()


@pytest.mark.parametrize("path", CORPUS_INPUTS, ids=IDS)
def test_clean_equals_cli(path: Path, cleaner: deboil.Cleaner, cli_clean) -> None:
    raw = path.read_bytes()
    want = cli_clean(path)
    # str in, str out: the cleaned UTF-8, line ends (CRLF, lone CR) kept.
    assert cleaner.clean(raw.decode("utf-8")).encode("utf-8") == want
    # bytes in, bytes out.
    assert cleaner.clean(raw) == want
    # The module-level shortcut uses the same defaults.
    assert deboil.clean(raw) == want


def test_clean_batch_equals_clean(cleaner: deboil.Cleaner) -> None:
    texts = [p.read_bytes().decode("utf-8") for p in CORPUS_INPUTS]
    # Repeat so that the batch is larger than the thread count many times over.
    batch = texts * 5
    one_by_one = [cleaner.clean(t) for t in batch]
    assert cleaner.clean_batch(batch) == one_by_one
    assert deboil.Cleaner(threads=1).clean_batch(batch) == one_by_one
    assert deboil.Cleaner(threads=3).clean_batch(iter(batch)) == one_by_one
    assert cleaner.clean_batch([t.encode() for t in batch]) == [t.encode() for t in one_by_one]
    pairs = cleaner.clean_batch_with_stats(batch)
    assert [text for text, _ in pairs] == one_by_one
    assert cleaner.clean_batch([]) == []


@pytest.mark.parametrize("path", CORPUS_INPUTS[:: max(1, len(CORPUS_INPUTS) // 12)])
def test_explain_equals_cli_explain(path: Path, deboil_bin: Path, cleaner: deboil.Cleaner) -> None:
    done = subprocess.run(
        [str(deboil_bin), "clean", "--explain", str(path)], capture_output=True, check=True
    )
    cli = [json.loads(line) for line in done.stdout.splitlines()]
    ours = cleaner.explain(path.read_bytes().decode("utf-8"))
    assert len(ours) == len(cli)
    for mine, theirs in zip(ours, cli):
        assert mine["line"] == theirs["line"]
        assert mine["keep"] == theirs["keep"]
        assert mine["label"] == theirs["label"]
        assert mine["rule"].split("@")[0] == theirs["rule"]
        assert mine["ref"] == theirs["ref"]
        if mine["ref"] is not None:
            assert mine["rule"] == f"{theirs['rule']}@{theirs['ref']}"
        assert mine["score"] == theirs["score"]
        assert mine["text"] == theirs["text"]


@pytest.mark.parametrize("path", CORPUS_INPUTS[:: max(1, len(CORPUS_INPUTS) // 12)])
def test_stats_agree_with_explain(path: Path, cleaner: deboil.Cleaner) -> None:
    text = path.read_bytes().decode("utf-8")
    cleaned, stats = cleaner.clean_with_stats(text)
    assert cleaned == cleaner.clean(text)
    lines = cleaner.explain(text)
    dropped: dict[str, int] = {}
    for line in lines:
        if not line["keep"]:
            dropped[line["label"]] = dropped.get(line["label"], 0) + 1
    assert stats["dropped"] == dropped
    assert stats["lines"] == len(lines)
    assert stats["lines_kept"] == sum(line["keep"] for line in lines)
    assert stats["lines_dropped"] == stats["lines"] - stats["lines_kept"]
    assert stats["bytes"] == len(text.encode())
    assert stats["bytes_kept"] == len(cleaned.encode())
    assert stats["bytes_removed"] == stats["bytes"] - stats["bytes_kept"]
    assert set(stats["dropped"]) <= set(deboil.LABELS)
