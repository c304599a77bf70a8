//! Stage 5a: the context-free class and score of each line.
//!
//! The classes follow jusText (FIELD.md §2.1): *good* and *bad* lines are
//! anchors, *near-good* and *short* lines are resolved later by their
//! neighbours ([`crate::context`]). jusText's link density does not exist in
//! plain text; line shape (markers, timestamps, code, captions, breadcrumb
//! separators, foreign script) takes its place as the source of *bad*.

use crate::features::{LineFeatures, Script};
use crate::markers::{Anchor, MarkerHit, MarkerKind};
use crate::verdict::{Label, Rule};

/// Below this many characters a line is *short* (jusText `LENGTH_LOW` = 70).
pub const LENGTH_LOW: u32 = 70;
/// A line of at least this many characters with [`STOPWORDS_MID`] density
/// is good. jusText uses one long threshold (`LENGTH_HIGH` = 200); on the dev
/// sets lines of 100–150 characters with a density of 0.3 or more are
/// article text 83–92% of the time (CleanEval), so plain-text lines — one
/// paragraph each, often shorter than HTML blocks — get a graded rule.
pub const LENGTH_MID: u32 = 100;
/// A line of at least this many characters with [`STOPWORDS_LOW`] density
/// is good (trafilatura's jusText fallback uses `length_high` = 150).
pub const LENGTH_HIGH: u32 = 150;
/// Stopword density from which a long line can be good, and a medium line
/// near-good (trafilatura's jusText fallback uses `stopwords_high` = 0.20).
pub const STOPWORDS_LOW: f32 = 0.20;
/// Density from which a medium-length line is good (jusText
/// `STOPWORDS_LOW` = 0.30).
pub const STOPWORDS_MID: f32 = 0.30;
/// Density from which a short-but-not-tiny sentence is good.
pub const STOPWORDS_HIGH: f32 = 0.40;
/// How much longer than [`LENGTH_HIGH`] a line without a sentence end must
/// be to count as good on its own.
pub const UNPUNCTUATED_LENGTH_FACTOR: f32 = 1.5;
/// Density below which even a long line is bad (keyword lists, tables).
pub const STOPWORDS_FLOOR: f32 = 0.10;

/// jusText's context-free classes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Class {
    /// Blank line; ignored by the context pass.
    Blank,
    /// Clear article prose: an anchor.
    Good,
    /// Prose-like but not conclusive.
    NearGood,
    /// Too short to judge alone.
    Short,
    /// Clear boilerplate: an anchor.
    Bad,
}

/// Thresholds in force for one document (shifted by [`crate::Strictness`]).
#[derive(Clone, Copy, Debug)]
pub struct Thresholds {
    /// See [`LENGTH_LOW`].
    pub length_low: f32,
    /// See [`LENGTH_MID`].
    pub length_mid: f32,
    /// See [`LENGTH_HIGH`].
    pub length_high: f32,
    /// See [`STOPWORDS_FLOOR`].
    pub stop_floor: f32,
    /// See [`STOPWORDS_LOW`].
    pub stop_low: f32,
    /// See [`STOPWORDS_MID`].
    pub stop_mid: f32,
    /// See [`STOPWORDS_HIGH`].
    pub stop_high: f32,
}

impl Thresholds {
    /// Thresholds for a strictness shift (negative keeps more) and a
    /// stopword-density scale (see [`crate::Lang::density_scale`]).
    pub fn new(shift: f32, density_scale: f32) -> Thresholds {
        let len = |l: u32| l as f32 * (1.0 + 0.2 * shift);
        let stop = |d: f32| (d + 0.03 * shift) * density_scale;
        Thresholds {
            length_low: len(LENGTH_LOW),
            length_mid: len(LENGTH_MID),
            length_high: len(LENGTH_HIGH),
            stop_floor: stop(STOPWORDS_FLOOR),
            stop_low: stop(STOPWORDS_LOW),
            stop_mid: stop(STOPWORDS_MID),
            stop_high: stop(STOPWORDS_HIGH),
        }
    }
}

/// The most words a line may have and still be dropped for a marker of this
/// kind (see [`MarkerKind::word_limit`]).
pub fn marker_word_limit(kind: MarkerKind) -> u32 {
    kind.word_limit()
}

/// The label a marker kind gives a dropped line.
pub fn marker_label(kind: MarkerKind) -> Label {
    match kind {
        MarkerKind::Latest | MarkerKind::Popular | MarkerKind::ReadMore | MarkerKind::Related => {
            Label::HeadlineList
        }
        MarkerKind::Share | MarkerKind::Subscribe => Label::Social,
        MarkerKind::Credit => Label::Credit,
        MarkerKind::Advert => Label::Advertising,
        MarkerKind::Comments | MarkerKind::End => Label::Comments,
        MarkerKind::Cookie | MarkerKind::Legal | MarkerKind::Copyright => Label::Legal,
        MarkerKind::Tags
        | MarkerKind::Nav
        | MarkerKind::PrevNext
        | MarkerKind::Here
        | MarkerKind::Recap
        | MarkerKind::Byline => Label::Navigation,
        MarkerKind::Theme => Label::Theme,
    }
}

/// Does a marker on a line with these features make the line boilerplate?
pub fn marker_drops(hit: MarkerHit, f: &LineFeatures) -> bool {
    let limit = marker_word_limit(hit.kind);
    match hit.anchor {
        Anchor::Line => hit.kind != MarkerKind::Byline,
        Anchor::Start => f.words <= limit,
        Anchor::Any => {
            matches!(
                hit.kind,
                MarkerKind::Copyright
                    | MarkerKind::Cookie
                    | MarkerKind::Legal
                    | MarkerKind::Theme
                    | MarkerKind::Subscribe
            ) && f.words <= limit
        }
    }
}

/// How many Latin characters one CJK character is worth for the length
/// thresholds. An English word averages about six characters with its space;
/// a Chinese word about 1.7 characters (so ~3.5 per character); 3 errs
/// toward calling CJK lines short.
pub const CJK_LENGTH_FACTOR: u32 = 3;

/// How many Latin characters one Thai (Lao, Khmer, Myanmar) character is
/// worth for the length thresholds: a Thai word averages about 4 characters
/// and no space, an English one about 6 with its space, so 1.5.
pub const UNSPACED_LENGTH_FACTOR: f32 = 1.5;

/// Length of a line for the length thresholds: characters, with CJK
/// characters counted [`CJK_LENGTH_FACTOR`] times and Thai ones
/// [`UNSPACED_LENGTH_FACTOR`] times.
#[inline]
pub fn effective_length(f: &LineFeatures) -> f32 {
    match f.script {
        Script::Cjk => (f.chars + (CJK_LENGTH_FACTOR - 1) * f.script_letters) as f32,
        Script::Unspaced => {
            f.chars as f32 + (UNSPACED_LENGTH_FACTOR - 1.0) * f.script_letters as f32
        }
        _ => f.chars as f32,
    }
}

