//! Stage 4: the document's language, its stoplist, and scripts.
//!
//! A per-document guess (whatlang, on a prefix of the document's prose lines)
//! picks the stoplist used for stopword density. Scripts are classified per
//! character with cheap range tests so that a run of Cyrillic lines under a
//! Latin-script article (seed 000's sidebar) is visible to later stages.

use std::collections::HashSet;
use std::sync::OnceLock;

use crate::lines::LineSpan;

/// A language with a bundled stoplist.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Lang {
    /// English.
    En,
    /// German.
    De,
    /// French.
    Fr,
    /// Spanish.
    Es,
    /// Portuguese.
    Pt,
    /// Italian.
    It,
    /// Dutch.
    Nl,
    /// Polish.
    Pl,
    /// Russian.
    Ru,
    /// Ukrainian.
    Uk,
    /// Turkish.
    Tr,
    /// Swedish.
    Sv,
    /// Danish.
    Da,
    /// Norwegian (Bokmål).
    Nb,
    /// Finnish.
    Fi,
    /// Czech.
    Cs,
    /// Hungarian.
    Hu,
    /// Romanian.
    Ro,
    /// Chinese.
    Zh,
    /// Hindi.
    Hi,
    /// Bengali.
    Bn,
    /// Arabic.
    Ar,
    /// Persian.
    Fa,
    /// Hebrew.
    He,
    /// Greek.
    El,
    /// Indonesian.
    Id,
    /// Vietnamese.
    Vi,
    /// Japanese (a per-character stoplist of hiragana, like Chinese's).
    Ja,
    /// Korean (a per-syllable stoplist of particles and endings).
    Ko,
    /// Bulgarian.
    Bg,
    /// Slovak.
    Sk,
    /// Croatian.
    Hr,
    /// Serbian (one list with the Cyrillic and Latin forms).
    Sr,
    /// Slovenian.
    Sl,
    /// Catalan.
    Ca,
    /// Lithuanian.
    Lt,
    /// Latvian.
    Lv,
    /// Macedonian.
    Mk,
    /// Urdu.
    Ur,
}

impl Lang {
    /// Every language with a stoplist.
    pub const ALL: [Lang; 39] = [
        Lang::En,
        Lang::De,
        Lang::Fr,
        Lang::Es,
        Lang::Pt,
        Lang::It,
        Lang::Nl,
        Lang::Pl,
        Lang::Ru,
        Lang::Uk,
        Lang::Tr,
        Lang::Sv,
        Lang::Da,
        Lang::Nb,
        Lang::Fi,
        Lang::Cs,
        Lang::Hu,
        Lang::Ro,
        Lang::Zh,
        Lang::Hi,
        Lang::Bn,
        Lang::Ar,
        Lang::Fa,
        Lang::He,
        Lang::El,
        Lang::Id,
        Lang::Vi,
        Lang::Ja,
        Lang::Ko,
        Lang::Bg,
        Lang::Sk,
        Lang::Hr,
        Lang::Sr,
        Lang::Sl,
        Lang::Ca,
        Lang::Lt,
        Lang::Lv,
        Lang::Mk,
        Lang::Ur,
    ];

    /// ISO 639-1 code.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::De => "de",
            Lang::Fr => "fr",
            Lang::Es => "es",
            Lang::Pt => "pt",
            Lang::It => "it",
            Lang::Nl => "nl",
            Lang::Pl => "pl",
            Lang::Ru => "ru",
            Lang::Uk => "uk",
            Lang::Tr => "tr",
            Lang::Sv => "sv",
            Lang::Da => "da",
            Lang::Nb => "nb",
            Lang::Fi => "fi",
            Lang::Cs => "cs",
            Lang::Hu => "hu",
            Lang::Ro => "ro",
            Lang::Zh => "zh",
            Lang::Hi => "hi",
            Lang::Bn => "bn",
            Lang::Ar => "ar",
            Lang::Fa => "fa",
            Lang::He => "he",
            Lang::El => "el",
            Lang::Id => "id",
            Lang::Vi => "vi",
            Lang::Ja => "ja",
            Lang::Ko => "ko",
            Lang::Bg => "bg",
            Lang::Sk => "sk",
            Lang::Hr => "hr",
            Lang::Sr => "sr",
            Lang::Sl => "sl",
            Lang::Ca => "ca",
            Lang::Lt => "lt",
            Lang::Lv => "lv",
            Lang::Mk => "mk",
            Lang::Ur => "ur",
        }
    }

    /// Share of running-text tokens the bundled stoplist covers, in percent,
    /// estimated from `wordfreq` 3.1.1 frequencies when the lists were made
    /// (`src/lexicon/README.md`). jusText's lists aim for 50%; inflected
    /// languages cover less with the same number of entries, so their
    /// stopword densities run lower for the same kind of text.
    pub fn stoplist_coverage(self) -> u32 {
        match self {
            Lang::En | Lang::De | Lang::Pt | Lang::It => 50,
            Lang::Fr | Lang::Nb => 56,
            Lang::Es => 53,
            Lang::Nl | Lang::Da => 54,
            Lang::Sv => 55,
            Lang::Pl => 44,
            Lang::Ru | Lang::Zh => 37,
            Lang::Uk => 39,
            Lang::Tr => 23,
            Lang::Fi => 32,
            Lang::Cs | Lang::Hu => 41,
            Lang::Ro => 47,
            Lang::Hi | Lang::El => 47,
            Lang::Bn | Lang::He => 26,
            Lang::Ar => 27,
            Lang::Fa => 33,
            Lang::Id => 34,
            Lang::Vi => 29,
            Lang::Ja => 56,
            Lang::Ko => 42,
            Lang::Bg => 49,
            Lang::Sk => 39,
            Lang::Hr => 41,
            Lang::Sr => 42,
            Lang::Sl => 43,
            Lang::Ca => 55,
            Lang::Lt => 29,
            Lang::Lv => 37,
            Lang::Mk => 51,
            Lang::Ur => 48,
        }
    }

    /// Factor applied to the stopword-density thresholds for this language:
    /// its stoplist coverage relative to jusText's 50%, at most 1.
    pub fn density_scale(self) -> f32 {
        (self.stoplist_coverage() as f32 / REFERENCE_COVERAGE).min(1.0)
    }

    /// Parse an ISO 639-1 code (`"no"` is accepted for Norwegian).
    pub fn from_code(code: &str) -> Option<Lang> {
        if code.eq_ignore_ascii_case("no") {
            return Some(Lang::Nb);
        }
        Lang::ALL.into_iter().find(|l| l.code().eq_ignore_ascii_case(code))
    }
}

