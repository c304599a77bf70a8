//! Stage 2: per-line features, computed in one pass over the line's bytes.
//!
//! Everything here is counted in characters, not bytes, so Cyrillic and CJK
//! lines measure like Latin ones. Words are runs of letters/digits; CJK and
//! kana are estimated as one word per [`CJK_CHARS_PER_WORD`] characters, and
//! Thai, Lao, Khmer and Myanmar, also written without spaces between words,
//! as one per [`UNSPACED_CHARS_PER_WORD`]. Invalid UTF-8 sequences count as
//! one symbol character each and never as letters.

use serde::Serialize;

/// Characters per estimated word in scripts written without spaces (CJK,
/// kana, Thai). Chinese words average about 1.5–2 characters (Sproat et al.
/// 1996 segmentation statistics); 2 keeps CJK word counts comparable to
/// English ones for the same amount of text.
pub const CJK_CHARS_PER_WORD: u32 = 2;

/// Characters per estimated word in Thai, Lao, Khmer and Myanmar, written
/// without spaces between words (a space ends a phrase or sentence). Thai
/// words average 3.5–5 code points in segmented news text (vowel signs and
/// consonants; tone marks, not letters, are not counted); 4 keeps their word
/// counts comparable to English ones for the same amount of text. Without
/// the estimate a Thai paragraph counted as three or four "words", a heading.
pub const UNSPACED_CHARS_PER_WORD: u32 = 4;

/// Thai, Lao, Myanmar or Khmer: letters of scripts written without spaces
/// between words, other than CJK and kana.
fn is_unspaced(c: char) -> bool {
    matches!(c as u32, 0x0E00..=0x0EFF | 0x1000..=0x109F | 0x1780..=0x17FF)
}

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
    /// Devanagari, Bengali and other scripts.
    Other,
    /// Thai, Lao, Khmer and Myanmar: written without spaces between words.
    Unspaced,
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
    /// Words made only of digits ("2024", "21").
    pub numbers: u32,
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

/// Where a character belongs, for the one-pass feature scan.
#[derive(Clone, Copy, PartialEq, Eq)]
enum CharClass {
    Space,
    Letter(Script),
    Digit,
    Symbol,
    /// A combining mark that is not a letter itself (Devanagari virama and
    /// nukta, Thai tone marks, decomposed accents): it belongs to the word
    /// it follows.
    Mark,
}

/// Whether a code point outside the blocks of typographic punctuation,
/// symbols and arrows (U+2000–U+20CF, U+2100–U+2BFF, none of which is a
/// combining mark) needs the combining-mark table at all: the quotes and
/// dashes of running text skip it.
#[inline]
fn may_be_mark(u: u32) -> bool {
    !matches!(u, 0x2000..=0x20CF | 0x2100..=0x2BFF)
}

/// Classify one character. Cheap range tests only, and the combining-mark
/// table for the few characters that are neither letters nor digits.
#[inline]
fn classify(c: char) -> CharClass {
    if c.is_ascii() {
        return match c {
            'a'..='z' | 'A'..='Z' => CharClass::Letter(Script::Latin),
            '0'..='9' => CharClass::Digit,
            ' ' | '\t' | '\x0b' | '\x0c' => CharClass::Space,
            _ => CharClass::Symbol,
        };
    }
    if crate::chars::is_whitespace(c) {
        return CharClass::Space;
    }
    let u = c as u32;
    let script = match u {
        0x00C0..=0x024F | 0x1E00..=0x1EFF => Script::Latin,
        0x0370..=0x03FF | 0x1F00..=0x1FFF => Script::Greek,
        0x0400..=0x052F => Script::Cyrillic,
        0x0590..=0x05FF => Script::Hebrew,
        0x0600..=0x06FF | 0x0750..=0x077F | 0xFB50..=0xFDFF | 0xFE70..=0xFEFF => Script::Arabic,
        0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xAC00..=0xD7AF | 0xF900..=0xFAFF => {
            Script::Cjk
        }
        _ => {
            if crate::chars::is_numeric(c) {
                return CharClass::Digit;
            }
            if crate::chars::is_alphabetic(c) {
                if is_unspaced(c) {
                    Script::Unspaced
                } else {
                    Script::Other
                }
            } else if may_be_mark(u) && unicode_normalization::char::is_combining_mark(c) {
                return CharClass::Mark;
            } else {
                return CharClass::Symbol;
            }
        }
    };
    if crate::chars::is_alphabetic(c) {
        CharClass::Letter(script)
    } else if crate::chars::is_numeric(c) {
        CharClass::Digit
    } else if may_be_mark(u) && unicode_normalization::char::is_combining_mark(c) {
        CharClass::Mark
    } else {
        CharClass::Symbol
    }
}

/// [`classify`] for a character below U+0800 that is not ASCII, from its
/// table entry `p`: the same class (checked for every such character by
/// the tests). Below U+0800 only the first range of each script applies,
/// and no character is in the typographic blocks `may_be_mark` excludes.
#[inline(always)]
fn classify_two_byte(c: char, p: crate::chars::Props) -> CharClass {
    if p.is_whitespace() {
        return CharClass::Space;
    }
    let script = match c as u32 {
        0x00C0..=0x024F => Script::Latin,
        0x0370..=0x03FF => Script::Greek,
        0x0400..=0x052F => Script::Cyrillic,
        0x0590..=0x05FF => Script::Hebrew,
        0x0600..=0x06FF | 0x0750..=0x077F => Script::Arabic,
        _ => {
            if p.is_numeric() {
                return CharClass::Digit;
            }
            if p.is_alphabetic() {
                Script::Other
            } else if unicode_normalization::char::is_combining_mark(c) {
                return CharClass::Mark;
            } else {
                return CharClass::Symbol;
            }
        }
    };
    if p.is_alphabetic() {
        CharClass::Letter(script)
    } else if p.is_numeric() {
        CharClass::Digit
    } else if unicode_normalization::char::is_combining_mark(c) {
        CharClass::Mark
    } else {
        CharClass::Symbol
    }
}

/// Does `c` close a sentence?
#[inline]
fn is_sentence_end(c: char) -> bool {
    matches!(
        c,
        '.' | '!' | '?' | '…' | '。' | '！' | '？' | '؟' | '।'
            // Double danda, Urdu full stop, Armenian full stop, Ethiopic
            // full stop, Myanmar and Khmer section marks: the full stops of
            // scripts that do not end sentences with '.'.
            | '॥' | '۔' | '։' | '።' | '။' | '។'
    )
}

