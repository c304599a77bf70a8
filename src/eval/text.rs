//! Text normalisation shared by the scorers: the bag-of-words tokeniser of
//! the dev sets' `score.py` and the whitespace normalisation of
//! `score_segments.py`, reproduced exactly.
//!
//! `score.py` tokenises with
//!
//! ```text
//! re.findall(r"[CJK]|[^\W_CJK]+", unicodedata.normalize("NFKC", text).casefold())
//! ```
//!
//! where CJK is `\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff`
//! (kana and ideographs). So a token is either one CJK character, or a
//! maximal run of other characters that Python's `\w` matches, minus `_`.
//! Three details differ from what Rust's standard library offers, and are
//! taken from Python's own Unicode database (see `scripts/gen_eval_tables.py`):
//!
//! - Python's `\w` is `str.isalnum()` or `_`: letters are the `L*` general
//!   categories, so combining marks (`Mn`, `Mc`) are *not* word characters
//!   and split tokens (Devanagari vowel signs, Thai tone marks…), unlike
//!   Rust's [`char::is_alphanumeric`].
//! - `str.casefold()` is full Unicode case folding: `ß` → `ss`, `ſ` → `s`,
//!   final sigma `ς` → `σ`, `ﬁ` → `fi`; [`str::to_lowercase`] is not.
//! - NFKC follows the Unicode version of that Python: characters it does not
//!   know pass through untouched, even when the Rust normaliser knows them.
//!
//! The bytes are decoded as Python's `decode("utf-8", errors="replace")`
//! does ([`decode_lossy`]); U+FFFD is not a word character, so where exactly
//! replacement characters go never changes a token.

use std::borrow::Cow;
use std::collections::HashMap;

use unicode_normalization::{is_nfkc_quick, IsNormalized, UnicodeNormalization};

use super::unicode_tables::{ASSIGNED, CASEFOLD, WORD};

/// The Python version whose Unicode tables the tokeniser reproduces (the one
/// that generated them; `score.py` under another Python may differ on
/// characters added to Unicode in between).
pub const PYTHON_VERSION: &str = super::unicode_tables::PYTHON_VERSION;

/// The Unicode version of [`PYTHON_VERSION`]'s `unicodedata`.
pub const UNICODE_VERSION: &str = super::unicode_tables::UNICODE_VERSION;

/// Decode bytes as UTF-8, replacing invalid sequences with U+FFFD, as
/// Python's `bytes.decode("utf-8", errors="replace")` does.
pub fn decode_lossy(bytes: &[u8]) -> Cow<'_, str> {
    String::from_utf8_lossy(bytes)
}

/// Whether `c` is whitespace for Python's `str.split()` and `str.strip()`
/// (`str.isspace()`): Rust's [`char::is_whitespace`] plus the ASCII
/// information separators U+001C..=U+001F.
#[inline]
pub fn is_py_whitespace(c: char) -> bool {
    c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c)
}

/// Whether `text` is empty or whitespace only (Python's `not text.strip()`).
pub fn is_blank(text: &str) -> bool {
    text.chars().all(is_py_whitespace)
}

/// The words of `text` split on runs of Python whitespace (`str.split()`).
pub fn py_words(text: &str) -> impl Iterator<Item = &str> {
    text.split(is_py_whitespace).filter(|w| !w.is_empty())
}

/// Python's `" ".join(text.split())`: every run of whitespace, line breaks
/// included, becomes one space, and the ends are stripped.
///
/// ```
/// use deboil::eval::text::normalize_whitespace;
/// assert_eq!(normalize_whitespace("  a\n\tb  c\u{a0}d "), "a b c d");
/// ```
pub fn normalize_whitespace(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in py_words(text) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

fn in_ranges(table: &[(u32, u32)], c: char) -> bool {
    let c = c as u32;
    table
        .binary_search_by(|&(lo, hi)| {
            if hi < c {
                std::cmp::Ordering::Less
            } else if lo > c {
                std::cmp::Ordering::Greater
            } else {
                std::cmp::Ordering::Equal
            }
        })
        .is_ok()
}

/// Whether Python's `\w` matches `c` (`c.isalnum() or c == "_"`).
#[inline]
pub fn is_py_word(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric() || c == '_'
    } else {
        in_ranges(WORD, c)
    }
}