/// Stopword density (stopwords per word).
#[inline]
pub fn stop_density(f: &LineFeatures) -> f32 {
    if f.words == 0 {
        0.0
    } else {
        f.stopwords as f32 / f.words as f32
    }
}

/// Words that open a photo credit in parentheses at the end of a caption:
/// "(Foto ANSA/Andrea Merola)", "(AP Photo/Jae C. Hong)", "(Фото: ТАСС)".
const CAPTION_CREDIT_WORDS: &[&str] = &[
    "photo",
    "foto",
    "фото",
    "bild",
    "imagen",
    "image",
    "picture",
    "pic",
    "credit",
    "crédito",
    "crédit",
    "ap",
    "afp",
    "reuters",
    "epa",
    "getty",
    "dpa",
    "ansa",
    "efe",
    "tass",
    "тасс",
    "риа",
    "zdjęcie",
    "fot",
    "图",
    "摄影",
    // Stock and archive pictures: "(Symbolbild)", "(Archivfoto: dpa)".
    "symbolbild",
    "symbolfoto",
    "archivbild",
    "archivfoto",
    "photos",
    "fotos",
    "illustration",
];

/// Position words that captions put in parentheses: "(left)", "(слева)",
/// "(в центре)", "(à droite)", "(links)".
const CAPTION_POSITIONS: &[&str] = &[
    "left",
    "right",
    "center",
    "centre",
    "second left",
    "second right",
    "слева",
    "справа",
    "в центре",
    "по центру",
    "ліворуч",
    "праворуч",
    "зліва",
    "справа",
    "у центрі",
    "в центрі",
    "à gauche",
    "à droite",
    "au centre",
    "links",
    "rechts",
    "mitte",
    "izquierda",
    "derecha",
    "centro",
    "a sinistra",
    "a destra",
    "al centro",
    "da sinistra",
    "esquerda",
    "direita",
    "od lewej",
    "z lewej",
    "z prawej",
    "w środku",
    "soldan",
    "sağdan",
    "ortada",
];

/// Is `inner` (the text between brackets) a [`CAPTION_POSITIONS`] word, case
/// and surrounding whitespace ignored?
fn is_position_word(inner: &[u8]) -> bool {
    std::str::from_utf8(inner).map(str::trim).is_ok_and(|w| in_lower_list(w, CAPTION_POSITIONS))
}

fn has_position_words(text: &[u8]) -> bool {
    let mut i = 0;
    while let Some(p) = memchr::memchr(b'(', &text[i..]) {
        let at = i + p;
        // The text between the brackets is at most 24 bytes: look no
        // further, or a line of many '(' would cost its length squared.
        let window = &text[at..text.len().min(at + 26)];
        if let Some(q) = memchr::memchr(b')', window) {
            let inner = &text[at + 1..at + q];
            // Lower-casing changes no whitespace: trim first, then compare
            // without building the lower-cased copy (no allocation per line).
            if inner.len() <= 24 && is_position_word(inner) {
                return true;
            }
        }
        i = at + 1;
    }
    false
}

/// Credit words that, followed by a colon inside a line, end a caption
/// ("… Foto: Andina", "Titelbild: dpa", "… Photograph: Jonas
/// Ekströmer/TT/AFP via Getty Images", "… Picture: PA", "… Kuva: Lehtikuva").
const INLINE_CREDIT_WORDS: &[&str] = &[
    "foto",
    "fotos",
    "photo",
    "photos",
    "photograph",
    "picture",
    "illustration",
    "credits",
    "kuva",
    "fotó",
    "bild",
    "titelbild",
    "image",
    "credit",
    "crédito",
    "crédit",
    "fuente",
    "quelle",
    "фото",
    "zdjęcie",
    "fotografía",
    "imagen",
];

/// A credit word with a colon after the line's first word, in a line of at
/// most [`CAPTION_MAX_WORDS`] words.
fn has_inline_credit(text: &[u8]) -> bool {
    if memchr::memchr(b':', text).is_none() {
        return false;
    }
    // Lower-casing changes no whitespace, so words are counted and split on
    // the text itself, and only candidate words (ending in ':') are folded.
    let s = String::from_utf8_lossy(text);
    if s.split_whitespace().count() > CAPTION_MAX_WORDS {
        return false;
    }
    s.split_whitespace().skip(1).any(|w| {
        w.strip_suffix(':')
            .is_some_and(|stem| stem.len() <= 24 && in_lower_list(stem, INLINE_CREDIT_WORDS))
    })
}

/// Does `word` lower-case to `lower`? (No allocation. The same answer as
/// comparing `word.to_lowercase()`, whose one context rule, the final sigma,
/// only matters to words with a sigma, which `lower` never has.)
///
/// An ASCII word is compared byte by byte: each ASCII character lower-cases
/// to one ASCII character, and `lower` (a list entry) has no upper-case
/// ASCII letter (checked by the tests), so the two answers agree.
#[inline]
fn eq_lowercase(word: &str, lower: &str) -> bool {
    if word.is_ascii() {
        return word.eq_ignore_ascii_case(lower);
    }
    word.chars().flat_map(char::to_lowercase).eq(lower.chars())
}

/// Does `word` lower-case to one of the entries of `list` (lower case, as
/// for [`eq_lowercase`])? The word is checked for ASCII once, not once per
/// entry.
#[inline]
fn in_lower_list(word: &str, list: &[&str]) -> bool {
    if word.is_ascii() {
        return list.iter().any(|l| word.eq_ignore_ascii_case(l));
    }
    list.iter().any(|l| word.chars().flat_map(char::to_lowercase).eq(l.chars()))
}

/// Most words in a line taken as a caption for an inline credit.
pub const CAPTION_MAX_WORDS: usize = 40;

/// A photo caption: position codes such as `(2R)`, or two or more of `(L)`,
/// `(R)`, `(C)` (one alone is a US politician's party), or of Spanish `(i)`,
/// `(d)`, `(c)`; position words in parentheses; or a descriptive line ending
/// in a photo credit.
pub fn is_caption(text: &[u8]) -> bool {
    let text = crate::features::trim_bytes(text);
    let mut upper_codes = 0;
    let mut numbered_codes = 0;
    let mut lower_codes = 0;
    let mut i = 0;
    while let Some(p) = memchr::memchr(b'(', &text[i..]) {
        let at = i + p;
        let rest = &text[at + 1..];
        let digits = rest.iter().take_while(|b| b.is_ascii_digit()).count();
        if digits <= 1 && rest.get(digits + 1) == Some(&b')') {
            match rest.get(digits) {
                Some(b'L' | b'R' | b'C') if digits == 1 => numbered_codes += 1,
                Some(b'L' | b'R' | b'C') => upper_codes += 1,
                Some(b'i' | b'd' | b'c') if digits == 0 => lower_codes += 1,
                _ => {}
            }
        }
        i = at + 1;
    }
    // One "(R)" is a US senator's party; "(2R)" or two codes are a caption.
    if numbered_codes >= 1 || upper_codes >= 2 || lower_codes >= 2 || has_position_words(text) {
        return true;
    }
    // "... Foto: Andina", "Erdölpumpen im Abendrot. Bild: TebNad/Shutterstock.com"
    if has_inline_credit(text) {
        return true;
    }
    // "... (Foto ANSA/Andrea Merola)", "… ist unklar (Symbolbild)."
    let text = text.strip_suffix(b".").unwrap_or(text);
    if text.ends_with(b")") {
        if let Some(open) = memchr::memrchr(b'(', text) {
            if open > 0 {
                return first_word_is_credit(&text[open + 1..text.len() - 1]);
            }
        }
    }
    false
}

