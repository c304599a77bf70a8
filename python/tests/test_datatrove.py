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


def _documents(records: list[dict]) -> list:
    """Documents as datatrove's JsonlReader makes them: the record's other
    fields (``url``...) in the metadata."""
    return [
        Document(
            text=r["text"],
            id=r["id"],
            metadata={k: v for k, v in r.items() if k not in ("text", "id")},
        )
        for r in records
    ]


def test_step_with_templates_equals_the_cli(site_batch: dict, deboil_bin: Path) -> None:
    from conftest import cli_clean_jsonl

    path = site_batch["exact"]
    for part in ("batch", "unseen"):
        want = cli_clean_jsonl(
            deboil_bin, site_batch[part], "--templates", str(path), "--site-from", "url"
        )
        for templates in (str(path), path, deboil.Templates.load(path), f"file://{path}"):
            step = DeboilCleaner(templates=templates, batch_size=7)
            out = list(step.run(iter(_documents(site_batch["records"][part]))))
            assert [d.text for d in out] == want, (part, templates)
    # Without templates the step is the plain cleaner.
    docs = _documents(site_batch["records"]["batch"])
    plain = [d.text for d in DeboilCleaner().run(iter(docs))]
    assert plain == cli_clean_jsonl(deboil_bin, site_batch["batch"])
    # Another metadata key for the URL.
    docs = _documents(site_batch["records"]["batch"])
    for d in docs:
        d.metadata["link"] = d.metadata.pop("url", None)
    step = DeboilCleaner(templates=path, url_key="link")
    assert [d.text for d in step.run(iter(docs))] == cli_clean_jsonl(
        deboil_bin, site_batch["batch"], "--templates", str(path), "--site-from", "url"
    )


def test_step_with_templates_pickles_the_path(site_batch: dict, tmp_path: Path) -> None:
    import pickle

    import dill
    import pytest

    path = tmp_path / "t.bin"
    path.write_bytes(Path(site_batch["exact"]).read_bytes())
    step = DeboilCleaner(templates=str(path), strictness="recall")
    state = pickle.dumps(step)
    assert len(state) < 4096  # the path, not the statistics
    copy = dill.loads(dill.dumps(step))
    assert copy._cleaner is None and copy.cleaner == step.cleaner
    assert copy.cleaner.templates.path == str(path)
    # A bad file fails at construction, on the driver.
    path.write_bytes(b"not templates")
    with pytest.raises(ValueError, match="magic"):
        DeboilCleaner(templates=str(path))
    with pytest.raises(FileNotFoundError):
        DeboilCleaner(templates=str(tmp_path / "missing.bin"))


def test_recipe_with_templates_equals_cli(root: Path, deboil_bin: Path, tmp_path: Path) -> None:
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
    # A few multi-page sites besides the corpus copies (all of example.com).
    from conftest import make_site_batch

    make_site_batch(data / "sites.jsonl", seed=5)
    templates = tmp_path / "templates.bin"
    subprocess.run(
        [deboil_bin, "learn", data, "--site-from", "url", "-q", "-o", templates], check=True
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
            "--templates",
            templates,
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
            "datatrove-templates",
            "--allow-skipped-empty",
            "--templates",
            templates,
        ],
        capture_output=True,
        text=True,
    )
    print(check.stdout)
    assert check.returncode == 0, check.stdout + check.stderr
    # The check is against the templated CLI, which differs from the plain one.
    plain = subprocess.run(
        [
            sys.executable,
            examples / "python" / "check_against_cli.py",
            "--deboil",
            deboil_bin,
            "--input",
            data,
            "--output",
            out,
            "--allow-skipped-empty",
        ],
        capture_output=True,
        text=True,
    )
    assert plain.returncode == 1 and "different" in plain.stdout