/// Whether `c` is in one of `score.py`'s CJK ranges (kana, CJK ideographs
/// and extension A, compatibility ideographs), each character of which is a
/// token of its own.
#[inline]
pub fn is_cjk(c: char) -> bool {
    matches!(c, '\u{3040}'..='\u{30ff}'
        | '\u{3400}'..='\u{4dbf}'
        | '\u{4e00}'..='\u{9fff}'
        | '\u{f900}'..='\u{faff}')
}

fn is_py_assigned(c: char) -> bool {
    c.is_ascii() || in_ranges(ASSIGNED, c)
}

/// Python's `str.casefold()` of one character, passed to `f` one folded
/// character at a time (full case folding maps some characters to two or
/// three).
#[inline]
pub fn casefold_char(c: char, mut f: impl FnMut(char)) {
    if c.is_ascii() {
        f(c.to_ascii_lowercase());
        return;
    }
    match CASEFOLD.binary_search_by_key(&c, |&(k, _)| k) {
        Ok(i) => CASEFOLD[i].1.chars().for_each(f),
        Err(_) => f(c),
    }
}

/// Python's `str.casefold()`.
///
/// ```
/// use deboil::eval::text::casefold;
/// assert_eq!(casefold("Straße ΣΑΣ"), "strasse σασ");
/// ```
pub fn casefold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        casefold_char(c, |f| out.push(f));
    }
    out
}

/// Python's `unicodedata.normalize("NFKC", text)` under [`UNICODE_VERSION`]:
/// characters that this Unicode version does not assign pass through
/// unchanged (they are starters without decomposition there, so they also
/// split the text into independently normalised pieces).
pub fn nfkc(text: &str) -> Cow<'_, str> {
    if is_nfkc_quick(text.chars()) == IsNormalized::Yes {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    let mut start = 0;
    for (i, c) in text.char_indices() {
        if !is_py_assigned(c) {
            out.extend(text[start..i].nfkc());
            out.push(c);
            start = i + c.len_utf8();
        }
    }
    out.extend(text[start..].nfkc());
    Cow::Owned(out)
}

/// Call `f` with every token of `text`, in order, exactly as `score.py`'s
/// `tokens()` finds them (NFKC, case folding, then the token pattern).
///
/// The token slice is only valid during the call; nothing is allocated per
/// token.
pub fn for_each_token(text: &str, mut f: impl FnMut(&str)) {
    let norm = nfkc(text);
    let mut tok = String::new();
    let mut cjk = [0u8; 4];
    let mut step = |c: char, tok: &mut String| {
        if is_cjk(c) {
            if !tok.is_empty() {
                f(tok);
                tok.clear();
            }
            f(c.encode_utf8(&mut cjk));
        } else if c != '_' && is_py_word(c) {
            tok.push(c);
        } else if !tok.is_empty() {
            f(tok);
            tok.clear();
        }
    };
    for c in norm.chars() {
        casefold_char(c, |fc| step(fc, &mut tok));
    }
    if !tok.is_empty() {
        step(' ', &mut tok);
    }
}

/// The tokens of `text` (`score.py`'s `tokens()`).
///
/// ```
/// use deboil::eval::text::tokens;
/// assert_eq!(tokens("Ｈｅｌｌｏ, Straße! snake_case 東京 42"),
///            ["hello", "strasse", "snake", "case", "東", "京", "42"]);
/// ```
pub fn tokens(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for_each_token(text, |t| out.push(t.to_owned()));
    out
}

/// A multiset of tokens (Python's `Counter(tokens(text))`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TokenBag {
    counts: HashMap<String, u32>,
    len: u64,
}

impl TokenBag {
    /// An empty bag.
    pub fn new() -> TokenBag {
        TokenBag::default()
    }

    /// The tokens of `text`.
    pub fn from_text(text: &str) -> TokenBag {
        let mut bag = TokenBag::new();
        bag.add_text(text);
        bag
    }

    /// Add the tokens of `text`.
    pub fn add_text(&mut self, text: &str) {
        for_each_token(text, |t| self.add(t, 1));
    }

    /// Add `n` copies of `token`.
    pub fn add(&mut self, token: &str, n: u32) {
        if n == 0 {
            return;
        }
        match self.counts.get_mut(token) {
            Some(c) => *c += n,
            None => {
                self.counts.insert(token.to_owned(), n);
            }
        }
        self.len += u64::from(n);
    }

