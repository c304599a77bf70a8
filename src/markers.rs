//! Stage 3: marker phrases, found in one aho-corasick pass per line.
//!
//! The lexicon (`src/lexicon/markers.tsv`, compiled into the binary) lists
//! phrases by kind ("latest", "share", "cookie", …) and anchor: `line` (the
//! phrase is the whole line once bullets, counters and trailing punctuation
//! are trimmed), `start` (the line starts with it) or `any` (anywhere, for
//! phrases that never occur in article prose). Matching is case-insensitive:
//! each line is lower-cased once into a reused buffer and scanned with a
//! case-sensitive automaton over lower-case patterns, which handles
//! Cyrillic and accented letters and is cheaper than ASCII case folding in the
//! automaton. The automaton is built once per process.

use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, MatchKind};

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

    /// The most words a line may have and still be dropped for a marker of
    /// this kind at its start (or anywhere, for `any` phrases). Prompts and
    /// labels are short; a long line that merely starts with "Share" or
    /// "Photo" is prose. Cookie banners run to a few sentences.
    pub fn word_limit(self) -> u32 {
        match self {
            MarkerKind::Nav | MarkerKind::Recap | MarkerKind::Advert => 6,
            MarkerKind::Latest | MarkerKind::Popular | MarkerKind::Share | MarkerKind::End => 12,
            MarkerKind::Comments => 10,
            MarkerKind::Credit | MarkerKind::PrevNext | MarkerKind::Here => 20,
            MarkerKind::ReadMore | MarkerKind::Related => 25,
            MarkerKind::Subscribe | MarkerKind::Tags | MarkerKind::Legal => 35,
            MarkerKind::Copyright | MarkerKind::Theme => 40,
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

struct Pattern {
    kind: MarkerKind,
    anchor: Anchor,
}

/// The compiled lexicon: one automaton over every phrase.
pub struct Markers {
    automaton: AhoCorasick,
    patterns: Vec<Pattern>,
}

impl std::fmt::Debug for Markers {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Markers").field("patterns", &self.patterns.len()).finish()
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
        let mut phrases = Vec::new();
        let mut patterns = Vec::new();
        for (n, line) in tsv.lines().enumerate() {
            let line = line.trim_end_matches('\r');
            if line.is_empty() || line.starts_with('#') || n == 0 && line.starts_with("kind\t") {
                continue;
            }
            let mut cols = line.split('\t');
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
            phrases.push(phrase.to_lowercase());
            patterns.push(Pattern { kind, anchor });
        }
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .build(&phrases)
            .map_err(|e| format!("markers.tsv: {e}"))?;
        Ok(Markers { automaton, patterns })
    }

    /// Number of phrases in the lexicon.
    pub fn len(&self) -> usize {
        self.patterns.len()
    }

    /// Whether the lexicon is empty.
    pub fn is_empty(&self) -> bool {
        self.patterns.is_empty()
    }

    /// Find the strongest marker on a line (text without terminator).
    /// `key` is scratch space, reused across calls.
    pub fn find(&self, line: &[u8], key: &mut String) -> Option<MarkerHit> {
        make_key(line, key);
        if key.is_empty() {
            return None;
        }
        let hay = key.as_bytes();
        let mut best: Option<MarkerHit> = None;
        for m in self.automaton.find_overlapping_iter(hay) {
            let p = &self.patterns[m.pattern().as_usize()];
            let starts_word = m.start() == 0 || !is_word_byte_before(hay, m.start());
            let ends_word = m.end() == hay.len() || !is_word_byte_at(hay, m.end());
            let ok = match p.anchor {
                Anchor::Line => m.start() == 0 && m.end() == hay.len(),
                Anchor::Start => m.start() == 0 && ends_word,
                Anchor::Any => starts_word && ends_word,
            };
            if !ok {
                continue;
            }
            let hit = MarkerHit { kind: p.kind, anchor: p.anchor };
            // The tightest anchor wins; among equals an end-of-article cue
            // ("Related posts" ends an article before it opens a list), then
            // the kind that tolerates the longest line (a cookie banner that
            // also names the privacy policy is a cookie banner).
            let rank =
                |h: MarkerHit| (h.anchor, h.kind == MarkerKind::End, h.kind.word_limit(), h.kind);
            best = Some(match best {
                Some(b) if rank(b) >= rank(hit) => b,
                _ => hit,
            });
        }
        best
    }
}

/// Is the character ending just before byte `i` a letter or digit?
fn is_word_byte_before(hay: &[u8], i: usize) -> bool {
    let s = std::str::from_utf8(&hay[..i]).ok();
    s.and_then(|s| s.chars().next_back()).is_some_and(|c| c.is_alphanumeric())
}

/// Is the character starting at byte `i` a letter or digit?
fn is_word_byte_at(hay: &[u8], i: usize) -> bool {
    let s = std::str::from_utf8(&hay[i..]).ok();
    s.and_then(|s| s.chars().next()).is_some_and(|c| c.is_alphanumeric())
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
        if c.is_whitespace() {
            pending_space = !key.is_empty();
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
            key.extend(c.to_lowercase());
        }
    });
    // Trailing decoration: punctuation, arrows, counters "(12)" and digits.
    loop {
        let before = key.len();
        while key.ends_with(|c: char| is_trail_trim(c) || c.is_whitespace()) {
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
}
