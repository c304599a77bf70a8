//! Stage 3: marker phrases.
//!
//! The lexicon (`src/lexicon/markers.tsv`, compiled into the binary) lists
//! phrases by kind ("latest", "share", "cookie", …) and anchor: `line` (the
//! phrase is the whole line once bullets, counters and trailing punctuation
//! are trimmed), `start` (the line starts with it) or `any` (anywhere, for
//! phrases that never occur in article prose). Matching is case-insensitive:
//! each line is lower-cased once into a reused key. `line` phrases are one
//! hash lookup of the key and `start` phrases a lookup per word-bounded
//! prefix; only the few hundred `any` phrases need an aho-corasick scan. This
//! finds exactly what one automaton over every phrase would, at a fraction
//! of its scan and build cost (docs/performance.md). Built once per process.

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use aho_corasick::automaton::OverlappingState;
use aho_corasick::{AhoCorasick, AhoCorasickKind, Anchored, Input, MatchKind, StartKind};

/// The lexicon, compiled in.
const MARKERS_TSV: &str = include_str!("lexicon/markers.tsv");

/// Lines longer than this (in bytes) are scanned only for `any` phrases in
/// their first [`LONG_LINE_SCAN`] bytes: labels and prompts are short, and a
/// 100 MB line must not cost a full lower-casing pass.
pub const LONG_LINE_SCAN: usize = 600;

/// What a marker phrase signals.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum MarkerKind {
    /// "Latest news", "Новости", "Últimas notícias": a headline-list header.
    Latest,
    /// "Most read", "Recommended", "Trending".
    Popular,
    /// "Read more", "See also", "Leia também".
    ReadMore,
    /// "Related articles", "По теме".
    Related,
    /// "Share", "Tweet", social network names.
    Share,
    /// "Subscribe", "Sign up for our newsletter", "Follow us".
    Subscribe,
    /// "Photo:", "Getty Images", "Source:".
    Credit,
    /// "Advertisement", "Anzeige".
    Advert,
    /// "Comments", "Leave a comment".
    Comments,
    /// Cookie banners and consent prompts.
    Cookie,
    /// Privacy policy, terms of use, imprint.
    Legal,
    /// "©", "All rights reserved".
    Copyright,
    /// "Tags:", "Schlagwörter:".
    Tags,
    /// Menu words and section labels: "Home", "Menu", "World", "Bota".
    Nav,
    /// "Previous article", "Back to top".
    PrevNext,
    /// "You are here".
    Here,
    /// Theme strings: "You are currently viewing".
    Theme,
    /// Agency recap labels: "Details", "Let us remind you", «Нагадаємо».
    Recap,
    /// End-of-article cues: "Leave a reply", "About the author".
    End,
    /// Byline and publication-date prefixes: "Posted by", "Updated:".
    Byline,
}

impl MarkerKind {
    fn parse(s: &str) -> Option<MarkerKind> {
        Some(match s {
            "latest" => MarkerKind::Latest,
            "popular" => MarkerKind::Popular,
            "readmore" => MarkerKind::ReadMore,
            "related" => MarkerKind::Related,
            "share" => MarkerKind::Share,
            "subscribe" => MarkerKind::Subscribe,
            "credit" => MarkerKind::Credit,
            "advert" => MarkerKind::Advert,
            "comments" => MarkerKind::Comments,
            "cookie" => MarkerKind::Cookie,
            "legal" => MarkerKind::Legal,
            "copyright" => MarkerKind::Copyright,
            "tags" => MarkerKind::Tags,
            "nav" => MarkerKind::Nav,
            "prevnext" => MarkerKind::PrevNext,
            "here" => MarkerKind::Here,
            "theme" => MarkerKind::Theme,
            "recap" => MarkerKind::Recap,
            "end" => MarkerKind::End,
            "byline" => MarkerKind::Byline,
            _ => return None,
        })
    }

    /// The largest [`MarkerKind::word_limit`] of any kind.
    pub const MAX_WORD_LIMIT: u32 = 70;

    /// The most words a line may have and still be dropped for a marker of
    /// this kind at its start (or anywhere, for `any` phrases). Prompts and
    /// labels are short; a long line that merely starts with "Share" or
    /// "Photo" is prose. Cookie banners run to a few sentences, and so do
    /// newsletter, ad-blocker and affiliate notices and copyright footers
    /// ("Copyright © 2019 Salon.com, LLC. Reproduction of material …
    /// prohibited. SALON ® is registered …"): on the dev sets every line of
    /// 36–50 words with a subscribe or legal phrase, and of 41–60 with a
    /// copyright one, is such a notice. A comment-count header repeats the
    /// post's title ("11 Antworten zu “Sunday Thoughts: Ein wenig lost, aber
    /// immer noch da!”").
    pub fn word_limit(self) -> u32 {
        match self {
            MarkerKind::Nav | MarkerKind::Recap | MarkerKind::Advert => 6,
            MarkerKind::Latest | MarkerKind::Popular | MarkerKind::Share | MarkerKind::End => 12,
            MarkerKind::Comments => 16,
            MarkerKind::Credit | MarkerKind::PrevNext | MarkerKind::Here => 20,
            MarkerKind::ReadMore | MarkerKind::Related => 25,
            MarkerKind::Tags => 35,
            MarkerKind::Subscribe | MarkerKind::Legal => 50,
            MarkerKind::Copyright | MarkerKind::Theme => 60,
            MarkerKind::Cookie => 70,
            MarkerKind::Byline => 0,
        }
    }

    /// Does a heading of this kind introduce a list of unrelated items?
    pub fn opens_list(self) -> bool {
        matches!(
            self,
            MarkerKind::Latest | MarkerKind::Popular | MarkerKind::Related | MarkerKind::ReadMore
        )
    }
}

/// How a phrase must sit in the line.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Anchor {
    /// Anywhere in the line (word-bounded).
    Any,
    /// At the start of the line (word-bounded).
    Start,
    /// The whole line.
    Line,
}

/// The strongest marker found on a line.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
pub struct MarkerHit {
    /// What the phrase signals.
    pub kind: MarkerKind,
    /// How it matched.
    pub anchor: Anchor,
}

/// The compiled lexicon, split by anchor so that each phrase is looked for
/// the cheapest way that finds exactly its matches: `line` phrases by one
/// hash lookup of the whole key, `start` phrases by hash lookups of the
/// key's word-bounded prefixes, and only `any` phrases by an automaton scan.
pub struct Markers {
    /// `line` phrases: the strongest hit for each phrase.
    line: PhraseMap,
    /// `start` phrases: the strongest hit for each phrase.
    start: PhraseMap,
    /// The `start` phrases' sketch, before each lookup.
    start_sketch: Sketch,
    /// Length in bytes of the longest `start` phrase.
    start_max: usize,
    /// Length in bytes of the longest `line` phrase.
    line_max: usize,
    /// First bytes of the `start` phrases.
    start_heads: Heads,
    /// `any` phrases, scanned for anywhere in the key.
    any: Option<AhoCorasick>,
    /// First bytes of the `any` phrases.
    any_heads: Heads,
    /// Words that gate the `any` scan ([`AnyGate`]).
    any_gate: AnyGate,
    /// The hit of each `any` phrase, by pattern id.
    any_hits: Vec<MarkerHit>,
    /// Phrases in the lexicon (rows, duplicates included).
    rows: usize,
}

