//! One function per fuzz target. Each takes the raw fuzz input and panics,
//! with a message that reproduces the case, when a property breaks: not
//! just "no panic", but the same oracles as `tests/props.rs`.
//!
//! Included by `fuzz/src/lib.rs` (the fuzz binaries) and by
//! `tests/fuzz_replay.rs` (regressions as ordinary tests); both declare
//! `crate::check` (`tests/props/check.rs`) next to it.

use std::fmt;

use arbitrary::{Arbitrary, Unstructured};
use deboil::eval::pairs::PairCounts;
use deboil::eval::text::{self, TokenBag};
use deboil::lines::{self, LineIter, LineSpan};
use deboil::{
    BlankLines, Cleaner, Config, Lang, LanguageChoice, OverLimit, Stage, Strictness, Switch,
};

use crate::check;

/// Number of input bytes [`FuzzConfig`] takes from the front of a `clean`
/// input; all-zero bytes mean `Config::default()`, so a seed is these
/// zeros followed by a document.
pub const CONFIG_BYTES: usize = 8;

/// The configuration half of a `clean` input: plain bytes mapped onto the
/// [`Config`] builder, zero meaning the default everywhere.
#[derive(Arbitrary, Clone, Copy, PartialEq, Eq)]
pub struct FuzzConfig {
    /// 0 Balanced, 1 Recall, 2 Precision (modulo 3).
    strictness: u8,
    /// Bit `i` switches `Stage::ALL[i]` off.
    stages_off: u8,
    /// Bit 0: `BlankLines::Drop`; bit 1: `OverLimit::Truncate`.
    policies: u8,
    /// Limits apply when this is ≥ 224 (one input in eight).
    limit_sel: u8,
    /// `max_document_lines` (at least 1) when limits apply.
    max_lines: u8,
    /// `max_document_bytes` (at least 1) when limits apply.
    max_bytes: u16,
    /// A fixed language `Lang::ALL[lang % 19]` when this is ≥ 218.
    lang: u8,
}

impl FuzzConfig {
    fn strictness(&self) -> Strictness {
        [Strictness::Balanced, Strictness::Recall, Strictness::Precision]
            [usize::from(self.strictness % 3)]
    }

    fn stages_off(&self) -> impl Iterator<Item = Stage> + '_ {
        Stage::ALL
            .into_iter()
            .enumerate()
            .filter(|(i, _)| self.stages_off >> i & 1 == 1)
            .map(|(_, s)| s)
    }

    fn blank(&self) -> BlankLines {
        if self.policies & 1 == 1 {
            BlankLines::Drop
        } else {
            BlankLines::Separators
        }
    }

    fn over(&self) -> OverLimit {
        if self.policies & 2 == 2 {
            OverLimit::Truncate
        } else {
            OverLimit::PassThrough
        }
    }

    fn limits(&self) -> Option<(usize, usize)> {
        (self.limit_sel >= 224)
            .then(|| (usize::from(self.max_lines).max(1), usize::from(self.max_bytes).max(1)))
    }

    fn lang(&self) -> Option<Lang> {
        (self.lang >= 218).then(|| Lang::ALL[usize::from(self.lang) % Lang::ALL.len()])
    }

    /// The config these bytes stand for.
    pub fn build(&self) -> Config {
        let mut b = Config::builder()
            .strictness(self.strictness())
            .blank_lines(self.blank())
            .over_limit(self.over());
        for s in self.stages_off() {
            b = b.stage(s, Switch::Off);
        }
        if let Some((lines, bytes)) = self.limits() {
            b = b.max_document_lines(lines).max_document_bytes(bytes);
        }
        if let Some(l) = self.lang() {
            b = b.language(LanguageChoice::Fixed(l));
        }
        b.build()
    }
}

/// Rust code that builds the same config.
impl fmt::Debug for FuzzConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Config::builder()")?;
        write!(f, ".strictness(Strictness::{:?})", self.strictness())?;
        for s in self.stages_off() {
            write!(f, ".stage(Stage::{s:?}, Switch::Off)")?;
        }
        write!(f, ".blank_lines(BlankLines::{:?})", self.blank())?;
        write!(f, ".over_limit(OverLimit::{:?})", self.over())?;
        if let Some((lines, bytes)) = self.limits() {
            write!(f, ".max_document_lines({lines}).max_document_bytes({bytes})")?;
        }
        if let Some(l) = self.lang() {
            write!(f, ".language(LanguageChoice::Fixed(Lang::{l:?}))")?;
        }
        write!(f, ".build()")
    }
}

/// A decoded `clean` input. Its `Debug` is a ready-to-run reproducer.
pub struct CleanInput<'a> {
    pub config: FuzzConfig,
    pub text: &'a [u8],
}

impl<'a> CleanInput<'a> {
    /// Split raw fuzz bytes into a config and a document (`None` when there
    /// are fewer than [`CONFIG_BYTES`] bytes).
    pub fn decode(data: &'a [u8]) -> Option<CleanInput<'a>> {
        if data.len() < CONFIG_BYTES {
            return None;
        }
        let mut u = Unstructured::new(&data[..CONFIG_BYTES]);
        let config = FuzzConfig::arbitrary(&mut u).ok()?;
        Some(CleanInput { config, text: &data[CONFIG_BYTES..] })
    }
}

impl fmt::Debug for CleanInput<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "use deboil::*;")?;
        writeln!(f, "let config = {:?};", self.config)?;
        writeln!(f, "let input: &[u8] = b\"{}\";", self.text.escape_ascii())?;
        write!(f, "let cleaned = Cleaner::new(config).clean(input);")
    }
}