impl std::fmt::Display for Lang {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

/// Stoplist coverage (percent of running text) that the density thresholds
/// in [`crate::score`] were set for: jusText's `CORPUS_COVERAGE` = 0.5.
pub const REFERENCE_COVERAGE: f32 = 50.0;

/// The bundled stoplists, one word per line, most frequent first
/// (`src/lexicon/stopwords/<code>.txt`). They hold function words only, so
/// that stopword density separates prose from menus and headlines.
const STOPLIST_FILES: [(Lang, &str); 39] = [
    (Lang::En, include_str!("lexicon/stopwords/en.txt")),
    (Lang::De, include_str!("lexicon/stopwords/de.txt")),
    (Lang::Fr, include_str!("lexicon/stopwords/fr.txt")),
    (Lang::Es, include_str!("lexicon/stopwords/es.txt")),
    (Lang::Pt, include_str!("lexicon/stopwords/pt.txt")),
    (Lang::It, include_str!("lexicon/stopwords/it.txt")),
    (Lang::Nl, include_str!("lexicon/stopwords/nl.txt")),
    (Lang::Pl, include_str!("lexicon/stopwords/pl.txt")),
    (Lang::Ru, include_str!("lexicon/stopwords/ru.txt")),
    (Lang::Uk, include_str!("lexicon/stopwords/uk.txt")),
    (Lang::Tr, include_str!("lexicon/stopwords/tr.txt")),
    (Lang::Sv, include_str!("lexicon/stopwords/sv.txt")),
    (Lang::Da, include_str!("lexicon/stopwords/da.txt")),
    (Lang::Nb, include_str!("lexicon/stopwords/nb.txt")),
    (Lang::Fi, include_str!("lexicon/stopwords/fi.txt")),
    (Lang::Cs, include_str!("lexicon/stopwords/cs.txt")),
    (Lang::Hu, include_str!("lexicon/stopwords/hu.txt")),
    (Lang::Ro, include_str!("lexicon/stopwords/ro.txt")),
    (Lang::Zh, include_str!("lexicon/stopwords/zh.txt")),
    (Lang::Hi, include_str!("lexicon/stopwords/hi.txt")),
    (Lang::Bn, include_str!("lexicon/stopwords/bn.txt")),
    (Lang::Ar, include_str!("lexicon/stopwords/ar.txt")),
    (Lang::Fa, include_str!("lexicon/stopwords/fa.txt")),
    (Lang::He, include_str!("lexicon/stopwords/he.txt")),
    (Lang::El, include_str!("lexicon/stopwords/el.txt")),
    (Lang::Id, include_str!("lexicon/stopwords/id.txt")),
    (Lang::Vi, include_str!("lexicon/stopwords/vi.txt")),
    (Lang::Ja, include_str!("lexicon/stopwords/ja.txt")),
    (Lang::Ko, include_str!("lexicon/stopwords/ko.txt")),
    (Lang::Bg, include_str!("lexicon/stopwords/bg.txt")),
    (Lang::Sk, include_str!("lexicon/stopwords/sk.txt")),
    (Lang::Hr, include_str!("lexicon/stopwords/hr.txt")),
    (Lang::Sr, include_str!("lexicon/stopwords/sr.txt")),
    (Lang::Sl, include_str!("lexicon/stopwords/sl.txt")),
    (Lang::Ca, include_str!("lexicon/stopwords/ca.txt")),
    (Lang::Lt, include_str!("lexicon/stopwords/lt.txt")),
    (Lang::Lv, include_str!("lexicon/stopwords/lv.txt")),
    (Lang::Mk, include_str!("lexicon/stopwords/mk.txt")),
    (Lang::Ur, include_str!("lexicon/stopwords/ur.txt")),
];

/// A set of lower-case stopwords.
#[derive(Debug, Default)]
pub struct Stopwords {
    /// The words' UTF-8 bytes: the feature pass looks words up as it
    /// builds them, in bytes, without a UTF-8 check.
    words: HashSet<&'static [u8], foldhash::fast::FixedState>,
    /// The words of at most [`SHORT_WORD`] bytes again, packed into an
    /// integer ([`pack_short`]): most words looked up are short, and an
    /// integer is hashed and compared without a slice hash or `memcmp`.
    short: PackedTable<()>,
    /// Length in bytes of the longest word: longer words need no lookup.
    longest: usize,
}

impl Stopwords {
    fn extend(&mut self, words: impl IntoIterator<Item = &'static str>) {
        let words = words.into_iter();
        // Room made once, not by doubling (rehashing) on the way.
        self.words.reserve(words.size_hint().0);
        self.short.reserve(words.size_hint().0);
        for w in words {
            self.longest = self.longest.max(w.len());
            self.words.insert(w.as_bytes());
            if w.len() <= SHORT_WORD {
                *self.short.entry(pack_short(w.as_bytes()), ()) = ();
            }
        }
    }

    /// Number of words in the list.
    pub fn len(&self) -> usize {
        self.words.len()
    }