/// The first one or two bytes of a set of phrases: a cheap exact test that
/// no phrase can start at a position, before any lookup or scan there (also
/// the month prefixes' gate in `timestamp.rs`).
pub(crate) struct Heads {
    /// Bit `b0 << 8 | b1` is set when a phrase of ≥ 2 bytes starts `b0 b1`.
    pairs: Box<[u64; 1024]>,
    /// Bit `b0` is set when a one-byte phrase is `b0`.
    singles: [u64; 4],
}

impl Heads {
    pub(crate) fn new<'a>(phrases: impl Iterator<Item = &'a str>) -> Heads {
        let mut h = Heads { pairs: Box::new([0; 1024]), singles: [0; 4] };
        for p in phrases.map(str::as_bytes) {
            match *p {
                [b0] => h.singles[usize::from(b0) >> 6] |= 1 << (b0 & 63),
                [b0, b1, ..] => {
                    let i = usize::from(b0) << 8 | usize::from(b1);
                    h.pairs[i >> 6] |= 1 << (i & 63);
                }
                [] => {}
            }
        }
        h
    }

    /// Can a phrase start at the start of `rest`?
    #[inline]
    pub(crate) fn may_start(&self, rest: &[u8]) -> bool {
        match *rest {
            [b0, b1, ..] => {
                let i = usize::from(b0) << 8 | usize::from(b1);
                self.pairs[i >> 6] & (1 << (i & 63)) != 0
                    || self.singles[usize::from(b0) >> 6] & (1 << (b0 & 63)) != 0
            }
            [b0] => self.singles[usize::from(b0) >> 6] & (1 << (b0 & 63)) != 0,
            [] => false,
        }
    }
}

/// An exact test that no `any` phrase can match a key, cheaper than the
/// scan. A match is word-bounded at both ends, so every maximal run of
/// letters and digits in the phrase is a whole word of the key (a maximal
/// run there too). Each phrase is represented by one of its words (the
/// longest: long words are rare); a key none of whose words is a
/// representative, and that contains none of the phrases without any letter
/// or digit ("©"), cannot match, and is not scanned.
struct AnyGate {
    /// One word of each `any` phrase that has one, as bytes.
    words: HashSet<Box<[u8]>, foldhash::fast::FixedState>,
    /// Length in bytes of the longest representative word.
    max_len: usize,
    /// The representative words' sketch: a word it does not hold is none
    /// of them.
    sketch: Sketch,
    /// The phrases without a letter or digit, looked for as they are.
    bare: Vec<memchr::memmem::Finder<'static>>,
}

impl AnyGate {
    fn new<'a>(phrases: impl Iterator<Item = &'a str>) -> AnyGate {
        let mut g = AnyGate {
            words: HashSet::default(),
            max_len: 0,
            sketch: Sketch::new(),
            bare: Vec::new(),
        };
        for p in phrases {
            match words(p).max_by_key(|w| w.len()) {
                Some(w) => {
                    g.max_len = g.max_len.max(w.len());
                    g.sketch.insert(w.as_bytes());
                    g.words.insert(w.as_bytes().into());
                }
                None => g.bare.push(memchr::memmem::Finder::new(p.as_bytes()).into_owned()),
            }
        }
        g
    }

    /// Does `key` contain a phrase without letters or digits?
    fn has_bare(&self, key: &[u8]) -> bool {
        self.bare.iter().any(|f| f.find(key).is_some())
    }

    /// Is `w` one of the representative words?
    #[cfg(test)]
    #[inline]
    fn is_word(&self, w: &str) -> bool {
        self.is_word_bytes(w.as_bytes())
    }

    /// [`AnyGate::is_word`] on the word's bytes: the sketch's bit first
    /// (inline), the set only for the words whose bit is set.
    #[inline(always)]
    fn is_word_bytes(&self, w: &[u8]) -> bool {
        w.len() <= self.max_len && self.sketch.may_hold(w) && self.in_set(w)
    }

    /// Is `w` in the set of representative words?
    #[inline(never)]
    fn in_set(&self, w: &[u8]) -> bool {
        self.words.contains(w)
    }
}

/// Bits in a [`Sketch`] (8 KB): with the bundled lexicon's ~750 `any`
/// gate words, 0.9% of the other words of the corpus and dev sets find
/// their bit set and go on to the set's hash lookup; with its 1,670
/// `start` phrases, 3.0% of the other prefixes of those lines (the test
/// `sketches_hold_their_keys` counts them).
const SKETCH_BITS: u32 = 16;
/// A sketch's size in 64-bit words.
const SKETCH_WORDS: usize = 1 << (SKETCH_BITS - 6);

/// One bit for each key of a set of byte strings, at [`Sketch::bit`]: a
/// string whose bit is clear is not in the set, and needs no hash lookup
/// (a set bit proves nothing: the set is looked up then).
struct Sketch(Box<[u64; SKETCH_WORDS]>);

impl Sketch {
    fn new() -> Sketch {
        Sketch(Box::new([0; SKETCH_WORDS]))
    }

    fn insert(&mut self, key: &[u8]) {
        let bit = Sketch::bit(key);
        self.0[bit >> 6] |= 1 << (bit & 63);
    }

    /// May `key` be in the set? (`false` proves that it is not.)
    #[inline(always)]
    fn may_hold(&self, key: &[u8]) -> bool {
        let bit = Sketch::bit(key);
        self.0[bit >> 6] & (1 << (bit & 63)) != 0
    }

    /// The bit of a string: its length and its first and last two bytes,
    /// mixed by a multiplication (the top [`SKETCH_BITS`] of the product).
    /// A one-byte string repeats its byte.
    #[inline(always)]
    fn bit(w: &[u8]) -> usize {
        let n = w.len();
        let (first, last) = match *w {
            [a] => (u16::from(a), u16::from(a)),
            [] => (0, 0),
            _ => (u16::from_le_bytes([w[0], w[1]]), u16::from_le_bytes([w[n - 2], w[n - 1]])),
        };
        let v = (n as u64) << 32 | u64::from(first) << 16 | u64::from(last);
        (v.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - SKETCH_BITS)) as usize
    }
}

/// The maximal runs of letters and digits of `s`, in order.
fn words(s: &str) -> impl Iterator<Item = &str> {
    s.split(|c: char| !crate::chars::is_alphanumeric(c)).filter(|w| !w.is_empty())
}

/// Phrase (lower-cased, as UTF-8 bytes) → strongest hit, with a fixed-seed
/// fast hash. Keyed by bytes so that the key, built as bytes, is looked up
/// without a UTF-8 check.
type PhraseMap = HashMap<Box<[u8]>, MarkerHit, foldhash::fast::FixedState>;

/// Order of strength between two hits on one line. The tightest anchor wins;
/// among equals an end-of-article cue ("Related posts" ends an article
/// before it opens a list), then the kind that tolerates the longest line (a
/// cookie banner that also names the privacy policy is a cookie banner).
fn rank(h: MarkerHit) -> (Anchor, bool, u32, MarkerKind) {
    (h.anchor, h.kind == MarkerKind::End, h.kind.word_limit(), h.kind)
}

/// The stronger of two hits (the first on a tie, which only happens between
/// equal hits).
fn stronger(best: Option<MarkerHit>, hit: MarkerHit) -> MarkerHit {
    match best {
        Some(b) if rank(b) >= rank(hit) => b,
        _ => hit,
    }
}

