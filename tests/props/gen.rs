//! Generators biased toward what breaks line cleaners: CR, CRLF, lone CR,
//! NUL, invalid UTF-8, multi-byte and CJK text, long lines, blank and
//! whitespace-only lines, marker phrases, list and timestamp shapes,
//! repeated lines — mixed with real article prose from the golden corpus so
//! that the cleaner keeps lines as well as dropping them
//! (`generated_documents_exercise_keep_and_drop` checks that it does).

use std::sync::OnceLock;

use deboil::{BlankLines, Config, Lang, LanguageChoice, OverLimit, Stage, Strictness, Switch};
use proptest::prelude::*;
use proptest::sample::{select, Index};

/// The proptest configuration: `default` cases unless `PROPTEST_CASES` is
/// set (rejections allowed in proportion); regressions persisted under
/// `proptest-regressions/<file>.txt`.
pub fn cases(default: u32, file: &'static str) -> ProptestConfig {
    let cases =
        std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(default);
    ProptestConfig {
        cases,
        // The limit tests reject the documents that fit their limits (about
        // one in five): allow that at any case count.
        max_global_rejects: cases.saturating_mul(4).max(1024),
        failure_persistence: Some(Box::new(proptest::test_runner::FileFailurePersistence::Direct(
            file,
        ))),
        ..ProptestConfig::default()
    }
}

/// Lines of the golden corpus: long lines of the golds (article prose) and
/// input lines that no gold keeps (real boilerplate).
pub struct Pools {
    pub prose: Vec<Vec<u8>>,
    pub boiler: Vec<Vec<u8>>,
}

pub fn pools() -> &'static Pools {
    static POOLS: OnceLock<Pools> = OnceLock::new();
    POOLS.get_or_init(|| {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
        let mut prose = std::collections::BTreeSet::new();
        let mut boiler = std::collections::BTreeSet::new();
        for set in ["seeds", "cases"] {
            let mut entries: Vec<_> = std::fs::read_dir(root.join(set))
                .expect("corpus/ exists")
                .map(|e| e.expect("dir entry").path())
                .filter(|p| p.to_string_lossy().ends_with(".input.txt"))
                .collect();
            entries.sort();
            for input in entries {
                let gold = input.to_string_lossy().replace(".input.txt", ".gold.txt");
                let input = std::fs::read(&input).expect("read input");
                let gold = std::fs::read(gold).expect("read gold");
                let content = |t: &[u8]| -> Vec<Vec<u8>> {
                    t.split(|&b| b == b'\n')
                        .map(|l| l.strip_suffix(b"\r").unwrap_or(l).to_vec())
                        .filter(|l| !l.is_empty())
                        .collect()
                };
                let gold_lines = content(&gold);
                for l in content(&input) {
                    if !gold_lines.contains(&l) && l.len() <= 300 {
                        boiler.insert(l);
                    }
                }
                for l in gold_lines {
                    if l.len() >= 80 {
                        prose.insert(l);
                    }
                }
            }
        }
        assert!(prose.len() > 50 && boiler.len() > 50, "corpus too small for the pools");
        Pools { prose: prose.into_iter().collect(), boiler: boiler.into_iter().collect() }
    })
}

const MARKERS: &[&str] = &[
    "Latest news",
    "Share",
    "Share this article",
    "Новости",
    "Последние новости",
    "© 2024 Example News. All rights reserved.",
    "Copyright © 2025 Example Media Group",
    "We use cookies to improve your experience. Accept all cookies",
    "Subscribe to our newsletter",
    "Read more",
    "Advertisement",
    "Follow us on Facebook",
    "You are currently viewing Example",
    "Comments",
    "Leave a comment",
    "Related articles",
    "Popular",
    "Home | News | Sport | Weather",
    "Home » World » Europe",
    "Photo: Reuters",
    "Читайте также",
    "Поділитися",
    "Mehr zum Thema",
    "Lire aussi",
    "Tags:",
    "Quark.Models.Entities.Ancestor?.Title?.ToUpperInvariant()",
    "{{ article.title }}",
    "相关新闻",
    "新闻",
];

const HEADLINES: &[&str] = &[
    "Parliament speaker says Gaza 'not for sale'",
    "Two killed as police officer's son opens fire",
    "Heavy metals contaminate rivers in the north",
    "В Киеве прошли переговоры о перемирии",
    "Зеленский призвал усилить давление на Россию",
    "Neue Regeln für Mieter ab Januar",
    "Le gouvernement présente son budget",
    "東京で大雪 交通に乱れ",
    "Storm closes mountain highway for second day",
    "WORLD Heavy metals contaminate farmland",
];

