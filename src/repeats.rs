//! Stage 7: repeated lines inside one document.
//!
//! Lines are compared by a normalised 64-bit hash (xxh3): case folded,
//! punctuation and symbols (apostrophes and quotes included) removed,
//! whitespace collapsed, leading list numbering and a scraper `date
//! YYYY-MM-DD` prefix removed. So `Two killed as police officers son opens
//! fire` and `Two killed as police officer's son opens fire` are one line,
//! as are `  1. Headline` and `    Headline` (seed 003).

use xxhash_rust::xxh3::xxh3_64;

/// Normalise a line for repeat detection into `buf` (cleared first).
pub fn normalise(line: &[u8], buf: &mut String) {
    let text = crate::features::trim_bytes(line);
    let text = strip_scraper_prefix(text);
    fold_words(strip_numbering(text), Digits::Keep, buf);
}

/// What [`fold_words`] does with digits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Digits {
    /// Keep them ("2024" and "2025" differ).
    Keep,
    /// Map every digit to `0`, as CCNet does for cross-document keys.
    Zero,
}

/// Fold `text` into `buf` (cleared first): letters and digits lower-cased,
/// whitespace runs collapsed to one space, punctuation and symbols dropped
/// without a trace, so "officer's" and "officers" meet.
pub(crate) fn fold_words(text: &[u8], digits: Digits, buf: &mut String) {
    // Built as bytes in the string's own allocation, then handed back: the
    // fold only ever appends whole characters, so the bytes are UTF-8.
    let mut bytes = std::mem::take(buf).into_bytes();
    fold_bytes(text, digits, &mut bytes);
    *buf = String::from_utf8(bytes)
        .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
}

/// [`fold_words`] into a byte buffer (cleared first), the same bytes. ASCII
/// bytes are folded by one table lookup each ([`ASCII_FOLD`]); other characters are decoded as [`for_each_char`] decodes them
/// (an ASCII byte is never part of a multi-byte or an invalid sequence, so
/// decoding from there on gives the same characters). Invalid sequences
/// vanish, as in `fold_words`.
///
/// [`for_each_char`]: crate::features::for_each_char
fn fold_bytes(text: &[u8], digits: Digits, out: &mut Vec<u8>) {
    match digits {
        Digits::Keep => fold_into::<false>(text, out),
        Digits::Zero => fold_into::<true>(text, out),
    }
}

/// Most bytes the fold of one byte of text can take: a character's lower
/// case has at most 3/2 of its bytes (two-byte letters whose lower case
/// takes three: `İ` → `i̇`, `Ⱥ` → `ⱥ`), and each space the fold writes
/// stands for at least one byte of whitespace it does not copy. Checked by
/// the tests for every character.
const FOLD_GROWTH: usize = 2;

/// [`fold_bytes`], the digit rule fixed at compile time. The output is
/// written by index into a buffer sized for the worst case
/// ([`FOLD_GROWTH`]), then cut to length.
fn fold_into<const ZERO: bool>(text: &[u8], out: &mut Vec<u8>) {
    out.clear();
    out.resize(text.len() * FOLD_GROWTH + 4, 0);
    let buf = &mut out[..];
    let mut n = 0;
    let mut space = false;
    let mut i = 0;
    while i < text.len() {
        let b = text[i];
        if b < 0x80 {
            i += 1;
            match ASCII_FOLD[usize::from(b)] {
                ASCII_DROP => {}
                ASCII_SPACE => space = true,
                v => {
                    if space && n > 0 {
                        buf[n] = b' ';
                        n += 1;
                    }
                    space = false;
                    buf[n] = if ZERO && v.is_ascii_digit() { b'0' } else { v };
                    n += 1;
                    // The rest of a run of ASCII letters and digits, eight
                    // bytes at a time while eight remain: all eight stored
                    // lower-cased, the run's part kept (the output so far
                    // has at most twice the bytes read, [`FOLD_GROWTH`],
                    // and eight more are left to read, so they fit). The
                    // cross-document fold maps digits to `0` byte by byte.
                    while let (false, Some(x)) = (ZERO, crate::chars::load8(text, i)) {
                        let run = crate::chars::leading_run(crate::chars::ascii_alnum_bits(x));
                        buf[n..n + 8].copy_from_slice(&(x | crate::chars::CASE_BITS).to_le_bytes());
                        n += run;
                        i += run;
                        if run < 8 {
                            break;
                        }
                    }
                }
            }
            continue;
        }
        let (c, len) = crate::chars::decode(&text[i..]);
        i += len;
        let Some(c) = c else { continue };
        // Two-byte characters (Latin, Greek, Cyrillic…) from one fetch of
        // the character table.
        if let Some(p) = crate::chars::Props::of(c) {
            if p.is_alphanumeric() {
                if space && n > 0 {
                    buf[n] = b' ';
                    n += 1;
                }
                space = false;
                if ZERO && p.is_numeric() {
                    buf[n] = b'0';
                    n += 1;
                } else if let Some((bytes, len)) = p.lower_utf8() {
                    // Four bytes stored, `len` kept: the output so far has
                    // at most twice the bytes read, and two were just read,
                    // so they fit ([`FOLD_GROWTH`]).
                    buf[n..n + 4].copy_from_slice(&bytes.to_le_bytes());
                    n += len;
                } else {
                    n += crate::chars::write_lower_utf8(c, &mut buf[n..]);
                }
            } else if p.is_whitespace() {
                space = true;
            }
            continue;
        }
        if crate::chars::is_alphanumeric(c) {
            if space && n > 0 {
                buf[n] = b' ';
                n += 1;
            }
            space = false;
            if ZERO && crate::chars::is_numeric(c) {
                buf[n] = b'0';
                n += 1;
            } else {
                n += crate::chars::write_lower_utf8(c, &mut buf[n..]);
            }
        } else if crate::chars::is_whitespace(c) {
            space = true;
        }
    }
    out.truncate(n);
}