/// Is the first word of `inner` (lower-cased, up to its first character
/// that is not alphanumeric) a [`CAPTION_CREDIT_WORDS`] word? The same
/// answer as splitting `String::from_utf8_lossy(inner).to_lowercase()`, but
/// with the word lower-cased into a stack buffer: no credit word is longer
/// than the buffer, so a longer first word is none.
fn first_word_is_credit(inner: &[u8]) -> bool {
    let mut buf = [0u8; 32];
    let mut n = 0;
    'chars: for chunk in inner.utf8_chunks() {
        for c in chunk.valid().chars() {
            for l in c.to_lowercase() {
                if !l.is_alphanumeric() {
                    break 'chars;
                }
                if n + l.len_utf8() > buf.len() {
                    return false;
                }
                n += l.encode_utf8(&mut buf[n..]).len();
            }
        }
        if !chunk.invalid().is_empty() {
            break; // U+FFFD in the lossy copy: not alphanumeric
        }
    }
    std::str::from_utf8(&buf[..n]).is_ok_and(|w| CAPTION_CREDIT_WORDS.contains(&w))
}

/// A short unpunctuated line with a date or time on it is publication
/// metadata, not text: at most this many words besides numbers.
pub const DATE_LINE_MAX_WORDS: u32 = 4;

/// Words that open a byline, lower case, matched in any case ("By Sarah
/// Collins, AP"): en, de,
/// es/pt, fr, it, nl, pl, ru/uk/bg, sv/nb, da, ca; "Autor:" (cs, sk, pl, ro,
/// hr, pt, es) and "Autorka:", hu "Szerző:", tr "Yazan:"/"Yazar:", id
/// "Oleh", he "מאת", ar "بقلم", fa "نویسنده:"; "Text:" (ru/uk "Текст:", de,
/// es/pt "Texto:", pl/nl/cs "Tekst:"), the writer's credit beside the
/// photographer's; id "Penulis:" (writer), hi "लेखक:", bn "লেখক:", ur
/// "تحریر:" (author); el "Του"/"Της" (the writer's name in the genitive:
/// "Του Γιάννη Παπαδόπουλου").
const BYLINE_OPENERS: &[&str] = &[
    "του",
    "της",
    "penulis:",
    "penulis",
    "लेखक:",
    "লেখক:",
    "تحریر:",
    "текст:",
    "text:",
    "texto:",
    "tekst:",
    "by",
    "von",
    "por",
    "par",
    "di",
    "door",
    "przez",
    "автор",
    "автор:",
    "от",
    "av",
    "af",
    "per",
    "autor:",
    "autorka:",
    "szerző:",
    "yazan:",
    "yazar:",
    "oleh",
    "oleh:",
    "מאת",
    "بقلم",
    "بقلم:",
    "نویسنده:",
];

/// Byline openers that only count in lower case: Romanian "de Andrei
/// Popescu" ("by"), where "De …" opens headlines in Spanish, Portuguese,
/// Dutch and French ("De Gaulle Airport Reopens").
const BYLINE_LOWER_CASE_OPENERS: &[&str] = &["de"];

/// Words that close a byline after the name, Korean style ("김민수 기자",
/// reporter Kim Min-su; "특파원", correspondent), maybe followed by an e-mail
/// address ("김민수 기자 minsu@example.com").
const BYLINE_CLOSERS: &[&str] = &["기자", "특파원", "기자·사진"];

/// Most words of a byline closed by a [`BYLINE_CLOSERS`] word: a name of one
/// to three words, the closer and an e-mail address.
pub const BYLINE_MAX_CLOSED_WORDS: usize = 5;

/// Most name words after the opener of a byline in a script without case
/// (Hebrew, Arabic, Persian), where capitals cannot show the names: a first
/// and a last name, maybe a middle name and an agency.
pub const BYLINE_MAX_CASELESS_WORDS: usize = 4;

/// Most words (numbers aside) in a standalone byline.
pub const BYLINE_MAX_WORDS: u32 = 9;

/// A standalone byline: an opener word, then mostly capitalised names, no
/// sentence end (FIELD.md §4 "byline / dateline").
pub fn is_byline(text: &[u8], f: &LineFeatures) -> bool {
    if f.terminal || f.words < 2 || f.words - f.numbers > BYLINE_MAX_WORDS {
        return false;
    }
    let text = crate::features::trim_bytes(text);
    let Ok(s) = std::str::from_utf8(text) else { return false };
    let mut words = s.split_whitespace();
    let Some(first) = words.next() else { return false };
    if closed_byline(s) {
        return true;
    }
    // An opener is at most 15 bytes; no character lower-cases to an
    // opener's letters in fewer bytes than it has, so longer words are not.
    if first.len() > 16
        || !(in_lower_list(first, BYLINE_OPENERS) || BYLINE_LOWER_CASE_OPENERS.contains(&first))
    {
        return false;
    }
    // Names are capitalised; dates and reading times ("Feb 8, 2020 5 min
    // read") may follow, so only words with letters vote. In a script
    // without case, a short run of words after the opener is the name.
    let (mut rest, mut caps, mut cased) = (0, 0, 0);
    for w in words {
        let first_char = w.chars().next();
        if first_char.is_some_and(char::is_alphabetic) {
            rest += 1;
            caps += usize::from(first_char.is_some_and(char::is_uppercase));
            cased += usize::from(first_char.is_some_and(|c| c.is_uppercase() || c.is_lowercase()));
        }
    }
    if cased == 0 {
        return rest > 0 && rest <= BYLINE_MAX_CASELESS_WORDS;
    }
    rest > 0 && caps * 2 > rest
}

/// A byline that names the author first and closes with a role word
/// ([`BYLINE_CLOSERS`]): at most [`BYLINE_MAX_CLOSED_WORDS`] words, the
/// closer neither first nor followed by anything but an e-mail address.
fn closed_byline(s: &str) -> bool {
    let mut n = 0;
    let mut closer_at = None;
    for (i, w) in s.split_whitespace().enumerate() {
        n += 1;
        if n > BYLINE_MAX_CLOSED_WORDS {
            return false;
        }
        if BYLINE_CLOSERS.contains(&w) {
            closer_at = Some(i);
        } else if closer_at.is_some() && !w.contains('@') {
            return false;
        }
    }
    closer_at.is_some_and(|i| i > 0)
}

/// Most words in an author's bio line ("Will Knight is a senior writer for
/// WIRED, covering artificial intelligence. He was previously …"). Bios run
/// to two or three sentences; a longer paragraph that opens on a name is
/// article text about that person.
pub const BIO_MAX_WORDS: u32 = 80;

