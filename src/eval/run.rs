//! Running a [`Cleaner`] over a labelled set: scores for every document,
//! in parallel over documents, and a line-by-line diagnosis of one document.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use super::error::EvalError;
use super::pairs::{oracle_keep_lines, LineCounts, PairCounts};
use super::report::{DocError, PairDoc, PairReport, Scores, SegmentDoc, SegmentReport, SetReport};
use super::segments::{LineMap, SegmentMatch, Segments};
use super::set::{DocEntry, EvalSet, SetKind};
use super::text::{decode_lossy, is_blank, TokenBag};
use crate::templates::{Counts, KeyScratch, Learner, SiteFrom, TemplateStats};
use crate::{Cleaned, Cleaner, Label, Rule};

/// Language shown for a pair-set document the manifest says nothing about.
pub const UNKNOWN_LANG_PAIRS: &str = "-";
/// Language shown for a segment-set document without a language (as
/// `score_segments.py`).
pub const UNKNOWN_LANG_SEGMENTS: &str = "?";

/// Evaluates a cleaner on labelled sets.
///
/// Documents are cleaned and scored in parallel on the current rayon pool
/// (run [`Evaluator::evaluate`] inside `ThreadPool::install` to choose the
/// number of threads); results are in id order whatever the thread count.
///
/// ```no_run
/// use deboil::eval::{EvalSet, Evaluator};
/// use deboil::{Cleaner, Config};
/// # fn main() -> Result<(), deboil::eval::EvalError> {
/// let set = EvalSet::load("../shared/devset".as_ref())?;
/// let cleaner = Cleaner::new(Config::default());
/// let report = Evaluator::new(&cleaner).evaluate(&set);
/// println!("F1 mean {:.3}", report.headline_f1());
/// # Ok(()) }
/// ```
#[derive(Clone, Debug)]
pub struct Evaluator<'c> {
    cleaner: &'c Cleaner,
    outputs: Option<PathBuf>,
    templates: Option<(Arc<TemplateStats>, SiteFrom)>,
}

fn read(path: &Path) -> Result<Vec<u8>, EvalError> {
    fs::read(path).map_err(|e| EvalError::io("read", path, e))
}

impl<'c> Evaluator<'c> {
    /// An evaluator for `cleaner`.
    pub fn new(cleaner: &'c Cleaner) -> Evaluator<'c> {
        Evaluator { cleaner, outputs: None, templates: None }
    }

    /// Clean with cross-document evidence from `stats` (see
    /// [`Cleaner::clean_with_evidence`]), each document's site taken as
    /// [`DocEntry::site`] says with `from`. Without it (the default) each
    /// document is cleaned on its own.
    ///
    /// ```no_run
    /// use deboil::eval::{learn_templates, EvalSet, Evaluator};
    /// use deboil::templates::SiteFrom;
    /// use deboil::{Cleaner, Config};
    /// # fn main() -> Result<(), deboil::eval::EvalError> {
    /// let set = EvalSet::load("../shared/devset-multi".as_ref())?;
    /// let stats = learn_templates(&set, SiteFrom::Auto, 512 << 20)?;
    /// let cleaner = Cleaner::new(Config::default());
    /// let report = Evaluator::new(&cleaner).with_templates(stats.into(), SiteFrom::Auto).evaluate(&set);
    /// println!("F1 with templates {:.3}", report.headline_f1());
    /// # Ok(()) }
    /// ```
    pub fn with_templates(mut self, stats: Arc<TemplateStats>, from: SiteFrom) -> Evaluator<'c> {
        self.templates = Some((stats, from));
        self
    }

