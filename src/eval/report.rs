//! Per-document scores and their aggregation: overall, per dataset and per
//! language, serialisable as the JSON of `deboil eval --json`.
//!
//! Pair-set figures are named as in `score.py`'s JSON (`P`, `R`, `F1` for
//! the means over documents, `P_micro`… for the token totals); segment-set
//! figures as in `score_segments.py`'s (`tp`, `fn`, `fp`, `tn`, `P`, `R`,
//! `F1`, `accuracy`, micro-averaged).

use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};

use super::pairs::{LineCounts, PairCounts, Prf};
use super::segments::{SegmentCounts, SegmentRatios};
use super::set::SetKind;

/// Named groups (datasets, languages) in a fixed order; serialised as a JSON
/// object whose keys keep that order.
#[derive(Clone, Debug, PartialEq)]
pub struct Groups<T>(pub Vec<(String, T)>);

impl<T> Groups<T> {
    /// The group called `name`.
    pub fn get(&self, name: &str) -> Option<&T> {
        self.0.iter().find(|(n, _)| n == name).map(|(_, t)| t)
    }

    /// The groups in order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &T)> + '_ {
        self.0.iter().map(|(n, t)| (n.as_str(), t))
    }
}

impl<T: Serialize> Serialize for Groups<T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

/// Group `docs` by `key`: datasets sorted by name (as `score.py`), or
/// languages by document count, most first, then name (as
/// `score_segments.py`). Members keep their order (by id).
fn group<'a, D, T>(
    docs: &'a [D],
    key: impl Fn(&D) -> &str,
    by_count: bool,
    summarise: impl Fn(&[&'a D]) -> T,
) -> Groups<T> {
    let mut names: Vec<(&str, usize)> = Vec::new();
    for d in docs {
        let k = key(d);
        match names.iter_mut().find(|(n, _)| *n == k) {
            Some((_, c)) => *c += 1,
            None => names.push((k, 1)),
        }
    }
    if by_count {
        names.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    } else {
        names.sort();
    }
    Groups(
        names
            .into_iter()
            .map(|(name, _)| {
                let members: Vec<&D> = docs.iter().filter(|d| key(d) == name).collect();
                (name.to_owned(), summarise(&members))
            })
            .collect(),
    )
}

/// One document of a pair set.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PairDoc {
    /// Document id.
    pub id: String,
    /// Dataset (subdirectory).
    pub dataset: String,
    /// Language from the manifest, `-` when unknown.
    pub lang: String,
    /// Token counts.
    #[serde(flatten)]
    pub counts: PairCounts,
    /// Precision, recall, F1 of the tokens.
    #[serde(flatten)]
    pub prf: Prf,
    /// Input lines.
    pub lines: usize,
    /// Lines kept by the cleaner.
    pub kept_lines: usize,
    /// Token-weighted line counts against the line oracle (exact keep
    /// decisions from the cleaner's verdicts).
    pub line: LineCounts,
}

/// Figures of a group of pair-set documents.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct PairSummary {
    /// Number of documents.
    pub docs: usize,
    /// Documents whose output has no token.
    pub empty_outputs: usize,
    /// Mean of the per-document precision, recall and F1 ("F1 mean").
    #[serde(flatten)]
    pub mean: Prf,
    /// Micro precision over all tokens.
    #[serde(rename = "P_micro")]
    pub p_micro: f64,
    /// Micro recall over all tokens.
    #[serde(rename = "R_micro")]
    pub r_micro: f64,
    /// Micro F1 over all tokens ("F1 micro").
    #[serde(rename = "F1_micro")]
    pub f1_micro: f64,
    /// Summed token overlap.
    pub tp: u64,
    /// Summed output tokens.
    pub out_tokens: u64,
    /// Summed gold tokens.
    pub gold_tokens: u64,
    /// Line-level precision against the line oracle (token-weighted).
    #[serde(rename = "line_P")]
    pub line_p: f64,
    /// Line-level recall against the line oracle.
    #[serde(rename = "line_R")]
    pub line_r: f64,
    /// Line-level F1 against the line oracle.
    #[serde(rename = "line_F1")]
    pub line_f1: f64,
}