impl std::fmt::Debug for Markers {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Markers")
            .field("rows", &self.rows)
            .field("line", &self.line.len())
            .field("start", &self.start.len())
            .field("any", &self.any_hits.len())
            .finish()
    }
}

impl Markers {
    /// The process-wide lexicon, built on first use.
    pub fn global() -> &'static Markers {
        static MARKERS: OnceLock<Markers> = OnceLock::new();
        MARKERS.get_or_init(|| Markers::parse(MARKERS_TSV).expect("bundled markers.tsv is valid"))
    }

    /// Parse a lexicon in the `kind<TAB>anchor<TAB>phrase` format.
    pub fn parse(tsv: &str) -> Result<Markers, String> {
        let mut line = PhraseMap::default();
        let mut start = PhraseMap::default();
        let mut any_phrases = Vec::new();
        let mut any_hits = Vec::new();
        let mut rows = 0;
        for (n, row) in tsv_rows(tsv).enumerate() {
            let row = row.trim_end_matches('\r');
            if row.is_empty() || row.starts_with('#') || n == 0 && row.starts_with("kind\t") {
                continue;
            }
            let Some((kind, anchor, phrase)) = three_columns(row) else {
                return Err(format!("markers.tsv:{}: expected 3 columns", n + 1));
            };
            let kind = MarkerKind::parse(kind)
                .ok_or_else(|| format!("markers.tsv:{}: unknown kind {kind:?}", n + 1))?;
            let anchor = match anchor {
                "line" => Anchor::Line,
                "start" => Anchor::Start,
                "any" => Anchor::Any,
                _ => return Err(format!("markers.tsv:{}: unknown anchor {anchor:?}", n + 1)),
            };
            let phrase = phrase.trim();
            if phrase.is_empty() {
                return Err(format!("markers.tsv:{}: empty phrase", n + 1));
            }
            let phrase = lower_phrase(phrase);
            let hit = MarkerHit { kind, anchor };
            rows += 1;
            let map = match anchor {
                Anchor::Line => &mut line,
                Anchor::Start => &mut start,
                Anchor::Any => {
                    any_phrases.push(phrase);
                    any_hits.push(hit);
                    continue;
                }
            };
            let slot = map.entry(phrase.into_bytes().into_boxed_slice()).or_insert(hit);
            *slot = stronger(Some(*slot), hit);
        }
        let any = if any_phrases.is_empty() {
            None
        } else {
            Some(
                AhoCorasick::builder()
                    .match_kind(MatchKind::Standard)
                    .kind(Some(AhoCorasickKind::ContiguousNFA))
                    .start_kind(StartKind::Anchored)
                    .build(&any_phrases)
                    .map_err(|e| format!("markers.tsv: {e}"))?,
            )
        };
        let start_max = start.keys().map(|k| k.len()).max().unwrap_or(0);
        let line_max = line.keys().map(|k| k.len()).max().unwrap_or(0);
        // The keys came from `&str` phrases: valid UTF-8.
        let start_heads =
            Heads::new(start.keys().map(|k| std::str::from_utf8(k).unwrap_or_default()));
        let any_heads = Heads::new(any_phrases.iter().map(String::as_str));
        let any_gate = AnyGate::new(any_phrases.iter().map(String::as_str));
        let mut start_sketch = Sketch::new();
        start.keys().for_each(|k| start_sketch.insert(k));
        Ok(Markers {
            line,
            line_max,
            start,
            start_sketch,
            start_max,
            start_heads,
            any,
            any_heads,
            any_gate,
            any_hits,
            rows,
        })
    }

    /// Can a marker on a line with `words` words, `numbers` of them numbers,
    /// change anything the cleaner decides? Not when the line has more than
    /// [`MarkerKind::MAX_WORD_LIMIT`] words besides numbers: no `start` or
    /// `any` hit drops or opens anything on a line that long, and a `line`
    /// phrase cannot be the whole of it, as the key keeps every word that is
    /// not a number (a `line` phrase has at most as many bytes as that
    /// limit: checked by the tests). Such lines need no scan.
    pub fn may_matter(&self, words: u32, numbers: u32) -> bool {
        words.saturating_sub(numbers) <= MarkerKind::MAX_WORD_LIMIT
    }

    /// Number of phrases in the lexicon.
    pub fn len(&self) -> usize {
        self.rows
    }

    /// Whether the lexicon is empty.
    pub fn is_empty(&self) -> bool {
        self.rows == 0
    }

    /// The hit of a `start` phrase, looked up only when the sketch may
    /// hold it.
    #[inline(always)]
    fn start_get(&self, prefix: &[u8]) -> Option<&MarkerHit> {
        if self.start_sketch.may_hold(prefix) {
            self.start_lookup(prefix)
        } else {
            None
        }
    }

    /// The `start` map's lookup, out of line: few prefixes get this far.
    #[inline(never)]
    fn start_lookup(&self, prefix: &[u8]) -> Option<&MarkerHit> {
        self.start.get(prefix)
    }

    /// Find the strongest marker on a line (text without terminator).
    /// `key` is scratch space, reused across calls.
    pub fn find(&self, line: &[u8], key: &mut String) -> Option<MarkerHit> {
        self.find_gated(line, key, true)
    }

    /// [`Markers::find`], with the `any` gate on or (for the tests, which
    /// check that it changes nothing) off. The key is built and looked up
    /// as bytes in `key`'s allocation, which is handed back empty (an empty
    /// string needs no UTF-8 check).
    #[inline(always)]
    fn find_gated(&self, line: &[u8], key: &mut String, gated: bool) -> Option<MarkerHit> {
        let mut bytes = std::mem::take(key).into_bytes();
        let hit = self.find_in_key(line, &mut bytes, gated);
        bytes.clear();
        *key = String::from_utf8(bytes).unwrap_or_default();
        hit
    }

    /// [`Markers::find_gated`] with the key built in `kb` ([`make_key`]).
    #[inline(always)]
    fn find_in_key(&self, line: &[u8], kb: &mut Vec<u8>, gated: bool) -> Option<MarkerHit> {
        let may_any = make_key(line, kb, &self.any_gate) || !gated;
        let kb: &[u8] = kb;
        if kb.is_empty() {
            return None;
        }
        // A `line` hit outranks every other anchor.
        if kb.len() <= self.line_max {
            if let Some(&hit) = self.line.get(kb) {
                return Some(hit);
            }
        }
        // Then `start`: each prefix that ends where a word does.
        let mut best: Option<MarkerHit> = None;
        let limit = if self.start_heads.may_start(kb) { kb.len().min(self.start_max) } else { 0 };
        // The characters after the first, by their first byte (ASCII ones
        // by a table lookup; continuation bytes start no character).
        for j in 1..kb.len().min(limit + 1) {
            let b = kb[j];
            if (0x80..0xC0).contains(&b) {
                continue;
            }
            if !is_word_char_at(kb, j) {
                if let Some(&hit) = self.start_get(&kb[..j]) {
                    best = Some(stronger(best, hit));
                }
                // A phrase that ends in punctuation needs no word boundary
                // after it: "写真＝共同通信", "图片来源：新华社" (with a
                // space or more punctuation next, the prefix is looked up
                // at the next character instead).
                let end = j + if b < 0x80 { 1 } else { crate::chars::decode(&kb[j..]).1 };
                if b != b' ' && end <= limit && end < kb.len() && is_word_char_at(kb, end) {
                    if let Some(&hit) = self.start_get(&kb[..end]) {
                        best = Some(stronger(best, hit));
                    }
                }
            }
        }
        if kb.len() <= limit {
            if let Some(&hit) = self.start_get(kb) {
                best = Some(stronger(best, hit));
            }
        }
        if best.is_some() {
            return best;
        }
        // Last `any`: word-bounded anywhere. A match must start where a
        // word may (the key's start, or after a character that is not a
        // letter or digit), so only those positions are tried, each with an
        // anchored search that stops as soon as no phrase can continue.
        if !may_any {
            return None;
        }
        let automaton = self.any.as_ref()?;
        let mut word_start = true;
        let mut i = 0;
        while i < kb.len() {
            if word_start && self.any_heads.may_start(&kb[i..]) {
                let input = Input::new(kb).span(i..kb.len()).anchored(Anchored::Yes);
                let mut state = OverlappingState::start();
                loop {
                    automaton.find_overlapping(input.clone(), &mut state);
                    let Some(m) = state.get_match() else { break };
                    if m.end() == kb.len() || !is_word_char_at(kb, m.end()) {
                        best = Some(stronger(best, self.any_hits[m.pattern().as_usize()]));
                    }
                }
            }
            word_start = !is_word_char_at(kb, i);
            i += if kb[i] < 0x80 { 1 } else { crate::chars::decode(&kb[i..]).1 };
        }
        best
    }
}

