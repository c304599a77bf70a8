//! Stage 7: repeated lines inside one document.
//!
//! Lines are compared by a normalised 64-bit hash (xxh3): case folded,
//! punctuation and symbols (apostrophes and quotes included) removed,
//! whitespace collapsed, leading list numbering and a scraper `date
//! YYYY-MM-DD` prefix removed. So `Two killed as police officers son opens
//! fire` and `Two killed as police officer's son opens fire` are one line,
//! as are `  1. Headline` and `    Headline` (seed 003).

use xxhash_rust::xxh3::xxh3_64;

use crate::features::for_each_char;

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
    buf.clear();
    let mut space = false;
    for_each_char(text, |c| {
        let Some(c) = c else { return };
        if crate::chars::is_alphanumeric(c) {
            if space && !buf.is_empty() {
                buf.push(' ');
            }
            space = false;
            if digits == Digits::Zero && crate::chars::is_numeric(c) {
                buf.push('0');
            } else if c.is_ascii() {
                buf.push(c.to_ascii_lowercase());
            } else {
                crate::chars::push_lower(c, buf);
            }
        } else if crate::chars::is_whitespace(c) {
            space = true;
        }
    });
}

/// The normalised hash of a line; `None` for lines with no letters or digits.
pub fn line_hash(line: &[u8], buf: &mut String) -> Option<u64> {
    normalise(line, buf);
    (!buf.is_empty()).then(|| xxh3_64(buf.as_bytes()))
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
