#!/bin/sh
# Cross-validated figures of the learned re-scorer experiment (docs/learned.md).
#
#   scripts/train/cv.sh            # needs ../shared/devset and ../shared/devset-multi
#
# Builds the `learned` example, creates a venv under target/ with numpy,
# scikit-learn and lightgbm, dumps the per-line inputs and labels of both dev
# sets (read from ../shared, never copied into the repository) and prints the
# table. Runs niced; about two minutes on two cores.
set -eu
cd "$(dirname "$0")/../.."
SHARED=${DEBOIL_SHARED:-../shared}
VENV=target/venv-learn
if [ ! -x "$VENV/bin/python" ]; then
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install -q -r scripts/train/requirements.txt
fi
nice cargo build --release --example learned
mkdir -p target/learn
./target/release/examples/learned dump "$SHARED/devset" "$SHARED/devset-multi" > target/learn/lines.tsv
DEBOIL_SHARED="$SHARED" nice "$VENV/bin/python" scripts/train/cv.py target/learn/lines.tsv