    /// Clean one document, with the template evidence of its site if any.
    fn clean<'a>(&self, doc: &DocEntry, input: &'a [u8]) -> Cleaned<'a> {
        match &self.templates {
            Some((stats, from)) => {
                let site = doc.site(*from);
                self.cleaner.clean_with_evidence(input, &stats.evidence(&site))
            }
            None => self.cleaner.clean(input),
        }
    }

    /// Also write every cleaned output to `dir/<id>.txt` (the directory must
    /// exist), so that `score.py` can score the same outputs. By default
    /// nothing is written.
    pub fn write_outputs(mut self, dir: impl Into<PathBuf>) -> Evaluator<'c> {
        self.outputs = Some(dir.into());
        self
    }

    /// Clean and score every document of `set`. Documents that cannot be read
    /// (or whose annotations do not parse) are listed in
    /// [`SetReport::errors`] and left out of the scores.
    pub fn evaluate(&self, set: &EvalSet) -> SetReport {
        let (scores, errors) = match set.kind {
            SetKind::Pairs => {
                let (docs, errors) = self.map_docs(set, |d| self.pair_doc(d));
                (Scores::Pairs(PairReport::new(docs)), errors)
            }
            SetKind::Segments => {
                let (docs, errors) = self.map_docs(set, |d| self.segment_doc(d));
                (Scores::Segments(SegmentReport::new(docs)), errors)
            }
        };
        SetReport {
            name: set.name.clone(),
            path: set.root.display().to_string(),
            kind: set.kind,
            errors,
            scores,
        }
    }

    fn map_docs<T: Send>(
        &self,
        set: &EvalSet,
        f: impl Fn(&DocEntry) -> Result<T, EvalError> + Sync,
    ) -> (Vec<T>, Vec<DocError>) {
        let results: Vec<Result<T, EvalError>> = set.docs.par_iter().map(&f).collect();
        let mut docs = Vec::with_capacity(results.len());
        let mut errors = Vec::new();
        for (entry, result) in set.docs.iter().zip(results) {
            match result {
                Ok(d) => docs.push(d),
                Err(e) => errors.push(DocError { id: entry.id.clone(), message: e.to_string() }),
            }
        }
        (docs, errors)
    }

    fn save_output(&self, doc: &DocEntry, cleaned: &Cleaned<'_>) -> Result<Vec<u8>, EvalError> {
        let out = cleaned.to_vec();
        if let Some(dir) = &self.outputs {
            let path = dir.join(format!("{}.txt", doc.id));
            fs::write(&path, &out).map_err(|e| EvalError::io("write", &path, e))?;
        }
        Ok(out)
    }

    fn pair_doc(&self, doc: &DocEntry) -> Result<PairDoc, EvalError> {
        let input = read(&doc.input)?;
        let gold = TokenBag::from_text(&decode_lossy(&read(&doc.reference)?));
        let cleaned = self.clean(doc, &input);
        let output = self.save_output(doc, &cleaned)?;
        let counts = PairCounts::of(&TokenBag::from_text(&decode_lossy(&output)), &gold);
        let lines = LineOracle::new(&cleaned, &gold);
        Ok(PairDoc {
            id: doc.id.clone(),
            dataset: doc.dataset.clone(),
            lang: doc.manifest_lang.clone().unwrap_or_else(|| UNKNOWN_LANG_PAIRS.to_owned()),
            counts,
            prf: counts.prf(),
            lines: cleaned.verdicts().len(),
            kept_lines: cleaned.kept_count(),
            line: lines.counts(&cleaned),
        })
    }

    fn segment_doc(&self, doc: &DocEntry) -> Result<SegmentDoc, EvalError> {
        let segments = read_segments(&doc.reference)?;
        let input = read(&doc.input)?;
        let cleaned = self.clean(doc, &input);
        let output = self.save_output(doc, &cleaned)?;
        let output = decode_lossy(&output);
        let m = SegmentMatch::of(&segments, &output);
        let counts = m.counts();
        Ok(SegmentDoc {
            id: doc.id.clone(),
            dataset: doc.dataset.clone(),
            lang: segments
                .lang
                .clone()
                .or_else(|| doc.manifest_lang.clone())
                .unwrap_or_else(|| UNKNOWN_LANG_SEGMENTS.to_owned()),
            empty: is_blank(&output),
            counts,
            ratios: counts.ratios(),
            found_with: m.found_with,
            found_without: m.found_without,
            lines: cleaned.verdicts().len(),
            kept_lines: cleaned.kept_count(),
        })
    }

    /// Clean one document again and explain its score line by line: for a
    /// pair set, the oracle-content lines that were dropped and the
    /// oracle-boilerplate lines that were kept; for a segment set, the
    /// missing `with` snippets and the present `without` snippets with the
    /// input lines that carry them.
    pub fn diagnose(&self, doc: &DocEntry, kind: SetKind) -> Result<Diagnosis, EvalError> {
        let input = read(&doc.input)?;
        let cleaned = self.clean(doc, &input);
        match kind {
            SetKind::Pairs => {
                let gold = TokenBag::from_text(&decode_lossy(&read(&doc.reference)?));
                let oracle = LineOracle::new(&cleaned, &gold);
                let mut lost = Vec::new();
                let mut let_through = Vec::new();
                for (i, v) in cleaned.verdicts().iter().enumerate() {
                    let tokens = oracle.tokens[i];
                    if tokens == 0 || v.keep == oracle.content[i] {
                        continue;
                    }
                    let note = LineNote::new(&cleaned, i, tokens);
                    if v.keep {
                        let_through.push(note);
                    } else {
                        lost.push(note);
                    }
                }
                Ok(Diagnosis::Pairs { lost, let_through })
            }
            SetKind::Segments => {
                let segments = read_segments(&doc.reference)?;
                let output = cleaned.to_vec();
                let m = SegmentMatch::of(&segments, &decode_lossy(&output));
                let map = LineMap::new(cleaned.verdicts().iter().map(|v| &input[v.span.content()]));
                let note = |snippet: &String, want_kept: bool| {
                    let hits = map.find_all(snippet);
                    // Prefer an occurrence whose lines all have the fate the
                    // score saw (all kept for a present snippet), else the first.
                    let lines = hits
                        .iter()
                        .map(|h| map.lines_in(h.clone()))
                        .find(|ls| !want_kept || ls.iter().all(|&i| cleaned.verdicts()[i].keep))
                        .or_else(|| hits.first().map(|h| map.lines_in(h.clone())))
                        .unwrap_or_default();
                    SnippetNote {
                        snippet: snippet.clone(),
                        in_input: !hits.is_empty(),
                        lines: lines.into_iter().map(|i| LineNote::new(&cleaned, i, 0)).collect(),
                    }
                };
                let missing = segments
                    .with
                    .iter()
                    .zip(&m.found_with)
                    .filter(|(_, &f)| !f)
                    .map(|(s, _)| note(s, false))
                    .collect();
                let present = segments
                    .without
                    .iter()
                    .zip(&m.found_without)
                    .filter(|(_, &f)| f)
                    .map(|(s, _)| note(s, true))
                    .collect();
                Ok(Diagnosis::Segments { missing, present })
            }
        }
    }
}

