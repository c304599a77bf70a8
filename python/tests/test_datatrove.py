"""The datatrove step, and the datatrove recipe run end to end against the CLI."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import deboil
from conftest import require

require("datatrove")
require("orjson")

from datatrove.data import Document  # noqa: E402

from deboil.datatrove import DeboilCleaner  # noqa: E402

PROSE = (
    "The council approved the new budget on Tuesday after a long debate about school "
    "funding, which had divided the members of the council for months.\n"
)


def test_step_cleans_and_records_metadata() -> None:
    docs = [
        Document(text="Home | News\nShare this\n" + PROSE, id="a"),
        Document(text="Home\nMenu\n", id="b"),
    ]
    step = DeboilCleaner(batch_size=2)
    out = list(step.run(iter(docs)))
    assert [d.id for d in out] == ["a", "b"]
    assert out[0].text == PROSE and out[1].text == ""
    meta = out[0].metadata["deboil"]
    assert meta["lines"] == 3 and meta["lines_kept"] == 1
    assert meta["bytes_removed"] == len("Home | News\nShare this\n")
    assert set(meta["lines_dropped"]) == set(deboil.LABELS)
    assert sum(meta["lines_dropped"].values()) == 2
    assert step.stats["deboil_bytes_removed"].total == meta["bytes_removed"] + len("Home\nMenu\n")


def test_step_drop_empty_and_options() -> None:
    docs = [Document(text="Home\nMenu\n", id="b"), Document(text=PROSE, id="c")]
    step = DeboilCleaner(drop_empty=True, metadata_key=None, strictness="precision", threads=1)
    out = list(step.run(iter(docs)))
    assert [d.id for d in out] == ["c"] and out[0].metadata == {}
    assert step.stats["dropped"].total == 1


def test_step_rejects_bad_options_early() -> None:
    import pytest

    with pytest.raises(ValueError, match="strictness"):
        DeboilCleaner(strictness="loose")


def test_step_pickles_without_its_cleaner() -> None:
    import pickle

    step = DeboilCleaner(strictness="recall")
    assert step.cleaner is not None  # built
    copy = pickle.loads(pickle.dumps(step))
    assert copy._cleaner is None
    assert copy.cleaner == step.cleaner


def test_pipeline_pickles_with_dill_as_slurm_does() -> None:
    """SlurmPipelineExecutor ships the pipeline to the nodes with dill."""
    import dill

    step = DeboilCleaner(strictness="precision", threads=1)
    copy = dill.loads(dill.dumps([step]))[0]
    docs = [Document(text="Home\n" + PROSE, id="a")]
    assert [d.text for d in copy.run(iter(docs))] == [PROSE]


def test_recipe_end_to_end_equals_cli(root: Path, deboil_bin: Path, tmp_path: Path) -> None:
    examples = root / "examples"
    data = tmp_path / "in"
    subprocess.run(
        [
            sys.executable,
            examples / "python" / "gen_jsonl.py",
            data,
            "--shards",
            "3",
            "--copies",
            "2",
            "--corpus",
            root / "corpus",
        ],
        check=True,
    )
    out = tmp_path / "out"
    subprocess.run(
        [
            sys.executable,
            examples / "datatrove" / "clean_jsonl.py",
            data,
            out,
            "--tasks",
            "3",
            "--workers",
            "2",
            "--logging-dir",
            tmp_path / "logs",
        ],
        check=True,
        capture_output=True,
    )
    check = subprocess.run(
        [
            sys.executable,
            examples / "python" / "check_against_cli.py",
            "--deboil",
            deboil_bin,
            "--input",
            data,
            "--output",
            out,
            "--label",
            "datatrove",
            "--allow-skipped-empty",
        ],
        capture_output=True,
        text=True,
    )
    print(check.stdout)
    assert check.returncode == 0, check.stdout + check.stderr
    assert "OK" in check.stdout

    # Metadata: what was removed is what the input had more.
    inputs = {}
    for f in data.glob("*.jsonl"):
        for line in f.read_text(encoding="utf-8").splitlines():
            rec = json.loads(line)
            inputs[rec["id"]] = rec["text"]
    n = 0
    for f in out.glob("*.jsonl"):
        for line in f.read_text(encoding="utf-8").splitlines():
            rec = json.loads(line)
            meta = rec["metadata"]["deboil"]
            before = len(inputs[rec["id"]].encode())
            after = len(rec.get("text", "").encode())
            assert meta["bytes_removed"] == before - after
            n += 1
    assert n == len(inputs) - 1  # the empty document is skipped by the reader


def test_checker_notices_a_difference(root: Path, deboil_bin: Path, tmp_path: Path) -> None:
    """The comparison used by every recipe fails when a text differs."""
    data = tmp_path / "in.jsonl"
    data.write_text(json.dumps({"id": "x", "text": "Home\n" + PROSE}) + "\n", encoding="utf-8")
    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps({"id": "x", "text": "Home\n" + PROSE}) + "\n", encoding="utf-8")
    check = subprocess.run(
        [
            sys.executable,
            root / "examples" / "python" / "check_against_cli.py",
            "--deboil",
            deboil_bin,
            "--input",
            data,
            "--output",
            bad,
        ],
        capture_output=True,
        text=True,
    )
    assert check.returncode == 1 and "FAILED" in check.stdout