    /// Whether the list is empty.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }
}

/// Words of at most this many bytes are looked up packed ([`pack_short`]).
const SHORT_WORD: usize = 7;

/// A word of at most [`SHORT_WORD`] bytes as one integer: its bytes in the
/// low seven bytes, its length in the top one, so that two words pack
/// alike only when they are equal.
#[inline(always)]
fn pack_short(w: &[u8]) -> u64 {
    debug_assert!(w.len() <= SHORT_WORD);
    let n = w.len();
    // Two loads that overlap in the middle (an overlapping byte is OR-ed
    // with itself): no loop over the bytes.
    let bytes = match n {
        4.. => {
            let lo = u32::from_le_bytes([w[0], w[1], w[2], w[3]]);
            let hi = u32::from_le_bytes([w[n - 4], w[n - 3], w[n - 2], w[n - 1]]);
            u64::from(lo) | u64::from(hi) << (8 * (n - 4))
        }
        2.. => {
            let lo = u16::from_le_bytes([w[0], w[1]]);
            let hi = u16::from_le_bytes([w[n - 2], w[n - 1]]);
            u64::from(lo) | u64::from(hi) << (8 * (n - 2))
        }
        1 => u64::from(w[0]),
        _ => 0,
    };
    (n as u64) << 56 | bytes
}

/// A hash table keyed by packed short words ([`pack_short`]), open
/// addressing with linear probing: a lookup is a multiplication, a shift and
/// a compare or two, inlined, where the general hash set (`foldhash` and a
/// control-byte group probe, out of line) cost ~56 instructions per word of
/// the feature pass (docs/performance.md, round 5).
#[derive(Debug)]
struct PackedTable<V> {
    /// The keys; [`PackedTable::EMPTY`] marks a free slot. A power of two
    /// long, at most half full.
    keys: Box<[u64]>,
    /// The value of each key, in its slot.
    values: Box<[V]>,
    /// Keys in the table.
    len: usize,
    /// 64 minus log2 of the number of slots: the hash's top bits index.
    shift: u32,
}

impl<V: Copy + Default> Default for PackedTable<V> {
    fn default() -> Self {
        PackedTable::with_slots(Self::MIN_SLOTS)
    }
}

impl<V: Copy + Default> PackedTable<V> {
    /// No packed word: its top byte is a length of at most [`SHORT_WORD`].
    const EMPTY: u64 = u64::MAX;
    /// Slots of an empty table.
    const MIN_SLOTS: usize = 16;
    /// Fibonacci hashing's multiplier (2^64 / the golden ratio): the top
    /// bits of the product depend on every byte of the key.
    const MULTIPLIER: u64 = 0x9E37_79B9_7F4A_7C15;

    fn with_slots(slots: usize) -> Self {
        debug_assert!(slots.is_power_of_two());
        PackedTable {
            keys: vec![Self::EMPTY; slots].into_boxed_slice(),
            values: vec![V::default(); slots].into_boxed_slice(),
            len: 0,
            shift: 64 - slots.trailing_zeros(),
        }
    }

    /// The slot where the probe for `key` starts.
    #[inline(always)]
    fn home(&self, key: u64) -> usize {
        (key.wrapping_mul(Self::MULTIPLIER) >> self.shift) as usize
    }

    /// The value of `key`, if it is in the table.
    #[inline(always)]
    fn get(&self, key: u64) -> Option<&V> {
        let mask = self.keys.len() - 1;
        let mut i = self.home(key);
        loop {
            let k = self.keys[i];
            if k == key {
                return Some(&self.values[i]);
            }
            if k == Self::EMPTY {
                return None;
            }
            i = (i + 1) & mask;
        }
    }

    /// Make room for `additional` more keys without growing on the way.
    fn reserve(&mut self, additional: usize) {
        let need = 2 * (self.len + additional);
        if need > self.keys.len() {
            let mut bigger = PackedTable::with_slots(need.next_power_of_two());
            for (&k, &v) in self.keys.iter().zip(self.values.iter()) {
                if k != Self::EMPTY {
                    *bigger.entry(k, v) = v;
                }
            }
            *self = bigger;
        }
    }

