"""The cross-validated table of docs/learned.md.

    python scripts/train/cv.py target/learn/lines.tsv

Every figure except the `in-sample` rows is cross-validated by document:
5 folds fixed by a hash of each document's key (common.fold_of), every
document scored only by a model that did not see it. Keep decisions are
scored by `learned score`, i.e. with the scorers of `deboil eval`.
"""
import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import Dump, weights, write_keeps, score  # noqa: E402
from experiment import cv_probs, decide, fit_predict, lgb_model  # noqa: E402


def eligible(d):
    """Lines the re-scorer may override in the `masked` variant: decided by
    the line score, context, main-block trimming, the comments terminator,
    a repeat or the title rule; never lines dropped for what they are
    (markers, shapes, foreign script, headline-list regions)."""
    r = lambda n: d.col("rule_" + n) > 0.5  # noqa: E731
    term = d.col("after_terminator") > 0.5
    return (r("line-score") | r("context") | r("outside") | (r("region") & term)
            | r("repeat") | r("title"))


def row(d, tag, keep):
    path = f"/tmp/deboil_cv_{os.getpid()}.tsv"
    write_keeps(path, d, keep)
    r = score(path)
    os.unlink(path)
    dev = r["devset_detail"].split("\t")
    parts = dict(x.split() for x in dev[2].strip("()").split(", "))
    print(f"| {tag} | {r['devset']:.3f} | {float(parts['cleaneval']):.3f} | "
          f"{float(parts['dragnet']):.3f} | {r['devset-multi']:.3f} |", flush=True)


def main():
    d = Dump(sys.argv[1])
    print("| model | devset F1 mean | CleanEval | Dragnet | devset-multi snippet F1 |")
    print("|---|---|---|---|---|")
    row(d, "rule pipeline (no model)", d.keep)
    lr = cv_probs(d, "lr", dict(C=1.0), ["devset"])
    row(d, "logistic regression, trained on devset", decide(d, lr))
    p = cv_probs(d, "lgb", lgb_model(100, 15), ["devset"])
    row(d, "LightGBM 100 trees x 15 leaves, trained on devset", decide(d, p))
    row(d, "same, override only where p < 0.3 or p > 0.7", decide(d, p, 0.3, 0.7))
    row(d, "same, override only eligible lines (masked)",
        np.where(eligible(d), decide(d, p), d.keep))
    p2 = cv_probs(d, "lgb", lgb_model(100, 15), ["devset", "devset-multi"], 0.25)
    row(d, "LightGBM 100x15, trained on devset + devset-multi (weight 0.25)", decide(d, p2))
    # In-sample: one model trained on every labelled line, scored on the same.
    lab = d.label >= 0
    for sets, wm, tag in [(["devset"], 0.0, "devset"),
                          (["devset", "devset-multi"], 0.25, "devset + devset-multi")]:
        w = weights(d, lab)
        w[d.set == "devset-multi"] *= wm
        tr = lab & np.isin(d.set, sets)
        pin = fit_predict("lgb", lgb_model(100, 15), d.X[tr], d.label[tr], w[tr], d.X)
        row(d, f"LightGBM 100x15 trained on {tag}, **in-sample**", decide(d, pin))


if __name__ == "__main__":
    main()