/// Characters that may follow a sentence end: closing quotes and brackets.
#[inline]
fn is_closer(c: char) -> bool {
    matches!(c, '"' | '\'' | ')' | ']' | '»' | '”' | '’' | '›' | '」' | '』' | '）' | '*')
}

/// Leading characters that make a line a bullet item.
#[inline]
pub(crate) fn is_bullet(c: char) -> bool {
    matches!(
        c,
        '•' | '-'
            | '*'
            | '·'
            | '►'
            | '▶'
            | '»'
            | '>'
            | '▪'
            | '■'
            | '□'
            | '○'
            | '●'
            | '◦'
            | '‣'
            | '–'
            | '—'
            | '→'
            | '✓'
            | '✔'
            | '+'
    )
}

/// The stoplist a feature scan checks words against.
pub trait Stoplist {
    /// Is `word` (already lower-cased) a stopword?
    fn contains(&self, word: &str) -> bool;

    /// [`Stoplist::contains`] for a word given as its UTF-8 bytes (what
    /// [`compute`] builds): the same answer. Lists may look the bytes up
    /// directly; the default checks them and asks [`Stoplist::contains`].
    fn contains_bytes(&self, word: &[u8]) -> bool {
        std::str::from_utf8(word).is_ok_and(|w| self.contains(w))
    }
}

/// Scratch space reused across lines and documents by [`compute`].
#[derive(Debug, Default)]
pub struct Scratch {
    /// The word being read, lower-cased, as UTF-8 bytes.
    word: Vec<u8>,
}

/// Call `f` for every character of `bytes`; each invalid UTF-8 sequence is
/// reported once as `None`, as `str::utf8_chunks` delimits them. No
/// allocation; one-, two- and three-byte characters are decoded inline
/// ([`crate::chars::decode`]).
#[inline(always)]
pub(crate) fn for_each_char(bytes: &[u8], mut f: impl FnMut(Option<char>)) {
    let mut i = 0;
    while i < bytes.len() {
        let (c, n) = crate::chars::decode(&bytes[i..]);
        f(c);
        i += n;
    }
}

/// Trim whitespace from both ends of a line's bytes: ASCII whitespace and
/// any Unicode whitespace character (NBSP, ideographic space, NEL, line
/// separator…), however they are mixed. Invalid UTF-8 is never trimmed.
///
/// A character at either end is decoded by [`crate::chars::decode`], not
/// checked with `str::from_utf8` ([`trim_bytes_oracle`] in the tests, the
/// code this replaced, gives the same slice on every corpus and dev-set
/// line and on every code point at either end).
pub(crate) fn trim_bytes(line: &[u8]) -> &[u8] {
    let mut t = line;
    while let Some(&b) = t.first() {
        if b < 0x80 {
            if !matches!(b, b' ' | b'\t' | b'\x0b' | b'\x0c' | b'\r' | b'\n') {
                break;
            }
            t = &t[1..];
            continue;
        }
        match crate::chars::decode(t) {
            (Some(c), n) if crate::chars::is_whitespace(c) => t = &t[n..],
            _ => break,
        }
    }
    while let Some(&b) = t.last() {
        if b < 0x80 {
            if !matches!(b, b' ' | b'\t' | b'\x0b' | b'\x0c' | b'\r' | b'\n') {
                break;
            }
            t = &t[..t.len() - 1];
            continue;
        }
        // The last character starts at the last byte that is no
        // continuation byte, at most four bytes back, and must end the
        // text: one character, nothing invalid after it.
        let Some(start) = (t.len().saturating_sub(4)..t.len()).rev().find(|&i| t[i] & 0xC0 != 0x80)
        else {
            break;
        };
        match crate::chars::decode(&t[start..]) {
            (Some(c), n) if start + n == t.len() && crate::chars::is_whitespace(c) => {
                t = &t[..start];
            }
            _ => break,
        }
    }
    t
}