/// Fewest words in a bio line: a name, the verb, the role and whom for.
pub const BIO_MIN_WORDS: u32 = 5;

/// Most name words before the verb ("Perry Bacon Jr. is", "Ingrid is").
const BIO_MAX_NAME_WORDS: usize = 4;

/// Most words between the verb and the role ("is a senior staff writer",
/// "ist freie Journalistin").
const BIO_MAX_ROLE_GAP: usize = 3;

/// Copulas that link an author's name to the role, lower case (en, de, nl,
/// sv, fr, es, it, pt, pl).
const BIO_COPULAS: &[&str] = &["is", "ist", "est", "es", "è", "é", "jest", "är"];

/// Writing professions an author bio names, lower case. Only roles of the
/// people who write the page: a "professor" or "founder" introduced on a
/// line of their own is as often the article's subject.
const BIO_ROLES: &[&str] = &[
    // en (also nl/de "journalist", "reporter", "redacteur")
    "writer",
    "reporter",
    "editor",
    "journalist",
    "columnist",
    "correspondent",
    "contributor",
    "blogger",
    "redacteur",
    "verslaggever",
    // de
    "redakteur",
    "redakteurin",
    "journalistin",
    "autorin",
    "korrespondent",
    "korrespondentin",
    "kolumnist",
    "kolumnistin",
    "volontär",
    "volontärin",
    "reporterin",
    "bloggerin",
    // fr
    "journaliste",
    "rédacteur",
    "rédactrice",
    "correspondant",
    "correspondante",
    "chroniqueur",
    "chroniqueuse",
    // es, pt, it
    "periodista",
    "redactor",
    "redactora",
    "corresponsal",
    "columnista",
    "jornalista",
    "repórter",
    "colunista",
    "giornalista",
    "redattore",
    "redattrice",
    // pl (instrumental after "jest")
    "dziennikarzem",
    "dziennikarką",
    "redaktorem",
    "redaktorką",
    "publicystą",
    "publicystką",
];

/// Verbs that follow an author's name directly in a bio ("Jane Doe writes
/// about science for …", "Schreibt seit 2008 für die taz"), lower case,
/// with the word after them.
const BIO_VERB_PHRASES: &[(&str, &[&str])] =
    &[("writes", &["about", "for", "on"]), ("schreibt", &["seit", "für", "über"])];

/// Pronouns and articles that may open a sentence about anyone: not names.
const BIO_NOT_NAMES: &[&str] = &[
    "he", "she", "they", "it", "this", "that", "there", "who", "the", "er", "sie", "es", "das",
    "der", "die", "dies", "il", "elle", "ce", "c'est", "él", "ella", "esto", "ele", "ela", "lui",
    "lei", "on", "ona", "to", "hij", "zij", "het", "han", "hon", "det", "i", "we", "wir", "ich",
];

/// Trailing punctuation of a word in a bio ("writer,", "Jr.").
fn bio_word(w: &str) -> &str {
    w.trim_end_matches([',', ';', ':', '.'])
}

/// A necessary condition for [`is_author_bio`], cheap enough for every line:
/// one of the first five words is a copula or a bio verb (the verb follows
/// one to four name words), or the first word is a verb-first opener. Byte
/// lengths and lead bytes rule out most words before any case folding; they
/// are exact because every word that lower-cases to one of these (all ASCII
/// or Latin-1 letters, none with a `k`, whose Kelvin sign is longer) has the
/// same length and lead byte in either case.
///
/// On the line's bytes, before any UTF-8 check of the whole line: its words
/// are split as `str::split_whitespace` splits valid UTF-8 ([`WsWords`]), and
/// a line that is not valid UTF-8 is no bio whatever this answers.
fn bio_verb_possible(text: &[u8]) -> bool {
    // One pass over the first words for both tests: the closed byline's
    // (at most `BYLINE_MAX_CLOSED_WORDS` words, a closer after the first,
    // nothing but e-mail addresses after a closer) and the verb's.
    let mut closer_at = None;
    let mut closed = true;
    for (i, w) in (WsWords { rest: text }).enumerate() {
        if i == 0 && matches!(bio_word_bytes(w).len(), 5 | 8) {
            return true; // "Hallo,", "Studiert", "Schreibt": the full test decides
        }
        if (1..=BIO_MAX_NAME_WORDS).contains(&i) && is_bio_verb_bytes(w) {
            return true;
        }
        if i >= BYLINE_MAX_CLOSED_WORDS {
            return false; // too long for a closed byline; no verb where one may be
        }
        if BYLINE_CLOSERS.iter().any(|c| c.as_bytes() == w) {
            closer_at = Some(i);
        } else if closer_at.is_some() && !w.contains(&b'@') {
            closed = false;
        }
    }
    closed && closer_at.is_some_and(|i| i > 0)
}

/// Is the word (bytes) a copula or a bio verb, tested by byte length and
/// lead byte before any case folding ([`bio_verb_possible`])?
#[inline]
fn is_bio_verb_bytes(w: &[u8]) -> bool {
    match w.len() {
        1..=4 => {
            matches!(w[0], b'i' | b'I' | b'e' | b'E' | b'j' | b'J' | 0xC3)
                && in_lower_list_bytes(w, BIO_COPULAS)
        }
        6 | 8 => BIO_VERB_PHRASES.iter().any(|(v, _)| eq_lowercase_bytes(w, v)),
        _ => false,
    }
}

/// [`bio_word`] on bytes (the trimmed characters are ASCII).
fn bio_word_bytes(w: &[u8]) -> &[u8] {
    let end = w.iter().rposition(|b| !matches!(b, b',' | b';' | b':' | b'.')).map_or(0, |i| i + 1);
    &w[..end]
}

/// [`eq_lowercase`] on a word's bytes; not valid UTF-8 is not equal.
fn eq_lowercase_bytes(word: &[u8], lower: &str) -> bool {
    if word.is_ascii() {
        return word.eq_ignore_ascii_case(lower.as_bytes());
    }
    std::str::from_utf8(word).is_ok_and(|w| eq_lowercase(w, lower))
}

/// [`in_lower_list`] on a word's bytes; not valid UTF-8 is in no list.
fn in_lower_list_bytes(word: &[u8], list: &[&str]) -> bool {
    if word.is_ascii() {
        return list.iter().any(|l| word.eq_ignore_ascii_case(l.as_bytes()));
    }
    std::str::from_utf8(word).is_ok_and(|w| in_lower_list(w, list))
}

/// The words of a line's bytes between runs of whitespace: for valid UTF-8
/// the words of `str::split_whitespace` (for other bytes, some split).
struct WsWords<'a> {
    rest: &'a [u8],
}