    /// The value of `key`, inserted as `default` if it was not there.
    fn entry(&mut self, key: u64, default: V) -> &mut V {
        debug_assert_ne!(key, Self::EMPTY);
        if 2 * (self.len + 1) > self.keys.len() {
            self.reserve(self.len.max(1));
        }
        let mask = self.keys.len() - 1;
        let mut i = self.home(key);
        while self.keys[i] != key && self.keys[i] != Self::EMPTY {
            i = (i + 1) & mask;
        }
        if self.keys[i] == Self::EMPTY {
            self.keys[i] = key;
            self.values[i] = default;
            self.len += 1;
        }
        &mut self.values[i]
    }
}

/// The words of a bundled stoplist file: one per line, trimmed. The lines
/// are found with `memchr` ([`crate::markers::tsv_rows`]; the trim takes a
/// `\r` off as `str::lines` would have).
fn list_words(text: &'static str) -> impl Iterator<Item = &'static str> {
    crate::markers::tsv_rows(text).map(str::trim).filter(|w| !w.is_empty())
}

impl crate::features::Stoplist for Stopwords {
    #[inline]
    fn contains(&self, word: &str) -> bool {
        self.contains_bytes(word.as_bytes())
    }

    #[inline]
    fn contains_bytes(&self, word: &[u8]) -> bool {
        if word.len() <= SHORT_WORD {
            return self.short.get(pack_short(word)).is_some();
        }
        word.len() <= self.longest && self.words.contains(word)
    }
}

// The stopword masks have one bit per language.
const _: () = assert!(Lang::ALL.len() <= u64::BITS as usize);

/// Every bundled stoplist, built once per process.
#[derive(Debug)]
pub struct Stoplists {
    by_lang: Vec<Stopwords>,
    union: Stopwords,
    /// Stopword → bit mask of the languages (in [`Lang::ALL`] order) whose
    /// list has it (one bit per language: at most 64 languages).
    masks: std::collections::HashMap<&'static str, u64, foldhash::fast::FixedState>,
    /// The masks of the words of at most [`SHORT_WORD`] bytes, keyed by
    /// the packed word ([`pack_short`]).
    short_masks: PackedTable<u64>,
}

impl Stoplists {
    /// The process-wide stoplists, built on first use.
    pub fn global() -> &'static Stoplists {
        static LISTS: OnceLock<Stoplists> = OnceLock::new();
        LISTS.get_or_init(|| {
            // Each file is split into words once.
            let words: Vec<Vec<&'static str>> =
                STOPLIST_FILES.iter().map(|(_, text)| list_words(text).collect()).collect();
            let by_lang: Vec<Stopwords> = words
                .iter()
                .map(|w| {
                    let mut list = Stopwords::default();
                    list.extend(w.iter().copied());
                    list
                })
                .collect();
            // At most this many distinct words in the union and the masks.
            let total = words.iter().map(Vec::len).sum();
            let mut union = Stopwords::default();
            union.words.reserve(total);
            union.short.reserve(total);
            for w in &words {
                union.extend(w.iter().copied());
            }
            let mut masks = std::collections::HashMap::default();
            masks.reserve(total);
            for ((lang, _), w) in STOPLIST_FILES.iter().zip(&words) {
                let bit = 1u64 << Lang::ALL.iter().position(|l| l == lang).unwrap_or(0);
                for w in w {
                    *masks.entry(*w).or_insert(0) |= bit;
                }
            }
            let mut short_masks = PackedTable::default();
            short_masks.reserve(masks.len());
            for (w, &m) in masks.iter().filter(|(w, _)| w.len() <= SHORT_WORD) {
                *short_masks.entry(pack_short(w.as_bytes()), 0) = m;
            }
            Stoplists { by_lang, union, masks, short_masks }
        })
    }

    /// The stoplist of `lang`.
    pub fn get(&self, lang: Lang) -> &Stopwords {
        let i = STOPLIST_FILES.iter().position(|(l, _)| *l == lang).unwrap_or(0);
        &self.by_lang[i]
    }

    /// The union of every stoplist (used when the language is unknown, as
    /// trafilatura does with jusText).
    pub fn union(&self) -> &Stopwords {
        &self.union
    }
}

/// Map a whatlang guess to a language with a stoplist.
fn from_whatlang(lang: whatlang::Lang) -> Option<Lang> {
    use whatlang::Lang as W;
    Some(match lang {
        W::Eng => Lang::En,
        W::Deu => Lang::De,
        W::Fra => Lang::Fr,
        W::Spa => Lang::Es,
        W::Por => Lang::Pt,
        W::Ita => Lang::It,
        W::Nld => Lang::Nl,
        W::Pol => Lang::Pl,
        W::Rus => Lang::Ru,
        W::Ukr => Lang::Uk,
        W::Tur => Lang::Tr,
        W::Swe => Lang::Sv,
        W::Dan => Lang::Da,
        W::Nob => Lang::Nb,
        W::Fin => Lang::Fi,
        W::Ces => Lang::Cs,
        W::Hun => Lang::Hu,
        W::Ron => Lang::Ro,
        W::Cmn => Lang::Zh,
        W::Hin => Lang::Hi,
        W::Ben => Lang::Bn,
        W::Ara => Lang::Ar,
        W::Pes => Lang::Fa,
        W::Heb => Lang::He,
        W::Ell => Lang::El,
        W::Ind => Lang::Id,
        W::Vie => Lang::Vi,
        W::Jpn => Lang::Ja,
        W::Kor => Lang::Ko,
        W::Bul => Lang::Bg,
        W::Slk => Lang::Sk,
        W::Hrv => Lang::Hr,
        W::Srp => Lang::Sr,
        W::Slv => Lang::Sl,
        W::Cat => Lang::Ca,
        W::Lit => Lang::Lt,
        W::Lav => Lang::Lv,
        W::Mkd => Lang::Mk,
        W::Urd => Lang::Ur,
        _ => return None,
    })
}

/// The whatlang language of a language with a stoplist (the inverse of
/// [`from_whatlang`]).
fn to_whatlang(lang: Lang) -> whatlang::Lang {
    use whatlang::Lang as W;
    match lang {
        Lang::En => W::Eng,
        Lang::De => W::Deu,
        Lang::Fr => W::Fra,
        Lang::Es => W::Spa,
        Lang::Pt => W::Por,
        Lang::It => W::Ita,
        Lang::Nl => W::Nld,
        Lang::Pl => W::Pol,
        Lang::Ru => W::Rus,
        Lang::Uk => W::Ukr,
        Lang::Tr => W::Tur,
        Lang::Sv => W::Swe,
        Lang::Da => W::Dan,
        Lang::Nb => W::Nob,
        Lang::Fi => W::Fin,
        Lang::Cs => W::Ces,
        Lang::Hu => W::Hun,
        Lang::Ro => W::Ron,
        Lang::Zh => W::Cmn,
        Lang::Hi => W::Hin,
        Lang::Bn => W::Ben,
        Lang::Ar => W::Ara,
        Lang::Fa => W::Pes,
        Lang::He => W::Heb,
        Lang::El => W::Ell,
        Lang::Id => W::Ind,
        Lang::Vi => W::Vie,
        Lang::Ja => W::Jpn,
        Lang::Ko => W::Kor,
        Lang::Bg => W::Bul,
        Lang::Sk => W::Slk,
        Lang::Hr => W::Hrv,
        Lang::Sr => W::Srp,
        Lang::Sl => W::Slv,
        Lang::Ca => W::Cat,
        Lang::Lt => W::Lit,
        Lang::Lv => W::Lav,
        Lang::Mk => W::Mkd,
        Lang::Ur => W::Urd,
    }
}

/// Bytes of prose sampled for language detection. whatlang is reliable from
/// a few hundred characters on; 2 KB keeps detection well under the cost of
/// the feature pass for typical pages.
pub const DETECT_SAMPLE_BYTES: usize = 2048;

/// The document language from its sample, as [`detect`] gives it, usually
/// at a fraction of the cost: a decisive stopword [`vote`] (at least
/// [`DECISIVE_MIN_HITS`] hits, [`DECISIVE_RATIO`] times the runner-up's and a
/// quarter of the words) is the answer; when the vote is only clear and
/// whatlang on the first [`CONFIRM_SAMPLE_BYTES`] of the sample agrees with
/// it ([`confirm`]: the listed languages the vote rules out are left out of
/// that call), that is the answer; otherwise whatlang on the whole sample
/// decides.
/// Two independent guesses that agree on a clear vote are what whatlang on
/// the whole sample says too (checked on every document of both dev sets, the
/// corpus and a generated batch: docs/performance.md).
pub fn detect_sample(sample: &str) -> Option<Lang> {
    let v = vote(sample);
    let (lang, best, second) = v.ranking();
    let decisive =
        best >= DECISIVE_MIN_HITS && best >= second * DECISIVE_RATIO && best * 4 >= v.words;
    if decisive {
        return Some(lang);
    }
    let clear = best >= VOTE_MIN_HITS && best * 2 >= second * 3 && best * 10 >= v.words;
    if clear && sample.len() > CONFIRM_SAMPLE_BYTES {
        let mut cut = CONFIRM_SAMPLE_BYTES;
        while !sample.is_char_boundary(cut) {
            cut -= 1;
        }
        if confirm(&sample[..cut], &v) {
            return Some(lang);
        }
    }
    detect(sample)
}

/// Whether whatlang on `prefix` (the start of the sample `v` was counted
/// on) names the vote's leading language with a confidence of at least
/// [`MIN_DETECT_CONFIDENCE`], leaving out the listed languages that have
/// fewer than 1/[`CONFIRM_DENY_RATIO`] of the leader's stopword hits.
///
/// whatlang's cost is mostly fixed: it compares the text's trigrams with
/// the profile of every language of the script (37 for Latin, 300 hash
/// lookups each, ~0.57 M instructions of the ~0.7 M a 512-byte prefix
/// costs, whatever the language), and leaving a language out skips its
/// profile. Each language's score does not depend on which others are
/// compared, so the languages left in are ranked as before; only a
/// left-out language can no longer win, or be the runner-up that lowers the
/// confidence. The stopword vote is the evidence against a listed language
/// with less than a third of the leader's hits (its function words are
/// missing from the text); whatlang's languages without a stoplist
/// (Estonian, Latin, Esperanto, Afrikaans, Welsh…) get no such evidence and
/// always stay in: catching them is what the confirmation is for.
///
/// Not exact by construction: on all 5,825 files of the dev sets, the
/// corpus and the 40 MB generated tree, [`detect_sample`] returns what
/// [`detect`] on the whole sample returns, with this ratio and with 2, 4
/// and 6, on 256- and 512-byte prefixes (`examples/lang_vote.rs`;
/// docs/performance.md, round 4).
pub fn confirm(prefix: &str, v: &Vote) -> bool {
    let (lang, best, _) = v.ranking();
    let deny: Vec<whatlang::Lang> = Lang::ALL
        .iter()
        .zip(v.hits)
        .filter(|&(_, h)| h * CONFIRM_DENY_RATIO < best)
        .map(|(&l, _)| to_whatlang(l))
        .collect();
    let Some(info) = whatlang::Detector::with_denylist(deny).detect(prefix) else {
        return false;
    };
    info.confidence() >= MIN_DETECT_CONFIDENCE && from_whatlang(info.lang()) == Some(lang)
}

/// A listed language with fewer than 1/this of the leading language's
/// stopword hits is left out of the whatlang confirmation of a clear vote
/// ([`confirm`]). A clear vote's runner-up has at most 2/3 of the leader's
/// hits; 3 keeps every language within a third of it (2 measured 2
/// instructions per byte cheaper on the callgrind sample and was as right
/// on our documents, but leaves less margin).
pub const CONFIRM_DENY_RATIO: u32 = 3;

/// Stopword hits the leading language needs for a clear [`vote`]; it also
/// needs 1.5 times the runner-up's hits and a tenth of the sample's words.
/// Set on the dev sets, the corpus and a generated batch so that no clear
/// vote confirmed by whatlang on a short prefix disagrees with whatlang on
/// the whole sample (5,807 documents, 87% of them decided early).
pub const VOTE_MIN_HITS: u32 = 30;

/// Stopword hits of a decisive vote, which needs no confirmation. Texts
/// this dominated by one language's function words are English or German
/// in nearly all our data (2,511 of 5,807 documents, whatlang agreeing on
/// all); Romance and Slavic languages share too many function words to get
/// here.
pub const DECISIVE_MIN_HITS: u32 = 40;

/// How many times the runner-up's hits a decisive vote needs.
pub const DECISIVE_RATIO: u32 = 3;

/// Bytes of the sample whatlang confirms a clear vote on: an eighth of the
/// full sample (40-odd words). whatlang's cost is mostly fixed (its profile
/// lookups), but with the ruled-out languages left out ([`confirm`]) the
/// text's own trigrams are a good part of it: 256 bytes cost 0.06 M
/// instructions less per call than 512 (5.7 per byte of the callgrind
/// sample). On our 5,825 files the shorter prefix confirms as many
/// clear votes (2,452 against 2,451 with 512 bytes; 128 bytes: 2,448), and
/// none that whatlang on the whole sample contradicts.
pub const CONFIRM_SAMPLE_BYTES: usize = 256;

/// Fill `sample` (cleared first) with the text language detection looks
/// at: lines of ≥ 80 bytes first (prose), then, if that gave less than a
/// quarter of [`DETECT_SAMPLE_BYTES`], every line; at most about
/// [`DETECT_SAMPLE_BYTES`] bytes, invalid UTF-8 left out.
pub fn build_sample(input: &[u8], spans: &[LineSpan], sample: &mut String) {
    sample.clear();
    for min_len in [80usize, 1] {
        for span in spans {
            let text = &input[span.content()];
            if text.len() < min_len {
                continue;
            }
            // Copy no more than the sample still needs: a 50 MB line must
            // not be decoded whole for a 2 KB sample.
            let room = DETECT_SAMPLE_BYTES.saturating_sub(sample.len());
            let text = &text[..text.len().min(room)];
            // Valid UTF-8 (nearly every line) is one chunk: checked at
            // once, without the chunk iterator.
            match std::str::from_utf8(text) {
                Ok(valid) => sample.push_str(valid),
                Err(_) => {
                    for chunk in text.utf8_chunks() {
                        sample.push_str(chunk.valid());
                    }
                }
            }
            sample.push('\n');
            if sample.len() >= DETECT_SAMPLE_BYTES {
                break;
            }
        }
        if sample.len() >= DETECT_SAMPLE_BYTES / 4 {
            break;
        }
    }
}

/// The language-detection sample of a whole document (see [`build_sample`]).
pub fn language_sample(input: &[u8]) -> String {
    let mut spans = Vec::new();
    crate::lines::split_into(input, &mut spans);
    let mut sample = String::new();
    build_sample(input, &spans, &mut sample);
    sample
}

/// Guess the language of `sample` (prose lines of the document).
pub fn detect(sample: &str) -> Option<Lang> {
    let info = whatlang::detect(sample)?;
    if info.confidence() < MIN_DETECT_CONFIDENCE {
        return None;
    }
    from_whatlang(info.lang())
}

/// Stopword hits of each language in a text: a cheap first opinion on its
/// language, from the bundled stoplists (a word counts for every language
/// whose list has it).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Vote {
    /// Words in the text (letters and digits runs).
    pub words: u32,
    /// Hits per language, in [`Lang::ALL`] order.
    pub hits: [u32; Lang::ALL.len()],
}