impl PairSummary {
    /// Aggregate documents (in the order given, which fixes the rounding of
    /// the means: `score.py` sums in id order).
    pub fn of(docs: &[&PairDoc]) -> PairSummary {
        let n = docs.len();
        if n == 0 {
            return PairSummary::default();
        }
        let mut counts = PairCounts::default();
        let mut lines = LineCounts::default();
        let (mut sp, mut sr, mut sf) = (0.0, 0.0, 0.0);
        for d in docs {
            counts += d.counts;
            lines += d.line;
            sp += d.prf.precision;
            sr += d.prf.recall;
            sf += d.prf.f1;
        }
        let micro = counts.prf();
        let line = lines.prf();
        PairSummary {
            docs: n,
            empty_outputs: docs.iter().filter(|d| d.counts.n_out == 0).count(),
            mean: Prf { precision: sp / n as f64, recall: sr / n as f64, f1: sf / n as f64 },
            p_micro: micro.precision,
            r_micro: micro.recall,
            f1_micro: micro.f1,
            tp: counts.tp,
            out_tokens: counts.n_out,
            gold_tokens: counts.n_gold,
            line_p: line.precision,
            line_r: line.recall,
            line_f1: line.f1,
        }
    }
}

/// The scores of a pair set.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PairReport {
    /// All documents.
    pub overall: PairSummary,
    /// Per dataset, by name.
    pub datasets: Groups<PairSummary>,
    /// Per language, most documents first.
    pub languages: Groups<PairSummary>,
    /// Per document, by id.
    pub documents: Vec<PairDoc>,
}

impl PairReport {
    /// Aggregate per-document scores (sorted by id).
    pub fn new(documents: Vec<PairDoc>) -> PairReport {
        let all: Vec<&PairDoc> = documents.iter().collect();
        PairReport {
            overall: PairSummary::of(&all),
            datasets: group(&documents, |d| &d.dataset, false, PairSummary::of),
            languages: group(&documents, |d| &d.lang, true, PairSummary::of),
            documents,
        }
    }
}

/// One document of a segment set.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SegmentDoc {
    /// Document id.
    pub id: String,
    /// Dataset (the set's name).
    pub dataset: String,
    /// Language from the annotations (else the manifest), `?` when unknown.
    pub lang: String,
    /// Whether the output is empty or whitespace only.
    pub empty: bool,
    /// Snippet counts.
    #[serde(flatten)]
    pub counts: SegmentCounts,
    /// This document's own ratios.
    #[serde(flatten)]
    pub ratios: SegmentRatios,
    /// For each `with` snippet, whether the output contains it.
    pub found_with: Vec<bool>,
    /// For each `without` snippet, whether the output contains it.
    pub found_without: Vec<bool>,
    /// Input lines.
    pub lines: usize,
    /// Lines kept by the cleaner.
    pub kept_lines: usize,
}

/// Figures of a group of segment-set documents (micro-averaged).
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct SegmentSummary {
    /// Number of documents.
    pub docs: usize,
    /// Documents whose output is empty or whitespace only.
    pub empty_outputs: usize,
    /// Summed snippet counts.
    #[serde(flatten)]
    pub counts: SegmentCounts,
    /// Ratios of the summed counts.
    #[serde(flatten)]
    pub ratios: SegmentRatios,
}

impl SegmentSummary {
    /// Aggregate documents.
    pub fn of(docs: &[&SegmentDoc]) -> SegmentSummary {
        let mut counts = SegmentCounts::default();
        for d in docs {
            counts += d.counts;
        }
        SegmentSummary {
            docs: docs.len(),
            empty_outputs: docs.iter().filter(|d| d.empty).count(),
            counts,
            ratios: counts.ratios(),
        }
    }
}

/// The scores of a segment set.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SegmentReport {
    /// All documents.
    pub overall: SegmentSummary,
    /// Per dataset (a segment set is one dataset).
    pub datasets: Groups<SegmentSummary>,
    /// Per language, most documents first.
    pub languages: Groups<SegmentSummary>,
    /// Per document, by id.
    pub documents: Vec<SegmentDoc>,
}

impl SegmentReport {
    /// Aggregate per-document scores (sorted by id).
    pub fn new(documents: Vec<SegmentDoc>) -> SegmentReport {
        let all: Vec<&SegmentDoc> = documents.iter().collect();
        SegmentReport {
            overall: SegmentSummary::of(&all),
            datasets: group(&documents, |d| &d.dataset, false, SegmentSummary::of),
            languages: group(&documents, |d| &d.lang, true, SegmentSummary::of),
            documents,
        }
    }
}

/// The scores of a set, of either kind.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Scores {
    /// A pair set's scores.
    Pairs(PairReport),
    /// A segment set's scores.
    Segments(SegmentReport),
}