/// Bytes that may start a whitespace character (`char::is_whitespace`):
/// ASCII whitespace, and the lead bytes of U+0085, U+00A0 (`C2`), U+1680
/// (`E1`), U+2000–U+200A, U+2028, U+2029, U+202F, U+205F (`E2`) and U+3000
/// (`E3`), the other characters of Unicode's White_Space.
static WS_LEAD: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = matches!(b as u8, b' ' | b'\t'..=b'\r' | 0xC2 | 0xE1 | 0xE2 | 0xE3);
        b += 1;
    }
    t
};

impl WsWords<'_> {
    /// The length of the whitespace character at the start of `bytes`, or 0
    /// if it starts none (as `char::is_whitespace` on valid UTF-8, checked
    /// for every code point by the tests). Bytes that start no whitespace
    /// are skipped one at a time: within valid UTF-8 no continuation byte
    /// is a [`WS_LEAD`].
    #[inline(always)]
    fn space_len(bytes: &[u8]) -> usize {
        let b = bytes[0];
        if !WS_LEAD[usize::from(b)] {
            return 0;
        }
        match *bytes {
            [b, ..] if b < 0x80 => 1,
            [0xC2, 0x85 | 0xA0, ..] => 2,
            [0xE1, 0x9A, 0x80, ..]
            | [0xE2, 0x80, 0x80..=0x8A | 0xA8 | 0xA9 | 0xAF, ..]
            | [0xE2, 0x81, 0x9F, ..]
            | [0xE3, 0x80, 0x80, ..] => 3,
            _ => 0,
        }
    }
}

impl<'a> Iterator for WsWords<'a> {
    type Item = &'a [u8];

    #[inline]
    fn next(&mut self) -> Option<&'a [u8]> {
        let rest = self.rest;
        let mut i = 0;
        while i < rest.len() {
            match Self::space_len(&rest[i..]) {
                0 => break,
                n => i += n,
            }
        }
        if i == rest.len() {
            self.rest = &[];
            return None;
        }
        let start = i;
        while i < rest.len() && Self::space_len(&rest[i..]) == 0 {
            i += 1;
        }
        self.rest = &rest[i..];
        Some(&rest[start..i])
    }
}

/// An author bio: a line that opens on a name (one to four capitalised
/// words) followed by a copula and a writing profession ("Alex Hern is a
/// staff writer at the New Statesman.", "Ingrid is a reporter for
/// TechCrunch", "Anna Weber ist freie Journalistin"), or by "writes about"
/// / "schreibt seit"; or that opens on the verb itself, as bio boxes that
/// print the name above do ("Schreibt seit 2008 für die taz.", "Studiert im
/// Master …", "Hallo, ich bin Foodbloggerin …"). FIELD.md §4 lists author
/// boxes among the boilerplate that shape alone cannot tell from prose.
pub fn is_author_bio(text: &[u8], f: &LineFeatures) -> bool {
    if f.words < BIO_MIN_WORDS || f.words > BIO_MAX_WORDS || f.capitalised == 0 {
        return false;
    }
    let text = crate::features::trim_bytes(text);
    if !bio_verb_possible(text) {
        return false;
    }
    let Ok(s) = std::str::from_utf8(text) else { return false };
    let mut words = s.split_whitespace();
    let Some(first) = words.next() else { return false };
    if closed_byline(s) {
        return true;
    }
    // The verb first: the name is printed above the box.
    let opener = |w: &str, lower: &str| eq_lowercase(bio_word(w), lower);
    let second = words.clone().next().unwrap_or("");
    if opener(first, "studiert") && !opener(second, "man")
        || opener(first, "schreibt") && opener(second, "seit")
    {
        return first.starts_with(char::is_uppercase);
    }
    if opener(first, "hallo") && first.ends_with(',') {
        let mut rest = words.clone();
        return rest.next().is_some_and(|w| opener(w, "ich"))
            && rest.next().is_some_and(|w| opener(w, "bin"));
    }
    // A name: capitalised words, not a pronoun or article.
    let is_name_word = |w: &str| {
        w.len() <= 40
            && w.starts_with(char::is_uppercase)
            && !in_lower_list(bio_word(w), BIO_NOT_NAMES)
    };
    if !is_name_word(first) {
        return false;
    }
    let mut names = 1;
    let mut words = words.peekable();
    while let Some(w) = words.peek() {
        if names < BIO_MAX_NAME_WORDS && is_name_word(w) && !in_lower_list(w, BIO_COPULAS) {
            names += 1;
            words.next();
        } else {
            break;
        }
    }
    let Some(verb) = words.next() else { return false };
    if in_lower_list(verb, BIO_COPULAS) {
        return words.take(BIO_MAX_ROLE_GAP + 1).any(|w| in_lower_list(bio_word(w), BIO_ROLES));
    }
    let next = words.next().unwrap_or("");
    BIO_VERB_PHRASES
        .iter()
        .any(|(v, after)| eq_lowercase(verb, v) && after.iter().any(|a| eq_lowercase(next, a)))
}

/// The context-free verdict on one line.
#[derive(Clone, Copy, Debug)]
pub struct LineClass {
    /// jusText class.
    pub class: Class,
    /// Label if the line is dropped for what it is (or kept as content).
    pub label: Label,
    /// Rule that decided, for anchors decided here.
    pub rule: Rule,
    /// Continuous content score (positive: prose; negative: boilerplate).
    pub score: f32,
}

/// Inputs to [`classify`] besides the line's own features.
#[derive(Clone, Copy, Debug)]
pub struct LineContext {
    /// The marker found on the line, if markers are on.
    pub marker: Option<MarkerHit>,
    /// Whether the line is a photo caption.
    pub caption: bool,
    /// Whether the line is in another script than the document body.
    pub foreign: bool,
    /// Whether the line is a standalone byline ([`is_byline`]) or an
    /// author's bio ([`is_author_bio`]): a credit by its shape.
    pub byline: bool,
}