/// Learn the template statistics of a labelled set from its own inputs (pass
/// one of `deboil eval --two-pass`): per site (see [`DocEntry::site`] for
/// `from`), in how many documents each normalised line occurs, as
/// `deboil learn` counts a batch, within `memory_limit` bytes (see
/// [`Learner`]). Documents are read in parallel on the current rayon pool;
/// the result is the same for any thread count.
pub fn learn_templates(
    set: &EvalSet,
    from: SiteFrom,
    memory_limit: usize,
) -> Result<TemplateStats, EvalError> {
    let counts = set
        .docs
        .par_iter()
        .try_fold(
            || (Counts::default(), KeyScratch::default()),
            |(mut c, mut s), doc| {
                c.add_document(&doc.site(from), &read(&doc.input)?, &mut s);
                Ok::<_, EvalError>((c, s))
            },
        )
        .map(|r| r.map(|(c, _)| c))
        .try_reduce(Counts::default, |mut a, b| {
            a.merge(b);
            Ok(a)
        })?;
    let mut learner = Learner::new(memory_limit);
    learner.add(counts);
    Ok(learner.finish())
}

fn read_segments(path: &Path) -> Result<Segments, EvalError> {
    serde_json::from_slice(&read(path)?).map_err(|e| EvalError::json(path, e))
}

/// The line oracle applied to the cleaner's own lines.
struct LineOracle {
    tokens: Vec<u64>,
    content: Vec<bool>,
}

impl LineOracle {
    fn new(cleaned: &Cleaned<'_>, gold: &TokenBag) -> LineOracle {
        let input = cleaned.input();
        let bags: Vec<TokenBag> = cleaned
            .verdicts()
            .iter()
            .map(|v| TokenBag::from_text(&decode_lossy(&input[v.span.content()])))
            .collect();
        LineOracle {
            content: oracle_keep_lines(&bags, gold),
            tokens: bags.iter().map(TokenBag::len).collect(),
        }
    }

    fn counts(&self, cleaned: &Cleaned<'_>) -> LineCounts {
        let mut c = LineCounts::default();
        for ((v, &w), &content) in cleaned.verdicts().iter().zip(&self.tokens).zip(&self.content) {
            match (v.keep, content) {
                (true, true) => c.tp += w,
                (true, false) => c.fp += w,
                (false, true) => c.fn_ += w,
                (false, false) => {}
            }
        }
        c
    }
}

/// One input line as the cleaner judged it.
#[derive(Clone, Debug, PartialEq)]
pub struct LineNote {
    /// 1-based line number.
    pub line: usize,
    /// Whether the cleaner kept it.
    pub keep: bool,
    /// What kind of text the cleaner took it for.
    pub label: Label,
    /// What decided it (its `Display` is e.g. `region@55`).
    pub rule: Rule,
    /// The line's score.
    pub score: f32,
    /// Its number of tokens (0 when not computed).
    pub tokens: u64,
    /// Its text (lossily decoded, terminator removed).
    pub text: String,
}

impl LineNote {
    fn new(cleaned: &Cleaned<'_>, i: usize, tokens: u64) -> LineNote {
        let v = &cleaned.verdicts()[i];
        LineNote {
            line: i + 1,
            keep: v.keep,
            label: v.label,
            rule: v.rule,
            score: v.score,
            tokens,
            text: decode_lossy(&cleaned.input()[v.span.content()]).into_owned(),
        }
    }
}

/// A snippet that scored against the document, and where it is in the input.
#[derive(Clone, Debug, PartialEq)]
pub struct SnippetNote {
    /// The snippet as annotated.
    pub snippet: String,
    /// Whether the (whitespace-normalised) input contains it at all: when
    /// not, no line-level cleaner can get it right.
    pub in_input: bool,
    /// The input lines that contain part of it (empty when not in the input).
    pub lines: Vec<LineNote>,
}

/// Why a document scored as it did.
#[derive(Clone, Debug, PartialEq)]
pub enum Diagnosis {
    /// A pair-set document, judged by the line oracle.
    Pairs {
        /// Oracle-content lines (≥ 50% of tokens in the gold) the cleaner dropped.
        lost: Vec<LineNote>,
        /// Oracle-boilerplate lines the cleaner kept.
        let_through: Vec<LineNote>,
    },
    /// A segment-set document.
    Segments {
        /// `with` snippets absent from the output.
        missing: Vec<SnippetNote>,
        /// `without` snippets present in the output.
        present: Vec<SnippetNote>,
    },
}
