#!/usr/bin/env python3
"""Validate deboil's bundled lexicon files (standard library only).

Checks
  stopwords/<code>.txt  one entry per line, UTF-8 (no BOM), NFC, lower-case,
                        no blank lines, no comments, no whitespace inside an
                        entry, no duplicates, a file for every language;
                        zh: single CJK characters only.
  markers.tsv           header `kind<TAB>anchor<TAB>phrase`; `#` lines are
                        comments; every other row has exactly 3 columns, a
                        known kind and anchor, a non-empty NFC lower-case
                        phrase with single spaces; no duplicate
                        (kind, anchor, phrase) rows; `line` phrases must not
                        end in characters the matcher strips from lines.

Usage: python3 src/lexicon/check_lexicon.py [LEXICON_DIR]
Exit status 0 when there are no errors (warnings do not fail the check).
"""

import collections
import os
import sys
import unicodedata

LANGS = "en de fr es pt it nl pl ru uk tr sv da nb fi cs hu ro zh hi bn ar fa he el id vi ja ko bg sk hr sr sl ca lt lv mk ur".split()
KINDS = (
    "latest popular readmore related share subscribe credit advert comments "
    "cookie legal copyright tags nav prevnext here theme recap end byline"
).split()
ANCHORS = ("line", "start", "any")
HEADER = "kind\tanchor\tphrase"
# The matcher trims these from the end of a line before comparing, so a
# `line` phrase ending in one of them could never match.
LINE_STRIPPED_TAIL = ":：»›…>|-–—•·"
# Soft size expectations for the stoplists (warn outside).
STOP_MIN, STOP_MAX = 150, 250
ZH_MIN, ZH_MAX = 80, 200
# Lists that spell every word in two scripts (Serbian: Latin and Cyrillic).
TWO_SCRIPT_LANGS = ("sr",)


class Report:
    def __init__(self):
        self.errors = []
        self.warnings = []

    def error(self, where, msg):
        self.errors.append(f"ERROR {where}: {msg}")

    def warn(self, where, msg):
        self.warnings.append(f"warning {where}: {msg}")


def read_lines(path, rep):
    """Return the file's lines (without newline) or None after an error."""
    try:
        raw = open(path, "rb").read()
    except OSError as e:
        rep.error(path, f"cannot read: {e}")
        return None
    if raw.startswith(b"\xef\xbb\xbf"):
        rep.error(path, "starts with a UTF-8 BOM")
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        rep.error(path, f"not valid UTF-8: {e}")
        return None
    if "\r" in text:
        rep.error(path, "contains carriage returns (use LF line endings)")
        text = text.replace("\r", "")
    if text and not text.endswith("\n"):
        rep.warn(path, "no final newline")
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return lines


def is_cjk(ch):
    cp = ord(ch)
    return (
        0x4E00 <= cp <= 0x9FFF
        or 0x3400 <= cp <= 0x4DBF
        or 0xF900 <= cp <= 0xFAFF
        or 0x20000 <= cp <= 0x2FFFF
    )


def check_stopwords(root, rep, sizes):
    sdir = os.path.join(root, "stopwords")
    if not os.path.isdir(sdir):
        rep.error(sdir, "missing directory")
        return
    present = {f[:-4] for f in os.listdir(sdir) if f.endswith(".txt")}
    for extra in sorted(present - set(LANGS)):
        rep.warn(os.path.join(sdir, extra + ".txt"), "language not in the expected list")
    for code in LANGS:
        path = os.path.join(sdir, code + ".txt")
        if code not in present:
            rep.error(path, "missing stoplist")
            continue
        lines = read_lines(path, rep)
        if lines is None:
            continue
        seen = {}
        for n, w in enumerate(lines, 1):
            where = f"{path}:{n}"
            if w == "":
                rep.error(where, "blank line")
                continue
            if w.startswith("#"):
                rep.error(where, "comment lines are not allowed in stoplists")
                continue
            if w != w.strip() or any(c.isspace() for c in w):
                rep.error(where, f"whitespace in entry {w!r}")
            if w != w.lower():
                rep.error(where, f"not lower-case: {w!r}")
            if unicodedata.normalize("NFC", w) != w:
                rep.error(where, f"not NFC-normalised: {w!r}")
            if code == "zh":
                if len(w) != 1 or not is_cjk(w):
                    rep.error(where, f"zh entries must be single CJK characters: {w!r}")
            elif not any(c.isalpha() for c in w):
                rep.error(where, f"entry has no letters: {w!r}")
            if w in seen:
                rep.error(where, f"duplicate of line {seen[w]}: {w!r}")
            else:
                seen[w] = n
        sizes[code] = len(seen)
        lo, hi = (ZH_MIN, ZH_MAX) if code == "zh" else (STOP_MIN, STOP_MAX)
        if code in TWO_SCRIPT_LANGS:
            hi *= 2
        if not seen:
            rep.error(path, "empty stoplist")
        elif not lo <= len(seen) <= hi:
            rep.warn(path, f"{len(seen)} entries (expected about {lo}-{hi})")