/// Compute the features of one line (its text without the terminator).
///
/// `stop` decides stopwords; `scratch` is reused to lower-case words.
pub fn compute(line: &[u8], stop: &dyn Stoplist, scratch: &mut Scratch) -> LineFeatures {
    let mut f = LineFeatures { indent: leading_indent(line), ..LineFeatures::default() };
    let text = trim_bytes(line);
    if text.is_empty() {
        f.blank = true;
        return f;
    }
    let mut counts = [0u32; SCRIPTS.len()];
    let mut word_len = 0u32;
    let mut word_first_upper = false;
    let mut word_digits = 0u32;
    let mut cjk = 0u32;
    // Letters of Thai and its neighbours, and whether the last character was
    // one (its combining marks then belong to it).
    let mut unspaced = 0u32;
    let mut after_unspaced = false;
    let mut last_sig: Option<char> = None; // last char that is not a closer
    let mut last_char: Option<char> = None;
    let word = &mut scratch.word;
    word.clear();
    // Which shape tests the bytes outside runs of letters call for
    // ([`SHAPE_BYTES`]).
    let mut seen = 0u8;
    let finish_word =
        |f: &mut LineFeatures, word: &mut Vec<u8>, len: &mut u32, digits: &mut u32, up: bool| {
            if *len > 0 {
                f.words += 1;
                if *digits == *len {
                    f.numbers += 1;
                }
                f.longest_word = f.longest_word.max(*len);
                if up {
                    f.capitalised += 1;
                }
                if stop.contains_bytes(word) {
                    f.stopwords += 1;
                }
            }
            word.clear();
            *len = 0;
            *digits = 0;
        };
    let mut i = 0;
    while i < text.len() {
        let b = text[i];
        let class = ASCII_CLASS[usize::from(b)];
        // A run of ASCII letters at once: each would take the `Letter`
        // branch below with a Latin script, and is neither whitespace nor
        // a closer, so the run is the last significant character so far.
        // One loop finds its end and counts its capitals.
        if class & ASCII_LETTER != 0 {
            let start = i;
            let mut upper = 0;
            while i < text.len() {
                let class = ASCII_CLASS[usize::from(text[i])];
                if class & ASCII_LETTER == 0 {
                    break;
                }
                upper += u32::from(class & ASCII_UPPER);
                i += 1;
            }
            let run = &text[start..i];
            let n = run.len() as u32;
            f.chars += n;
            f.letters += n;
            counts[Script::Latin as usize] += n;
            f.upper += upper;
            if word_len == 0 {
                word_first_upper = class & ASCII_UPPER != 0;
            }
            word_len += n;
            // One reservation, then each byte written lower-cased (no
            // `memcpy` call for a five-letter run).
            word.extend(run.iter().map(u8::to_ascii_lowercase));
            let last = char::from(run[run.len() - 1]);
            last_char = Some(last);
            last_sig = Some(last);
            after_unspaced = false;
            continue;
        }
        // The shape tests below look for ASCII punctuation and for two
        // lead bytes; note which occur. Letters in runs never matter to
        // them, and every other byte of the text is the first of a step
        // here (the rest of a step are continuation bytes).
        seen |= SHAPE_BYTES[usize::from(b)];
        // Other ASCII characters by the table: what `classify`,
        // `chars::is_whitespace` and `is_closer` say of them.
        if b < 0x80 {
            i += 1;
            f.chars += 1;
            if class & ASCII_DIGIT != 0 {
                f.digits += 1;
                if word_len == 0 {
                    word_first_upper = false;
                }
                word_len += 1;
                word_digits += 1;
                word.push(b);
            } else {
                finish_word(&mut f, word, &mut word_len, &mut word_digits, word_first_upper);
                if class & ASCII_SPACE == 0 {
                    f.punct += 1;
                }
            }
            if class & ASCII_WHITESPACE == 0 {
                let c = char::from(b);
                last_char = Some(c);
                if class & ASCII_CLOSER == 0 {
                    last_sig = Some(c);
                }
            }
            after_unspaced = false;
            continue;
        }
        let (c, len) = crate::chars::decode(&text[i..]);
        i += len;
        f.chars += 1;
        // Two-byte characters (Latin, Greek, Cyrillic, Hebrew, Arabic…)
        // from one fetch of the character table.
        let props = c.and_then(crate::chars::Props::of);
        let class = match (c, props) {
            (Some(c), Some(p)) => classify_two_byte(c, p),
            (Some(c), None) => classify(c),
            (None, _) => CharClass::Symbol,
        };
        match class {
            CharClass::Letter(Script::Cjk) => {
                finish_word(&mut f, word, &mut word_len, &mut word_digits, word_first_upper);
                f.letters += 1;
                counts[Script::Cjk as usize] += 1;
                cjk += 1;
                let c = c.unwrap_or(' ');
                push_utf8(c, word);
                if stop.contains_bytes(word) {
                    f.stopwords += 1;
                }
                word.clear();
            }
            CharClass::Letter(Script::Unspaced) => {
                // As CJK: a word is estimated from the characters; no
                // stoplist has these scripts' function words.
                finish_word(&mut f, word, &mut word_len, &mut word_digits, word_first_upper);
                f.letters += 1;
                counts[Script::Unspaced as usize] += 1;
                unspaced += 1;
            }
            CharClass::Mark if after_unspaced => {}
            CharClass::Letter(script) => {
                let c = c.unwrap_or(' ');
                f.letters += 1;
                counts[script as usize] += 1;
                let upper =
                    props.map_or_else(|| crate::chars::is_uppercase(c), |p| p.is_uppercase());
                if upper {
                    f.upper += 1;
                }
                if word_len == 0 {
                    word_first_upper = upper;
                }
                word_len += 1;
                match props.and_then(crate::chars::Props::lower) {
                    Some(l) => push_utf8(l, word),
                    None => crate::chars::push_lower_utf8(c, word),
                }
            }
            CharClass::Digit => {
                f.digits += 1;
                if word_len == 0 {
                    word_first_upper = false;
                }
                word_len += 1;
                word_digits += 1;
                push_utf8(c.unwrap_or('0'), word);
            }
            CharClass::Space => {
                finish_word(&mut f, word, &mut word_len, &mut word_digits, word_first_upper);
            }
            CharClass::Mark if word_len > 0 => {
                // Part of the word: not a letter of its own, not a break.
                push_utf8(c.unwrap_or(' '), word);
            }
            CharClass::Symbol | CharClass::Mark => {
                finish_word(&mut f, word, &mut word_len, &mut word_digits, word_first_upper);
                f.punct += 1;
            }
        }
        after_unspaced = match class {
            CharClass::Letter(Script::Unspaced) => true,
            CharClass::Mark => after_unspaced,
            _ => false,
        };
        if let Some(c) = c {
            let white = props.map_or_else(|| crate::chars::is_whitespace(c), |p| p.is_whitespace());
            if !white {
                last_char = Some(c);
                if !is_closer(c) {
                    last_sig = Some(c);
                }
            }
        } else {
            last_char = None;
            last_sig = None;
        }
    }
    finish_word(&mut f, word, &mut word_len, &mut word_digits, word_first_upper);
    f.words += cjk.div_ceil(CJK_CHARS_PER_WORD) + unspaced.div_ceil(UNSPACED_CHARS_PER_WORD);
    // The dominant script: the one with most letters.
    let (best, n) = counts
        .iter()
        .enumerate()
        .max_by_key(|&(i, n)| (*n, std::cmp::Reverse(i)))
        .map(|(i, n)| (i, *n))
        .unwrap_or((0, 0));
    if n > 0 {
        f.script = SCRIPTS[best];
        f.script_letters = n;
    }
    f.terminal =
        last_sig.is_some_and(is_sentence_end) && !(last_char == Some('*') && last_sig != Some('.'));
    f.colon_end = matches!(last_char, Some(':' | '：'));
    let first = std::str::from_utf8(&text[..text.len().min(4)])
        .ok()
        .or_else(|| std::str::from_utf8(&text[..1]).ok())
        .and_then(|s| s.chars().next());
    f.bullet = first.is_some_and(is_bullet) && text.len() > 1 && !text.starts_with(b"--");
    f.numbered = is_numbered(text);
    // Each test needs one of its bytes in the line: skipping it without
    // them gives the answer it would.
    f.separators = if seen & SHAPE_SEPARATOR != 0 { count_separators(text) } else { 0 };
    f.url = seen & SHAPE_URL != 0 && has_url(text);
    f.code = seen & SHAPE_CODE != 0 && looks_like_code(text);
    // Every date shape has an ASCII digit (`timestamp::scan` answers
    // `(false, false)` without one).
    let (only_dates, any_date) =
        if seen & SHAPE_DIGIT != 0 { crate::timestamp::scan(text) } else { (false, false) };
    f.timestamp = only_dates;
    f.has_date = any_date;
    f
}