// Arrays of more than 32 elements have no derived `Default`.
impl Default for Vote {
    fn default() -> Self {
        Vote { words: 0, hits: [0; Lang::ALL.len()] }
    }
}

impl Vote {
    /// The language with most hits, its hits and the runner-up's.
    pub fn ranking(&self) -> (Lang, u32, u32) {
        let mut best = (Lang::ALL[0], 0, 0);
        for (i, &h) in self.hits.iter().enumerate() {
            if h > best.1 {
                best = (Lang::ALL[i], h, best.1);
            } else if h > best.2 {
                best.2 = h;
            }
        }
        best
    }
}

/// Count stopword hits per language over the words of `sample`.
pub fn vote(sample: &str) -> Vote {
    let lists = Stoplists::global();
    let (masks, short_masks) = (&lists.masks, &lists.short_masks);
    // Every key of `masks` is a word of the union list: longer words miss.
    let longest = lists.union.longest;
    let mut v = Vote::default();
    let mut word = String::new();
    let flush = |word: &mut String, v: &mut Vote| {
        if word.is_empty() {
            return;
        }
        v.words += 1;
        let mask = if word.len() <= SHORT_WORD {
            short_masks.get(pack_short(word.as_bytes()))
        } else if word.len() <= longest {
            masks.get(word.as_str())
        } else {
            None
        };
        if let Some(&mask) = mask {
            // One hit for each language whose bit is set.
            let mut m = mask;
            while m != 0 {
                v.hits[m.trailing_zeros() as usize] += 1;
                m &= m - 1;
            }
        }
        word.clear();
    };
    for c in sample.chars() {
        // Two-byte characters (Latin, Greek, Cyrillic…) from one fetch of
        // the character table.
        let props = if c.is_ascii() { None } else { crate::chars::Props::of(c) };
        let (word_char, lower) = match props {
            Some(p) => (p.is_alphanumeric(), p.lower()),
            None => (crate::chars::is_alphanumeric(c), None),
        };
        if !word_char {
            flush(&mut word, &mut v);
        } else if let Some(l) = lower {
            word.push(l);
        } else {
            crate::chars::push_lower(c, &mut word);
        }
    }
    flush(&mut word, &mut v);
    v
}