/// `clean`: bytes plus an arbitrary [`Config`]. Checks the structural
/// oracle (`check::check`: coverage, byte-exact in-order output, limits,
/// rule references, blank policy) and that a second run gives the same
/// verdicts.
pub fn clean(data: &[u8]) {
    let Some(input) = CleanInput::decode(data) else { return };
    let config = input.config.build();
    let cleaner = Cleaner::new(config.clone());
    let first = cleaner.clean(input.text);
    if let Err(e) = check::check(input.text, &first, &config) {
        panic!("{e}\n--- reproducer ---\n{input:?}");
    }
    let second = cleaner.clean(input.text);
    let same = first.verdicts().len() == second.verdicts().len()
        && first.verdicts().iter().zip(second.verdicts()).all(|(a, b)| {
            (a.span, a.keep, a.label, a.rule, a.score.to_bits(), a.features)
                == (b.span, b.keep, b.label, b.rule, b.score.to_bits(), b.features)
        });
    assert!(same, "a second run gave other verdicts\n--- reproducer ---\n{input:?}");
}

/// `lines`: `LineIter` and `split_into` against the byte-loop splitter;
/// the lines concatenate to the input.
pub fn lines(data: &[u8]) {
    let reference = check::naive_lines(data);
    let fast: Vec<_> = LineIter::new(data).map(|l| (l.start, l.content_end, l.end)).collect();
    assert_eq!(fast, reference, "input b\"{}\"", data.escape_ascii());
    let mut reused = vec![LineSpan { start: 1, content_end: 2, end: 3 }; 3];
    lines::split_into(data, &mut reused);
    let mut joined = Vec::with_capacity(data.len());
    for (l, r) in reused.iter().zip(&reference) {
        assert_eq!((l.start, l.content_end, l.end), *r);
        joined.extend_from_slice(&data[l.range()]);
    }
    assert_eq!(reused.len(), reference.len());
    assert_eq!(joined, data);
}

/// `normalise`: `repeats::normalise` against the reference normaliser, and
/// `line_hash` is `None` exactly for an empty normal form.
pub fn normalise(data: &[u8]) {
    let mut buf = String::new();
    deboil::repeats::normalise(data, &mut buf);
    let reference = check::naive_normalise(data);
    assert_eq!(buf, reference, "line b\"{}\"", data.escape_ascii());
    let mut again = String::from("junk");
    let hash = deboil::repeats::line_hash(data, &mut again);
    assert_eq!(again, buf, "line_hash normalised differently");
    assert_eq!(hash.is_none(), buf.is_empty());
    assert!(!buf.starts_with(' ') && !buf.ends_with(' ') && !buf.contains("  "));
}

/// `eval_tokens`: the `score.py` tokeniser on arbitrary bytes (decoded as
/// `score.py` does). Tokens are non-empty, hold no whitespace or `_`, a
/// CJK token is one character; a token that NFKC and case folding leave
/// unchanged tokenises to itself (idempotence where it holds); the token
/// bag counts the tokens; a text scores P = R = F1 = 1 against itself;
/// whitespace normalisation is idempotent and agrees with `is_blank`.
pub fn eval_tokens(data: &[u8]) {
    let text = text::decode_lossy(data);
    let toks = text::tokens(&text);
    let mut fixed = true;
    for t in &toks {
        assert!(!t.is_empty(), "empty token in {text:?}");
        assert!(
            !t.contains('_') && !t.chars().any(text::is_py_whitespace),
            "token {t:?} of {text:?}"
        );
        if t.chars().any(text::is_cjk) {
            assert_eq!(t.chars().count(), 1, "CJK token {t:?} of {text:?}");
        }
        if text::nfkc(t) == t.as_str() && text::casefold(t) == *t {
            assert_eq!(
                text::tokens(t),
                std::slice::from_ref(t),
                "token {t:?} of {text:?} not a fixed point"
            );
        } else {
            fixed = false;
        }
    }
    if fixed {
        assert_eq!(text::tokens(&toks.join(" ")), toks, "re-tokenising {text:?}");
    }
    let bag = TokenBag::from_text(&text);
    assert_eq!(bag.len(), toks.len() as u64);
    assert_eq!(bag.overlap(&bag), bag.len());
    let prf = PairCounts::of_texts(&text, &text).prf();
    if toks.is_empty() {
        assert_eq!((prf.precision, prf.recall, prf.f1), (0.0, 0.0, 0.0));
    } else {
        assert_eq!((prf.precision, prf.recall, prf.f1), (1.0, 1.0, 1.0));
    }
    let norm = text::normalize_whitespace(&text);
    assert_eq!(text::normalize_whitespace(&norm), norm);
    assert_eq!(text::is_blank(&text), norm.is_empty());
    assert!(!norm.starts_with(' ') && !norm.ends_with(' ') && !norm.contains("  "));
}
