//! Stage 2: per-line features, computed in one pass over the line's bytes.
//!
//! Everything here is counted in characters, not bytes, so Cyrillic and CJK
//! lines measure like Latin ones. Words are runs of letters/digits; CJK,
//! kana, Thai and similar scripts without spaces are estimated as one word
//! per [`CJK_CHARS_PER_WORD`] characters. Invalid UTF-8 sequences count as
//! one symbol character each and never as letters.

use serde::Serialize;

/// Characters per estimated word in scripts written without spaces (CJK,
/// kana, Thai). Chinese words average about 1.5–2 characters (Sproat et al.
/// 1996 segmentation statistics); 2 keeps CJK word counts comparable to
/// English ones for the same amount of text.
pub const CJK_CHARS_PER_WORD: u32 = 2;

/// The dominant writing system of a line.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Script {
    /// No letters at all.
    #[default]
    None,
    /// Latin letters.
    Latin,
    /// Cyrillic letters.
    Cyrillic,
    /// Greek letters.
    Greek,
    /// Arabic letters.
    Arabic,
    /// Hebrew letters.
    Hebrew,
    /// Han, kana and Hangul.
    Cjk,
    /// Thai, Devanagari and other scripts.
    Other,
}

/// Numeric features of one line. `Copy` and small: one per line is kept in a
/// reused vector and copied into the line's [`Verdict`](crate::Verdict).
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct LineFeatures {
    /// Characters of text, terminator excluded, surrounding whitespace excluded.
    pub chars: u32,
    /// Estimated words.
    pub words: u32,
    /// Letters (alphabetic characters).
    pub letters: u32,
    /// Upper-case letters.
    pub upper: u32,
    /// Decimal digits.
    pub digits: u32,
    /// Punctuation and symbol characters (invalid UTF-8 counts here).
    pub punct: u32,
    /// Words found in the document language's stoplist.
    pub stopwords: u32,
    /// Words that start with an upper-case letter.
    pub capitalised: u32,
    /// Length in characters of the longest word.
    pub longest_word: u32,
    /// Leading spaces and tabs.
    pub indent: u32,
    /// The line's dominant script.
    pub script: Script,
    /// Letters in the dominant script.
    pub script_letters: u32,
    /// Ends like a sentence: `.`, `!`, `?`, `…`, `。`, `！`, `？`, possibly
    /// followed by closing quotes or brackets.
    pub terminal: bool,
    /// Ends with `:`.
    pub colon_end: bool,
    /// Starts with a bullet (`•`, `-`, `*`, `·`, `►`, `»`, `>`).
    pub bullet: bool,
    /// Starts with an item number: 1–3 digits then `.` or `)` and a space.
    pub numbered: bool,
    /// Consists only of date/time tokens (and "Updated"-style words).
    pub timestamp: bool,
    /// Contains a date or time token.
    pub has_date: bool,
    /// Contains a URL or e-mail address.
    pub url: bool,
    /// Looks like leaked code or template syntax.
    pub code: bool,
    /// Separators between short items (`|`, `»`, `›`, `·`, ` / `, ` > `).
    pub separators: u32,
    /// The line is empty or whitespace only.
    pub blank: bool,
}