const WORDS: &[&str] = &[
    "the",
    "council",
    "said",
    "that",
    "it",
    "would",
    "and",
    "of",
    "to",
    "in",
    "a",
    "is",
    "was",
    "for",
    "on",
    "with",
    "as",
    "by",
    "at",
    "from",
    "this",
    "new",
    "plan",
    "budget",
    "school",
    "members",
    "officials",
    "week",
    "after",
    "before",
    "which",
    "had",
    "been",
    "their",
    "they",
    "в",
    "и",
    "на",
    "что",
    "по",
    "не",
    "он",
    "это",
    "года",
    "города",
    "der",
    "die",
    "und",
    "nicht",
    "le",
    "la",
    "et",
    "les",
    "des",
];

const MONTHS: &[&str] =
    &["мар", "марта", "January", "Feb", "März", "avril", "Oct.", "березня", "dic"];

/// One line's text (no terminator), as bytes.
fn text_line() -> impl Strategy<Value = Vec<u8>> {
    let p = pools();
    let prose = select(p.prose.clone());
    let boiler = select(p.boiler.clone());
    let sentence = prop::collection::vec(select(WORDS), 8..40).prop_map(|ws| {
        let mut s = ws.join(" ");
        if let Some(first) = s.get_mut(..1) {
            first.make_ascii_uppercase();
        }
        s.push('.');
        s.into_bytes()
    });
    let timestamp = (0u8..24, 0u8..60, 1u8..32, select(MONTHS), 1990u16..2031, 0u8..4).prop_map(
        |(h, m, d, mon, y, shape)| {
            match shape {
                0 => format!("{h}:{m:02} {d} {mon} {y}."),
                1 => format!("{h:02}:{m:02}"),
                2 => format!("{y}-{:02}-{d:02}", (d % 12) + 1),
                _ => format!("Updated {h}:{m:02} AM, {mon} {d}, {y}"),
            }
            .into_bytes()
        },
    );
    let numbered = (1u16..120, select(HEADLINES), select(&["", "  ", "\t"][..]), any::<bool>())
        .prop_map(|(n, h, indent, paren)| {
            format!("{indent}{n}{} {h}", if paren { ")" } else { "." }).into_bytes()
        });
    let blank =
        select(&["", " ", "  \t ", "\t", "\u{a0}", " \u{a0} ", "\u{a0} \u{a0}", "\u{3000}"][..])
            .prop_map(|s| s.as_bytes().to_vec());
    let multibyte = select(
        &[
            "东京都知事は記者会見で、来年度の予算案について説明した。",
            "北京时间昨晚，国家统计局发布了最新的经济数据，显示消费继续回升。",
            "서울 시내 곳곳에서 폭우로 인한 피해가 잇따랐다.",
            "Ελλάδα: Η κυβέρνηση ανακοίνωσε νέα μέτρα για την ακρίβεια.",
            "עיריית תל אביב הודיעה על תוכנית חדשה",
            "قالت الحكومة إن الخطة ستبدأ في يناير",
            "emoji 🎉🎉 line with ZWJ 👩‍👩‍👧 and e\u{301}",
            "İstanbul ǅ ß ſ ﬁ Ⅻ ½",
        ][..],
    )
    .prop_map(|s| s.as_bytes().to_vec());
    // Bytes a line cleaner trips over, from a small alphabet so they collide.
    let odd_alphabet: &[u8] = &[
        0, 0xff, 0xfe, 0xc3, 0xa9, 0xe2, 0x82, 0xac, 0x80, 0xf0, 0x9f, b'a', b'Z', b'1', b' ',
        b'\t', 0x0b, 0x0c, b'\r', b'\n', b'(', b')', b'.', b'{', b'}', b'|', b'@', b'/', b':',
    ];
    let odd = prop::collection::vec(select(odd_alphabet), 0..40);
    let raw = prop::collection::vec(any::<u8>(), 0..60);
    let long = (select(p.prose.clone()), 2usize..60).prop_map(|(l, n)| {
        let mut out = Vec::with_capacity(l.len() * n);
        for _ in 0..n {
            out.extend_from_slice(&l);
            out.push(b' ');
        }
        out
    });
    let huge_word = (select(&[b'x', b'(', b' ', 0x80, b'.'][..]), 1000usize..20_000)
        .prop_map(|(b, n)| vec![b; n]);
    // A prose line with one odd byte spliced in.
    let spliced = (select(p.prose.clone()), any::<Index>(), select(odd_alphabet)).prop_map(
        |(mut l, at, b)| {
            let i = at.index(l.len() + 1);
            l.insert(i, b);
            l
        },
    );
    prop_oneof![
        30 => prose,
        8 => sentence,
        15 => boiler,
        8 => select(MARKERS).prop_map(|s| s.as_bytes().to_vec()),
        6 => timestamp,
        6 => numbered,
        8 => blank,
        4 => multibyte,
        5 => odd,
        2 => raw,
        2 => long,
        1 => huge_word,
        3 => spliced,
    ]
}