/// The rows of a lexicon, as `str::lines` gives them (a `\r` before the
/// `\n` is left on, for the caller's trim), found with `memchr`: the
/// character searcher behind `lines` and `split` cost ~4.7 M instructions
/// on the bundled lexicon's 8,000 rows at start-up.
pub(crate) fn tsv_rows(tsv: &str) -> impl Iterator<Item = &str> {
    let mut rest = tsv;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        // `\n` is ASCII: the cuts are character boundaries.
        let (row, next) = match memchr::memchr(b'\n', rest.as_bytes()) {
            Some(i) => (&rest[..i], &rest[i + 1..]),
            None => (rest, ""),
        };
        rest = next;
        Some(row)
    })
}

/// The three tab-separated columns of a row, or `None` when it has fewer or
/// more (what `row.split('\t')` gives when it gives three).
fn three_columns(row: &str) -> Option<(&str, &str, &str)> {
    let b = row.as_bytes();
    let t1 = b.iter().position(|&c| c == b'\t')?;
    let t2 = t1 + 1 + b[t1 + 1..].iter().position(|&c| c == b'\t')?;
    if b[t2 + 1..].contains(&b'\t') {
        return None;
    }
    Some((&row[..t1], &row[t1 + 1..t2], &row[t2 + 1..]))
}

/// `phrase.to_lowercase()`, a character at a time by the character table
/// ([`crate::chars::push_lower`]) except for phrases with a capital sigma,
/// the one character whose lower case depends on its neighbours in
/// `str::to_lowercase` (checked on every phrase of the bundled lexicon by
/// the tests). The standard library's per-character search cost ~5.3 M
/// instructions at start-up on the lexicon's 16,000 non-ASCII characters.
fn lower_phrase(phrase: &str) -> String {
    if phrase.is_ascii() {
        return phrase.to_ascii_lowercase();
    }
    if phrase.contains('Σ') {
        return phrase.to_lowercase();
    }
    let mut lower = String::with_capacity(phrase.len());
    for c in phrase.chars() {
        crate::chars::push_lower(c, &mut lower);
    }
    lower
}

/// Is the character starting at byte `i` of a key (UTF-8, `i` at a
/// character's start) a letter or digit? ASCII by [`KEY_ASCII`].
#[inline(always)]
fn is_word_char_at(key: &[u8], i: usize) -> bool {
    match key.get(i) {
        Some(&b) if b < 0x80 => KEY_ASCII[usize::from(b)] == KEY_WORD,
        Some(_) => crate::chars::decode(&key[i..]).0.is_some_and(crate::chars::is_alphanumeric),
        None => false,
    }
}

/// The last character of a key (UTF-8) and the byte where it starts.
#[inline(always)]
fn last_char(key: &[u8]) -> Option<(char, usize)> {
    let &last = key.last()?;
    if last < 0x80 {
        return Some((char::from(last), key.len() - 1));
    }
    let mut at = key.len() - 1;
    while at > 0 && key.len() - at < 4 && key[at] & 0xC0 == 0x80 {
        at -= 1;
    }
    crate::chars::decode(&key[at..]).0.map(|c| (c, at))
}

/// Build the lower-case matching key of a line: leading bullets, numbering
/// and whitespace removed; trailing punctuation, arrows and counters such as
/// "(12)" removed; inner whitespace runs collapsed to one space.
///
/// Returns whether an `any` phrase may occur in the key (`gate`, checked on
/// the key's words as they are completed): `false` proves that none can.
fn make_key(line: &[u8], bytes: &mut Vec<u8>, gate: &AnyGate) -> bool {
    let line = &line[..line.len().min(LONG_LINE_SCAN)];
    // The key is written by index into `bytes`, sized for the worst case (a
    // lower case takes at most twice its character's bytes,
    // `chars::write_lower_utf8`; a space stands for at least one byte of
    // whitespace): only whole characters are written, so the key is UTF-8.
    bytes.clear();
    bytes.resize(2 * line.len() + 4, 0);
    let mut k =
        KeyBuilder { buf: bytes, n: 0, pending_space: false, run: None, gate, may_any: false };
    // ASCII bytes by table, runs of ASCII letters and digits at once; runs
    // of other bytes decoded as `for_each_char` decodes the whole line (an
    // ASCII byte is never part of a multi-byte or an invalid sequence, so
    // cutting there changes nothing).
    let mut i = 0;
    while i < line.len() {
        let b = line[i];
        if b < 0x80 {
            i += 1;
            let class = KEY_ASCII[usize::from(b)];
            if class == KEY_WORD {
                k.start_word_ascii(b);
                // The rest of the run: letters and digits, lower-cased,
                // eight bytes at a time while eight remain (all eight are
                // stored lower-cased, the run's part kept: the buffer has
                // room, as the key so far has at most twice the bytes read
                // and eight more are left to read), then byte by byte.
                while let Some(x) = crate::chars::load8(line, i) {
                    let run = crate::chars::leading_run(crate::chars::ascii_alnum_bits(x));
                    let at = k.n;
                    k.buf[at..at + 8].copy_from_slice(&(x | crate::chars::CASE_BITS).to_le_bytes());
                    k.n += run;
                    i += run;
                    if run < 8 {
                        break;
                    }
                }
                while i < line.len() && KEY_ASCII[usize::from(line[i])] == KEY_WORD {
                    k.buf[k.n] = line[i].to_ascii_lowercase();
                    k.n += 1;
                    i += 1;
                }
            } else {
                k.push_ascii_other(b, class);
            }
            continue;
        }
        // A two-byte character (Latin, Greek, Cyrillic, Hebrew, Arabic…)
        // is always decoded as itself, whatever precedes it.
        if let Some(c) = crate::chars::two_byte_char(&line[i..]) {
            k.push_two_byte(c);
            i += 2;
            continue;
        }
        let end = line[i..].iter().position(|&b| b < 0x80).map_or(line.len(), |n| i + n);
        crate::features::for_each_char(&line[i..end], |c| match c {
            Some(c) => k.push_char(c),
            None => k.pending_space = k.n > 0,
        });
        i = end;
    }
    let mut may_any = k.may_any;
    let n = k.n;
    bytes.truncate(n);
    trim_key(bytes);
    // Every other word of the final key was a whole word of the key as
    // built, and checked there; the trims may have cut the last one.
    if !may_any {
        let mut last = None;
        let mut end = bytes.len();
        while let Some((c, at)) = last_char(&bytes[..end]) {
            if !crate::chars::is_alphanumeric(c) {
                break;
            }
            last = Some(at);
            end = at;
        }
        may_any = last.is_some_and(|i| gate.is_word_bytes(&bytes[i..])) || gate.has_bare(bytes);
    }
    may_any
}