/// [`ASCII_FOLD`]: an ASCII character dropped from the fold (punctuation,
/// symbols, controls).
const ASCII_DROP: u8 = 0;
/// [`ASCII_FOLD`]: ASCII whitespace (`char::is_whitespace`: space, `\t`
/// to `\r`).
const ASCII_SPACE: u8 = 1;

/// What the fold does with each ASCII byte: its lower case for letters and
/// digits, else [`ASCII_DROP`] or [`ASCII_SPACE`].
static ASCII_FOLD: [u8; 128] = {
    let mut t = [ASCII_DROP; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        if c.is_ascii_alphanumeric() {
            t[b] = c.to_ascii_lowercase();
        } else if matches!(c, b' ' | b'\t'..=b'\r') {
            t[b] = ASCII_SPACE;
        }
        b += 1;
    }
    t
};

/// The normalised hash of a line; `None` for lines with no letters or digits.
/// `buf` is scratch space (left empty): the hash is that of the bytes
/// [`normalise`] would put there.
pub fn line_hash(line: &[u8], buf: &mut String) -> Option<u64> {
    let text = crate::features::trim_bytes(line);
    let text = strip_numbering(strip_scraper_prefix(text));
    let mut bytes = std::mem::take(buf).into_bytes();
    fold_bytes(text, Digits::Keep, &mut bytes);
    let hash = (!bytes.is_empty()).then(|| xxh3_64(&bytes));
    bytes.clear();
    *buf = String::from_utf8(bytes).unwrap_or_default();
    hash
}

/// Remove a leading ` date YYYY-MM-DD ` scraper prefix (FIELD.md §4).
pub fn strip_scraper_prefix(text: &[u8]) -> &[u8] {
    let Some(rest) = text.strip_prefix(b"date ") else { return text };
    let is_date = rest.len() >= 10
        && rest[..10].iter().enumerate().all(|(i, b)| match i {
            4 | 7 => *b == b'-',
            _ => b.is_ascii_digit(),
        });
    if is_date {
        let after = &rest[10..];
        let n = after.iter().take_while(|b| b.is_ascii_whitespace()).count();
        &after[n..]
    } else {
        text
    }
}

/// Remove a leading `12. ` / `3) ` list number.
fn strip_numbering(text: &[u8]) -> &[u8] {
    let d = text.iter().take_while(|b| b.is_ascii_digit()).count();
    if (1..=3).contains(&d)
        && matches!(text.get(d), Some(b'.' | b')'))
        && matches!(text.get(d + 1), Some(b' ' | b'\t'))
    {
        &text[d + 2..]
    } else {
        text
    }
}

/// Line hash → line index. The keys are already xxh3 hashes, so a cheap
/// fixed-seed hasher is enough (and keeps iteration order reproducible).
pub type LineHashMap = std::collections::HashMap<u64, u32, foldhash::fast::FixedState>;

