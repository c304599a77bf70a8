//! The structural oracle: what must hold for *any* input and *any* config,
//! checked against slow, obviously correct reference code; and the
//! reference implementations themselves (line splitter, repeat normaliser).
//!
//! Shared by the property tests (`tests/props.rs`), the fuzz targets
//! (`fuzz/fuzz_targets/clean.rs` includes this file with `#[path]`) and the
//! fuzz-regression replay (`tests/fuzz_replay.rs`), so that all three check
//! the same thing. It uses only deboil's public API and std.
//!
//! Every check returns `Err(message)` instead of panicking, so a property
//! test can shrink and a fuzz target can print its reproducer first.

// Each includer uses a different subset of these helpers.
#![allow(dead_code)]

use deboil::{BlankLines, Cleaned, Config, Label, OverLimit, Rule};

/// A line as `(start, content_end, end)` byte offsets.
pub type Span3 = (usize, usize, usize);

/// Reference line splitter: a plain byte loop. `\n`, `\r\n` and a lone `\r`
/// end a line and belong to it; a last line may have no terminator; an
/// empty input has no lines.
pub fn naive_lines(h: &[u8]) -> Vec<Span3> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < h.len() {
        match h[i] {
            b'\n' => {
                out.push((start, i, i + 1));
                i += 1;
                start = i;
            }
            b'\r' => {
                let end = if h.get(i + 1) == Some(&b'\n') { i + 2 } else { i + 1 };
                out.push((start, i, end));
                i = end;
                start = i;
            }
            _ => i += 1,
        }
    }
    if start < h.len() {
        out.push((start, h.len(), h.len()));
    }
    out
}

/// The first character of `t` and its length in bytes, if `t` starts with
/// a valid UTF-8 sequence.
fn first_char(t: &[u8]) -> Option<(char, usize)> {
    (1..=t.len().min(4)).find_map(|k| {
        std::str::from_utf8(&t[..k]).ok().and_then(|s| s.chars().next()).map(|c| (c, k))
    })
}

/// The last character of `t` and its length in bytes, if `t` ends with a
/// valid UTF-8 sequence.
fn last_char(t: &[u8]) -> Option<(char, usize)> {
    (1..=t.len().min(4)).find_map(|k| {
        let s = std::str::from_utf8(&t[t.len() - k..]).ok()?;
        let mut chars = s.chars();
        let c = chars.next()?;
        chars.next().is_none().then_some((c, k))
    })
}

/// Reference trimming: whitespace characters (`char::is_whitespace`) off
/// both ends, stopping at anything else, invalid UTF-8 included.
pub fn naive_trim(line: &[u8]) -> &[u8] {
    let mut t = line;
    while let Some((_, k)) = first_char(t).filter(|(c, _)| c.is_whitespace()) {
        t = &t[k..];
    }
    while let Some((_, k)) = last_char(t).filter(|(c, _)| c.is_whitespace()) {
        t = &t[..t.len() - k];
    }
    t
}

/// Reference normaliser, written from the description in `repeats`: trim
/// whitespace ([`naive_trim`]), drop a `date YYYY-MM-DD` scraper prefix and
/// a `12. ` / `3) ` list number, then keep the words (whitespace-separated)
/// with only their letters and digits, lower-cased, joined by one space;
/// invalid UTF-8 vanishes.
pub fn naive_normalise(line: &[u8]) -> String {
    let mut t = naive_trim(line);
    if let Some(rest) = t.strip_prefix(b"date ") {
        let shape = b"0000-00-00";
        let dated = rest.len() >= 10
            && rest[..10].iter().zip(shape).all(|(b, s)| {
                if *s == b'-' {
                    *b == b'-'
                } else {
                    b.is_ascii_digit()
                }
            });
        if dated {
            t = &rest[10..];
            while t.first().is_some_and(|b| b.is_ascii_whitespace()) {
                t = &t[1..];
            }
        }
    }
    let digits = t.iter().take_while(|b| b.is_ascii_digit()).count();
    if (1..=3).contains(&digits)
        && t.len() >= digits + 2
        && (t[digits] == b'.' || t[digits] == b')')
        && (t[digits + 1] == b' ' || t[digits + 1] == b'\t')
    {
        t = &t[digits + 2..];
    }
    // Invalid sequences become U+FFFD, which is neither whitespace nor
    // alphanumeric, so it vanishes like punctuation.
    let text = String::from_utf8_lossy(t);
    let words: Vec<String> = text
        .split(char::is_whitespace)
        .map(|w| w.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect())
        .filter(|w: &String| !w.is_empty())
        .collect();
    words.join(" ")
}

