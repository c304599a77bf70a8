//! Evaluation against labelled sets: the yardstick behind `deboil eval`.
//!
//! Two kinds of labelled set are scored, each exactly as the dev sets'
//! reference scripts score them, so that `deboil eval` and the scripts agree
//! on every figure:
//!
//! - **pair sets** (`<dataset>/<id>.input.txt` + `<dataset>/<id>.gold.txt`,
//!   e.g. `shared/devset/`, the project's `corpus/`): bag-of-words token
//!   precision, recall and F1 of the cleaned text against the gold, as
//!   `score.py` computes them ([`pairs`], with the tokeniser in [`text`]),
//!   averaged over documents ("F1 mean", the headline) and over all tokens
//!   ("F1 micro"); plus a line-level view against `score.py`'s line oracle;
//! - **segment sets** (`<id>.input.txt` + `<id>.segments.json`, e.g.
//!   `shared/devset-multi/`): must-have and must-not-have snippets, as
//!   `score_segments.py` counts them ([`segments`]).
//!
//! [`EvalSet::load`] finds a set's documents, [`Evaluator`] cleans and scores
//! them in parallel, and the [`SetReport`] it returns aggregates the figures
//! per dataset and per language and serialises to the JSON of
//! `deboil eval --json`. With [`Evaluator::with_templates`], documents are
//! cleaned with cross-document evidence, learned from the set itself by
//! [`learn_templates`] (`deboil eval --two-pass`) or loaded from a file.
//!
//! ```
//! use deboil::eval::pairs::PairCounts;
//! // output "a b b c", gold "b c c d": overlap {b, c} → tp 2; P = R = F1 = 0.5
//! let c = PairCounts::of_texts("a b b c", "b c c d");
//! assert_eq!((c.tp, c.prf().f1), (2, 0.5));
//! ```

mod error;
pub mod pairs;
pub mod report;
mod run;
pub mod segments;
pub mod set;
pub mod text;
mod unicode_tables;

pub use error::EvalError;
pub use report::{
    DocError, Groups, PairDoc, PairReport, PairSummary, Scores, SegmentDoc, SegmentReport,
    SegmentSummary, SetReport,
};
pub use run::{
    learn_templates, Diagnosis, Evaluator, LineNote, SnippetNote, UNKNOWN_LANG_PAIRS,
    UNKNOWN_LANG_SEGMENTS,
};
pub use set::{DocEntry, EvalSet, SetKind};