/// For every line, the index of the first line with the same hash
/// (itself when it is the first). Lines without a hash point to themselves.
/// Linear expected time: one hash map insert per line.
/// `seen` is scratch space, cleared first.
pub fn first_occurrences(hashes: &[Option<u64>], seen: &mut LineHashMap, out: &mut Vec<u32>) {
    out.clear();
    seen.clear();
    for (i, h) in hashes.iter().enumerate() {
        let i = i as u32;
        out.push(match h {
            Some(h) => *seen.entry(*h).or_insert(i),
            None => i,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norm(s: &str) -> String {
        let mut b = String::new();
        normalise(s.as_bytes(), &mut b);
        b
    }

    #[test]
    fn near_duplicates_meet() {
        assert_eq!(
            norm("Two killed as police officers son opens fire"),
            norm("Two killed as police officer's son opens fire")
        );
        assert_eq!(
            norm("  1. Parliament speaker says Gaza 'not for sale'"),
            norm("    Parliament speaker says Gaza 'not for sale'")
        );
        assert_eq!(
            norm(" date 2025-04-17 Ukraine’s Zelensky urges pressure"),
            norm("Ukraine’s Zelensky urges pressure")
        );
        assert_eq!(norm("LATEST  NEWS"), "latest news");
        assert_ne!(norm("Heavy metals in 2024"), norm("Heavy metals in 2025"));
    }

    /// The fold as it was written first, a character at a time.
    fn fold_by_chars(text: &[u8], digits: Digits) -> String {
        let mut buf = String::new();
        let mut space = false;
        crate::features::for_each_char(text, |c| {
            let Some(c) = c else { return };
            if c.is_alphanumeric() {
                if space && !buf.is_empty() {
                    buf.push(' ');
                }
                space = false;
                if digits == Digits::Zero && c.is_numeric() {
                    buf.push('0');
                } else {
                    buf.extend(c.to_lowercase());
                }
            } else if c.is_whitespace() {
                space = true;
            }
        });
        buf
    }

    #[test]
    fn byte_fold_is_the_char_fold() {
        let parts: [&[u8]; 16] = [
            b"Ab1",
            b" ",
            b"\t\x0b",
            b"'s",
            "Ünïcode".as_bytes(),
            "\u{a0}".as_bytes(),
            "\u{3000}".as_bytes(),
            "İ".as_bytes(),
            "新闻".as_bytes(),
            "٣".as_bytes(),
            "\u{212A}".as_bytes(),
            "𝔘x".as_bytes(),
            b"\xff",
            b"\xe2\x82",
            b"\xf0\x9f",
            b"--",
        ];
        let mut buf = String::new();
        for a in parts {
            for b in parts {
                for c in parts {
                    for d in [&b""[..], b"9Z", b" ", "—".as_bytes()] {
                        let text = [a, b, c, d].concat();
                        for digits in [Digits::Keep, Digits::Zero] {
                            fold_words(&text, digits, &mut buf);
                            assert_eq!(buf, fold_by_chars(&text, digits), "{text:?}");
                        }
                        let want = fold_by_chars(
                            strip_numbering(strip_scraper_prefix(crate::features::trim_bytes(
                                &text,
                            ))),
                            Digits::Keep,
                        );
                        let hash = (!want.is_empty()).then(|| xxh3_64(want.as_bytes()));
                        assert_eq!(line_hash(&text, &mut buf), hash, "{text:?}");
                    }
                }
            }
        }
    }

    /// The byte fold is the character fold on every line of the corpus
    /// (and the dev sets when they are beside the repository) and on every
    /// two-byte character, with either digit rule; and on runs of ASCII
    /// letters and digits (read eight bytes at a time) of every length
    /// around the step, at the text's start and end.
    #[test]
    fn byte_fold_is_the_char_fold_on_corpus_lines() {
        let mut lines = crate::testdata::corpus_and_dev_lines();
        for c in (0x80..0x800).filter_map(char::from_u32) {
            lines.push(format!("{c}ab x{c}y {c}1 {c}").into_bytes());
        }
        for n in 0..20 {
            let w = &"AbCdEfGhIjKlMnOpQrSt0123456789"[..n];
            lines.push(format!("{w} x{w}Ä{w}.{w}'{w}").into_bytes());
            lines.push(format!("{w}\u{212A}{w}\u{130}{w}").into_bytes());
            lines.push(format!("  1. {w}").into_bytes());
        }
        lines.push(b"ALLRIGHTSRESERVED all@rights[reserved]`{}Z\x7fz\xff09/:".to_vec());
        let mut buf = String::new();
        for l in &lines {
            for digits in [Digits::Keep, Digits::Zero] {
                fold_words(l, digits, &mut buf);
                assert_eq!(buf, fold_by_chars(l, digits), "{}", String::from_utf8_lossy(l));
            }
        }
    }

    #[test]
    fn lines_without_words_have_no_hash() {
        let mut b = String::new();
        assert_eq!(line_hash(b"  --- ***", &mut b), None);
        assert_eq!(line_hash(b"", &mut b), None);
        assert!(line_hash(b"x", &mut b).is_some());
    }

    #[test]
    fn first_occurrence_indices() {
        let mut out = Vec::new();
        let mut seen = LineHashMap::default();
        first_occurrences(&[Some(1), None, Some(2), Some(1), None, Some(2)], &mut seen, &mut out);
        assert_eq!(out, vec![0, 1, 2, 0, 4, 2]);
    }

    #[test]
    fn scraper_prefix_only_when_dated() {
        assert_eq!(strip_scraper_prefix(b"date 2025-04-18 In Paris"), b"In Paris");
        assert_eq!(strip_scraper_prefix(b"date night ideas"), b"date night ideas");
    }
}