/// Whitespace characters only (valid UTF-8 whose every `char` is
/// whitespace): the widest sensible meaning of "blank".
pub fn char_blank(content: &[u8]) -> bool {
    std::str::from_utf8(content).is_ok_and(|s| s.chars().all(char::is_whitespace))
}

/// How many leading lines of `lines` fit the config's limits, and whether
/// the document is over them at all.
pub fn within_limits(input: &[u8], lines: &[Span3], config: &Config) -> (bool, usize) {
    let over =
        input.len() > config.max_document_bytes() || lines.len() > config.max_document_lines();
    if !over {
        return (false, lines.len());
    }
    let k = lines
        .iter()
        .take(config.max_document_lines())
        .take_while(|l| l.2 <= config.max_document_bytes())
        .count();
    (true, k)
}

macro_rules! ensure {
    ($cond:expr, $($fmt:tt)+) => {
        if !$cond {
            return Err(format!($($fmt)+));
        }
    };
}

/// Check every structural property of `cleaned`, the result of cleaning
/// `input` with `config`:
///
/// 1. one verdict per line of the reference splitter, with the same spans
///    (so the spans are contiguous and concatenate to the input);
/// 2. the output (`to_vec`, `kept_lines`, `kept_ranges`, `kept_count`,
///    `kept_bytes`) is exactly the keep-verdict lines, in order, each
///    byte-for-byte its input line with its terminator;
/// 3. limits: nothing is over → no `Rule::Limit`; over with `PassThrough` →
///    every line kept with `Rule::Limit` and output = input; over with
///    `Truncate` → lines past the limits dropped with `Rule::Limit`, the
///    others never `Rule::Limit`, output within the byte limit;
/// 4. scores are finite; rules refer backwards (`Repeat { first }` to an
///    earlier line whose normalised hash is equal, `Region { opener }` to
///    this or an earlier line); the explanation agrees with the decision (a
///    kept line is content, a heading or a blank separator, a dropped one
///    is none of the first two; `Duplicate` exactly with `Rule::Repeat`);
/// 5. blank lines: a line is blank (and labelled so) exactly when it is
///    whitespace only; `Drop` keeps no blank line; `Separators` keeps
///    exactly the first blank of each gap between two kept text lines that
///    has one, and no other.
pub fn check(input: &[u8], cleaned: &Cleaned<'_>, config: &Config) -> Result<(), String> {
    let lines = naive_lines(input);
    let verdicts = cleaned.verdicts();

    // 1. Coverage.
    ensure!(verdicts.len() == lines.len(), "{} verdicts for {} lines", verdicts.len(), lines.len());
    for (i, (v, l)) in verdicts.iter().zip(&lines).enumerate() {
        let s = v.span;
        ensure!(
            (s.start, s.content_end, s.end) == *l,
            "line {i}: span {s:?}, reference splitter says {l:?}"
        );
    }
    ensure!(std::ptr::eq(cleaned.input(), input), "Cleaned::input is not the input");

    // 2. Output = kept lines, in order, byte for byte.
    let mut expected = Vec::new();
    let mut expected_ranges = Vec::new();
    for (v, l) in verdicts.iter().zip(&lines) {
        if v.keep {
            expected.extend_from_slice(&input[l.0..l.2]);
            expected_ranges.push(l.0..l.2);
        }
    }
    let out = cleaned.to_vec();
    ensure!(out == expected, "to_vec is not the concatenation of the kept lines");
    let mut written = b"prefix".to_vec();
    cleaned.write_to(&mut written);
    ensure!(written[6..] == expected[..], "write_to differs from to_vec");
    let ranges: Vec<_> = cleaned.kept_ranges().collect();
    ensure!(ranges == expected_ranges, "kept_ranges differ from the keep verdicts");
    let kept: Vec<&[u8]> = cleaned.kept_lines().collect();
    ensure!(kept.len() == ranges.len(), "kept_lines count");
    for (k, r) in kept.iter().zip(&ranges) {
        ensure!(*k == &input[r.clone()], "kept line differs from its input line {r:?}");
        // Borrowed from the input, not copied.
        ensure!(std::ptr::eq(k.as_ptr(), input[r.start..].as_ptr()), "kept line not borrowed");
    }
    ensure!(cleaned.kept_count() == ranges.len(), "kept_count");
    ensure!(cleaned.kept_bytes() == expected.len(), "kept_bytes");

    // 3. Limits.
    let (over, k) = within_limits(input, &lines, config);
    for (i, v) in verdicts.iter().enumerate() {
        let limit = v.rule == Rule::Limit;
        if !over {
            ensure!(!limit, "line {i}: Rule::Limit on a document within the limits");
        } else if config.over_limit() == OverLimit::PassThrough {
            ensure!(limit && v.keep, "line {i}: over-limit pass-through must keep with Limit");
        } else if i >= k {
            ensure!(limit && !v.keep, "line {i} past the limit ({k} lines fit) not dropped");
        } else {
            ensure!(!limit, "line {i} within the limit ({k} lines fit) has Rule::Limit");
        }
    }
    if over && config.over_limit() == OverLimit::PassThrough {
        ensure!(out == input, "pass-through output differs from the input");
        return Ok(()); // labels and blank policy do not apply
    }
    if over {
        ensure!(out.len() <= config.max_document_bytes(), "truncated output over the byte limit");
    }

    // 4. Rules refer backwards; explanations agree with the decision.
    let mut buf_a = String::new();
    let mut buf_b = String::new();
    for (i, v) in verdicts.iter().enumerate() {
        ensure!(v.score.is_finite(), "line {i}: score {}", v.score);
        if v.rule != Rule::Limit {
            let kept_kind = matches!(v.label, Label::Content | Label::Heading | Label::Blank);
            ensure!(
                v.keep == kept_kind || v.label == Label::Blank,
                "line {i}: keep = {} but labelled {:?} ({:?})",
                v.keep,
                v.label,
                v.rule
            );
            ensure!(
                matches!(v.rule, Rule::Repeat { .. }) == (v.label == Label::Duplicate),
                "line {i}: rule {:?} with label {:?}",
                v.rule,
                v.label
            );
        }
        match v.rule {
            Rule::Repeat { first } => {
                let f = first as usize;
                ensure!(f < i, "line {i}: Repeat {{ first: {f} }} is not earlier");
                let a = deboil::repeats::line_hash(&input[lines[f].0..lines[f].1], &mut buf_a);
                let b = deboil::repeats::line_hash(&input[lines[i].0..lines[i].1], &mut buf_b);
                ensure!(a.is_some() && a == b, "line {i}: Repeat of {f}, but hashes differ");
            }
            Rule::Region { opener } => {
                ensure!((opener as usize) <= i, "line {i}: Region opener {opener} is later");
            }
            _ => {}
        }
    }

    // 5. Blank lines.
    // (Lines cut off by `Truncate` are not looked at: no features.)
    let blank: Vec<bool> = verdicts.iter().map(|v| v.features.blank).collect();
    for (i, (v, l)) in verdicts.iter().zip(&lines).enumerate() {
        if v.rule == Rule::Limit {
            continue;
        }
        let content = &input[l.0..l.1];
        ensure!(
            blank[i] == char_blank(content),
            "line {i}: {content:?}: features.blank is {} (whitespace only: {})",
            blank[i],
            char_blank(content)
        );
        ensure!(
            blank[i] == (v.label == Label::Blank),
            "line {i}: blank = {}, label {:?}",
            blank[i],
            v.label
        );
    }
    match config.blank_lines() {
        BlankLines::Drop => {
            for (i, v) in verdicts.iter().enumerate() {
                ensure!(!(blank[i] && v.keep), "line {i}: blank kept under BlankLines::Drop");
            }
        }
        BlankLines::Separators => {
            // Between two consecutive kept text lines: the first blank of the
            // gap is kept when there is one, every other blank dropped;
            // outside such gaps no blank is kept.
            let text_kept: Vec<usize> =
                (0..verdicts.len()).filter(|&i| verdicts[i].keep && !blank[i]).collect();
            let mut should_keep = vec![false; verdicts.len()];
            for w in text_kept.windows(2) {
                if let Some(b) = (w[0] + 1..w[1]).find(|&j| blank[j]) {
                    should_keep[b] = true;
                }
            }
            for i in 0..verdicts.len() {
                if blank[i] {
                    ensure!(
                        verdicts[i].keep == should_keep[i],
                        "line {i}: blank keep = {}, separator policy says {}",
                        verdicts[i].keep,
                        should_keep[i]
                    );
                }
            }
        }
    }
    Ok(())
}

/// Everything about a verdict, comparable (the score by its bits).
pub type VerdictKey = (Span3, bool, deboil::Label, Rule, u32, deboil::features::LineFeatures);

/// The comparable form of a result, for determinism checks.
pub fn key(cleaned: &Cleaned<'_>) -> (Vec<VerdictKey>, Option<deboil::Lang>) {
    let v = cleaned
        .verdicts()
        .iter()
        .map(|v| {
            (
                (v.span.start, v.span.content_end, v.span.end),
                v.keep,
                v.label,
                v.rule,
                v.score.to_bits(),
                v.features,
            )
        })
        .collect();
    (v, cleaned.lang())
}