/// [`ASCII_CLASS`]: an ASCII capital letter (bit 0, so that it counts as 1).
const ASCII_UPPER: u8 = 1;
/// [`ASCII_CLASS`]: an ASCII letter (`classify`: a Latin letter).
const ASCII_LETTER: u8 = 2;
/// [`ASCII_CLASS`]: an ASCII digit (`classify`: a digit).
const ASCII_DIGIT: u8 = 4;
/// [`ASCII_CLASS`]: a space, tab, vertical tab or form feed (`classify`: a
/// space; other ASCII characters that are neither letters nor digits are
/// symbols, `\r` and `\n` included).
const ASCII_SPACE: u8 = 8;
/// [`ASCII_CLASS`]: `chars::is_whitespace` (`\t` to `\r` and the space).
const ASCII_WHITESPACE: u8 = 16;
/// [`ASCII_CLASS`]: an ASCII closer ([`is_closer`]).
const ASCII_CLOSER: u8 = 32;

/// The class of each ASCII byte for [`compute`] (0 for bytes ≥ 0x80, which
/// are decoded instead); the tests check every byte against `classify`,
/// `chars::is_whitespace`, `is_closer` and `is_ascii_uppercase`.
static ASCII_CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        t[b] = if c.is_ascii_uppercase() {
            ASCII_LETTER | ASCII_UPPER
        } else if c.is_ascii_lowercase() {
            ASCII_LETTER
        } else if c.is_ascii_digit() {
            ASCII_DIGIT
        } else if matches!(c, b' ' | b'\t' | b'\x0b' | b'\x0c') {
            ASCII_SPACE | ASCII_WHITESPACE
        } else if matches!(c, b'\n' | b'\r') {
            ASCII_WHITESPACE
        } else if matches!(c, b'"' | b'\'' | b')' | b']' | b'*') {
            ASCII_CLOSER
        } else {
            0
        };
        b += 1;
    }
    t
};

/// [`SHAPE_BYTES`]: [`count_separators`] may find something (it counts
/// ` | `, ` / `, ` > `, and needles that start with 0xC2 or 0xE2: `»`, `·`,
/// `›`).
const SHAPE_SEPARATOR: u8 = 1;
/// [`SHAPE_BYTES`]: [`has_url`] may (every needle holds one of `: . @`).
const SHAPE_URL: u8 = 2;
/// [`SHAPE_BYTES`]: [`looks_like_code`] may (every needle holds one of
/// `{ } < [`, and a dotted chain needs a dot).
const SHAPE_CODE: u8 = 4;

/// [`SHAPE_BYTES`]: an ASCII digit, which every timestamp has.
const SHAPE_DIGIT: u8 = 8;

/// For each byte, the shape tests it may make true.
static SHAPE_BYTES: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut d = b'0';
    while d <= b'9' {
        t[d as usize] = SHAPE_DIGIT;
        d += 1;
    }
    t[b'|' as usize] = SHAPE_SEPARATOR;
    t[b'/' as usize] = SHAPE_SEPARATOR;
    t[b'>' as usize] = SHAPE_SEPARATOR;
    t[0xC2] = SHAPE_SEPARATOR;
    t[0xE2] = SHAPE_SEPARATOR;
    t[b':' as usize] = SHAPE_URL;
    t[b'@' as usize] = SHAPE_URL;
    t[b'.' as usize] = SHAPE_URL | SHAPE_CODE;
    t[b'{' as usize] = SHAPE_CODE;
    t[b'}' as usize] = SHAPE_CODE;
    t[b'<' as usize] = SHAPE_CODE;
    t[b'[' as usize] = SHAPE_CODE;
    t
};

/// Append the UTF-8 bytes of `c` to `out`.
#[inline(always)]
fn push_utf8(c: char, out: &mut Vec<u8>) {
    // Each length copies a fixed-size array, which compiles to a store or
    // two: a slice of the encoded length was a `memcpy` call for every
    // letter of Cyrillic, Greek or accented Latin text.
    fn push<const N: usize>(c: char, out: &mut Vec<u8>) {
        let mut b = [0; N];
        c.encode_utf8(&mut b);
        out.extend_from_slice(&b);
    }
    match c.len_utf8() {
        1 => out.push(c as u8),
        2 => push::<2>(c, out),
        3 => push::<3>(c, out),
        _ => push::<4>(c, out),
    }
}

const SCRIPTS: [Script; 9] = [
    Script::None,
    Script::Latin,
    Script::Cyrillic,
    Script::Greek,
    Script::Arabic,
    Script::Hebrew,
    Script::Cjk,
    Script::Other,
    Script::Unspaced,
];

fn leading_indent(line: &[u8]) -> u32 {
    line.iter().take_while(|&&b| b == b' ' || b == b'\t').count() as u32
}

/// `^\d{1,3}[.)]\s`: a numbered list item.
fn is_numbered(text: &[u8]) -> bool {
    let digits = text.iter().take_while(|b| b.is_ascii_digit()).count();
    (1..=3).contains(&digits)
        && matches!(text.get(digits), Some(b'.' | b')'))
        && matches!(text.get(digits + 1), Some(b' ' | b'\t'))
}

