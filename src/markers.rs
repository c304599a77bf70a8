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

use std::collections::HashMap;
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
    /// The hit of each `any` phrase, by pattern id.
    any_hits: Vec<MarkerHit>,
    /// Phrases in the lexicon (rows, duplicates included).
    rows: usize,
}

/// The first one or two bytes of a set of phrases: a cheap exact test that
/// no phrase can start at a position, before any lookup or scan there.
struct Heads {
    /// Bit `b0 << 8 | b1` is set when a phrase of ≥ 2 bytes starts `b0 b1`.
    pairs: Box<[u64; 1024]>,
    /// Bit `b0` is set when a one-byte phrase is `b0`.
    singles: [u64; 4],
}

impl Heads {
    fn new<'a>(phrases: impl Iterator<Item = &'a str>) -> Heads {
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
    fn may_start(&self, rest: &[u8]) -> bool {
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

/// Phrase → strongest hit, with a fixed-seed fast hash.
type PhraseMap = HashMap<Box<str>, MarkerHit, foldhash::fast::FixedState>;

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
        for (n, row) in tsv.lines().enumerate() {
            let row = row.trim_end_matches('\r');
            if row.is_empty() || row.starts_with('#') || n == 0 && row.starts_with("kind\t") {
                continue;
            }
            let mut cols = row.split('\t');
            let (Some(kind), Some(anchor), Some(phrase), None) =
                (cols.next(), cols.next(), cols.next(), cols.next())
            else {
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
            let phrase = phrase.to_lowercase();
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
            let slot = map.entry(phrase.into_boxed_str()).or_insert(hit);
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
        let start_heads = Heads::new(start.keys().map(|k| &**k));
        let any_heads = Heads::new(any_phrases.iter().map(String::as_str));
        Ok(Markers {
            line,
            line_max,
            start,
            start_max,
            start_heads,
            any,
            any_heads,
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

    /// Find the strongest marker on a line (text without terminator).
    /// `key` is scratch space, reused across calls.
    pub fn find(&self, line: &[u8], key: &mut String) -> Option<MarkerHit> {
        make_key(line, key);
        if key.is_empty() {
            return None;
        }
        let key = key.as_str();
        // A `line` hit outranks every other anchor.
        if key.len() <= self.line_max {
            if let Some(&hit) = self.line.get(key) {
                return Some(hit);
            }
        }
        // Then `start`: each prefix that ends where a word does.
        let mut best: Option<MarkerHit> = None;
        let limit = if self.start_heads.may_start(key.as_bytes()) {
            key.len().min(self.start_max)
        } else {
            0
        };
        for (j, c) in key.char_indices().skip(1) {
            if j > limit {
                break;
            }
            if !crate::chars::is_alphanumeric(c) {
                if let Some(&hit) = self.start.get(&key[..j]) {
                    best = Some(stronger(best, hit));
                }
            }
        }
        if key.len() <= limit {
            if let Some(&hit) = self.start.get(key) {
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
        let automaton = self.any.as_ref()?;
        let mut word_start = true;
        for (i, c) in key.char_indices() {
            if word_start && self.any_heads.may_start(&key.as_bytes()[i..]) {
                let input = Input::new(key).span(i..key.len()).anchored(Anchored::Yes);
                let mut state = OverlappingState::start();
                loop {
                    automaton.find_overlapping(input.clone(), &mut state);
                    let Some(m) = state.get_match() else { break };
                    if m.end() == key.len() || !is_word_char_at(key, m.end()) {
                        best = Some(stronger(best, self.any_hits[m.pattern().as_usize()]));
                    }
                }
            }
            word_start = !crate::chars::is_alphanumeric(c);
        }
        best
    }
}

/// Is the character starting at byte `i` a letter or digit?
fn is_word_char_at(key: &str, i: usize) -> bool {
    key.get(i..).and_then(|s| s.chars().next()).is_some_and(crate::chars::is_alphanumeric)
}

/// Build the lower-case matching key of a line: leading bullets, numbering
/// and whitespace removed; trailing punctuation, arrows and counters such as
/// "(12)" removed; inner whitespace runs collapsed to one space.
fn make_key(line: &[u8], key: &mut String) {
    key.clear();
    let line = &line[..line.len().min(LONG_LINE_SCAN)];
    let mut pending_space = false;
    crate::features::for_each_char(line, |c| {
        let Some(c) = c else {
            pending_space = !key.is_empty();
            return;
        };
        if crate::chars::is_whitespace(c) {
            pending_space = !key.is_empty();
            return;
        }
        if is_invisible(c) {
            return;
        }
        if key.is_empty() && (is_lead_trim(c)) {
            return;
        }
        if pending_space {
            key.push(' ');
            pending_space = false;
        }
        if c.is_ascii() {
            key.push(c.to_ascii_lowercase());
        } else {
            crate::chars::push_lower(c, key);
        }
    });
    // Trailing decoration: punctuation, arrows, counters "(12)" and digits.
    loop {
        let before = key.len();
        while key.ends_with(|c: char| is_trail_trim(c) || crate::chars::is_whitespace(c)) {
            key.pop();
        }
        if key.ends_with(')') {
            if let Some(open) = key.rfind('(') {
                if key[open + 1..key.len() - 1].chars().all(|c| c.is_ascii_digit() || c == ' ') {
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

    #[test]
    fn bad_lexicon_is_an_error() {
        assert!(Markers::parse("kind\tanchor\tphrase\nshare\tline\n").is_err());
        assert!(Markers::parse("kind\tanchor\tphrase\nbogus\tline\tx\n").is_err());
        assert!(Markers::parse("kind\tanchor\tphrase\nshare\tmiddle\tx\n").is_err());
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
        let f = crate::features::compute(l.as_bytes(), &NoStop, &mut Default::default());
        assert!(m.may_matter(f.words, f.numbers));
        assert_eq!(m.find(l.as_bytes(), &mut String::new()).map(|h| h.kind), Some(Comments));
    }

    struct NoStop;
    impl crate::features::Stoplist for NoStop {
        fn contains(&self, _: &str) -> bool {
            false
        }
    }
}
