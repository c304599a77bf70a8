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