    /// Add every token of `other`.
    pub fn add_bag(&mut self, other: &TokenBag) {
        for (t, n) in other.iter() {
            self.add(t, n);
        }
    }

    /// Remove every token of `other`, as far as there are any (Python's
    /// `Counter -= Counter`: counts never go below zero).
    pub fn subtract(&mut self, other: &TokenBag) {
        for (t, n) in other.iter() {
            if let Some(c) = self.counts.get_mut(t) {
                let taken = (*c).min(n);
                *c -= taken;
                self.len -= u64::from(taken);
                if *c == 0 {
                    self.counts.remove(t);
                }
            }
        }
    }

    /// How many times `token` is in the bag.
    pub fn count(&self, token: &str) -> u32 {
        self.counts.get(token).copied().unwrap_or(0)
    }

    /// The number of tokens, repeats included (`sum(counter.values())`).
    pub fn len(&self) -> u64 {
        self.len
    }

    /// Whether the bag has no token.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The number of distinct tokens.
    pub fn distinct(&self) -> usize {
        self.counts.len()
    }

    /// The distinct tokens and their counts, in no particular order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, u32)> + '_ {
        self.counts.iter().map(|(t, &n)| (t.as_str(), n))
    }

    /// The size of the multiset intersection (`sum((a & b).values())`).
    pub fn overlap(&self, other: &TokenBag) -> u64 {
        let (small, large) =
            if self.distinct() <= other.distinct() { (self, other) } else { (other, self) };
        small.iter().map(|(t, n)| u64::from(n.min(large.count(t)))).sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_words_digits_and_underscores() {
        // Runs of letters/digits; "_" and punctuation split; digits are
        // tokens like words; case is folded.
        assert_eq!(
            tokens("Hello, World! 3.14 snake_case x__y"),
            ["hello", "world", "3", "14", "snake", "case", "x", "y"]
        );
        assert_eq!(tokens("abc123def"), ["abc123def"]);
        assert!(tokens("").is_empty());
        assert!(tokens(" ,.;!? _ -- ").is_empty());
    }

    #[test]
    fn nfkc_full_width_and_ligatures() {
        // Full-width letters and digits become ASCII; "ﬁ" (U+FB01) becomes
        // "fi"; superscript two becomes "2" and joins its word.
        assert_eq!(tokens("ＡＢＣ１２３"), ["abc123"]);
        assert_eq!(tokens("ﬁne"), ["fine"]);
        assert_eq!(tokens("m²"), ["m2"]);
        // Decomposed e + combining acute composes to é (one word).
        assert_eq!(tokens("cafe\u{301}"), ["café"]);
    }

    #[test]
    fn full_case_folding() {
        // ß → ss, ſ (long s) → s, ς (final sigma) → σ, Kelvin sign → k.
        assert_eq!(tokens("Straße"), tokens("STRASSE"));
        assert_eq!(tokens("Straße"), ["strasse"]);
        assert_eq!(tokens("ſun"), ["sun"]);
        assert_eq!(tokens("ΟΔΟΣ οδος"), ["οδοσ", "οδοσ"]);
        assert_eq!(casefold("\u{212a}"), "k");
        assert_eq!(casefold("İ"), "i\u{307}");
    }

    #[test]
    fn cjk_characters_are_single_tokens() {
        // Every kana/ideograph is a token; a Latin run next to them is one
        // token; Hangul is not in the CJK ranges, so it stays a run.
        assert_eq!(tokens("東京タワーabc"), ["東", "京", "タ", "ワ", "ー", "abc"]);
        assert_eq!(tokens("한국어 문장"), ["한국어", "문장"]);
        // U+30FB KATAKANA MIDDLE DOT is punctuation but inside the range.
        assert_eq!(tokens("a・b"), ["a", "・", "b"]);
    }

    #[test]
    fn combining_marks_split_words_as_in_python() {
        // Python's \w excludes category Mn/Mc: the Devanagari vowel sign
        // U+093F splits "हिन्दी" into pieces, as score.py does.
        assert_eq!(tokens("हिन्दी"), ["ह", "न", "द"]);
    }

    #[test]
    fn whitespace_as_python() {
        assert_eq!(normalize_whitespace("\u{1c}a\u{1f}b\u{85}c\u{3000}d"), "a b c d");
        assert_eq!(normalize_whitespace(" \t\n "), "");
        assert!(is_blank(" \u{a0}\r\n"));
        assert!(!is_blank(" x "));
        // Zero-width space is not whitespace for Python either.
        assert_eq!(normalize_whitespace("a\u{200b}b"), "a\u{200b}b");
    }

    #[test]
    fn bag_overlap_is_multiset_intersection() {
        // output "a b b c", gold "b c c d": a∩ = {b:1, c:1} → 2.
        let out = TokenBag::from_text("a b b c");
        let gold = TokenBag::from_text("b c c d");
        assert_eq!((out.len(), gold.len(), out.overlap(&gold)), (4, 4, 2));
        assert_eq!(gold.overlap(&out), 2);
        let mut rest = gold.clone();
        rest.subtract(&out);
        // {b:1,c:2,d:1} - {a:1,b:2,c:1} = {c:1, d:1}
        assert_eq!((rest.len(), rest.count("c"), rest.count("b")), (2, 1, 0));
    }

    #[test]
    fn invalid_utf8_only_splits() {
        assert_eq!(tokens(&decode_lossy(b"ab\xffcd \xe2\x82")), ["ab", "cd"]);
    }

    #[test]
    fn unassigned_code_points_pass_through_nfkc() {
        // U+1CCD6 OUTLINED LATIN CAPITAL LETTER A (Unicode 16) decomposes to
        // "A" for a Unicode 16 normaliser but is unknown to Python 3.11, which
        // leaves it alone (and its \w does not match it).
        if UNICODE_VERSION.starts_with("14.") {
            assert_eq!(nfkc("x\u{1ccd6}y"), "x\u{1ccd6}y");
            assert_eq!(tokens("x\u{1ccd6}y"), ["x", "y"]);
        }
    }

    /// Differential check against Python itself on strings that exercise
    /// every rule above (skipped when `python3` is not installed).
    #[test]
    fn agrees_with_python_tokeniser() {
        let samples = [
            "Straße STRASSE ſ ς Σ ΐ ﬃ İstanbul ǅ ῼ",
            "ＡＢＣ１２３ ① ½ ² ㎏ ㍻ ﷺ",
            "東京タワー・abc 한국어 ㄱ ｶﾀｶﾅ 〇一 𠀋 𪚲",
            "हिन्दी ไทย العربية עִבְרִית",
            "snake_case __init__ a_b_c 1_000 x\u{1c}y\u{200b}z",
            "e\u{301} a\u{308}\u{323} \u{2126} \u{212b} Ⅻ ⅻ",
            "\u{1ccd6}\u{1e030} a\u{1e08f}b \u{31350}",
        ];
        let script = "import re,sys,unicodedata,json\n\
            C='\\u3040-\\u30ff\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff'\n\
            R=re.compile(rf'[{C}]|[^\\W_{C}]+')\n\
            for l in json.load(sys.stdin):\n \
            print(json.dumps(R.findall(unicodedata.normalize('NFKC',l).casefold())))\n";
        let child = std::process::Command::new("python3")
            .arg("-c")
            .arg(script)
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .spawn();
        let Ok(mut child) = child else {
            eprintln!("python3 not found: skipping the differential test");
            return;
        };
        {
            use std::io::Write;
            let mut stdin = child.stdin.take().expect("piped stdin");
            let json = serde_json::to_string(&samples).expect("serialise samples");
            stdin.write_all(json.as_bytes()).expect("write to python3");
        }
        let out = child.wait_with_output().expect("python3 ran");
        assert!(out.status.success(), "python3 failed");
        let version = std::process::Command::new("python3")
            .args(["-c", "import unicodedata; print(unicodedata.unidata_version)"])
            .output()
            .expect("python3 ran");
        let py_unicode = String::from_utf8_lossy(&version.stdout).trim().to_owned();
        let stdout = String::from_utf8(out.stdout).expect("python3 prints UTF-8");
        for (sample, line) in samples.iter().zip(stdout.lines()) {
            let expected: Vec<String> = serde_json::from_str(line).expect("JSON list");
            if py_unicode != UNICODE_VERSION && sample.contains('\u{1ccd6}') {
                continue; // the last sample depends on the Unicode version
            }
            assert_eq!(tokens(sample), expected, "sample {sample:?}");
        }
        assert_eq!(stdout.lines().count(), samples.len());
    }
}
