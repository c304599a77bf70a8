"""The package under test is the installed wheel, with its stubs."""

from __future__ import annotations

from pathlib import Path

import deboil
from deboil import _deboil


def test_imported_from_an_installed_wheel(root: Path) -> None:
    here = Path(deboil.__file__).resolve()
    assert root / "python" not in here.parents, f"deboil imported from the source tree: {here}"
    assert "site-packages" in here.parts


def test_wheel_ships_type_stubs() -> None:
    package = Path(deboil.__file__).parent
    assert (package / "py.typed").is_file()
    assert (package / "_deboil.pyi").is_file()


def test_abi3_extension() -> None:
    assert ".abi3." in Path(_deboil.__file__).name


def test_version() -> None:
    assert deboil.__version__ == "0.1.0"
