"""Shared helpers for the learned re-scorer experiments (see docs/learned.md).

Reads the per-line dump written by `cargo run --release --example learned -- dump`,
runs grouped-by-document cross-validation and scores keep decisions with the
same scorers as `deboil eval` (`learned score`).
"""
import csv
import hashlib
import os
import subprocess
import sys

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BIN = os.path.join(ROOT, "target", "release", "examples", "learned")
SHARED = os.environ.get("DEBOIL_SHARED", os.path.join(os.path.dirname(ROOT), "shared"))
DEVSET = os.path.join(SHARED, "devset")
MULTI = os.path.join(SHARED, "devset-multi")


class Dump:
    def __init__(self, path):
        with open(path, newline="") as fh:
            r = csv.reader(fh, delimiter="\t")
            head = next(r)
            rows = list(r)
        self.names = head[6:]
        self.set = np.array([x[0] for x in rows])
        self.dataset = np.array([x[1] for x in rows])
        self.id = np.array([x[2] for x in rows])
        self.line = np.array([int(x[3]) for x in rows])
        self.tokens = np.array([float(x[4]) for x in rows])
        self.label = np.array([int(x[5]) for x in rows])
        # float32 values printed with Rust's round-trip formatting: exact.
        self.X = np.array([[float(v) for v in x[6:]] for x in rows], dtype=np.float32)
        self.doc = np.array([s + "/" + i for s, i in zip(self.set, self.id)])
        self.keep = self.X[:, self.names.index("keep")] > 0.5

    def col(self, name):
        return self.X[:, self.names.index(name)]


def fold_of(doc, k=5):
    """Deterministic fold of a document: a hash of its key, so that a
    document is in the same fold whatever else is in the data."""
    return int(hashlib.sha1(doc.encode()).hexdigest(), 16) % k


def weights(d, mask):
    """Pair-set lines weigh their share of the document's tokens (every
    document weighs 1, as in the F1 mean); snippet-labelled lines weigh
    1/(labelled lines of the document)."""
    w = np.zeros(len(d.label))
    for doc in np.unique(d.doc[mask]):
        sel = mask & (d.doc == doc)
        if d.set[sel][0] == "devset":
            t = d.tokens[sel]
            w[sel] = t / max(t.sum(), 1.0)
        else:
            w[sel] = 1.0 / sel.sum()
    return w


def write_keeps(path, d, keep):
    with open(path, "w") as fh:
        fh.write("set\tid\tline\tkeep\n")
        for s, i, ln, k in zip(d.set, d.id, d.line, keep):
            fh.write(f"{s}\t{i}\t{ln}\t{int(bool(k))}\n")


def score(keeps_path, sets=(DEVSET, MULTI), per_doc=None):
    cmd = [BIN, "score", keeps_path, *sets]
    if per_doc:
        cmd += ["--per-doc", per_doc]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    res = {}
    for line in out.splitlines():
        name, fig, _ = line.split("\t")
        res[name] = float(fig.split()[-1])
        res[name + "_detail"] = line
    return res


if __name__ == "__main__":
    print("helpers only", file=sys.stderr)
