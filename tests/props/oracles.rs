//! Each stage against a slow, obviously correct reference: line splitting,
//! normalised hashing for repeats, and the eval scorers.

use std::collections::BTreeMap;

use deboil::eval::pairs::{PairCounts, Prf};
use deboil::eval::segments::{SegmentMatch, Segments};
use deboil::eval::text;
use deboil::lines::{self, LineIter};
use deboil::repeats;
use proptest::prelude::*;
use proptest::sample::select;

use crate::check::{naive_lines, naive_normalise};
use crate::gen::cases;

const REGRESSIONS: &str = "proptest-regressions/props/oracles.txt";

// ---------------------------------------------------------------- lines

/// Bytes from an alphabet where terminators, NUL, invalid UTF-8 and
/// multi-byte characters collide often.
fn line_bytes() -> impl Strategy<Value = Vec<u8>> {
    const PIECES: &[&[u8]] = &[
        b"a",
        b"\n",
        b"\r",
        b"\r\n",
        b"\n\r",
        b"\0",
        b"\xff",
        b"\xc3",
        "é".as_bytes(),
        "東".as_bytes(),
        b" ",
    ];
    prop::collection::vec(select(PIECES), 0..120).prop_map(|v| v.concat())
}

// ------------------------------------------------------------ normalise

fn norm_line() -> impl Strategy<Value = Vec<u8>> {
    const PIECES: &[&[u8]] = &[
        b"a",
        b"B",
        b"z",
        "Б".as_bytes(),
        "ß".as_bytes(),
        "İ".as_bytes(),
        "Σ".as_bytes(),
        "東".as_bytes(),
        "٣".as_bytes(),
        b"1",
        b"2",
        b"12",
        b"123",
        b"1234",
        b" ",
        b"  ",
        b"\t",
        b"\r",
        b"\x0b",
        "\u{a0}".as_bytes(),
        "\u{3000}".as_bytes(),
        b".",
        b")",
        b"-",
        b"'",
        "’".as_bytes(),
        b"_",
        b"date ",
        b"2025-04-17",
        b"2025-4-17",
        b"\xff",
        b"\xe2\x82",
        b"\0",
    ];
    prop::collection::vec(select(PIECES), 0..24).prop_map(|v| v.concat())
}

// ----------------------------------------------------------------- eval

/// ASCII text with few distinct tokens (so overlaps happen) and Python's
/// ASCII whitespace, `_` and punctuation as separators.
fn ascii_text() -> impl Strategy<Value = String> {
    let pieces = &[
        "a", "b", "B", "ab", "x1", "1", "22", "_", " ", "  ", "\n", "\t", "\x0b", "\x0c", "\x1c",
        "\x1f", "\r", ".", ",", "-", "'", "é",
    ][..];
    prop::collection::vec(select(pieces), 0..40).prop_map(|v| {
        // Keep it ASCII: "é" only as its ASCII stand-in "e".
        v.concat().replace('é', "e")
    })
}

/// `score.py`'s tokens restricted to ASCII: runs of letters and digits,
/// lower-cased (`_` is a separator).
fn naive_tokens(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_ascii_lowercase)
        .collect()
}

fn bag(s: &str) -> BTreeMap<String, u64> {
    let mut m = BTreeMap::new();
    for t in naive_tokens(s) {
        *m.entry(t).or_insert(0) += 1;
    }
    m
}

/// Python's `str.split()` whitespace, ASCII part.
fn py_ascii_ws(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r' | '\x0b' | '\x0c' | '\x1c'..='\x1f')
}

fn naive_normalize_ws(s: &str) -> String {
    s.split(py_ascii_ws).filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ")
}

