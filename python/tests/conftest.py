"""Shared fixtures: the repository, the release CLI, corpus files.

The tests run against the *installed* ``deboil`` wheel (``scripts/python-ci.sh``
builds it and installs it into a fresh virtual environment) and compare it
with the release CLI, ``target/release/deboil`` (or ``$DEBOIL_BIN``).

``DEBOIL_REQUIRE_ENGINES=1`` (set by the CI script) turns a missing optional
dependency (pyarrow, datatrove) into a failure instead of a skip.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CORPUS_INPUTS = sorted((ROOT / "corpus").glob("**/*.input.txt"))


def require(module: str):
    """Import ``module``, skipping the test if it is missing (failing under
    ``DEBOIL_REQUIRE_ENGINES=1``)."""
    if os.environ.get("DEBOIL_REQUIRE_ENGINES") == "1":
        return __import__(module)
    return pytest.importorskip(module)


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def deboil_bin() -> Path:
    path = Path(os.environ.get("DEBOIL_BIN", ROOT / "target" / "release" / "deboil"))
    if not path.is_file():
        pytest.fail(f"no deboil CLI at {path}: run `cargo build --release` (or set DEBOIL_BIN)")
    return path


@pytest.fixture(scope="session")
def cli_clean(deboil_bin: Path):
    """``cli_clean(path) -> bytes``: what ``deboil clean PATH`` writes."""
    cache: dict[Path, bytes] = {}

    def run(path: Path) -> bytes:
        if path not in cache:
            done = subprocess.run(
                [str(deboil_bin), "clean", str(path)], capture_output=True, check=True
            )
            cache[path] = done.stdout
        return cache[path]

    return run


# ---------------------------------------------------------------------------
# A small multi-site JSONL batch for the template tests.

WORDS = (
    "council budget school river bridge market harvest winter museum library station "
    "festival hospital teacher farmer village harbour mayor railway garden orchestra "
    "election weather bakery factory student island mountain theatre clinic"
).split()
VERBS = "approved discussed opened closed visited praised delayed funded rebuilt announced".split()


def _sentence(rng, n: int) -> str:
    words = [rng.choice(WORDS if i % 3 else VERBS) for i in range(n)]
    return " ".join(words).capitalize() + "."


def _article(rng, paragraphs: int) -> list[str]:
    return [
        " ".join(_sentence(rng, rng.randint(12, 20)) for _ in range(rng.randint(2, 3)))
        for _ in range(paragraphs)
    ]


# Sites: (URL variants, pages, template lines at the top, at the bottom).
SITES = {
    "news": (
        ["https://news.example.org/world/{i}", "https://www.News.Example.org:443/p?id={i}"],
        8,
        ["Home | World | Business | Sport", "Springfield Gazette"],
        [
            "The Springfield Gazette is an independent newspaper that has served the "
            "valley and its villages every morning since the winter of 1921.",
            "Contact the newsroom",
            "Subscribe to the morning briefing",
        ],
    ),
    "blog": (
        ["http://user@blog.example.com/posts/{i}#top"],
        5,
        ["Mary's garden diary", "Posted in Gardening"],
        ["Older posts", "Read more about raised beds and seasonal planting"],
    ),
    "tiny": (["https://tiny.example.net/{i}"], 2, ["Tiny site header"], ["Tiny footer line"]),
    # No URL: no site (missing field, null, or not a string).
    "": ([None], 4, ["Archive copy", "Local archive index"], ["End of archived page"]),
}


def make_site_batch(path: Path, seed: int, pages_scale: int = 1) -> list[dict]:
    """Write a JSONL batch of multi-page sites to ``path``; returns its records."""
    import json
    import random

    rng = random.Random(seed)
    records = []
    for name, (urls, pages, top, bottom) in SITES.items():
        for i in range(pages * pages_scale):
            lines = top + [""] + _article(rng, rng.randint(2, 4)) + [""] + bottom
            rec: dict = {"id": f"{name or 'nourl'}-{seed}-{i}"}
            url = urls[i % len(urls)]
            if url is not None:
                rec["url"] = url.format(i=i)
            elif i % 3 == 1:
                rec["url"] = None
            elif i % 3 == 2:
                rec["url"] = 42
            end = "\r\n" if i == 1 else "\n"
            rec["text"] = end.join(lines) + end
            records.append(rec)
    rng.shuffle(records)
    with path.open("w", encoding="utf-8") as f:
        for rec in records:
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")
    return records


@pytest.fixture(scope="session")
def site_batch(tmp_path_factory, deboil_bin: Path) -> dict:
    """A learned batch: ``batch`` (JSONL learned from), ``unseen`` (pages of
    the same and of unknown sites, not learned from), their ``records``, and
    the statistics files ``exact`` and ``sketch`` from the real ``deboil
    learn --site-from url``."""
    d = tmp_path_factory.mktemp("sites")
    batch, unseen = d / "batch.jsonl", d / "unseen.jsonl"
    records = {"batch": make_site_batch(batch, seed=1), "unseen": make_site_batch(unseen, seed=2)}
    # Pages of a site the statistics do not know.
    extra = make_site_batch(d / "other.jsonl", seed=3)
    with unseen.open("a", encoding="utf-8") as f:
        import json

        for rec in extra[:5]:
            rec = dict(rec, id="other-" + rec["id"], url=f"https://unknown.example/{rec['id']}")
            f.write(json.dumps(rec) + "\n")
            records["unseen"].append(rec)
    out = {"dir": d, "batch": batch, "unseen": unseen, "records": records}
    for name, extra_args in (("exact", []), ("sketch", ["--template-memory", "1K"])):
        out[name] = d / f"{name}.bin"
        subprocess.run(
            [str(deboil_bin), "learn", str(batch), "-o", str(out[name]), "--site-from", "url"]
            + extra_args,
            check=True,
            capture_output=True,
        )
    return out


def cli_clean_jsonl(deboil_bin: Path, path: Path, *args: str) -> list:
    """The cleaned ``text`` of each record of ``path``, by ``deboil clean``
    (JSONL in, the same records out)."""
    import json

    done = subprocess.run(
        [str(deboil_bin), "clean", "--input-format", "jsonl", "-q", str(path), *args],
        capture_output=True,
        check=True,
    )
    return [json.loads(line)["text"] for line in done.stdout.splitlines()]


def cli_explain_jsonl(deboil_bin: Path, path: Path, *args: str) -> dict:
    """``deboil clean --explain`` records of ``path``, by record number."""
    import json

    done = subprocess.run(
        [str(deboil_bin), "clean", "--input-format", "jsonl", "-q", "--explain", str(path), *args],
        capture_output=True,
        check=True,
    )
    by_record: dict = {}
    for line in done.stdout.splitlines():
        rec = json.loads(line)
        by_record.setdefault(rec["record"], []).append(rec)
    return by_record
