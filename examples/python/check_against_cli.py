#!/usr/bin/env python3
"""Check an engine's cleaned JSONL against ``deboil clean`` on the same input.

Runs ``DEBOIL clean --input-format jsonl -q INPUT...`` (JSONL in, the same
JSONL out with each text cleaned; with ``--templates FILE``, also
``--templates FILE --site-from url``, as the engines use templates), then
reads the engine's output -- JSONL files or folders of them,
``.gz``/``.zst`` included -- and compares the text of every record by id. A
record the engine left out counts as missing; that is allowed
(``--allow-skipped-empty``) only where the input text was empty or null, as
datatrove's reader skips those. A missing ``text`` key in the engine's
output reads as ``None`` (Spark and datatrove leave out empty or null
fields) and then equals ``""`` or ``None`` from the CLI.

Exit status 0 when every record matches; prints a one-line summary.

Usage: check_against_cli.py --deboil target/release/deboil --input IN.jsonl
       --output OUT_DIR_OR_FILE [--output ...] [--label spark]
       [--text-field text] [--allow-skipped-empty] [--templates FILE]
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import subprocess
import sys


def read_jsonl_bytes(path: str) -> bytes:
    if path.endswith(".gz"):
        with gzip.open(path, "rb") as f:
            return f.read()
    if path.endswith(".zst"):
        return subprocess.run(["zstd", "-dc", path], check=True, capture_output=True).stdout
    with open(path, "rb") as f:
        return f.read()


def engine_files(path: str) -> list[str]:
    if os.path.isfile(path):
        return [path]
    found = []
    for root, dirs, files in os.walk(path):
        dirs[:] = sorted(d for d in dirs if not d.startswith((".", "_")))
        for name in files:
            if name.startswith((".", "_")) or name.endswith((".crc", ".json.stats")):
                continue
            if ".json" in name or name.startswith("part-") or name.endswith(".gz"):
                found.append(os.path.join(root, name))
    return sorted(found)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--deboil", required=True, help="the deboil binary")
    ap.add_argument("--input", required=True, action="append", help="input JSONL file(s)")
    ap.add_argument("--output", required=True, action="append", help="engine output(s)")
    ap.add_argument("--label", default="engine")
    ap.add_argument("--text-field", default="text")
    ap.add_argument("--allow-skipped-empty", action="store_true")
    ap.add_argument("--templates", help="clean with these `deboil learn` statistics (site: url)")
    args = ap.parse_args()

    inputs = [f for i in args.input for f in engine_files(i)]
    templates = ["--templates", args.templates, "--site-from", "url"] if args.templates else []
    cli = subprocess.run(
        [args.deboil, "clean", "--input-format", "jsonl", "-q", *templates, *inputs],
        check=False,
        capture_output=True,
    )
    if cli.returncode not in (0, 1):  # 1: some record (a null text) was reported
        sys.stderr.write(cli.stderr.decode(errors="replace"))
        print(f"{args.label}: deboil clean failed with exit {cli.returncode}")
        return 2
    expected: dict[str, object] = {}
    original: dict[str, object] = {}
    for raw in b"".join(read_jsonl_bytes(p) for p in inputs).splitlines():
        if raw.strip():
            rec = json.loads(raw)
            original[rec["id"]] = rec.get(args.text_field)
    for raw in cli.stdout.splitlines():
        if raw.strip():
            rec = json.loads(raw)
            expected[rec["id"]] = rec.get(args.text_field)

    got: dict[str, object] = {}
    files = [f for o in args.output for f in engine_files(o)]
    for path in files:
        for raw in read_jsonl_bytes(path).splitlines():
            if raw.strip():
                rec = json.loads(raw)
                if rec["id"] in got:
                    print(f"{args.label}: duplicate id {rec['id']!r} in {path}")
                    return 1
                got[rec["id"]] = rec.get(args.text_field)

    equal = mismatched = skipped = missing = 0
    for key, want in expected.items():
        if key not in got:
            if args.allow_skipped_empty and not original.get(key):
                skipped += 1
            else:
                missing += 1
                print(f"{args.label}: missing record {key!r}")
            continue
        have = got[key]
        if have == want or (have is None and want in ("", None)):
            equal += 1
        else:
            mismatched += 1
            if mismatched <= 5:
                print(f"{args.label}: record {key!r} differs from the CLI's output")
    extra = len(set(got) - set(expected))
    total_bytes = sum(len(str(t).encode()) for t in original.values() if t)
    ok = mismatched == 0 and missing == 0 and extra == 0 and equal > 0
    print(
        f"{args.label}: {equal} records equal to the CLI's, {mismatched} different, "
        f"{missing} missing, {skipped} skipped (empty input), {extra} extra; "
        f"{len(files)} output files, {total_bytes / 1e6:.2f} MB of input text: "
        + ("OK" if ok else "FAILED")
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