def check_markers(root, rep, counts):
    path = os.path.join(root, "markers.tsv")
    lines = read_lines(path, rep)
    if lines is None:
        return
    if not lines or lines[0] != HEADER:
        rep.error(f"{path}:1", f"header must be {HEADER!r}")
    seen = {}
    kinds_of = collections.defaultdict(set)
    for n, row in enumerate(lines[1:], 2):
        where = f"{path}:{n}"
        if row.startswith("#"):
            continue
        if row.strip() == "":
            rep.error(where, "blank line (use a # comment to separate groups)")
            continue
        cols = row.split("\t")
        if len(cols) != 3:
            rep.error(where, f"expected 3 tab-separated columns, got {len(cols)}")
            continue
        kind, anchor, phrase = cols
        if kind not in KINDS:
            rep.error(where, f"unknown kind {kind!r}")
        if anchor not in ANCHORS:
            rep.error(where, f"unknown anchor {anchor!r}")
        if phrase == "":
            rep.error(where, "empty phrase")
            continue
        if phrase != phrase.strip():
            rep.error(where, f"leading/trailing whitespace in {phrase!r}")
        if "  " in phrase or any(c.isspace() and c != " " for c in phrase):
            rep.error(where, f"phrase must use single spaces: {phrase!r}")
        if phrase != phrase.lower():
            rep.error(where, f"phrase not lower-case: {phrase!r}")
        if unicodedata.normalize("NFC", phrase) != phrase:
            rep.error(where, f"phrase not NFC-normalised: {phrase!r}")
        if anchor == "line" and phrase[-1] in LINE_STRIPPED_TAIL:
            rep.error(where, f"line-anchored phrase ends in a character the matcher strips: {phrase!r}")
        if anchor == "any" and len(phrase) < 3 and not any(is_cjk(c) for c in phrase) and phrase not in ("©", "℗"):
            rep.warn(where, f"very short any-anchored phrase {phrase!r}")
        key = (kind, anchor, phrase)
        if key in seen:
            rep.error(where, f"duplicate of line {seen[key]}: {kind} {anchor} {phrase!r}")
            continue
        seen[key] = n
        kinds_of[(anchor, phrase)].add(kind)
        counts[(kind, anchor)] += 1
    for kind in KINDS:
        if not any(k == kind for k, _ in counts):
            rep.error(path, f"no rows for kind {kind!r}")
    multi = sorted((a, p, sorted(ks)) for (a, p), ks in kinds_of.items() if len(ks) > 1)
    if multi:
        rep.warn(path, f"{len(multi)} (anchor, phrase) pairs appear under several kinds, e.g. "
                 + "; ".join(f"{a} {p!r} {'/'.join(ks)}" for a, p, ks in multi[:5]))


def main(argv):
    root = argv[1] if len(argv) > 1 else os.path.dirname(os.path.abspath(__file__))
    rep = Report()
    sizes = {}
    counts = collections.Counter()
    check_stopwords(root, rep, sizes)
    check_markers(root, rep, counts)

    print("stoplists:", " ".join(f"{c}={sizes.get(c, 0)}" for c in LANGS))
    total = sum(counts.values())
    print(f"markers: {total} rows")
    for kind in KINDS:
        per = {a: counts[(kind, a)] for a in ANCHORS if counts[(kind, a)]}
        print(f"  {kind:<10} {sum(per.values()):>5}  " + " ".join(f"{a}={v}" for a, v in per.items()))
    for w in rep.warnings:
        print(w)
    for e in rep.errors:
        print(e)
    print(f"check_lexicon: {len(rep.errors)} error(s), {len(rep.warnings)} warning(s)")
    return 1 if rep.errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