/// Trailing decoration (punctuation, arrows, counters "(12)" and digits)
/// and a leading counter ("12 comments" -> "comments") off a key (UTF-8
/// bytes; only whole characters are cut).
fn trim_key(key: &mut Vec<u8>) {
    loop {
        let before = key.len();
        while let Some((c, at)) = last_char(key) {
            if !(is_trail_trim(c) || crate::chars::is_whitespace(c)) {
                break;
            }
            key.truncate(at);
        }
        if key.last() == Some(&b')') {
            // `(` and `)` are ASCII: never inside another character.
            if let Some(open) = key.iter().rposition(|&b| b == b'(') {
                if key[open + 1..key.len() - 1].iter().all(|&b| b.is_ascii_digit() || b == b' ') {
                    key.truncate(open);
                }
            }
        }
        while key.last().is_some_and(u8::is_ascii_digit) && key.contains(&b' ') {
            key.pop();
        }
        if key.len() == before {
            break;
        }
    }
    let digits = key.iter().take_while(|b| b.is_ascii_digit()).count();
    if digits > 0 && key.get(digits) == Some(&b' ') {
        key.drain(..=digits);
    }
}

/// [`KEY_ASCII`]: an ASCII letter or digit.
const KEY_WORD: u8 = 1;
/// [`KEY_ASCII`]: ASCII whitespace (`char::is_whitespace`).
const KEY_SPACE: u8 = 2;
/// [`KEY_ASCII`]: a character trimmed from the start of a key
/// ([`is_lead_trim`]).
const KEY_LEAD_TRIM: u8 = 3;
/// [`KEY_ASCII`]: any other ASCII character.
const KEY_OTHER: u8 = 0;

/// The class of each ASCII byte for the key ([`KEY_OTHER`] for the bytes
/// of other characters, which are never looked up as ASCII ones).
static KEY_ASCII: [u8; 256] = {
    let mut t = [KEY_OTHER; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        t[b] = if c.is_ascii_alphanumeric() {
            KEY_WORD
        } else if matches!(c, b' ' | b'\t'..=b'\r') {
            KEY_SPACE
        } else if is_lead_trim_ascii(c) {
            KEY_LEAD_TRIM
        } else {
            KEY_OTHER
        };
        b += 1;
    }
    t
};

/// The key under construction (written by index into `buf`), and the `any`
/// gate's verdict on its words so far.
struct KeyBuilder<'a> {
    buf: &'a mut [u8],
    /// Bytes of the key so far.
    n: usize,
    /// Whitespace seen since the last character pushed.
    pending_space: bool,
    /// Start of the run of letters and digits at the end of the key.
    run: Option<usize>,
    gate: &'a AnyGate,
    /// A completed word of the key is a gate word.
    may_any: bool,
}

impl KeyBuilder<'_> {
    /// The run of letters and digits that started at `self.run` ends at
    /// `end`: check it against the gate.
    #[inline(always)]
    fn end_run(&mut self, end: usize) {
        if let Some(start) = self.run.take() {
            if !self.may_any && self.gate.is_word_bytes(&self.buf[start..end]) {
                self.may_any = true;
            }
        }
    }

    /// Write the pending space, if any, before a character.
    #[inline(always)]
    fn flush_space(&mut self) {
        if self.pending_space {
            self.end_run(self.n);
            self.buf[self.n] = b' ';
            self.n += 1;
            self.pending_space = false;
        }
    }

    /// Add an ASCII letter or digit of the line.
    #[inline(always)]
    fn start_word_ascii(&mut self, b: u8) {
        self.flush_space();
        if self.run.is_none() {
            self.run = Some(self.n);
        }
        self.buf[self.n] = b.to_ascii_lowercase();
        self.n += 1;
    }

    /// Add an ASCII character of the line that is not a letter or digit
    /// (`class` from [`KEY_ASCII`]).
    #[inline(always)]
    fn push_ascii_other(&mut self, b: u8, class: u8) {
        if class == KEY_SPACE {
            self.pending_space = self.n > 0;
            return;
        }
        if self.n == 0 && class == KEY_LEAD_TRIM {
            return;
        }
        self.flush_space();
        self.end_run(self.n);
        self.buf[self.n] = b;
        self.n += 1;
    }

    /// [`KeyBuilder::push_char`] for a character below U+0800, from one
    /// fetch of the character table when its lower case is one character.
    #[inline(always)]
    fn push_two_byte(&mut self, c: char) {
        let Some(p) = crate::chars::Props::of(c) else { return self.push_char(c) };
        let Some(lower) = p.lower() else { return self.push_char(c) };
        if p.is_whitespace() {
            self.pending_space = self.n > 0;
            return;
        }
        if is_invisible(c) || self.n == 0 && is_lead_trim(c) {
            return;
        }
        self.flush_space();
        let at = self.n;
        self.n += lower.encode_utf8(&mut self.buf[at..]).len();
        if crate::chars::is_alphanumeric(lower) {
            if self.run.is_none() {
                self.run = Some(at);
            }
        } else {
            self.end_run(at);
        }
    }

    /// Add any character of the line.
    #[inline(always)]
    fn push_char(&mut self, c: char) {
        if crate::chars::is_whitespace(c) {
            self.pending_space = self.n > 0;
            return;
        }
        if is_invisible(c) || self.n == 0 && is_lead_trim(c) {
            return;
        }
        self.flush_space();
        let at = self.n;
        self.n += crate::chars::write_lower_utf8(c, &mut self.buf[at..]);
        // The lower case may be several characters (U+0130 -> "i\u{307}").
        let mut j = at;
        while j < self.n {
            let (l, len) = crate::chars::decode(&self.buf[j..self.n]);
            if l.is_some_and(crate::chars::is_alphanumeric) {
                if self.run.is_none() {
                    self.run = Some(j);
                }
            } else {
                self.end_run(j);
            }
            j += len;
        }
    }
}

/// Invisible break hints that hyphenating or word-wrapping CMSs put inside
/// words ("News\u{AD}let\u{AD}ter"): soft hyphen, zero-width space, word
/// joiner and a stray byte-order mark. They are skipped so that the key
/// spells the word; ZWJ/ZWNJ are kept (they change how Indic, Persian and
/// emoji text reads).
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{00AD}' | '\u{200B}' | '\u{2060}' | '\u{FEFF}')
}

fn is_lead_trim(c: char) -> bool {
    crate::features::is_bullet(c)
        || matches!(c, '|' | '#' | '❯' | '«' | '<' | '[' | '(' | '"' | '“')
}