/// Classify one line on its own.
pub fn classify(f: &LineFeatures, cx: LineContext, t: &Thresholds) -> LineClass {
    let score = content_score(f, t);
    let bad = |label, rule| LineClass { class: Class::Bad, label, rule, score: score.min(-1.0) };
    if f.blank {
        return LineClass {
            class: Class::Blank,
            label: Label::Blank,
            rule: Rule::Blank,
            score: 0.0,
        };
    }
    if f.code {
        return bad(Label::TemplateLeak, Rule::Shape);
    }
    if let Some(hit) = cx.marker {
        if marker_drops(hit, f) {
            return bad(marker_label(hit.kind), Rule::Marker);
        }
    }
    if f.timestamp {
        return bad(Label::Timestamp, Rule::Shape);
    }
    if cx.caption {
        return bad(Label::Caption, Rule::Shape);
    }
    if cx.byline {
        return bad(Label::Credit, Rule::Shape);
    }
    if f.has_date && f.words - f.numbers <= DATE_LINE_MAX_WORDS && !f.terminal {
        // "2024-06-28 09:30 来源：新华社", "Updated 12.03.2024 | 3 min read".
        return bad(Label::Timestamp, Rule::Shape);
    }
    if cx.foreign {
        return bad(Label::ForeignScript, Rule::Script);
    }
    if f.separators >= 2 && f.words <= 4 * (f.separators + 1) && !f.terminal {
        return bad(Label::Navigation, Rule::Shape);
    }
    if f.words == 0 {
        // Only symbols, digits or invalid bytes.
        return bad(Label::Boilerplate, Rule::Shape);
    }
    let len = effective_length(f);
    let sd = stop_density(f);
    let keep = |class| LineClass { class, label: Label::Content, rule: Rule::LineScore, score };
    if len < t.length_low {
        return LineClass {
            class: Class::Short,
            label: Label::Heading,
            rule: Rule::Context,
            score,
        };
    }
    // Without a sentence end a line must be longer to be good on its own
    // (on the dev sets, unpunctuated 100–150 character lines are list items
    // and teaser headlines far more often than punctuated ones).
    let good = if f.terminal {
        (len >= t.length_high && sd >= t.stop_low)
            || (len >= t.length_mid && sd >= t.stop_mid)
            || sd >= t.stop_high
    } else {
        len >= t.length_high * UNPUNCTUATED_LENGTH_FACTOR && sd >= t.stop_mid
    } || (is_sentence(f) && len >= t.length_high);
    if good {
        return keep(Class::Good);
    }
    let near = if f.terminal {
        sd >= t.stop_low
            || (len >= t.length_high && sd >= t.stop_floor)
            || (is_sentence(f) && len >= t.length_mid)
    } else {
        len >= t.length_high && sd >= t.stop_low
    };
    if near {
        return keep(Class::NearGood);
    }
    // A sentence ending in a colon introduces the list, quote or code under
    // it: it has the sentence shape of [`is_sentence`] but no sentence end.
    if f.colon_end
        && f.words >= SENTENCE_MIN_WORDS
        && f.capitalised * 3 <= f.words
        && sd >= t.stop_low
    {
        return keep(Class::NearGood);
    }
    if !f.terminal && len < t.length_high && sd >= t.stop_low {
        // An unpunctuated medium line with prose-like words: a subheading,
        // a list item or a teaser headline. Its neighbours decide.
        return LineClass {
            class: Class::Short,
            label: Label::Heading,
            rule: Rule::Context,
            score,
        };
    }
    LineClass { class: Class::Bad, label: Label::Boilerplate, rule: Rule::LineScore, score }
}

/// Sentence shape without stopwords: a punctuated line of
/// [`SENTENCE_MIN_WORDS`] or more whose words are mostly lower case. This
/// catches prose in languages whose stoplists cover little running text
/// (Turkish, Finnish) and in unknown languages, where density says little;
/// menus and headline lists are capitalised or unpunctuated.
pub fn is_sentence(f: &LineFeatures) -> bool {
    f.terminal && f.words >= SENTENCE_MIN_WORDS && f.capitalised * 3 <= f.words
}

/// Words in a line that [`is_sentence`] accepts.
pub const SENTENCE_MIN_WORDS: u32 = 10;