/// Below this whatlang confidence the guess is ignored and the union of
/// stoplists is used. whatlang's own `is_reliable` is stricter (it needs a
/// clear margin over the runner-up, which closely related languages such as
/// Danish/Norwegian rarely give); a wrong close relative still yields a useful
/// stoplist.
pub const MIN_DETECT_CONFIDENCE: f64 = 0.2;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::features::Stoplist;

    #[test]
    fn every_language_has_a_stoplist() {
        let lists = Stoplists::global();
        for l in Lang::ALL {
            assert!(lists.get(l).len() >= 50, "{l}: {}", lists.get(l).len());
        }
        assert!(lists.get(Lang::En).contains("the"));
        assert!(lists.get(Lang::Ru).contains("и"));
        assert!(lists.get(Lang::De).contains("und"));
        assert!(!lists.get(Lang::En).contains("news"));
        assert!(lists.union().contains("und") && lists.union().contains("the"));
    }

    #[test]
    fn density_scale_follows_coverage() {
        assert_eq!(Lang::En.density_scale(), 1.0);
        assert_eq!(Lang::Fr.density_scale(), 1.0);
        assert!((Lang::Tr.density_scale() - 0.46).abs() < 1e-6);
        assert!(Lang::Ru.density_scale() < Lang::Pl.density_scale());
    }

    #[test]
    fn codes_round_trip() {
        for l in Lang::ALL {
            assert_eq!(Lang::from_code(l.code()), Some(l));
        }
        assert_eq!(Lang::from_code("no"), Some(Lang::Nb));
        assert_eq!(Lang::from_code("xx"), None);
    }

    #[test]
    fn vote_counts_stopwords_per_language() {
        let v = vote("The cat and the dog, in the house of the king.");
        let (lang, best, second) = v.ranking();
        assert_eq!(lang, Lang::En);
        assert_eq!(v.words, 11);
        assert!(best >= 6 && second < best, "{v:?}");
        assert_eq!(vote("").ranking().1, 0);
    }

    #[test]
    fn detect_sample_agrees_with_whatlang() {
        let en = "The meeting was attended by the president and the ministers of several \
                  countries, who discussed the peace plan for a long time and at length. ";
        let de = "Die Sitzung wurde von dem Präsidenten und den Ministern mehrerer Länder \
                  besucht, die lange über den Friedensplan und seine Folgen diskutierten. ";
        let ca = "El president i els ministres de diversos països es van reunir a la \
                  capital per parlar del pla de pau durant molt de temps amb els altres. ";
        // Estonian has no stoplist: whatlang's answer (none) must stand, not
        // the vote for Finnish.
        let et = "Valitsus kiitis kolmapäeval heaks uued majandusmeetmed hinnatõusu \
                  vastu, mida hakatakse rakendama juba järgmise aasta algusest peale. ";
        for text in [en, de, ca, et] {
            for n in [1, 4, 12, 30] {
                let sample = text.repeat(n);
                assert_eq!(detect_sample(&sample), detect(&sample), "{n} × {text}");
            }
        }
        let decisive = en.repeat(12);
        let (_, best, second) = vote(&decisive).ranking();
        assert!(best >= DECISIVE_MIN_HITS && best >= second * DECISIVE_RATIO);
    }

    /// The packed lookup of short words answers as the set of words does
    /// (and the vote's packed masks as its masks), for every word of every
    /// list, their prefixes and extensions, and words with a NUL byte or of
    /// every length around [`SHORT_WORD`].
    /// The stoplist files split by `memchr` give the words `str::lines` gave.
    #[test]
    fn list_words_are_the_lines_trimmed() {
        for (_, text) in STOPLIST_FILES {
            let want: Vec<&str> = text.lines().map(str::trim).filter(|w| !w.is_empty()).collect();
            assert_eq!(list_words(text).collect::<Vec<_>>(), want);
        }
    }

    /// [`pack_short`] is the loop it replaced, on every length.
    #[test]
    fn pack_short_is_the_byte_loop() {
        let by_loop = |w: &[u8]| {
            let mut key = (w.len() as u64) << 56;
            for (i, &b) in w.iter().enumerate() {
                key |= u64::from(b) << (8 * i);
            }
            key
        };
        let bytes = [0x01, 0xFF, 0x00, 0x80, b'a', 0x7F, 0xC3, 0x10];
        for n in 0..=SHORT_WORD {
            for start in 0..=bytes.len() - n {
                let w = &bytes[start..start + n];
                assert_eq!(pack_short(w), by_loop(w), "{w:?}");
            }
        }
    }

    #[test]
    fn short_words_packed_are_the_words() {
        use crate::features::Stoplist;
        let lists = Stoplists::global();
        let mut probes: Vec<Vec<u8>> = vec![
            b"".to_vec(),
            b"\0".to_vec(),
            b"the\0".to_vec(),
            b"\0the".to_vec(),
            b"abcdefg".to_vec(),
            b"abcdefgh".to_vec(),
        ];
        for l in Lang::ALL {
            for &w in &lists.get(l).words {
                for n in 0..=w.len() {
                    probes.push(w[..n].to_vec());
                }
                probes.push([w, b"s"].concat());
                probes.push([w, b"\0"].concat());
            }
        }
        for list in Lang::ALL.iter().map(|&l| lists.get(l)).chain([lists.union()]) {
            for p in &probes {
                let want = p.len() <= list.longest && list.words.contains(&p[..]);
                assert_eq!(list.contains_bytes(p), want, "{p:?}");
            }
        }
        // The vote's packed masks are the masks of the short words.
        for p in probes.iter().filter(|p| p.len() <= SHORT_WORD) {
            let Ok(w) = std::str::from_utf8(p) else { continue };
            assert_eq!(lists.short_masks.get(pack_short(p)), lists.masks.get(w), "{w:?}");
        }
    }

    #[test]
    fn to_whatlang_inverts_from_whatlang() {
        for l in Lang::ALL {
            assert_eq!(from_whatlang(to_whatlang(l)), Some(l));
        }
    }

    /// The confirmation with languages left out ([`confirm`]) is not exact
    /// by construction: on every corpus and dev-set document, the guess is
    /// whatlang's on the whole sample, and so is the guess with the
    /// confirmation it replaced (whatlang on the prefix with every language).
    #[test]
    fn detect_sample_agrees_with_whatlang_on_corpus_and_dev_documents() {
        // The confirmation before round 4: 512 bytes, every language.
        const OLD_CONFIRM_SAMPLE_BYTES: usize = 512;
        let old = |sample: &str| {
            let v = vote(sample);
            let (lang, best, second) = v.ranking();
            if best >= DECISIVE_MIN_HITS && best >= second * DECISIVE_RATIO && best * 4 >= v.words {
                return Some(lang);
            }
            let clear = best >= VOTE_MIN_HITS && best * 2 >= second * 3 && best * 10 >= v.words;
            if clear && sample.len() > OLD_CONFIRM_SAMPLE_BYTES {
                let mut cut = OLD_CONFIRM_SAMPLE_BYTES;
                while !sample.is_char_boundary(cut) {
                    cut -= 1;
                }
                if detect(&sample[..cut]) == Some(lang) {
                    return Some(lang);
                }
            }
            detect(sample)
        };
        let (mut docs, mut confirmed) = (0, 0);
        for text in crate::testdata::corpus_and_dev_files() {
            let sample = language_sample(&text);
            let whole = detect(&sample);
            assert_eq!(detect_sample(&sample), whole, "{sample}");
            assert_eq!(old(&sample), whole, "{sample}");
            docs += 1;
            let v = vote(&sample);
            if sample.len() > CONFIRM_SAMPLE_BYTES {
                let mut cut = CONFIRM_SAMPLE_BYTES;
                while !sample.is_char_boundary(cut) {
                    cut -= 1;
                }
                confirmed +=
                    usize::from(v.ranking().1 >= VOTE_MIN_HITS && confirm(&sample[..cut], &v));
            }
        }
        assert!(docs >= 60 && confirmed >= 10, "{docs} documents, {confirmed} confirmed");
    }

    /// [`vote`] counts what [`vote_by_chars`] counts, on the language sample
    /// of every corpus and dev-set document, on each of their lines, on
    /// every two-byte character and on edge cases.
    #[test]
    fn vote_is_vote_by_chars() {
        let mut texts: Vec<String> = [
            "The cat and THE dog, in the house of the king.",
            "İstanbul'da ve Ankara'da \u{212A}elvin ΣΑΣ straße Ⱥ",
            "Новости дня: И в на, 新闻的 了 und der Die",
            "x\u{a0}y\u{3000}z\u{85}a2b 12 x1",
            "",
        ]
        .map(String::from)
        .to_vec();
        texts.push(
            (0x80..0x800).filter_map(char::from_u32).flat_map(|c| [c, 'a', c, ' ']).collect(),
        );
        for text in crate::testdata::corpus_and_dev_files() {
            texts.push(language_sample(&text));
            texts.extend(text.split(|&b| b == b'\n').map(|l| String::from_utf8_lossy(l).into()));
        }
        for t in &texts {
            assert_eq!(vote(t), vote_by_chars(t), "{t}");
        }
    }

    /// [`vote`] as it was before round 4 (each character's properties and
    /// lower case fetched separately): the oracle for the one-fetch version.
    fn vote_by_chars(sample: &str) -> Vote {
        let lists = Stoplists::global();
        let masks = &lists.masks;
        // Every key of `masks` is a word of the union list: longer words miss.
        let longest = lists.union.longest;
        let mut v = Vote::default();
        let mut word = String::new();
        let flush = |word: &mut String, v: &mut Vote| {
            if word.is_empty() {
                return;
            }
            v.words += 1;
            if word.len() <= longest {
                if let Some(&mask) = masks.get(word.as_str()) {
                    // One hit for each language whose bit is set.
                    let mut m = mask;
                    while m != 0 {
                        v.hits[m.trailing_zeros() as usize] += 1;
                        m &= m - 1;
                    }
                }
            }
            word.clear();
        };
        for c in sample.chars() {
            if crate::chars::is_alphanumeric(c) {
                crate::chars::push_lower(c, &mut word);
            } else {
                flush(&mut word, &mut v);
            }
        }
        flush(&mut word, &mut v);
        v
    }

    /// [`build_sample`] builds the sample it built with `utf8_chunks` on
    /// every line, on every corpus and dev-set document and on lines with
    /// invalid UTF-8 and characters cut by the sample's end.
    #[test]
    fn build_sample_is_the_chunked_sample() {
        let chunked = |input: &[u8], spans: &[LineSpan]| {
            let mut sample = String::new();
            for min_len in [80usize, 1] {
                for span in spans {
                    let text = &input[span.content()];
                    if text.len() < min_len {
                        continue;
                    }
                    let room = DETECT_SAMPLE_BYTES.saturating_sub(sample.len());
                    for chunk in text[..text.len().min(room)].utf8_chunks() {
                        sample.push_str(chunk.valid());
                    }
                    sample.push('\n');
                    if sample.len() >= DETECT_SAMPLE_BYTES {
                        break;
                    }
                }
                if sample.len() >= DETECT_SAMPLE_BYTES / 4 {
                    break;
                }
            }
            sample
        };
        let mut docs = crate::testdata::corpus_and_dev_files();
        docs.push(
            [&b"ab\xff\xfecd x"[..], &"é".repeat(1500).into_bytes(), b"\n\xe2\x82 y\n"].concat(),
        );
        docs.push("日本語".repeat(300).into_bytes());
        let (mut spans, mut sample) = (Vec::new(), String::new());
        for d in &docs {
            crate::lines::split_into(d, &mut spans);
            build_sample(d, &spans, &mut sample);
            assert_eq!(sample, chunked(d, &spans));
        }
    }

    #[test]
    fn detects_common_languages() {
        let en = "The meeting was attended by the president and the ministers of several \
                  countries, who discussed the peace plan for a long time.";
        let ru = "В Париже прошли переговоры между делегациями Украины и США, на которых \
                  обсуждались вопросы прекращения огня и гарантий безопасности.";
        let pt = "O ministro das Relações Exteriores da Ucrânia e o ministro da Defesa \
                  chegaram à capital francesa para participar das discussões.";
        assert_eq!(detect(en), Some(Lang::En));
        assert_eq!(detect(ru), Some(Lang::Ru));
        assert_eq!(detect(pt), Some(Lang::Pt));
        // Languages beyond the Latin and Cyrillic ones, with their own lists.
        let hi = "सरकार ने बुधवार को बढ़ती महंगाई से निपटने के लिए नए आर्थिक उपायों की \
                  घोषणा की और कम आय वाले परिवारों को सहायता राशि दी जाएगी।";
        let el = "Η κυβέρνηση ανακοίνωσε την Τετάρτη νέα οικονομικά μέτρα για την \
                  αντιμετώπιση της ακρίβειας, τα οποία περιλαμβάνουν επιδότηση του ρεύματος.";
        let ar = "بحث وزير الخارجية اليوم مع نظيره الفرنسي في اتصال هاتفي تطورات الأوضاع \
                  في المنطقة وسبل تعزيز العلاقات الثنائية بين البلدين.";
        assert_eq!(detect(hi), Some(Lang::Hi));
        assert_eq!(detect(el), Some(Lang::El));
        assert_eq!(detect(ar), Some(Lang::Ar));
        // Japanese and Korean: per-character lists, as Chinese's.
        let ja = "政府は3日の臨時閣議で、来年度の一般会計予算案を決定した。総額は過去最大の規模となった。";
        let ko = "정부는 3일 국무회의를 열고 내년도 예산안을 의결했다. 총지출 규모는 역대 최대로 늘었다.";
        assert_eq!(detect(ja), Some(Lang::Ja));
        assert_eq!(detect(ko), Some(Lang::Ko));
        let lists = Stoplists::global();
        for (text, lang) in [(ja, Lang::Ja), (ko, Lang::Ko)] {
            let hits = text
                .chars()
                .filter(|c| lists.get(lang).contains(c.encode_utf8(&mut [0; 4])))
                .count();
            let letters = text.chars().filter(|c| c.is_alphabetic()).count();
            // Prose: a quarter to a half of the characters are particles,
            // endings and auxiliaries; the headline words are not.
            assert!(hits * 5 >= letters, "{lang}: {hits} of {letters} in {text}");
            assert!(!lists.get(lang).contains("政") && !lists.get(lang).contains("정"));
        }
        for (text, lang) in [(hi, Lang::Hi), (el, Lang::El), (ar, Lang::Ar)] {
            let hits = text.split_whitespace().filter(|w| lists.get(lang).contains(w)).count();
            assert!(hits >= 3, "{lang}: {hits} stopwords in {text}");
        }
        // The languages added with the second batch of lists.
        let more = [
            (
                Lang::Bg,
                "Правителството одобри в сряда нови икономически мерки срещу поскъпването, \
                 които ще бъдат приложени още от началото на следващата година.",
            ),
            (
                Lang::Sk,
                "Vláda v stredu schválila nové ekonomické opatrenia proti rastu cien, ktoré \
                 budú platiť už od začiatku budúceho roka a pomôžu aj rodinám s deťmi.",
            ),
            (
                Lang::Hr,
                "Vlada je u srijedu predstavila nove gospodarske mjere protiv rasta cijena, \
                 koje će se primjenjivati već od početka sljedeće godine.",
            ),
            (
                Lang::Sr,
                "Влада Србије је у среду усвојила нове економске мере против раста цена, \
                 које ће се примењивати већ од почетка следеће године.",
            ),
            (
                Lang::Sl,
                "Vlada je v sredo sprejela nove gospodarske ukrepe proti rasti cen, ki jih \
                 bodo začeli izvajati že na začetku prihodnjega leta.",
            ),
            (
                Lang::Ca,
                "El Govern ha aprovat aquest dimecres noves mesures econòmiques contra \
                 l'augment dels preus, que s'aplicaran a partir de l'any vinent.",
            ),
            (
                Lang::Lt,
                "Vyriausybė trečiadienį patvirtino naujas ekonomines priemones prieš kainų \
                 augimą, kurios bus taikomos jau nuo kitų metų pradžios.",
            ),
            (
                Lang::Lv,
                "Valdība trešdien apstiprināja jaunus ekonomiskos pasākumus pret cenu \
                 kāpumu, kas tiks piemēroti jau no nākamā gada sākuma.",
            ),
            (
                Lang::Mk,
                "Владата во средата усвои нови економски мерки против зголемувањето на \
                 цените, кои ќе се применуваат уште од почетокот на следната година.",
            ),
            (
                Lang::Ur,
                "حکومت نے بدھ کے روز مہنگائی سے نمٹنے کے لیے نئے معاشی اقدامات کا اعلان کیا \
                 اور کم آمدنی والے خاندانوں کو امداد دی جائے گی۔",
            ),
        ];
        for (lang, text) in more {
            assert_eq!(detect(text), Some(lang), "{text}");
            let hits = text.split_whitespace().filter(|w| lists.get(lang).contains(w)).count();
            assert!(hits >= 3, "{lang}: {hits} stopwords in {text}");
        }
        // Serbian: one list for both scripts.
        let sr = lists.get(Lang::Sr);
        assert!(sr.contains("šta") && sr.contains("шта") && sr.contains("њих"));
    }
}
