"""Second-stage features from first-stage probabilities (neighbours' p,
a main block re-found on p), and the nested cross-validation that keeps
them honest."""
import numpy as np

STAGE2_NAMES = ["p", "p_prev", "p_next", "p_pm1", "p_pm2", "p_pm5", "pw_pm5",
                "in_pblock", "dist_pblock", "pblock_share", "doc_pw"]


def doc_slices(doc):
    """Contiguous row ranges of each document (rows are grouped by doc)."""
    starts = np.flatnonzero(np.r_[True, doc[1:] != doc[:-1]])
    ends = np.r_[starts[1:], len(doc)]
    return list(zip(starts, ends))


def stage2_features(p, words, slices):
    out = np.zeros((len(p), len(STAGE2_NAMES)), dtype=np.float32)
    for s, e in slices:
        q = p[s:e].astype(np.float64)
        w = words[s:e].astype(np.float64)
        m = e - s
        cq = np.r_[0.0, np.cumsum(q)]
        cw = np.r_[0.0, np.cumsum(w)]
        cqw = np.r_[0.0, np.cumsum(q * w)]
        idx = np.arange(m)

        def win(c, r, self_in):
            lo = np.maximum(idx - r, 0)
            hi = np.minimum(idx + r + 1, m)
            tot = c[hi] - c[lo]
            cnt = (hi - lo).astype(np.float64)
            if not self_in:
                tot = tot - (c[idx + 1] - c[idx])
                cnt = cnt - 1
            return tot, cnt

        cols = [q]
        cols.append(np.r_[-1.0, q[:-1]] if m > 1 else np.array([-1.0]))
        cols.append(np.r_[q[1:], -1.0] if m > 1 else np.array([-1.0]))
        for r in (1, 2, 5):
            t, c = win(cq, r, False)
            cols.append(np.where(c > 0, t / np.maximum(c, 1), 0.0))
        tq, _ = win(cqw, 5, True)
        tw, _ = win(cw, 5, True)
        cols.append(np.where(tw > 0, tq / np.maximum(tw, 1e-9), 0.0))
        # Kadane over (p - 0.5) * words.
        v = (q - 0.5) * np.maximum(w, 1.0)
        best, bs, be, run, st = -1e18, 0, 0, 0.0, 0
        for i in range(m):
            if run <= 0:
                run, st = 0.0, i
            run += v[i]
            if v[i] > 0 and run > best:
                best, bs, be = run, st, i + 1
        inb = np.zeros(m)
        dist = np.zeros(m)
        if best > -1e18:
            inb[bs:be] = 1
            dist = np.where(idx < bs, bs - idx, np.where(idx >= be, idx + 1 - be, 0))
            share = w[bs:be].sum() / max(w.sum(), 1)
        else:
            dist[:] = m
            share = 0.0
        cols += [inb, np.log1p(dist), np.full(m, share),
                 np.full(m, (q * w).sum() / max(w.sum(), 1))]
        out[s:e] = np.stack(cols, axis=1)
    return out