proptest! {
    #![proptest_config(cases(512, REGRESSIONS))]

    /// `LineIter` / `split_into` = the reference byte loop.
    #[test]
    fn line_splitter_matches_byte_loop(bytes in line_bytes()) {
        let fast: Vec<_> = LineIter::new(&bytes).map(|l| (l.start, l.content_end, l.end)).collect();
        prop_assert_eq!(&fast, &naive_lines(&bytes));
        let mut reused = vec![lines::LineSpan { start: 9, content_end: 9, end: 9 }];
        lines::split_into(&bytes, &mut reused);
        prop_assert_eq!(reused.len(), fast.len());
        for l in &reused {
            prop_assert_eq!(l.range(), l.start..l.end);
            prop_assert_eq!(l.content(), l.start..l.content_end);
            prop_assert_eq!(l.terminator(), l.content_end..l.end);
            let term = &bytes[l.terminator()];
            prop_assert!(matches!(term, b"\n" | b"\r\n" | b"\r") || l.end == bytes.len());
        }
    }

    /// `repeats::normalise` = the reference normaliser, and equal hashes
    /// exactly when the normalised texts are equal.
    #[test]
    fn normalise_matches_reference(a in norm_line(), b in norm_line()) {
        let mut buf = String::new();
        repeats::normalise(&a, &mut buf);
        let na = naive_normalise(&a);
        prop_assert_eq!(&buf, &na, "line {:?}", a.escape_ascii().to_string());
        let nb = naive_normalise(&b);
        let mut buf_b = String::new();
        let ha = repeats::line_hash(&a, &mut buf);
        let hb = repeats::line_hash(&b, &mut buf_b);
        prop_assert_eq!(ha.is_none(), na.is_empty());
        prop_assert_eq!(ha.is_some() && ha == hb, !na.is_empty() && na == nb);
    }

    /// On ASCII text the eval tokeniser is "runs of letters and digits,
    /// lower-cased", and whitespace normalisation is Python's split/join.
    #[test]
    fn ascii_tokens_match_reference(s in ascii_text()) {
        prop_assert_eq!(text::tokens(&s), naive_tokens(&s));
        prop_assert_eq!(text::normalize_whitespace(&s), naive_normalize_ws(&s));
        prop_assert_eq!(text::is_blank(&s), s.chars().all(py_ascii_ws));
    }

    /// Token P/R/F1 = a multiset overlap computed with sorted maps.
    #[test]
    fn pair_scores_match_reference(out in ascii_text(), gold in ascii_text()) {
        let (o, g) = (bag(&out), bag(&gold));
        let tp: u64 = o.iter().map(|(t, n)| (*n).min(g.get(t).copied().unwrap_or(0))).sum();
        let n_out: u64 = o.values().sum();
        let n_gold: u64 = g.values().sum();
        let c = PairCounts::of_texts(&out, &gold);
        prop_assert_eq!((c.tp, c.n_out, c.n_gold), (tp, n_out, n_gold));
        let p = if n_out == 0 { 0.0 } else { tp as f64 / n_out as f64 };
        let r = if n_gold == 0 { 0.0 } else { tp as f64 / n_gold as f64 };
        let f1 = if tp == 0 { 0.0 } else { 2.0 / (1.0 / p + 1.0 / r) };
        let got: Prf = c.prf();
        prop_assert!((got.precision - p).abs() < 1e-12 && (got.recall - r).abs() < 1e-12);
        prop_assert!((got.f1 - f1).abs() < 1e-12, "F1 {} vs {}", got.f1, f1);
        prop_assert!((0.0..=1.0).contains(&got.f1));
    }

    /// Segment matching = whitespace-normalised, case-sensitive substring.
    #[test]
    fn segment_match_matches_reference(
        out in ascii_text(),
        with in prop::collection::vec(ascii_text(), 0..4),
        without in prop::collection::vec(ascii_text(), 0..4),
    ) {
        let seg = Segments { with: with.clone(), without: without.clone(), lang: None };
        let m = SegmentMatch::of(&seg, &out);
        let o = naive_normalize_ws(&out);
        let found = |s: &String| o.contains(&naive_normalize_ws(s));
        prop_assert_eq!(&m.found_with, &with.iter().map(found).collect::<Vec<_>>());
        prop_assert_eq!(&m.found_without, &without.iter().map(found).collect::<Vec<_>>());
        let c = m.counts();
        prop_assert_eq!(c.tp + c.fn_, with.len() as u64);
        prop_assert_eq!(c.fp + c.tn, without.len() as u64);
    }

    /// On any text the tokeniser yields non-empty tokens without whitespace
    /// or `_`; a CJK token is one character; and re-tokenising the tokens
    /// gives them back wherever NFKC and case folding leave them unchanged.
    #[test]
    fn tokens_are_well_formed(s in any::<String>()) {
        for t in text::tokens(&s) {
            prop_assert!(!t.is_empty());
            prop_assert!(!t.contains('_') && !t.chars().any(text::is_py_whitespace));
            if t.chars().any(text::is_cjk) {
                prop_assert_eq!(t.chars().count(), 1);
            }
            if text::nfkc(&t) == t && text::casefold(&t) == t {
                prop_assert_eq!(text::tokens(&t), vec![t.clone()]);
            }
        }
    }
}

#[test]
fn naive_normaliser_agrees_on_the_documented_examples() {
    // The reference must itself say what the module docs say.
    assert_eq!(
        naive_normalise(b"Two killed as police officers son opens fire"),
        naive_normalise("Two killed as police officer's son opens fire".as_bytes())
    );
    assert_eq!(
        naive_normalise(b"  1. Parliament speaker says"),
        naive_normalise(b"    Parliament speaker says")
    );
    assert_eq!(naive_normalise(b"LATEST  NEWS"), "latest news");
    assert_eq!(naive_normalise(b"date 2025-04-17 In Paris"), "in paris");
}
