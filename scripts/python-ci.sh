#!/usr/bin/env bash
# Python package CI: build the `deboil` wheel and test it, from scratch.
#
#   1. rustfmt and clippy for the bindings crate (python/, deboil-python);
#   2. the release CLI (target/release/deboil), which the tests compare with;
#   3. a fresh virtual environment under target/python-ci/venv with maturin,
#      pytest, datatrove (+ orjson, which its JSONL reader/writer need) and
#      pyarrow;
#   4. `maturin build --release` of python/ into target/python-ci/wheels;
#   5. the wheel installed into the venv, then pytest on python/tests
#      (run from outside the source tree, so that the installed wheel is
#      what is imported), with DEBOIL_REQUIRE_ENGINES=1 so that a missing
#      pyarrow or datatrove fails instead of skipping.
#
# Exits non-zero on any failure, including pytest collecting no tests
# (pytest's exit 5). Environment: PYTHON (default python3), KEEP_VENV=1 to
# reuse the venv of an earlier run (faster; the wheel is always rebuilt and
# reinstalled), PIP_ARGS (extra pip arguments), PYTEST_ARGS (extra pytest
# arguments).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
PYTHON=${PYTHON:-python3}
WORK=$ROOT/target/python-ci
VENV=$WORK/venv
WHEELS=$WORK/wheels

echo "== python: rustfmt and clippy (deboil-python)"
cargo fmt -p deboil-python -- --check
cargo clippy -p deboil-python --all-targets --locked -- -D warnings

echo "== python: release CLI (for comparison)"
cargo build --release --locked --quiet

echo "== python: virtual environment"
if [[ -z "${KEEP_VENV:-}" || ! -x "$VENV/bin/python" ]]; then
    rm -rf "$VENV"
    "$PYTHON" -m venv "$VENV"
fi
"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check ${PIP_ARGS:-} \
    "maturin>=1.9.4,<2" pytest datatrove orjson pyarrow

echo "== python: maturin build --release"
rm -rf "$WHEELS"
"$VENV/bin/maturin" build --release --locked -m python/Cargo.toml \
    -i "$VENV/bin/python" -o "$WHEELS"
WHEEL=$(ls "$WHEELS"/deboil-*.whl)
echo "built $WHEEL"

echo "== python: install the wheel"
"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --force-reinstall \
    --no-deps "$WHEEL"

echo "== python: pytest"
status=0
(
    cd "$WORK"
    DEBOIL_BIN="$ROOT/target/release/deboil" DEBOIL_REQUIRE_ENGINES=1 \
        "$VENV/bin/python" -m pytest "$ROOT/python/tests" -p no:cacheprovider \
        --rootdir "$ROOT/python/tests" -q ${PYTEST_ARGS:-}
) || status=$?
if [[ $status -eq 5 ]]; then
    echo "error: pytest collected no tests" >&2
    exit 1
fi
exit $status
