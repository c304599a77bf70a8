"""Cross-validated experiments for the learned re-scorer (docs/learned.md).

    python scripts/train/experiment.py target/learn/lines.tsv [base|b2|b3]

base: logistic regression and two LightGBM sizes, trained on devset or on
both sets, three confidence bands; b2: smaller trees, larger leaves,
devset-multi weights; b3: the two-stage stack with nested CV (stack.py).
Every figure is cross-validated by document (5 folds, common.fold_of).
"""
import sys
import os
import time

import numpy as np
import lightgbm as lgb
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import StandardScaler

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import Dump, fold_of, weights, write_keeps, score  # noqa: E402

K = 5


def lgb_model(n_trees, leaves, lr=0.1, min_leaf=40):
    return dict(
        objective="binary", n_estimators=n_trees, num_leaves=leaves, learning_rate=lr,
        min_child_samples=min_leaf, subsample=1.0, colsample_bytree=1.0,
        reg_lambda=1.0, deterministic=True, force_row_wise=True, num_threads=1,
        verbose=-1, seed=1,
    )


def fit_predict(kind, params, Xtr, ytr, wtr, Xte):
    if kind == "lgb":
        m = lgb.LGBMClassifier(**params)
        m.fit(Xtr, ytr, sample_weight=wtr)
        return m.predict_proba(Xte)[:, 1]
    sc = StandardScaler().fit(Xtr)
    m = LogisticRegression(C=params.get("C", 1.0), max_iter=2000)
    m.fit(sc.transform(Xtr), ytr, sample_weight=wtr * len(wtr) / wtr.sum())
    return m.predict_proba(sc.transform(Xte))[:, 1]


def cv_probs(d, kind, params, train_sets, weight_multi=1.0):
    """Out-of-fold probabilities for every row. Rows of a document are only
    ever predicted by a model trained on other documents' folds."""
    folds = np.array([fold_of(x, K) for x in d.doc])
    labelled = d.label >= 0
    in_train = labelled & np.isin(d.set, train_sets)
    w = weights(d, labelled)
    w[d.set == "devset-multi"] *= weight_multi
    p = np.zeros(len(d.label))
    for k in range(K):
        tr = in_train & (folds != k)
        te = folds == k
        p[te] = fit_predict(kind, params, d.X[tr], d.label[tr], w[tr], d.X[te])
    return p


def decide(d, p, lo=0.5, hi=0.5):
    """Keep where p >= hi, drop where p < lo, the rule verdict in between."""
    return np.where(p >= hi, True, np.where(p < lo, False, d.keep))


def run(d, tag, p, bands=((0.5, 0.5), (0.3, 0.7), (0.2, 0.8))):
    for lo, hi in bands:
        path = f"/tmp/keeps_{os.getpid()}.tsv"
        write_keeps(path, d, decide(d, p, lo, hi))
        r = score(path)
        print(f"{tag:40s} band {lo:.2f}-{hi:.2f}  {r['devset_detail'].split(chr(9),1)[1]}  "
              f"multi {r['devset-multi']:.4f}", flush=True)


def batch2(d):
    for (n, l, lr, ml) in [(100, 7, 0.1, 100), (300, 7, 0.05, 100), (100, 15, 0.1, 200)]:
        for wm in [0.0, 0.25, 0.5]:
            sets = ["devset"] if wm == 0 else ["devset", "devset-multi"]
            p = cv_probs(d, "lgb", lgb_model(n, l, lr, ml), sets, weight_multi=wm)
            run(d, f"lgb {n}x{l} lr{lr} ml{ml} wm{wm}", p, bands=((0.5, 0.5), (0.35, 0.65)))


def stacked_cv(d, params1, params2, train_sets, weight_multi=0.0, k_inner=5):
    """Nested CV: for each outer fold, the first stage's probabilities on the
    training documents are themselves out-of-fold (inner folds), and on the
    test documents come from a first stage trained on all training docs."""
    from stack import stage2_features, doc_slices
    folds = np.array([fold_of(x, K) for x in d.doc])
    inner = np.array([fold_of("inner:" + x, k_inner) for x in d.doc])
    labelled = d.label >= 0
    in_train = labelled & np.isin(d.set, train_sets)
    w = weights(d, labelled)
    w[d.set == "devset-multi"] *= weight_multi
    words = np.expm1(d.col("words"))
    slices = doc_slices(d.doc)
    p1_all = np.zeros(len(d.label))
    p2 = np.zeros(len(d.label))
    for k in range(K):
        tr_docs = folds != k
        te = folds == k
        p1 = np.zeros(len(d.label))
        for j in range(k_inner):
            tr = in_train & tr_docs & (inner != j)
            pr = tr_docs & (inner == j)
            p1[pr] = fit_predict("lgb", params1, d.X[tr], d.label[tr], w[tr], d.X[pr])
        tr = in_train & tr_docs
        p1[te] = fit_predict("lgb", params1, d.X[tr], d.label[tr], w[tr], d.X[te])
        p1_all[te] = p1[te]
        F = np.hstack([d.X, stage2_features(p1, words, slices)])
        p2[te] = fit_predict("lgb", params2, F[tr], d.label[tr], w[tr], F[te])
    return p1_all, p2


def batch3(d):
    for wm in [0.0, 0.25]:
        sets = ["devset"] if wm == 0 else ["devset", "devset-multi"]
        p1, p2 = stacked_cv(d, lgb_model(100, 15), lgb_model(100, 15), sets, wm)
        run(d, f"stage1 wm{wm}", p1, bands=((0.5, 0.5),))
        run(d, f"stacked wm{wm}", p2, bands=((0.5, 0.5), (0.35, 0.65)))


if __name__ == "__main__":
    d = Dump(sys.argv[1])
    which = sys.argv[2] if len(sys.argv) > 2 else "base"
    t = time.time()
    if which == "base":
        for kind, params, tag in [
            ("lr", dict(C=1.0), "logreg"),
            ("lgb", lgb_model(100, 15), "lgb 100x15"),
            ("lgb", lgb_model(200, 31, 0.05), "lgb 200x31 lr.05"),
        ]:
            for sets in [["devset"], ["devset", "devset-multi"]]:
                p = cv_probs(d, kind, params, sets)
                run(d, f"{tag} train={'+'.join(sets)}", p)
    if which == "b2":
        batch2(d)
    if which == "b3":
        batch3(d)
    print(f"{time.time()-t:.0f}s", file=sys.stderr)