/// A continuous content score in about -10..10, for reporting and for
/// locating the main text block: length, stopword density and sentence
/// shape, each clamped so that no single feature dominates.
pub fn content_score(f: &LineFeatures, t: &Thresholds) -> f32 {
    if f.blank {
        return 0.0;
    }
    let len = effective_length(f);
    let length = ((len - t.length_low) / (t.length_high - t.length_low)).clamp(-1.0, 2.0);
    let stops =
        if f.words >= 3 { ((stop_density(f) - t.stop_low) / 0.15).clamp(-1.5, 1.5) } else { -0.5 };
    let terminal = if f.terminal { 1.0 } else { -0.5 };
    let shape = if f.timestamp || f.code { -3.0 } else { 0.0 };
    3.0 * length + 3.0 * stops + terminal + shape
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::features::{compute, Scratch, Stoplist};

    struct En;
    impl Stoplist for En {
        fn contains(&self, w: &str) -> bool {
            matches!(
                w,
                "the"
                    | "of"
                    | "and"
                    | "a"
                    | "to"
                    | "in"
                    | "is"
                    | "on"
                    | "was"
                    | "that"
                    | "for"
                    | "it"
                    | "with"
                    | "as"
                    | "by"
                    | "at"
                    | "from"
                    | "this"
                    | "be"
                    | "are"
            )
        }
    }

    fn feat(s: &str) -> LineFeatures {
        compute(s.as_bytes(), &En, &mut Scratch::default())
    }

    fn class(s: &str) -> Class {
        let cx = LineContext { marker: None, caption: false, foreign: false, byline: false };
        classify(&feat(s), cx, &Thresholds::new(0.0, 1.0)).class
    }

    #[test]
    fn prose_is_good_menus_are_short_or_bad() {
        let prose = "The council approved the budget on Tuesday after a debate that was long \
                     and at times bitter, and the plan is to take effect in the spring.";
        assert_eq!(class(prose), Class::Good);
        assert_eq!(class("Home"), Class::Short);
        assert_eq!(class("21:15 20 мар 2026."), Class::Bad);
        assert_eq!(
            class("Quark.Models.Entities.Ancestor?.Title?.ToUpperInvariant() X"),
            Class::Bad
        );
        // A long keyword list with no function words is bad.
        assert_eq!(
            class(
                "Laptops Phones Tablets Cameras Drones Speakers Headphones Smartwatches \
                   Accessories Monitors Keyboards Printers Routers Chargers Cables"
            ),
            Class::Bad
        );
    }

    #[test]
    fn unpunctuated_medium_lines_are_short() {
        let headline = "Heavy metals contaminate up to 17 pct of the world's arable land, \
                        study of the soils finds";
        assert!(effective_length(&feat(headline)) < LENGTH_HIGH as f32);
        assert_eq!(class(headline), Class::Short);
    }

    /// A sentence ending in a colon introduces what follows (a list, a
    /// quote, code): near-good, not a heading left to its neighbours. A
    /// short label with a colon, or a capitalised one, stays short.
    #[test]
    fn colon_ended_sentences_are_near_good() {
        let intro =
            "The simplest version wraps the file in a buffered reader and iterates over its lines:";
        assert_eq!(class(intro), Class::NearGood);
        assert_eq!(class(intro.trim_end_matches(':')), Class::Short);
        assert_eq!(class("Here is the code:"), Class::Short);
        assert_eq!(
            class("Top Stories From Around The World In Sport And Politics Today:"),
            Class::Short
        );
    }

    #[test]
    fn strictness_moves_thresholds_both_ways() {
        let lo = Thresholds::new(-1.0, 1.0);
        let hi = Thresholds::new(1.0, 1.0);
        assert!(lo.length_low < LENGTH_LOW as f32 && hi.length_low > LENGTH_LOW as f32);
        assert!(lo.stop_mid < STOPWORDS_MID && hi.stop_mid > STOPWORDS_MID);
        // The density scale shrinks every stopword threshold.
        assert!(Thresholds::new(0.0, 0.5).stop_high < STOPWORDS_HIGH);
    }

    #[test]
    fn captions() {
        assert!(is_caption(
            b"France's President Emmanuel Macron (L) arrives to welcome Witkoff (3L)"
        ));
        assert!(is_caption(b"La ministra (c), junto a los alcaldes de Teruel (i) y Soria (d)"));
        assert!(is_caption("Мэр Казани (в центре) осматривает пассаж".as_bytes()));
        assert!(is_caption(b"Tourists queue at the gate in Venice (Foto ANSA/Andrea Merola)"));
        assert!(is_caption(b"Son tres los periodos de vacaciones. Foto: Andina"));
        assert!(is_caption(
            "The factory's first production line in Skellefteå. Photograph: Jonas Ekströmer/TT/AFP via Getty Images".as_bytes()
        ));
        assert!(is_caption(b"Crowds gather outside the court on Monday. Picture: PA"));
        // Stock and archive pictures, a full stop after the parenthesis.
        assert!(is_caption("Wer die Äste auf die Wege zieht, ist unklar (Symbolbild).".as_bytes()));
        assert!(is_caption(b"Die Polizei sucht Zeugen. (Archivfoto: dpa)"));
        assert!(!is_caption(b"The council met on Monday (its first meeting)."));
        assert!(!is_caption(b"Photo: Ukrpravda.")); // a credit line, handled by markers
        assert!(is_caption(b"Players pose (L) before the match with the coach (R)"));
        assert!(!is_caption(b"Senator Jane Roe (R) said the vote would be close."));
        assert!(!is_caption(b"He said (in French) that the talks would go on."));
    }

    /// The allocation-free position, credit-word and byline checks give the
    /// answers of the lower-cased copies they replaced, on every corpus and
    /// dev-set line and on odd cases.
    #[test]
    fn allocation_free_checks_equal_the_lower_cased_copies() {
        let positions_old = |inner: &[u8]| {
            let inner = String::from_utf8_lossy(inner).to_lowercase();
            CAPTION_POSITIONS.contains(&inner.trim())
        };
        let credit_old = |inner: &[u8]| {
            let inner = String::from_utf8_lossy(inner).to_lowercase();
            let first = inner.split(|c: char| !c.is_alphanumeric()).next().unwrap_or("");
            CAPTION_CREDIT_WORDS.contains(&first)
        };
        let opener_old = |first: &str| BYLINE_OPENERS.contains(&first.to_lowercase().as_str());
        let lines = crate::testdata::corpus_and_dev_lines_with(&[
            " LEFT ".as_bytes(),
            "(Foto".as_bytes(),
            "FOTO ANSA".as_bytes(),
            "İstanbul".as_bytes(),
            "Foto\u{130}x".as_bytes(),
            "ΣΑΣ".as_bytes(),
            "ФОТО: ТАСС".as_bytes(),
            "Автор:".as_bytes(),
            "BY".as_bytes(),
            "\u{FEFF}foto".as_bytes(),
            "photo\u{301}".as_bytes(),
            "圖 中央社".as_bytes(),
            "Фото".as_bytes(),
            "ap/".as_bytes(),
            "".as_bytes(),
            b"Foto\xff ANSA",
            b"\xffleft",
        ]);
        for line in &lines {
            let head = &line[..line.len().min(24)];
            let head_text = String::from_utf8_lossy(head);
            assert_eq!(is_position_word(head), positions_old(head), "{head_text:?}");
            assert_eq!(
                first_word_is_credit(line),
                credit_old(line),
                "{:?}",
                String::from_utf8_lossy(line)
            );
            if let Ok(s) = std::str::from_utf8(line) {
                if let Some(first) = s.split_whitespace().next() {
                    let new = BYLINE_OPENERS.iter().any(|o| eq_lowercase(first, o));
                    assert_eq!(new, opener_old(first), "{first:?}");
                }
            }
        }
    }

    /// The lists compared with [`eq_lowercase`], whose ASCII path needs
    /// them free of upper-case ASCII letters.
    const LOWER_LISTS: [&[&str]; 6] = [
        BIO_COPULAS,
        BIO_ROLES,
        BIO_NOT_NAMES,
        BYLINE_OPENERS,
        CAPTION_POSITIONS,
        INLINE_CREDIT_WORDS,
    ];

    /// The ASCII path of `eq_lowercase` and the byte gate of the bio test
    /// answer as the char-by-char fold and the `&str` gate they replaced, on
    /// every word of every corpus and dev-set line and on odd cases.
    #[test]
    fn ascii_lowercase_and_byte_bio_gate_equal_the_char_versions() {
        fn eq_by_chars(word: &str, lower: &str) -> bool {
            word.chars().flat_map(char::to_lowercase).eq(lower.chars())
        }
        fn gate_by_str(s: &str) -> bool {
            let mut words = s.split_whitespace();
            let Some(first) = words.next() else { return false };
            if closed_byline(s) {
                return true;
            }
            if matches!(bio_word(first).len(), 5 | 8) {
                return true;
            }
            words.take(BIO_MAX_NAME_WORDS).any(|w| match w.len() {
                1..=4 => {
                    matches!(w.as_bytes()[0], b'i' | b'I' | b'e' | b'E' | b'j' | b'J' | 0xC3)
                        && BIO_COPULAS.iter().any(|c| eq_by_chars(w, c))
                }
                6 | 8 => BIO_VERB_PHRASES.iter().any(|(v, _)| eq_by_chars(w, v)),
                _ => false,
            })
        }
        // The whitespace test of the byte gate's words is `char::is_whitespace`.
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let mut buf = [0u8; 8];
            let n = c.encode_utf8(&mut buf).len();
            let want = if c.is_whitespace() { n } else { 0 };
            assert_eq!(WsWords::space_len(&buf[..n]), want, "{c:?}");
            assert_eq!(WsWords::space_len(&buf), want, "{c:?}");
        }
        let mut entries: Vec<&str> = LOWER_LISTS.iter().flat_map(|l| l.iter().copied()).collect();
        entries.extend(
            BIO_VERB_PHRASES
                .iter()
                .flat_map(|(v, after)| std::iter::once(*v).chain(after.iter().copied())),
        );
        entries.extend(["studiert", "schreibt", "hallo", "man", "seit", "ich", "bin"]);
        for e in &entries {
            assert!(!e.bytes().any(|b| b.is_ascii_uppercase()), "{e:?}");
        }
        let lines = crate::testdata::corpus_and_dev_lines_with(&[
            "Anna\u{a0}Weber ist Journalistin".as_bytes(),
            "김민수 기자".as_bytes(),
            "김민수\u{3000}기자\u{a0}minsu@example.com".as_bytes(),
            "기자 회견에서 장관은 말했다".as_bytes(),
            "김민수 기자 회견 열어".as_bytes(),
            "기자 김민수 기자 a@b".as_bytes(),
            "김 민 수 기자 a@b c@d".as_bytes(),
            "김민수 기자 a@b is".as_bytes(),
            "Hallo 기자".as_bytes(),
            "Anna\u{3000}Weber\u{2009}IST freie Journalistin".as_bytes(),
            "Jane\u{85}Doe WRITES about".as_bytes(),
            "\u{212a}arl Is a writer".as_bytes(),
            "İch bin".as_bytes(),
            "ÉRIC est JOURNALISTE".as_bytes(),
            b"Anna Weber \xff ist Journalistin",
            b"\xc3 ist",
            b"Hallo\x0b ich bin",
            b"",
            b"   ",
        ]);
        for line in &lines {
            let text = crate::features::trim_bytes(line);
            if let Ok(s) = std::str::from_utf8(text) {
                assert_eq!(bio_verb_possible(text), gate_by_str(s), "{s:?}");
                for w in s.split_whitespace().take(8) {
                    for w in [w, bio_word(w)] {
                        for e in &entries {
                            assert_eq!(eq_lowercase(w, e), eq_by_chars(w, e), "{w:?} {e:?}");
                        }
                        for list in LOWER_LISTS {
                            let want = list.iter().any(|e| eq_by_chars(w, e));
                            assert_eq!(in_lower_list(w, list), want, "{w:?}");
                            assert_eq!(in_lower_list_bytes(w.as_bytes(), list), want, "{w:?}");
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn bylines() {
        let by = |s: &str| is_byline(s.as_bytes(), &feat(s));
        assert!(by("By Sarah Collins, Associated Press"));
        assert!(by("By Amelie Marie Nishizawa Feb 8, 2020 5 min read"));
        assert!(by("Von Anna Schmidt"));
        assert!(!by("By the end of the year the plan will be done"));
        assert!(!by("By Tuesday, officials said, the roads would reopen."));
        // Other languages' openers; names without capitals in Hebrew and
        // Arabic, where a longer run of words is a sentence, not a name.
        assert!(by("Autor: Jana Nováková"));
        assert!(by("Текст: Ольга Смирнова"));
        assert!(by("Penulis: Budi Santoso | Editor: Rina Wati"));
        assert!(by("लेखक: राहुल शर्मा"));
        assert!(by("Του Γιάννη Παπαδόπουλου"));
        assert!(!by("Της χρονιάς οι καλύτερες ταινίες"));
        assert!(by("Szerző: Kovács Anna"));
        assert!(by("Oleh Budi Santoso"));
        assert!(by("מאת דנה כהן"));
        assert!(by("بقلم محمد أحمد"));
        assert!(!by("מאת הממשלה נדרשו הסברים נוספים על התקציב החדש"));
        assert!(!by("Per què el govern no ha aprovat el pressupost"));
        assert!(!by("Autor: nieznany"));
        // Romanian "de" only in lower case: "De" opens headlines elsewhere.
        assert!(by("de Andrei Popescu"));
        assert!(!by("De Gaulle Airport Reopens"));
        // Korean names the reporter first: "<name> 기자".
        assert!(by("김민수 기자"));
        assert!(by("김민수 기자 minsu@example.com"));
        assert!(!by("기자 회견에서 장관은 말했다"));
        assert!(!by("김민수 기자 회견 열어 입장 밝혀"));
    }

    #[test]
    fn author_bios() {
        let bio = |s: &str| is_author_bio(s.as_bytes(), &feat(s));
        assert!(bio("Alex Hern is a staff writer at the New Statesman. You should follow Alex."));
        assert!(bio("Perry Bacon Jr. is a senior writer for FiveThirtyEight. @perrybaconjr"));
        assert!(bio("Ingrid is a reporter for TechCrunch, based out of London."));
        assert!(bio("Anna Weber ist freie Journalistin in Berlin und schreibt über Bildung."));
        assert!(bio("Jane Doe writes about science and health for the Daily Planet."));
        assert!(bio("Schreibt seit 2008 für die taz. War Korrespondent in Stuttgart."));
        assert!(bio("Hallo, ich bin Foodbloggerin, Backbuchautorin und Journalistin."));
        // A sentence about someone else, a pronoun, or a role that is not
        // the page's author's.
        assert!(!bio("He is the author of three books on the history of the war."));
        assert!(!bio("Maria Lopez is a professor of economics at the university."));
        assert!(!bio("The reporter is a witness in the case, the court heard on Monday."));
        assert!(!bio("Studiert man die Akten, ergibt sich ein anderes Bild der Lage."));
        // A paragraph longer than a bio box is article text about the person.
        let long =
            format!("Sam Lee is a reporter for the Herald. {}", "He covered the war. ".repeat(20));
        assert!(!bio(&long));
        // The cheap gate lets every bio through and stops ordinary lines.
        for line in [
            "Alex Hern is a staff writer at the New Statesman.",
            "ANNA WEBER IST freie Journalistin in Berlin.",
            "Éric Dupont est journaliste au Monde depuis 2010.",
            "Jane Doe writes ABOUT science for the Daily Planet.",
            "Schreibt seit 2008 für die taz.",
            "Hallo, ich bin Foodbloggerin und Journalistin.",
        ] {
            assert!(bio_verb_possible(line.as_bytes()), "{line}");
            assert!(bio(line), "{line}");
        }
        assert!(!bio_verb_possible(b"The government announced new measures on Wednesday."));
    }

    #[test]
    fn sentence_shape_without_stopwords() {
        let tr = "Uzmanlar, yüksek sıcaklığın körfezdeki oksijen miktarını azalttığını ve balık \
                  ölümlerine yol açabileceğini belirtiyor.";
        assert!(is_sentence(&feat(tr)));
        assert!(!is_sentence(&feat("Top Stories From Around The World Today In Brief Now.")));
    }

    #[test]
    fn marker_word_limits() {
        use crate::markers::{Anchor, MarkerHit};
        let share = MarkerHit { kind: MarkerKind::Share, anchor: Anchor::Start };
        assert!(marker_drops(share, &feat("Share this article")));
        let long = "Share prices fell sharply on Monday as investors worried about the \
                    outlook for the economy and the banks.";
        assert!(!marker_drops(share, &feat(long)));
        let whole = MarkerHit { kind: MarkerKind::Nav, anchor: Anchor::Line };
        assert!(marker_drops(whole, &feat("Home")));
        // A newsletter notice runs to a few sentences (46 words here); an
        // article paragraph that mentions a newsletter is longer.
        let notice = "Missing out on the latest developments? Enter your email below to receive \
                      future announcements direct to your inbox. An email confirmation will be \
                      sent before you will start receiving notifications, please check your spam \
                      folder if you don't receive this within the next few minutes.";
        let subscribe = MarkerHit { kind: MarkerKind::Subscribe, anchor: Anchor::Any };
        assert!(feat(notice).words > 35);
        assert!(marker_drops(subscribe, &feat(notice)));
        // A comment-count header carries the post's title.
        let header = MarkerHit { kind: MarkerKind::Comments, anchor: Anchor::Start };
        let title = "11 Antworten zu “Sunday Thoughts: Ein wenig lost, aber immer noch da!”";
        assert!(feat(title).words > 10 && marker_drops(header, &feat(title)));
        let paragraph = notice.repeat(2);
        assert!(!marker_drops(subscribe, &feat(&paragraph)));
    }
}