/// Searchers for the multi-byte needles of the shape tests, built once.
struct Needles {
    guillemet: memchr::memmem::Finder<'static>,
    single_guillemet: memchr::memmem::Finder<'static>,
    middle_dot: memchr::memmem::Finder<'static>,
    scheme: memchr::memmem::Finder<'static>,
    www: memchr::memmem::Finder<'static>,
    code: [memchr::memmem::Finder<'static>; 4],
    object: memchr::memmem::Finder<'static>,
}

static NEEDLES: std::sync::LazyLock<Needles> = std::sync::LazyLock::new(|| {
    use memchr::memmem::Finder;
    Needles {
        guillemet: Finder::new("»".as_bytes()),
        single_guillemet: Finder::new("›".as_bytes()),
        middle_dot: Finder::new(" · ".as_bytes()),
        scheme: Finder::new(b"://"),
        www: Finder::new(b"www."),
        code: [Finder::new(b"{{"), Finder::new(b"}}"), Finder::new(b"${"), Finder::new(b"<%")],
        object: Finder::new(b"[object Object]"),
    }
});

/// Separators between short items: ` | `, `»`, `›`, `·`, ` / `, ` > `.
fn count_separators(text: &[u8]) -> u32 {
    // ` | `, ` / `, ` > `: found from the middle byte, which is rare.
    let mut n = 0;
    for k in memchr::memchr3_iter(b'|', b'/', b'>', text) {
        if k >= 1 && text.get(k + 1) == Some(&b' ') && text[k - 1] == b' ' {
            n += 1;
        }
    }
    // `»` and `·` start with 0xC2, `›` with 0xE2: most lines have neither.
    if memchr::memchr2(0xC2, 0xE2, text).is_some() {
        let needles = &*NEEDLES;
        n += needles.guillemet.find_iter(text).count() as u32;
        n += needles.single_guillemet.find_iter(text).count() as u32;
        n += needles.middle_dot.find_iter(text).count() as u32;
    }
    n
}

fn has_url(text: &[u8]) -> bool {
    let needles = &*NEEDLES;
    if needles.scheme.find(text).is_some() || needles.www.find(text).is_some() {
        return true;
    }
    // An e-mail address: a '@' with a letter or digit on both sides and a dot
    // after it.
    if let Some(at) = memchr::memchr(b'@', text) {
        let before = at > 0 && text[at - 1].is_ascii_alphanumeric();
        let after = text.get(at + 1).is_some_and(|b| b.is_ascii_alphanumeric());
        let dot = text[at..].iter().take_while(|b| !b.is_ascii_whitespace()).any(|&b| b == b'.');
        return before && after && dot;
    }
    false
}

/// Leaked code or template syntax: `{{ }}`, `${`, `<% %>`, `[object Object]`,
/// or a dotted identifier chain with a call or `?.` (`Foo.Bar?.Baz()`).
pub(crate) fn looks_like_code(text: &[u8]) -> bool {
    let needles = &*NEEDLES;
    // Every needle holds one of `{ } < [`: skip the searches without them.
    if (memchr::memchr3(b'{', b'}', b'<', text).is_some() || memchr::memchr(b'[', text).is_some())
        && (needles.code.iter().any(|f| f.find(text).is_some())
            || needles.object.find(text).is_some())
    {
        return true;
    }
    // A dotted chain needs two dots.
    if memchr::memchr_iter(b'.', text).nth(1).is_none() {
        return false;
    }
    for token in text.split(|b| b.is_ascii_whitespace()) {
        if token.len() < 5 {
            continue;
        }
        // Most tokens have no dot: count them first, skip the other tests.
        let dots = token.iter().filter(|&&b| b == b'.').count();
        if dots < 2 || token.contains(&b'/') || token.contains(&b'@') {
            continue;
        }
        let call = token.windows(2).any(|w| w == b"()" || w == b"?.");
        let identifier_like = token.iter().all(|&b| {
            b.is_ascii_alphanumeric() || matches!(b, b'.' | b'?' | b'(' | b')' | b'_' | b';' | b'!')
        });
        let camel =
            token.windows(2).any(|w| w[0].is_ascii_lowercase() && w[1].is_ascii_uppercase());
        if identifier_like && dots >= 2 && (call || (camel && dots >= 3)) {
            return true;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Length of the UTF-8 sequence a lead byte announces (1 for invalid ones).
    fn utf8_len(b: u8) -> usize {
        match b {
            0xC0..=0xDF => 2,
            0xE0..=0xEF => 3,
            0xF0..=0xF7 => 4,
            _ => 1,
        }
    }

    /// [`trim_bytes`] as it was before round 6 (each end character checked
    /// with `str::from_utf8`): its oracle.
    fn trim_bytes_oracle(line: &[u8]) -> &[u8] {
        let mut t = line;
        loop {
            match t.first() {
                Some(b' ' | b'\t' | b'\x0b' | b'\x0c' | b'\r' | b'\n') => t = &t[1..],
                Some(&b) if b >= 0x80 => {
                    let n = utf8_len(b);
                    match t.get(..n).and_then(|c| std::str::from_utf8(c).ok()) {
                        Some(c) if c.chars().all(crate::chars::is_whitespace) => t = &t[n..],
                        _ => break,
                    }
                }
                _ => break,
            }
        }
        loop {
            match t.last() {
                Some(b' ' | b'\t' | b'\x0b' | b'\x0c' | b'\r' | b'\n') => t = &t[..t.len() - 1],
                Some(&b) if b >= 0x80 => {
                    // Find the start of the last character (at most 4 bytes back).
                    let start = (t.len().saturating_sub(4)..t.len())
                        .rev()
                        .find(|&i| t[i] & 0xC0 != 0x80)
                        .unwrap_or(t.len() - 1);
                    match std::str::from_utf8(&t[start..]) {
                        Ok(c) if c.chars().all(crate::chars::is_whitespace) => t = &t[..start],
                        _ => break,
                    }
                }
                _ => break,
            }
        }
        t
    }

    /// [`push_utf8`] appends what `char::encode_utf8` writes, for every
    /// character.
    #[test]
    fn push_utf8_is_encode_utf8() {
        let mut out = vec![b'x'];
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            out.truncate(1);
            push_utf8(c, &mut out);
            assert_eq!(&out[1..], c.encode_utf8(&mut [0; 4]).as_bytes(), "{c:?}");
        }
    }

    #[test]
    fn trim_bytes_is_its_oracle() {
        let mut lines = crate::testdata::corpus_and_dev_lines();
        // Every code point at either end, alone and beside whitespace and
        // stray bytes.
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            lines.push(format!("{c}x{c}").into_bytes());
            lines.push(format!(" {c}\u{3000}").into_bytes());
        }
        for odd in [
            &b"\x80"[..],
            b"\xe3\x80",
            b"\x80\xe3\x80\x80",
            b"\xe3\x80\x80\x80",
            b"\xc2\xa0\xa0",
            b"\xf0\x9f\x98\x80\x80",
            b"\xe2\x80\xa8x\xe2\x80\xa8",
            b"\xed\xa0\x80",
            b"\xc0\xa0",
            b"\xf8\x88\x80\x80\x80",
        ] {
            lines.push(odd.to_vec());
            lines.push([b" ", odd, b" "].concat());
            lines.push([odd, "\u{a0}".as_bytes(), odd].concat());
        }
        for l in &lines {
            assert_eq!(trim_bytes(l), trim_bytes_oracle(l), "{l:?}");
        }
    }

    struct En;
    impl Stoplist for En {
        fn contains(&self, w: &str) -> bool {
            matches!(w, "the" | "of" | "and" | "a" | "to" | "in" | "is" | "on" | "в" | "и" | "的")
        }
    }

    fn feat(s: &str) -> LineFeatures {
        compute(s.as_bytes(), &En, &mut Scratch::default())
    }

    #[test]
    fn counts_characters_not_bytes() {
        let f = feat("Новости дня");
        assert_eq!(f.chars, 11);
        assert_eq!(f.words, 2);
        assert_eq!(f.script, Script::Cyrillic);
        assert_eq!(f.upper, 1);
    }

    #[test]
    fn thai_words_are_estimated_from_characters() {
        // 24 characters, one of them a tone mark (U+0E48 in ใหม่, not a
        // letter): 23 letters, so ceil(23 / 4) = 6 words, and the mark is
        // neither punctuation nor a word break.
        let f = feat("รัฐบาลอนุมัติมาตรการใหม่");
        assert_eq!((f.chars, f.letters), (24, 23));
        assert_eq!(f.words, 6); // ceil(23 / 4)
        assert_eq!(f.punct, 0);
        assert_eq!(f.script, Script::Unspaced);
        // A space ends a phrase, not a word: the estimate is over the line.
        let g = feat("ภาคเอกชนยินดี แต่เตือนว่า");
        assert_eq!(g.words, (g.letters).div_ceil(UNSPACED_CHARS_PER_WORD));
        // Lao and Khmer too; Devanagari has spaces and is another script.
        assert_eq!(feat("ລັດຖະບານ").script, Script::Unspaced);
        assert_eq!(feat("រដ្ឋាភិបាល").script, Script::Unspaced);
        assert_eq!(feat("सरकार ने कहा").script, Script::Other);
        assert_eq!(feat("सरकार ने कहा").words, 3);
    }

    #[test]
    fn a_mark_belongs_to_the_thai_letter_right_before_it_only() {
        // After a space, an ASCII letter or a digit, a combining mark is
        // what it is anywhere: a symbol when no word precedes it, part of
        // the word otherwise.
        assert_eq!(feat("ก \u{301}").punct, 1);
        assert_eq!(feat("ก1\u{301}").punct, 0);
        assert_eq!(feat("ก.\u{301}").punct, 2);
        assert_eq!(feat("ก่").punct, 0);
    }

    #[test]
    fn sentence_ends_of_other_scripts() {
        for s in [
            "حکومت نے بدھ کو نئے اقدامات کا اعلان کیا۔",
            "Կառավարությունը հաստատեց նոր միջոցառումները։",
            "መንግሥት አዲስ እርምጃዎችን አጸደቀ።",
            "အစိုးရက အစီအမံသစ်များကို အတည်ပြုခဲ့သည်။",
            "រដ្ឋាភិបាលបានអនុម័តវិធានការថ្មី។",
            "यह बात सही है॥",
        ] {
            assert!(feat(s).terminal, "{s}");
        }
        assert!(!feat("حکومت نے بدھ کو نئے اقدامات").terminal);
    }

    #[test]
    fn cjk_words_are_estimated_from_characters() {
        let f = feat("我们的新闻报道");
        assert_eq!(f.chars, 7);
        assert_eq!(f.words, 4); // ceil(7 / 2)
        assert_eq!(f.stopwords, 1); // 的
        assert_eq!(f.script, Script::Cjk);
    }

    #[test]
    fn combining_marks_stay_in_their_word() {
        // Devanagari vowel signs, virama and nukta; a decomposed accent:
        // one word each, as whitespace says. Thai tone marks belong to their
        // letters (Thai words are estimated from the letters, below).
        let hi =
            "अर्थशास्त्रियों का कहना है कि लगातार बढ़ती कीमतों के बीच इन उपायों का असर सीमित रह सकता है।";
        let f = feat(hi);
        assert_eq!(f.words as usize, hi.split_whitespace().count());
        assert!(f.terminal);
        let th = feat("ตลาดหุ้นฟื้นตัว วันนี้");
        assert_eq!((th.words, th.punct), (th.letters.div_ceil(UNSPACED_CHARS_PER_WORD), 0));
        let nfd = "cafe\u{301} cre\u{300}me";
        assert_eq!(feat(nfd).words, 2);
        assert_eq!(feat(nfd).punct, 0);
        // A mark with no word before it is a symbol, as before.
        assert_eq!(feat("\u{301} x").punct, 1);
    }

    #[test]
    fn stopwords_and_terminal_punctuation() {
        let f = feat("The cat sat on the mat in the sun.");
        assert_eq!(f.words, 9);
        assert_eq!(f.stopwords, 5);
        assert_eq!(f.numbers, 0);
        assert!(f.terminal);
        assert_eq!(feat("21:15 20 мар 2026.").numbers, 4); // 21, 15, 20, 2026
        assert!(feat("He said: \"it is over.\"").terminal);
        assert!(!feat("Top stories").terminal);
        assert!(feat("Contact:").colon_end);
    }

    #[test]
    fn blank_and_whitespace_lines() {
        assert!(feat("").blank);
        assert!(feat("   \t ").blank);
        assert!(feat("\u{a0}").blank);
        for ws in
            ["\u{3000}", "\u{2003}", "\u{85}", "\u{2028}", "\u{a0} \u{a0}", " \u{a0}\u{3000} "]
        {
            assert!(feat(ws).blank, "{ws:?}");
        }
        assert!(!feat(" x ").blank);
        assert_eq!(trim_bytes("\u{3000}x\u{a0} ".as_bytes()), b"x");
        assert_eq!(trim_bytes(b"\xff x \xfe"), b"\xff x \xfe");
    }

    #[test]
    fn invalid_utf8_counts_as_symbols() {
        let f = compute(b"ab\xff\xfecd", &En, &mut Scratch::default());
        assert_eq!(f.letters, 4);
        assert_eq!(f.words, 2);
        assert!(f.punct >= 1);
        let f = compute(b"\0\0\0", &En, &mut Scratch::default());
        assert_eq!((f.letters, f.words), (0, 0));
    }

    #[test]
    fn list_shapes() {
        assert!(feat("  1. Parliament speaker says Gaza").numbered);
        assert!(feat("12) Item").numbered);
        assert!(!feat("2024. A year").numbered);
        assert!(!feat("1.5 million people").numbered);
        assert!(feat("• Home").bullet);
        assert!(feat("- item").bullet);
        assert!(!feat("-5 degrees").bullet || feat("-5 degrees").bullet); // shape only
        assert_eq!(feat("Home | News | Sport").separators, 2);
        assert_eq!(feat("Home » News » Sport").separators, 2);
    }

    /// The byte gates in front of the shape and timestamp tests change no
    /// answer: on
    /// every line of the corpus (and the dev sets when they are beside the
    /// repository) and on lines made of each needle.
    #[test]
    fn shape_gates_change_nothing() {
        let mut lines: Vec<Vec<u8>> = [
            "a | b",
            "a / b",
            "a > b",
            "a » b",
            "a › b",
            "a · b",
            "http://x",
            "www.x",
            "a@b.c",
            "{{x}}",
            "${x}",
            "<% x %>",
            "[object Object]",
            "Foo.Bar.Baz()",
            "»",
            "\u{a0}x",
        ]
        .iter()
        .map(|s| s.as_bytes().to_vec())
        .collect();
        lines.extend(crate::testdata::corpus_and_dev_lines());
        let mut scratch = Scratch::default();
        let mut shapes = 0;
        for l in &lines {
            let f = compute(l, &En, &mut scratch);
            let t = trim_bytes(l);
            let want = if t.is_empty() {
                (0, false, false, (false, false))
            } else {
                (count_separators(t), has_url(t), looks_like_code(t), crate::timestamp::scan(t))
            };
            let got = (f.separators, f.url, f.code, (f.timestamp, f.has_date));
            assert_eq!(got, want, "{}", String::from_utf8_lossy(l));
            shapes += usize::from(want != (0, false, false, (false, false)));
        }
        assert!(shapes >= 16, "{shapes}");
    }

    /// The two-byte classification is `classify` on every character from
    /// U+0080 to U+07FF.
    #[test]
    fn classify_two_byte_is_classify() {
        for u in 0x80..0x800 {
            let Some(c) = char::from_u32(u) else { continue };
            let p = crate::chars::Props::of(c).expect("below U+0800");
            assert!(classify_two_byte(c, p) == classify(c), "{u:x}");
        }
    }

    /// The ASCII table says of every ASCII byte what the functions it
    /// replaces say.
    #[test]
    fn ascii_class_is_classify() {
        for b in 0..=255u8 {
            let t = ASCII_CLASS[usize::from(b)];
            if b >= 0x80 {
                assert_eq!(t, 0);
                continue;
            }
            let c = char::from(b);
            let class = classify(c);
            assert_eq!(t & ASCII_LETTER != 0, class == CharClass::Letter(Script::Latin), "{b}");
            assert_eq!(t & ASCII_UPPER != 0, crate::chars::is_uppercase(c), "{b}");
            assert_eq!(t & ASCII_DIGIT != 0, class == CharClass::Digit, "{b}");
            assert_eq!(t & ASCII_SPACE != 0, class == CharClass::Space, "{b}");
            assert_eq!(t & ASCII_WHITESPACE != 0, crate::chars::is_whitespace(c), "{b}");
            assert_eq!(t & ASCII_CLOSER != 0, is_closer(c), "{b}");
        }
    }

    /// [`compute`] gives the features [`compute_oracle`] gives, on every
    /// line of the corpus (and the dev sets when they are beside the
    /// repository) and on edge cases, with a small list and the union of
    /// the bundled ones.
    #[test]
    fn compute_is_compute_oracle() {
        let mut lines: Vec<Vec<u8>> = [
            "The cat sat on the mat.",
            "He said: \"it is over.\"*",
            "a\rb\nc\x0bd\x0ce\tf",
            "ABC def GhI 123 4x5 x45 ...)]*'\"",
            "Новости дня — Ελληνικά, 新闻 ab12cd",
            "cafe\u{301} cre\u{300}me \u{301} x",
            "İstanbul \u{212A}elvin ǅungla",
            "x\u{a0}y\u{3000}z\u{85}",
            "12:30 20.03.2026 https://example.com/a?b=c {{x}} <b>",
        ]
        .iter()
        .map(|s| s.as_bytes().to_vec())
        .collect();
        lines.push(b"ab\xff\xfecd \xe2\x82 x\xf0\x9f\x98 Z".to_vec());
        lines.push((0..=255u8).collect());
        lines.extend(crate::testdata::corpus_and_dev_lines());
        let union = crate::lang::Stoplists::global().union();
        let (mut s1, mut s2) = (Scratch::default(), Scratch::default());
        for l in &lines {
            for stop in [&En as &dyn Stoplist, union] {
                let want = compute_oracle(l, stop, &mut s2);
                assert_eq!(compute(l, stop, &mut s1), want, "{}", String::from_utf8_lossy(l));
            }
        }
    }

    /// [`compute`] as it was before round 4 (ASCII letters in runs, every other
    /// character decoded and classified): the oracle for the ASCII table.
    fn compute_oracle(line: &[u8], stop: &dyn Stoplist, scratch: &mut Scratch) -> LineFeatures {
        let mut f = LineFeatures { indent: leading_indent(line), ..LineFeatures::default() };
        let text = trim_bytes(line);
        if text.is_empty() {
            f.blank = true;
            return f;
        }
        let mut counts = [0u32; SCRIPTS.len()];
        let mut word_len = 0u32;
        let mut word_first_upper = false;
        let mut word_digits = 0u32;
        let mut cjk = 0u32;
        let mut unspaced = 0u32;
        let mut after_unspaced = false;
        let mut last_sig: Option<char> = None; // last char that is not a closer
        let mut last_char: Option<char> = None;
        let word = &mut scratch.word;
        word.clear();
        // Which shape tests the bytes outside runs of letters call for
        // ([`SHAPE_BYTES`]).
        let mut seen = 0u8;
        let finish_word = |f: &mut LineFeatures,
                           word: &mut Vec<u8>,
                           len: &mut u32,
                           digits: &mut u32,
                           up: bool| {
            if *len > 0 {
                f.words += 1;
                if *digits == *len {
                    f.numbers += 1;
                }
                f.longest_word = f.longest_word.max(*len);
                if up {
                    f.capitalised += 1;
                }
                if stop.contains_bytes(word) {
                    f.stopwords += 1;
                }
            }
            word.clear();
            *len = 0;
            *digits = 0;
        };
        let mut i = 0;
        while i < text.len() {
            // A run of ASCII letters at once: each would take the `Letter`
            // branch below with a Latin script, and is neither whitespace nor
            // a closer, so the run is the last significant character so far.
            if text[i].is_ascii_alphabetic() {
                let run = &text[i..];
                let run =
                    &run[..run.iter().position(|b| !b.is_ascii_alphabetic()).unwrap_or(run.len())];
                let n = run.len() as u32;
                f.chars += n;
                f.letters += n;
                counts[Script::Latin as usize] += n;
                f.upper += run.iter().filter(|b| b.is_ascii_uppercase()).count() as u32;
                if word_len == 0 {
                    word_first_upper = run[0].is_ascii_uppercase();
                }
                word_len += n;
                let at = word.len();
                word.extend_from_slice(run);
                word[at..].make_ascii_lowercase();
                i += run.len();
                let last = char::from(run[run.len() - 1]);
                last_char = Some(last);
                last_sig = Some(last);
                after_unspaced = false;
                continue;
            }
            // The shape tests below look for ASCII punctuation and for two
            // lead bytes; note which occur. Letters in runs never matter to
            // them, and every other byte of the text is the first of a step
            // here (the rest of a step are continuation bytes).
            seen |= SHAPE_BYTES[usize::from(text[i])];
            let (c, len) = crate::chars::decode(&text[i..]);
            i += len;
            f.chars += 1;
            let class = match c {
                Some(c) => classify(c),
                None => CharClass::Symbol,
            };
            match class {
                CharClass::Letter(Script::Cjk) => {
                    finish_word(&mut f, word, &mut word_len, &mut word_digits, word_first_upper);
                    f.letters += 1;
                    counts[Script::Cjk as usize] += 1;
                    cjk += 1;
                    let c = c.unwrap_or(' ');
                    push_utf8(c, word);
                    if stop.contains_bytes(word) {
                        f.stopwords += 1;
                    }
                    word.clear();
                }
                CharClass::Letter(Script::Unspaced) => {
                    finish_word(&mut f, word, &mut word_len, &mut word_digits, word_first_upper);
                    f.letters += 1;
                    counts[Script::Unspaced as usize] += 1;
                    unspaced += 1;
                }
                CharClass::Mark if after_unspaced => {}
                CharClass::Letter(script) => {
                    let c = c.unwrap_or(' ');
                    f.letters += 1;
                    counts[script as usize] += 1;
                    let upper = crate::chars::is_uppercase(c);
                    if upper {
                        f.upper += 1;
                    }
                    if word_len == 0 {
                        word_first_upper = upper;
                    }
                    word_len += 1;
                    crate::chars::push_lower_utf8(c, word);
                }
                CharClass::Digit => {
                    f.digits += 1;
                    if word_len == 0 {
                        word_first_upper = false;
                    }
                    word_len += 1;
                    word_digits += 1;
                    push_utf8(c.unwrap_or('0'), word);
                }
                CharClass::Space => {
                    finish_word(&mut f, word, &mut word_len, &mut word_digits, word_first_upper);
                }
                CharClass::Mark if word_len > 0 => {
                    // Part of the word: not a letter of its own, not a break.
                    push_utf8(c.unwrap_or(' '), word);
                }
                CharClass::Symbol | CharClass::Mark => {
                    finish_word(&mut f, word, &mut word_len, &mut word_digits, word_first_upper);
                    f.punct += 1;
                }
            }
            after_unspaced = match class {
                CharClass::Letter(Script::Unspaced) => true,
                CharClass::Mark => after_unspaced,
                _ => false,
            };
            if let Some(c) = c {
                if !crate::chars::is_whitespace(c) {
                    last_char = Some(c);
                    if !is_closer(c) {
                        last_sig = Some(c);
                    }
                }
            } else {
                last_char = None;
                last_sig = None;
            }
        }
        finish_word(&mut f, word, &mut word_len, &mut word_digits, word_first_upper);
        f.words += cjk.div_ceil(CJK_CHARS_PER_WORD) + unspaced.div_ceil(UNSPACED_CHARS_PER_WORD);
        // The dominant script: the one with most letters.
        let (best, n) = counts
            .iter()
            .enumerate()
            .max_by_key(|&(i, n)| (*n, std::cmp::Reverse(i)))
            .map(|(i, n)| (i, *n))
            .unwrap_or((0, 0));
        if n > 0 {
            f.script = SCRIPTS[best];
            f.script_letters = n;
        }
        f.terminal = last_sig.is_some_and(is_sentence_end)
            && !(last_char == Some('*') && last_sig != Some('.'));
        f.colon_end = matches!(last_char, Some(':' | '：'));
        let first = std::str::from_utf8(&text[..text.len().min(4)])
            .ok()
            .or_else(|| std::str::from_utf8(&text[..1]).ok())
            .and_then(|s| s.chars().next());
        f.bullet = first.is_some_and(is_bullet) && text.len() > 1 && !text.starts_with(b"--");
        f.numbered = is_numbered(text);
        // Each test needs one of its bytes in the line: skipping it without
        // them gives the answer it would.
        f.separators = if seen & SHAPE_SEPARATOR != 0 { count_separators(text) } else { 0 };
        f.url = seen & SHAPE_URL != 0 && has_url(text);
        f.code = seen & SHAPE_CODE != 0 && looks_like_code(text);
        // Every date shape has an ASCII digit (`timestamp::scan` answers
        // `(false, false)` without one).
        let (only_dates, any_date) =
            if seen & SHAPE_DIGIT != 0 { crate::timestamp::scan(text) } else { (false, false) };
        f.timestamp = only_dates;
        f.has_date = any_date;
        f
    }

    #[test]
    fn code_and_url_shapes() {
        assert!(feat("Quark.Models.Entities.Ancestor?.Title?.ToUpperInvariant() Parliament").code);
        assert!(feat("Hello {{ user.name }}").code);
        assert!(!feat("U.S. Secretary of State Marco Rubio was in Paris.").code);
        assert!(!feat("Visit example.co.uk for more.").code);
        assert!(feat("See https://example.com/x").url);
        assert!(feat("Write to news@example.com").url);
        assert!(!feat("Meet @alice today").url);
    }
}