/// A piece of a document: one or more lines, or a repeat of an earlier one.
#[derive(Clone, Debug)]
enum Piece {
    Lines(Vec<Vec<u8>>),
    Repeat(Index),
}

fn piece() -> impl Strategy<Value = Piece> {
    let headline = select(HEADLINES).prop_map(|s| s.as_bytes().to_vec());
    // "Latest news" followed by alternating headline / timestamp lines.
    let news_list =
        (select(&["Latest news", "Новости", "Most read", "Читайте также"][..]), 1usize..8)
            .prop_flat_map(move |(opener, n)| {
                prop::collection::vec((headline.clone(), 0u8..24, 0u8..60), n..=n).prop_map(
                    move |items| {
                        let mut lines = vec![opener.as_bytes().to_vec()];
                        for (h, hh, mm) in items {
                            lines.push(h);
                            lines.push(format!("{hh}:{mm:02} 20 мар 2026.").into_bytes());
                        }
                        lines
                    },
                )
            });
    prop_oneof![
        20 => text_line().prop_map(|l| Piece::Lines(vec![l])),
        1 => news_list.prop_map(Piece::Lines),
        3 => any::<Index>().prop_map(Piece::Repeat),
    ]
}

fn terminator() -> impl Strategy<Value = &'static [u8]> {
    prop_oneof![
        70 => Just(&b"\n"[..]),
        12 => Just(&b"\r\n"[..]),
        8 => Just(&b"\r"[..]),
        3 => Just(&b""[..]),
    ]
}

/// A generated document, with its line texts kept for the debug output.
#[derive(Clone)]
pub struct Doc(pub Vec<u8>);

impl std::fmt::Debug for Doc {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Escaped so that a failure can be pasted into a regression test.
        write!(f, "Doc(b\"{}\")", self.0.escape_ascii())
    }
}

/// A document of up to `max_pieces` pieces.
pub fn doc(max_pieces: usize) -> impl Strategy<Value = Doc> {
    (prop::collection::vec((piece(), terminator()), 0..max_pieces), any::<bool>()).prop_map(
        |(pieces, final_newline)| {
            let mut texts: Vec<Vec<u8>> = Vec::new();
            let mut out = Vec::new();
            for (p, term) in pieces {
                let lines = match p {
                    Piece::Lines(ls) => ls,
                    Piece::Repeat(ix) if !texts.is_empty() => vec![ix.get(&texts).clone()],
                    Piece::Repeat(_) => vec![],
                };
                for l in lines {
                    out.extend_from_slice(&l);
                    out.extend_from_slice(term);
                    texts.push(l);
                }
            }
            if !final_newline {
                while matches!(out.last(), Some(b'\n' | b'\r')) {
                    out.pop();
                }
            }
            Doc(out)
        },
    )
}

/// Any configuration, biased toward the default limits (small limits are
/// tested on their own).
pub fn config() -> impl Strategy<Value = Config> {
    let limit = prop_oneof![
        6 => Just(None),
        1 => (1usize..40, 1usize..4000).prop_map(Some),
    ];
    (
        select(&[Strictness::Recall, Strictness::Balanced, Strictness::Precision][..]),
        prop::collection::vec(any::<bool>(), Stage::ALL.len()),
        select(&[BlankLines::Separators, BlankLines::Drop][..]),
        select(&[OverLimit::PassThrough, OverLimit::Truncate][..]),
        limit,
        prop_oneof![3 => Just(None), 1 => select(&Lang::ALL[..]).prop_map(Some)],
    )
        .prop_map(|(strictness, off, blank, over, limit, lang)| {
            build_config(strictness, &off, blank, over, limit, lang)
        })
}

/// Map plain choices onto the builder (shared with the fuzz target).
pub fn build_config(
    strictness: Strictness,
    off: &[bool],
    blank: BlankLines,
    over: OverLimit,
    limit: Option<(usize, usize)>,
    lang: Option<Lang>,
) -> Config {
    let mut b = Config::builder().strictness(strictness).blank_lines(blank).over_limit(over);
    for (stage, &off) in Stage::ALL.into_iter().zip(off) {
        b = b.stage(stage, if off { Switch::Off } else { Switch::On });
    }
    if let Some((lines, bytes)) = limit {
        b = b.max_document_lines(lines).max_document_bytes(bytes);
    }
    if let Some(l) = lang {
        b = b.language(LanguageChoice::Fixed(l));
    }
    b.build()
}