/// A document that could not be evaluated.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct DocError {
    /// Document id.
    pub id: String,
    /// The message, naming the file.
    pub message: String,
}

/// Everything `deboil eval` measured on one set.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SetReport {
    /// The set's name (its directory's name).
    pub name: String,
    /// The set's directory, as given.
    pub path: String,
    /// Pair or segment set.
    pub kind: SetKind,
    /// Documents that could not be evaluated (not counted in the scores).
    pub errors: Vec<DocError>,
    /// The scores.
    #[serde(flatten)]
    pub scores: Scores,
}

impl SetReport {
    /// Ids of the `n` documents with the lowest F1 (ties: lowest accuracy
    /// for segment sets, then id), worst first.
    pub fn worst(&self, n: usize) -> Vec<&str> {
        let mut keyed: Vec<(f64, f64, &str)> = match &self.scores {
            Scores::Pairs(r) => {
                r.documents.iter().map(|d| (d.prf.f1, 0.0, d.id.as_str())).collect()
            }
            Scores::Segments(r) => r
                .documents
                .iter()
                .map(|d| (d.ratios.f1, d.ratios.accuracy, d.id.as_str()))
                .collect(),
        };
        keyed.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.total_cmp(&b.1)).then(a.2.cmp(b.2)));
        keyed.into_iter().take(n).map(|k| k.2).collect()
    }

    /// The headline figure: F1 mean for a pair set, F1 for a segment set.
    pub fn headline_f1(&self) -> f64 {
        match &self.scores {
            Scores::Pairs(r) => r.overall.mean.f1,
            Scores::Segments(r) => r.overall.ratios.f1,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pair(id: &str, dataset: &str, lang: &str, tp: u64, n_out: u64, n_gold: u64) -> PairDoc {
        let counts = PairCounts { tp, n_out, n_gold };
        PairDoc {
            id: id.into(),
            dataset: dataset.into(),
            lang: lang.into(),
            counts,
            prf: counts.prf(),
            lines: 1,
            kept_lines: 1,
            line: LineCounts::default(),
        }
    }

    #[test]
    fn pair_means_and_micro() {
        // a: tp 2 of 4/4 → F1 .5; b: tp 6 of 6/12 → P 1, R .5, F1 2/3;
        // c: empty output → 0.
        // F1 mean = (.5 + 2/3 + 0)/3 = 7/18; micro: tp 8, out 10, gold 20 →
        // P .8, R .4, F1 = .64/1.2 = 8/15.
        let docs = vec![
            pair("a", "x", "en", 2, 4, 4),
            pair("b", "y", "de", 6, 6, 12),
            pair("c", "y", "en", 0, 0, 4),
        ];
        let r = PairReport::new(docs);
        assert!((r.overall.mean.f1 - 7.0 / 18.0).abs() < 1e-12);
        assert_eq!((r.overall.p_micro, r.overall.r_micro), (0.8, 0.4));
        assert!((r.overall.f1_micro - 8.0 / 15.0).abs() < 1e-12);
        assert_eq!(r.overall.empty_outputs, 1);
        // Datasets by name; languages by count ("en" has 2) then name.
        let ds: Vec<_> = r.datasets.iter().map(|(n, s)| (n, s.docs)).collect();
        assert_eq!(ds, [("x", 1), ("y", 2)]);
        let langs: Vec<_> = r.languages.iter().map(|(n, s)| (n, s.docs)).collect();
        assert_eq!(langs, [("en", 2), ("de", 1)]);
        // en: (.5 + 0)/2 = .25
        assert_eq!(r.languages.get("en").map(|s| s.mean.f1), Some(0.25));
        let json = serde_json::to_value(&r).expect("serialise");
        assert_eq!(json["datasets"]["y"]["docs"], 2);
        assert_eq!(json["overall"]["P_micro"], 0.8);
        assert_eq!(json["documents"][1]["n_gold"], 12);
    }

    #[test]
    fn worst_first_ties_by_id() {
        let docs = vec![
            pair("b", "x", "-", 0, 1, 1),
            pair("a", "x", "-", 0, 1, 1),
            pair("c", "x", "-", 1, 1, 1),
        ];
        let report = SetReport {
            name: "s".into(),
            path: "s".into(),
            kind: SetKind::Pairs,
            errors: vec![],
            scores: Scores::Pairs(PairReport::new(docs)),
        };
        assert_eq!(report.worst(2), ["a", "b"]);
        assert_eq!(report.worst(9).len(), 3);
    }
}