/// [`is_lead_trim`] for ASCII bytes (the tests check every one).
const fn is_lead_trim_ascii(b: u8) -> bool {
    matches!(b, b'-' | b'*' | b'>' | b'+' | b'|' | b'#' | b'<' | b'[' | b'(' | b'"')
}

fn is_trail_trim(c: char) -> bool {
    matches!(
        c,
        ':' | '：'
            | '.'
            | '!'
            | '»'
            | '›'
            | '…'
            | '|'
            | '>'
            | '→'
            | '▶'
            | '►'
            | '-'
            | '–'
            | '—'
            | '+'
            | '*'
            | ']'
            | '"'
            | '”'
            | '❯'
            | '/'
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    const LEX: &str = "kind\tanchor\tphrase\n\
        latest\tline\tlatest news\n\
        latest\tline\tновости\n\
        share\tline\tshare\n\
        credit\tstart\tphoto:\n\
        theme\tstart\tno momento, você está visualizando\n\
        copyright\tany\tall rights reserved\n\
        comments\tline\tcomments\n";

    fn find(line: &str) -> Option<(MarkerKind, Anchor)> {
        let m = Markers::parse(LEX).unwrap();
        m.find(line.as_bytes(), &mut String::new()).map(|h| (h.kind, h.anchor))
    }

    #[test]
    fn anchors() {
        assert_eq!(find("Latest news"), Some((MarkerKind::Latest, Anchor::Line)));
        assert_eq!(find("  LATEST NEWS:"), Some((MarkerKind::Latest, Anchor::Line)));
        assert_eq!(find("Новости"), Some((MarkerKind::Latest, Anchor::Line)));
        assert_eq!(find("• Share »"), Some((MarkerKind::Share, Anchor::Line)));
        assert_eq!(find("Latest news from the front is grim"), None);
        assert_eq!(find("They share a flat."), None);
        assert_eq!(find("Photo: Ukrpravda."), Some((MarkerKind::Credit, Anchor::Start)));
        assert_eq!(find("Photographs of the flood"), None);
        assert_eq!(
            find("No momento, você está visualizando Nós para manter"),
            Some((MarkerKind::Theme, Anchor::Start))
        );
        assert_eq!(
            find("© 2024 Example. All rights reserved."),
            Some((MarkerKind::Copyright, Anchor::Any))
        );
        assert_eq!(find("12 Comments"), Some((MarkerKind::Comments, Anchor::Line)));
        assert_eq!(find("Comments (12)"), Some((MarkerKind::Comments, Anchor::Line)));
    }

    /// A `start` phrase ending in punctuation needs no space after it (CJK
    /// credits run straight on); one ending in a letter needs a word
    /// boundary.
    #[test]
    fn start_phrases_ending_in_punctuation() {
        let m = Markers::global();
        let find =
            |line: &str| m.find(line.as_bytes(), &mut String::new()).map(|h| (h.kind, h.anchor));
        let credit = Some((MarkerKind::Credit, Anchor::Start));
        assert_eq!(find("写真＝共同通信"), credit);
        assert_eq!(find("图片来源：新华社"), credit);
        assert_eq!(find("사진=연합뉴스"), credit);
        assert_eq!(find("Photo:Reuters"), credit);
        assert_eq!(find("Photo: Reuters"), credit);
        assert_eq!(find("Photosynthesis: how plants eat light"), None);
        assert_eq!(find("写真家の山田さんが撮影した"), None);
    }

    #[test]
    fn soft_hyphens_and_zero_width_spaces_are_skipped() {
        assert_eq!(find("Lat\u{AD}est news"), Some((MarkerKind::Latest, Anchor::Line)));
        assert_eq!(find("Com\u{200B}ments (3)"), Some((MarkerKind::Comments, Anchor::Line)));
        assert_eq!(find("\u{FEFF}Share"), Some((MarkerKind::Share, Anchor::Line)));
    }

    #[test]
    fn odd_bytes_do_not_panic() {
        let m = Markers::parse(LEX).unwrap();
        let mut k = String::new();
        assert_eq!(m.find(b"\xff\xfe share", &mut k).map(|h| h.kind), Some(MarkerKind::Share));
        assert_eq!(m.find(b"", &mut k), None);
        assert_eq!(m.find(b"\0\0", &mut k), None);
    }

    /// The lexicon's rows, columns and lower-cased phrases are what
    /// `str::lines`, `split('\t')` and `str::to_lowercase` give, on the
    /// bundled lexicon and odd cases.
    #[test]
    fn parse_helpers_equal_the_str_methods() {
        let odd =
            "a\tb\tc\r\n\r\n\nx\ty\n\t\t\n\t\t\t\nΣΑΣ ΟΔΟΣ\tΣ\tİstanbul \u{212A}\n#\u{1F600}\tǅ\tẞ";
        for tsv in [MARKERS_TSV, odd, "", "\n", "a", "a\n", "\r\n"] {
            let rows: Vec<&str> = tsv_rows(tsv).collect();
            let want: Vec<&str> = tsv.lines().collect();
            assert_eq!(rows.len(), want.len(), "{tsv:?}");
            for (row, want) in rows.iter().zip(&want) {
                let (row, want) = (row.trim_end_matches('\r'), want.trim_end_matches('\r'));
                assert_eq!(row, want);
                let cols: Vec<&str> = want.split('\t').collect();
                let three = (cols.len() == 3).then(|| (cols[0], cols[1], cols[2]));
                assert_eq!(three_columns(row), three, "{row:?}");
                for col in &cols {
                    assert_eq!(lower_phrase(col.trim()), col.trim().to_lowercase(), "{col:?}");
                    assert_eq!(lower_phrase(col), col.to_lowercase(), "{col:?}");
                }
            }
        }
    }

    #[test]
    fn bad_lexicon_is_an_error() {
        assert!(Markers::parse("kind\tanchor\tphrase\nshare\tline\n").is_err());
        assert!(Markers::parse("kind\tanchor\tphrase\nbogus\tline\tx\n").is_err());
        assert!(Markers::parse("kind\tanchor\tphrase\nshare\tmiddle\tx\n").is_err());
    }

    /// The gate never hides an `any` hit: on every line of the corpus (and
    /// the dev sets when they are beside the repository), and on lines made
    /// to catch its edge cases, the gated and the full scan agree.
    /// Each sketch holds every key of its set, so a lookup behind it
    /// answers what the set answers (the gate on every word of every corpus
    /// and dev-set line lower-cased, every gate word and every prefix and
    /// suffix of one; the `start` lookup on the first twelve prefixes of
    /// every such line); and lets few other strings through.
    #[test]
    fn sketches_hold_their_keys() {
        let m = Markers::global();
        let g = &m.any_gate;
        assert!(m.start.keys().all(|k| m.start_sketch.may_hold(k)));
        assert!(g.words.iter().all(|w| g.sketch.may_hold(w)));
        let mut words_seen: Vec<Vec<u8>> = Vec::new();
        for w in &g.words {
            for k in 0..=w.len() {
                words_seen.push(w[..k].to_vec());
                words_seen.push(w[k..].to_vec());
            }
        }
        let mut prefixes: Vec<Vec<u8>> = Vec::new();
        for l in crate::testdata::corpus_and_dev_lines() {
            let lower = String::from_utf8_lossy(&l).to_lowercase();
            words_seen.extend(words(&lower).map(|w| w.as_bytes().to_vec()));
            let lower = lower.trim();
            let ends = lower.char_indices().map(|(i, _)| i).skip(1).chain([lower.len()]);
            prefixes.extend(ends.take(12).map(|i| lower.as_bytes()[..i].to_vec()));
        }
        let (mut passed, mut total) = (0, 0);
        for w in &words_seen {
            let want = g.words.contains(&w[..]);
            assert_eq!(g.is_word_bytes(w), want, "{}", String::from_utf8_lossy(w));
            if !want && !w.is_empty() {
                total += 1;
                passed += usize::from(g.sketch.may_hold(w));
            }
        }
        eprintln!("the gate's sketch lets through {passed} of {total} other words");
        assert!(passed * 20 < total, "{passed} of {total}");
        let (mut passed, mut total) = (0, 0);
        for p in &prefixes {
            assert_eq!(m.start_get(p), m.start.get(&p[..]), "{}", String::from_utf8_lossy(p));
            if !m.start.contains_key(&p[..]) {
                total += 1;
                passed += usize::from(m.start_sketch.may_hold(p));
            }
        }
        eprintln!("the start sketch lets through {passed} of {total} other prefixes");
        assert!(passed * 20 < total, "{passed} of {total}");
    }

    #[test]
    fn any_gate_changes_nothing() {
        let m = Markers::global();
        let mut lines: Vec<Vec<u8>> = [
            "© 2024",
            "Copyright ©2024 Example",
            "All rights reserved2024",
            "ALL RIGHTS RESERVED 12",
            "All rights re\u{AD}served.",
            "Все права защищены",
            "ВСЕ ПРАВА ЗАЩИЩЕНЫ (12)",
            "版权所有",
            "本站版权所有",
            "İstanbul cookies policy",
            "We use cookies123",
            "we use cookies 1 2 3",
            "\u{FEFF}privacy policy",
        ]
        .iter()
        .map(|s| s.as_bytes().to_vec())
        .collect();
        lines.extend(crate::testdata::corpus_and_dev_lines());
        let (mut k1, mut k2) = (String::new(), String::new());
        let mut hits = 0;
        for l in &lines {
            let full = m.find_gated(l, &mut k1, false);
            assert_eq!(m.find_gated(l, &mut k2, true), full, "{}", String::from_utf8_lossy(l));
            hits += usize::from(full.is_some_and(|h| h.anchor == Anchor::Any));
        }
        assert!(hits >= 10, "{hits}");
    }

    /// The key written by index is the key pushed a character at a time,
    /// with the same gate verdict, on every line of the corpus (and the dev
    /// sets when they are beside the repository) and on edge cases.
    #[test]
    fn key_by_bytes_is_key_by_chars() {
        for b in 0..128u8 {
            assert_eq!(is_lead_trim_ascii(b), is_lead_trim(char::from(b)), "{b}");
        }
        let m = Markers::global();
        let mut lines: Vec<Vec<u8>> = [
            "• Share »",
            "  -- 12. İstanbul \u{212A}elvin (3)",
            "Com\u{200B}ments\u{AD} (12) ",
            "\u{a0}\u{3000}新闻 \u{FEFF}版权所有 ",
            "#tags | <b> [x] (y) \"z\"",
            "ǅungla ȺȾ ΣΑΣ straße",
            // Trims of multi-byte characters, and of four-byte ones.
            "Новости —",
            "新闻：",
            "Read more…",
            "12 Comments",
            "(12)",
            "12 34 (5) »",
            "Share \u{1F600}",
            "\u{1F600}\u{1F600}",
            "Все права защищены ©",
        ]
        .iter()
        .map(|s| s.as_bytes().to_vec())
        .collect();
        lines.push(b"\xff\xfe share \xe2\x82 x\xf0\x9f\x98".to_vec());
        // Every two-byte character, at a key's start and inside words.
        for c in (0x80..0x800).filter_map(char::from_u32) {
            lines.push(format!("{c}ab x{c}y {c}").into_bytes());
        }
        // ASCII runs read eight bytes at a time: every length around the
        // step, the key's start, the 600-byte cut and the line's end.
        for n in 0..20 {
            let w = "AbCdEfGhIjKlMnOpQrSt0123456789"[..n].to_string();
            lines.push(format!("{w} x{w}Ä{w}.{w}").into_bytes());
            lines.push(format!("-{w}").into_bytes());
            lines.push(("Z".repeat(590 + n) + " All Rights Reserved").into_bytes());
        }
        lines.push(b"ALLRIGHTSRESERVED all@rights[reserved]`{}Z\x7fz".to_vec());
        lines.push("é".repeat(400).into_bytes()); // cut inside a character
        lines.push(("a ".repeat(299) + "é").into_bytes());
        lines.extend(crate::testdata::corpus_and_dev_lines());
        let (mut k1, mut k2, mut k3) = (Vec::new(), String::new(), String::new());
        let mut hits = 0;
        for l in &lines {
            let a = make_key(l, &mut k1, &m.any_gate);
            let b = make_key_by_chars(l, &mut k2, &m.any_gate);
            assert_eq!((a, &k1[..]), (b, k2.as_bytes()), "{}", String::from_utf8_lossy(l));
            // The lookups on the key's bytes find what they found on the
            // key as a string.
            let hit = m.find(l, &mut k3);
            assert_eq!(hit, find_by_str(m, l), "{}", String::from_utf8_lossy(l));
            assert!(k3.is_empty());
            hits += usize::from(hit.is_some());
        }
        assert!(hits >= 1000, "{hits}");
    }

    /// [`Markers::find`] as it was before the key became bytes: the key a
    /// string ([`make_key_by_chars`]), its characters by `char_indices`
    /// (the maps looked up with the string's bytes). The oracle for
    /// [`Markers::find_in_key`].
    fn find_by_str(m: &Markers, line: &[u8]) -> Option<MarkerHit> {
        let mut key = String::new();
        let may_any = make_key_by_chars(line, &mut key, &m.any_gate);
        if key.is_empty() {
            return None;
        }
        let key = key.as_str();
        if key.len() <= m.line_max {
            if let Some(&hit) = m.line.get(key.as_bytes()) {
                return Some(hit);
            }
        }
        let mut best: Option<MarkerHit> = None;
        let limit =
            if m.start_heads.may_start(key.as_bytes()) { key.len().min(m.start_max) } else { 0 };
        let word_at = |i: usize| key[i..].chars().next().is_some_and(crate::chars::is_alphanumeric);
        for (j, c) in key.char_indices().skip(1) {
            if j > limit {
                break;
            }
            if !crate::chars::is_alphanumeric(c) {
                if let Some(&hit) = m.start.get(&key.as_bytes()[..j]) {
                    best = Some(stronger(best, hit));
                }
                let end = j + c.len_utf8();
                if c != ' ' && end <= limit && end < key.len() && word_at(end) {
                    if let Some(&hit) = m.start.get(&key.as_bytes()[..end]) {
                        best = Some(stronger(best, hit));
                    }
                }
            }
        }
        if key.len() <= limit {
            if let Some(&hit) = m.start.get(key.as_bytes()) {
                best = Some(stronger(best, hit));
            }
        }
        if best.is_some() || !may_any {
            return best;
        }
        let automaton = m.any.as_ref()?;
        let mut word_start = true;
        for (i, c) in key.char_indices() {
            if word_start && m.any_heads.may_start(&key.as_bytes()[i..]) {
                let input = Input::new(key).span(i..key.len()).anchored(Anchored::Yes);
                let mut state = OverlappingState::start();
                loop {
                    automaton.find_overlapping(input.clone(), &mut state);
                    let Some(mt) = state.get_match() else { break };
                    if mt.end() == key.len() || !word_at(mt.end()) {
                        best = Some(stronger(best, m.any_hits[mt.pattern().as_usize()]));
                    }
                }
            }
            word_start = !crate::chars::is_alphanumeric(c);
        }
        best
    }

    /// The key as it was first built, a character at a time into the string: the
    /// oracle for [`make_key`].
    ///
    /// Build the lower-case matching key of a line: leading bullets, numbering
    /// and whitespace removed; trailing punctuation, arrows and counters such as
    /// "(12)" removed; inner whitespace runs collapsed to one space.
    ///
    /// Returns whether an `any` phrase may occur in the key (`gate`, checked on
    /// the key's words as they are completed): `false` proves that none can.
    fn make_key_by_chars(line: &[u8], key: &mut String, gate: &AnyGate) -> bool {
        key.clear();
        let line = &line[..line.len().min(LONG_LINE_SCAN)];
        let mut k = CharKeyBuilder { key, pending_space: false, run: None, gate, may_any: false };
        // ASCII bytes one by one; runs of other bytes decoded as
        // `for_each_char` decodes the whole line (an ASCII byte is never part of
        // a multi-byte or an invalid sequence, so cutting there changes nothing).
        let mut i = 0;
        while i < line.len() {
            let b = line[i];
            if b < 0x80 {
                k.push_ascii(b);
                i += 1;
                continue;
            }
            // A two-byte character (Latin, Greek, Cyrillic, Hebrew, Arabic…)
            // is always decoded as itself, whatever precedes it.
            if let Some(c) = crate::chars::two_byte_char(&line[i..]) {
                k.push_char(c);
                i += 2;
                continue;
            }
            let end = line[i..].iter().position(|&b| b < 0x80).map_or(line.len(), |n| i + n);
            crate::features::for_each_char(&line[i..end], |c| match c {
                Some(c) => k.push_char(c),
                None => k.pending_space = !k.key.is_empty(),
            });
            i = end;
        }
        let mut may_any = k.may_any;
        let key = k.key;
        // Trailing decoration: punctuation, arrows, counters "(12)" and digits.
        loop {
            let before = key.len();
            while key.ends_with(|c: char| is_trail_trim(c) || crate::chars::is_whitespace(c)) {
                key.pop();
            }
            if key.ends_with(')') {
                if let Some(open) = key.rfind('(') {
                    if key[open + 1..key.len() - 1].chars().all(|c| c.is_ascii_digit() || c == ' ')
                    {
                        key.truncate(open);
                    }
                }
            }
            while key.ends_with(|c: char| c.is_ascii_digit()) && key.contains(' ') {
                key.pop();
            }
            if key.len() == before {
                break;
            }
        }
        // Leading counters: "12 comments" -> "comments".
        let digits = key.bytes().take_while(|b| b.is_ascii_digit()).count();
        if digits > 0 && key.as_bytes().get(digits) == Some(&b' ') {
            key.drain(..=digits);
        }
        // Every other word of the final key was a whole word of the key as
        // built, and checked there; the trims may have cut the last one.
        if !may_any {
            let last = key
                .char_indices()
                .rev()
                .take_while(|&(_, c)| crate::chars::is_alphanumeric(c))
                .last()
                .map(|(i, _)| i);
            may_any =
                last.is_some_and(|i| gate.is_word(&key[i..])) || gate.has_bare(key.as_bytes());
        }
        may_any
    }

    /// The key under construction, and the `any` gate's verdict on its words
    /// so far.
    struct CharKeyBuilder<'a> {
        key: &'a mut String,
        /// Whitespace seen since the last character pushed.
        pending_space: bool,
        /// Start of the run of letters and digits at the end of the key.
        run: Option<usize>,
        gate: &'a AnyGate,
        /// A completed word of the key is a gate word.
        may_any: bool,
    }

    impl CharKeyBuilder<'_> {
        /// The run of letters and digits that started at `self.run` ends at
        /// `end`: check it against the gate.
        #[inline(always)]
        fn end_run(&mut self, end: usize) {
            if let Some(start) = self.run.take() {
                if !self.may_any && self.gate.is_word(&self.key[start..end]) {
                    self.may_any = true;
                }
            }
        }

        /// Add an ASCII character of the line.
        #[inline(always)]
        fn push_ascii(&mut self, b: u8) {
            if matches!(b, b' ' | b'\t'..=b'\r') {
                self.pending_space = !self.key.is_empty();
                return;
            }
            if self.key.is_empty() && is_lead_trim(char::from(b)) {
                return;
            }
            if self.pending_space {
                self.end_run(self.key.len());
                self.key.push(' ');
                self.pending_space = false;
            }
            if b.is_ascii_alphanumeric() {
                if self.run.is_none() {
                    self.run = Some(self.key.len());
                }
            } else {
                self.end_run(self.key.len());
            }
            self.key.push(char::from(b.to_ascii_lowercase()));
        }

        /// Add any character of the line.
        #[inline(always)]
        fn push_char(&mut self, c: char) {
            if crate::chars::is_whitespace(c) {
                self.pending_space = !self.key.is_empty();
                return;
            }
            if is_invisible(c) || self.key.is_empty() && is_lead_trim(c) {
                return;
            }
            if self.pending_space {
                self.end_run(self.key.len());
                self.key.push(' ');
                self.pending_space = false;
            }
            let at = self.key.len();
            crate::chars::push_lower(c, self.key);
            // The lower case may be several characters (U+0130 -> "i\u{307}").
            let mut j = at;
            while let Some(l) = self.key[j..].chars().next() {
                if crate::chars::is_alphanumeric(l) {
                    if self.run.is_none() {
                        self.run = Some(j);
                    }
                } else {
                    self.end_run(j);
                }
                j += l.len_utf8();
            }
        }
    }

    #[test]
    fn bundled_lexicon_loads() {
        assert!(Markers::global().len() > 100);
    }

    #[test]
    fn long_lines_need_no_scan() {
        use MarkerKind::*;
        let kinds = [
            Latest, Popular, ReadMore, Related, Share, Subscribe, Credit, Advert, Comments, Cookie,
            Legal, Copyright, Tags, Nav, PrevNext, Here, Theme, Recap, End, Byline,
        ];
        assert_eq!(kinds.iter().map(|k| k.word_limit()).max(), Some(MarkerKind::MAX_WORD_LIMIT));
        // A `line` phrase is shorter in bytes than a key of more words.
        let m = Markers::global();
        assert!(m.line_max <= MarkerKind::MAX_WORD_LIMIT as usize, "{}", m.line_max);
        assert!(m.may_matter(70, 0) && m.may_matter(90, 20) && !m.may_matter(71, 0));
        // Numbers do not count: trailing counters leave the key.
        let l = "comments ".to_string() + &"7 ".repeat(80);
        let f = crate::testdata::features_without_stoplist(&l);
        assert!(m.may_matter(f.words, f.numbers));
        assert_eq!(m.find(l.as_bytes(), &mut String::new()).map(|h| h.kind), Some(Comments));
    }
}
