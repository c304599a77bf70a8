//! Date and time shapes: "21:15 20 мар 2026.", "Updated 5 minutes ago",
//! "2025-04-18", "3. März 2024, 14:05 Uhr", "2小时前".
//!
//! [`scan`] tokenises a line on whitespace and light punctuation and checks
//! each token against number shapes and a multilingual list of month,
//! weekday and relative-time words (FIELD.md §4.1, §4.3). Month words match by
//! prefix so that genitive forms ("марта", "березня") are found.

/// Month-name prefixes (lower case) in the languages of FIELD.md §4.3 plus
/// Italian, Dutch, Polish and Turkish. A word matches when it starts with one
/// of these and is at most [`MAX_MONTH_WORD`] characters long.
const MONTH_PREFIXES: &[&str] = &[
    // en
    "jan",
    "feb",
    "mar",
    "apr",
    "may",
    "jun",
    "jul",
    "aug",
    "sep",
    "oct",
    "nov",
    "dec",
    // de / nl / fr / es / pt / it extras
    "mär",
    "mai",
    "okt",
    "dez",
    "janv",
    "févr",
    "fev",
    "avr",
    "juin",
    "juil",
    "août",
    "aout",
    "déc",
    "ene",
    "abr",
    "ago",
    "dic",
    "set",
    "out",
    "dez",
    "gen",
    "mag",
    "giu",
    "lug",
    "ott",
    "maart",
    "mei",
    "okt",
    "sty",
    "lut",
    "kwi",
    "cze",
    "lip",
    "sie",
    "wrz",
    "paź",
    "paz",
    "lis",
    "gru",
    "oca",
    "şub",
    "sub",
    "nis",
    "haz",
    "tem",
    "ağu",
    "agu",
    "eyl",
    "eki",
    "kas",
    "ara",
    "styczn",
    "lutego",
    "marca",
    "kwietn",
    "maja",
    "czerw",
    "lipca",
    "sierpn",
    "wrześ",
    "październ",
    "listopad",
    "grudn", // ru
    "янв",
    "фев",
    "мар",
    "апр",
    "мая",
    "май",
    "июн",
    "июл",
    "авг",
    "сен",
    "окт",
    "ноя",
    "дек",
    // uk
    "січ",
    "лют",
    "бер",
    "квіт",
    "трав",
    "черв",
    "лип",
    "серп",
    "вер",
    "жовт",
    "лист",
    "груд",
    // th (whole names: Thai has no case and no shorter spelled-out forms)
    "มกราคม",
    "กุมภาพันธ์",
    "มีนาคม",
    "เมษายน",
    "พฤษภาคม",
    "มิถุนายน",
    "กรกฎาคม",
    "สิงหาคม",
    "กันยายน",
    "ตุลาคม",
    "พฤศจิกายน",
    "ธันวาคม",
];

/// Longest month word accepted ("septiembre", "październik", "вересня").
const MAX_MONTH_WORD: usize = 11;

/// Weekdays and words that often surround a timestamp ("Updated", "am",
/// "Uhr", "ago"), all lower case, matched whole.
const DATE_WORDS: &[&str] = &[
    // th: "น." (นาฬิกา, o'clock) after a time: "10:45 น."
    "น",
    // en
    "mon",
    "tue",
    "wed",
    "thu",
    "fri",
    "sat",
    "sun",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "am",
    "pm",
    "a.m",
    "p.m",
    "utc",
    "gmt",
    "est",
    "cet",
    "et",
    "edt",
    "cst",
    "cdt",
    "mst",
    "mdt",
    "pst",
    "pdt",
    "bst",
    "cest",
    "msk",
    "ist",
    "jst",
    "aest",
    "updated",
    "published",
    "posted",
    "on",
    "at",
    "last",
    "modified",
    "ago",
    "min",
    "mins",
    "minute",
    "minutes",
    "hour",
    "hours",
    "hr",
    "hrs",
    "day",
    "days",
    "week",
    "weeks",
    "month",
    "months",
    "year",
    "years",
    "yesterday",
    "today",
    "just",
    "now",
    "of",
    "the",
    "th",
    "st",
    "nd",
    "rd",
    "read",
    "|", // de
    "uhr",
    "montag",
    "dienstag",
    "mittwoch",
    "donnerstag",
    "freitag",
    "samstag",
    "sonntag",
    "mo",
    "di",
    "mi",
    "do",
    "fr",
    "sa",
    "so",
    "am",
    "um",
    "vor",
    "minuten",
    "stunde",
    "stunden",
    "tag",
    "tagen",
    "gestern",
    "heute",
    "aktualisiert",
    "veröffentlicht",
    "stand", // fr
    "lundi",
    "mardi",
    "mercredi",
    "jeudi",
    "vendredi",
    "samedi",
    "dimanche",
    "le",
    "à",
    "il",
    "y",
    "a",
    "heure",
    "heures",
    "h",
    "jours",
    "hier",
    "aujourd'hui",
    "publié",
    "mis",
    "jour",
    // es / pt / it
    "lunes",
    "martes",
    "miércoles",
    "jueves",
    "viernes",
    "sábado",
    "domingo",
    "de",
    "del",
    "hace",
    "horas",
    "hora",
    "minutos",
    "días",
    "ayer",
    "hoy",
    "segunda",
    "terça",
    "quarta",
    "quinta",
    "sexta",
    "há",
    "ontem",
    "hoje",
    "atualizado",
    "em",
    "às",
    "ore",
    "fa",
    "ieri",
    "oggi",
    // pl / nl / tr
    "godz",
    "temu",
    "wczoraj",
    "dzisiaj",
    "geleden",
    "gisteren",
    "vandaag",
    "uur",
    "önce",
    "dün",
    "bugün",
    "saat", // ru / uk
    "в",
    "назад",
    "минут",
    "минуты",
    "минуту",
    "час",
    "часа",
    "часов",
    "вчера",
    "сегодня",
    "г",
    "года",
    "обновлено",
    "тому",
    "хвилин",
    "хвилини",
    "годин",
    "години",
    "годину",
    "вчора",
    "сьогодні",
    "о",
    "пн",
    "вт",
    "ср",
    "чт",
    "пт",
    "сб",
    "вс",
    "нд",
];

/// [`DATE_WORDS`] as a set, built once.
static DATE_WORD_SET: std::sync::LazyLock<
    std::collections::HashSet<&'static str, foldhash::fast::FixedState>,
> = std::sync::LazyLock::new(|| DATE_WORDS.iter().copied().collect());

/// Words of [`DATE_WORDS`] that glue a timestamp together but do not make a
/// number a date on their own ("2024 of" is not a timestamp; "2 hours" is).
const GLUE_WORDS: &[&str] = &[
    "on", "at", "of", "the", "last", "just", "read", "|", "am", "um", "le", "à", "il", "y", "a",
    "de", "del", "em", "às", "mis", "в", "о", "г", "so", "do", "di", "mi", "sa", "fr", "mo", "et",
    "est", "set",
];

/// Characters that split timestamp tokens besides whitespace.
fn is_split(c: char) -> bool {
    crate::chars::is_whitespace(c)
        || matches!(c, ',' | '(' | ')' | '[' | ']' | '·' | '•' | '–' | '—' | '|')
}

/// A token made only of digits and date/time separators ("21:15",
/// "20.03.2026", "2025-04-18", "14h05", "3.", "2026.").
fn is_number_token(t: &str) -> bool {
    let mut digits = 0;
    for c in t.chars() {
        match c {
            '0'..='9' => digits += 1,
            ':' | '.' | '/' | '-' | 'h' => {}
            _ => return false,
        }
    }
    digits > 0
}

/// Does the token look like a clock time or a full date on its own? (A
/// number token, trailing dots left out, with a colon and 3–6 digits, or
/// with two or more of `: . / -` and 4–8 digits.)
///
/// One pass over the bytes, which stops at the first byte no number token
/// has (the first, for a word): the same answer as trimming the dots and
/// counting digits and separators in passes of their own
/// (`is_strong_date_by_passes` in the tests).
fn is_strong_date(t: &str) -> bool {
    let (mut digits, mut seps, mut colon, mut trailing_dots) = (0usize, 0usize, false, 0usize);
    for &b in t.as_bytes() {
        match b {
            b'0'..=b'9' => digits += 1,
            b':' => colon = true,
            b'.' | b'/' | b'-' | b'h' => {}
            _ => return false,
        }
        if matches!(b, b':' | b'.' | b'/' | b'-') {
            seps += 1;
        }
        trailing_dots = if b == b'.' { trailing_dots + 1 } else { 0 };
    }
    (colon && (3..=6).contains(&digits)) || (seps - trailing_dots >= 2 && (4..=8).contains(&digits))
}

/// [`SPLIT_ASCII`]: the byte splits tokens.
const SPLIT_YES: u8 = 1;
/// [`SPLIT_ASCII`]: the byte starts a character that may split tokens (a
/// lead byte of U+0085, U+00A0 and `·` (`C2`), of U+1680 (`E1`), of the
/// other whitespace, `•`, `–` and `—` (`E2`), of U+3000 (`E3`)): decoded.
const SPLIT_MAYBE: u8 = 2;

/// Per byte: [`SPLIT_YES`], [`SPLIT_MAYBE`] or 0 (never a split character,
/// nor the start of one). As [`is_split`] on ASCII; the tests check every
/// character.
static SPLIT_ASCII: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = match b as u8 {
            b' ' | b'\t'..=b'\r' | b',' | b'(' | b')' | b'[' | b']' | b'|' => SPLIT_YES,
            0xC2 | 0xE1 | 0xE2 | 0xE3 => SPLIT_MAYBE,
            _ => 0,
        };
        b += 1;
    }
    t
};

/// The tokens of `s` between [`is_split`] characters, empty ones included:
/// what `s.split(is_split)` gives, with ASCII bytes classified by
/// [`SPLIT_ASCII`] and only the lead bytes of split characters decoded.
fn split_tokens(s: &str) -> impl Iterator<Item = &str> {
    let mut rest = Some(s);
    std::iter::from_fn(move || {
        let r = rest?;
        let b = r.as_bytes();
        let mut i = 0;
        while i < b.len() {
            match SPLIT_ASCII[usize::from(b[i])] {
                0 => i += 1,
                SPLIT_YES => {
                    rest = Some(&r[i + 1..]);
                    return Some(&r[..i]);
                }
                _ => {
                    let (c, n) = crate::chars::decode(&b[i..]);
                    if c.is_some_and(is_split) {
                        rest = Some(&r[i + n..]);
                        return Some(&r[..i]);
                    }
                    i += n;
                }
            }
        }
        rest = None;
        Some(r)
    })
}

fn is_month(lower: &str) -> bool {
    let n = lower.chars().count();
    if !(3..=MAX_MONTH_WORD).contains(&n) {
        return false;
    }
    // The same as `MONTH_PREFIXES.iter().any(|p| lower.starts_with(p))`:
    // one set lookup per prefix length instead of a hundred comparisons,
    // none when no prefix starts with the word's first two bytes.
    let months = &*MONTH_SET;
    if !months.heads.may_start(lower.as_bytes()) {
        return false;
    }
    let mut chars = 0;
    for (i, _) in lower.char_indices().skip(1).chain(std::iter::once((lower.len(), ' '))) {
        chars += 1;
        if chars > months.longest {
            break;
        }
        if months.lengths & (1 << chars) != 0 && months.prefixes.contains(&lower[..i]) {
            return true;
        }
    }
    false
}

/// [`MONTH_PREFIXES`] as a set, with the prefix lengths (in characters) it
/// holds.
struct MonthSet {
    prefixes: std::collections::HashSet<&'static str, foldhash::fast::FixedState>,
    /// Bit `n` set: some prefix has `n` characters.
    lengths: u64,
    longest: usize,
    /// The prefixes' first bytes: `false` from `heads.may_start(word)`
    /// proves no prefix starts `word`.
    heads: crate::markers::Heads,
}

static MONTH_SET: std::sync::LazyLock<MonthSet> = std::sync::LazyLock::new(|| {
    let lengths = MONTH_PREFIXES.iter().fold(0u64, |acc, p| acc | 1 << p.chars().count());
    MonthSet {
        prefixes: MONTH_PREFIXES.iter().copied().collect(),
        lengths,
        longest: MONTH_PREFIXES.iter().map(|p| p.chars().count()).max().unwrap_or(0),
        heads: crate::markers::Heads::new(MONTH_PREFIXES.iter().copied()),
    }
});

/// CJK relative and absolute dates: "2小时前", "3月20日", "2026年".
fn is_cjk_date(t: &str) -> bool {
    let has_digit = t.chars().any(|c| c.is_ascii_digit());
    has_digit
        && t.chars().all(|c| {
            c.is_ascii_digit()
                || matches!(
                    c,
                    '年' | '月'
                        | '日'
                        | '时'
                        | '時'
                        | '分'
                        | '前'
                        | '小'
                        | '天'
                        | '钟'
                        | '鐘'
                        | ':'
                )
        })
}

/// Bytes of the stack buffer a token is lower-cased into by [`scan`]: the
/// longest date word is 18 bytes and a month name at most 11 two-byte
/// characters; a longer token (which can still be an ordinal, "000…0th")
/// goes to the heap, as all tokens did before.
const LOWER_BUF: usize = 64;

/// The lower case of `t` (as [`crate::chars::push_lower`] writes it), in
/// `buf` when it fits, else in `heap`.
fn lower_token<'b>(t: &str, buf: &'b mut [u8; LOWER_BUF], heap: &'b mut String) -> &'b str {
    let mut n = 0;
    for c in t.chars() {
        // A lower case takes at most twice its character's bytes.
        if n + 2 * c.len_utf8() > LOWER_BUF {
            heap.clear();
            t.chars().for_each(|c| crate::chars::push_lower(c, heap));
            return heap.as_str();
        }
        n += crate::chars::write_lower_utf8(c, &mut buf[n..]);
    }
    // `write_lower_utf8` writes whole characters.
    std::str::from_utf8(&buf[..n]).unwrap_or_default()
}

/// Returns `(only_dates, any_date)`: whether the line consists only of
/// date/time tokens (with at least one number), and whether it contains a
/// strong date token (clock time or full numeric date) anywhere.
pub fn scan(text: &[u8]) -> (bool, bool) {
    // Every date shape has an ASCII digit (numbers, clock times, "2小时前"):
    // most lines have none and need no tokenising at all.
    if !text.iter().any(u8::is_ascii_digit) {
        return (false, false);
    }
    let Ok(s) = std::str::from_utf8(text) else {
        return (false, false);
    };
    if s.len() > 120 {
        // Long lines are never timestamps; look for a date only near the start.
        let head = s.char_indices().nth(60).map_or(s, |(i, _)| &s[..i]);
        let any = split_tokens(head).any(is_strong_date);
        return (false, any);
    }
    let mut only = true;
    let mut numbers = 0;
    let mut strong = false;
    let mut month = false;
    let mut date_word = false;
    let mut tokens = 0;
    // Lower-cased tokens are written here, not into a `String`: this runs
    // for every line with a digit and must not allocate.
    let mut buf = [0u8; LOWER_BUF];
    let mut heap = String::new();
    let date_words = &*DATE_WORD_SET;
    for tok in split_tokens(s).filter(|t| !t.is_empty()) {
        tokens += 1;
        let t = tok.trim_end_matches(['.', ':', ',']);
        if t.is_empty() {
            continue;
        }
        if is_number_token(t) {
            numbers += 1;
            strong |= is_strong_date(tok);
            continue;
        }
        if is_cjk_date(t) {
            numbers += 1;
            strong = true;
            continue;
        }
        let lower = lower_token(t, &mut buf, &mut heap);
        // "20th", "1st", "3rd".
        let ordinal = lower.trim_start_matches(|c: char| c.is_ascii_digit());
        if ordinal.len() < lower.len() && matches!(ordinal, "th" | "st" | "nd" | "rd" | "er" | "e")
        {
            numbers += 1;
            continue;
        }
        if is_month(lower) {
            month = true;
            continue;
        }
        // Date words only matter while the line may still be a timestamp.
        if only && date_words.contains(lower) {
            date_word |= !GLUE_WORDS.contains(&lower);
            continue;
        }
        only = false;
        if strong || month && numbers > 0 {
            // Neither answer can change any more.
            break;
        }
    }
    let any = strong || (month && numbers > 0);
    (only && tokens > 0 && numbers > 0 && (strong || month || date_word), any)
}

#[cfg(test)]
mod tests {
    use super::scan;

    /// The token splitter and the one-pass strong-date test answer as
    /// `str::split` and the passes they replaced, on every corpus and
    /// dev-set line, every character, and odd cases.
    #[test]
    fn split_and_strong_date_equal_the_str_versions() {
        fn is_strong_date_by_passes(t: &str) -> bool {
            let t = t.trim_end_matches('.');
            let b = t.as_bytes();
            let digits = b.iter().filter(|b| b.is_ascii_digit()).count();
            let seps = b.iter().filter(|&&b| matches!(b, b':' | b'.' | b'/' | b'-')).count();
            (t.contains(':') && (3..=6).contains(&digits) && super::is_number_token(t))
                || (seps >= 2 && (4..=8).contains(&digits) && super::is_number_token(t))
        }
        let mut lines: Vec<String> = crate::testdata::corpus_and_dev_lines()
            .iter()
            .filter_map(|l| std::str::from_utf8(l).ok().map(str::to_string))
            .collect();
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            lines.push(format!("12:30{c}2024-01-02{c}{c}x"));
        }
        lines.extend(
            [
                "",
                ",",
                "12:30.",
                "12:30...",
                "1.2.",
                "2024-01-02..",
                "14h05",
                "h:1:2:3",
                "1..",
                "..1234",
                "12:3",
                "1:2345678",
                "2024/01/02,x",
                "a12:30",
                "\u{a0}12:30\u{3000}",
            ]
            .map(String::from),
        );
        for line in &lines {
            let got: Vec<&str> = super::split_tokens(line).collect();
            let want: Vec<&str> = line.split(super::is_split).collect();
            assert_eq!(got, want, "{line:?}");
            for t in want {
                assert_eq!(super::is_strong_date(t), is_strong_date_by_passes(t), "{t:?}");
            }
        }
    }

    #[test]
    fn month_lookup_equals_prefix_scan() {
        let reference = |lower: &str| {
            let n = lower.chars().count();
            (3..=super::MAX_MONTH_WORD).contains(&n)
                && super::MONTH_PREFIXES.iter().any(|p| lower.starts_with(p))
        };
        let mut words: Vec<String> = Vec::new();
        for p in super::MONTH_PREFIXES.iter().chain(super::DATE_WORDS) {
            for suffix in ["", "a", "ya", "uary", "ого", "ня", "xxxxxxxxx"] {
                words.push(format!("{p}{suffix}"));
            }
            let mut chars = p.chars();
            chars.next_back();
            words.push(chars.as_str().to_string());
        }
        words.extend(["ma", "marz", "mär", "the", "", "x", "березня", "février"].map(String::from));
        // Every prefix has two bytes or more (the head gate would also take
        // shorter ones).
        assert!(super::MONTH_PREFIXES.iter().all(|p| p.len() >= 2));
        for w in &words {
            assert_eq!(super::is_month(w), reference(w), "{w:?}");
        }
    }

    #[test]
    fn lower_token_equals_push_lower() {
        let mut buf = [0u8; super::LOWER_BUF];
        let mut heap = String::new();
        let long = "İ".repeat(40) + "th";
        for t in ["March", "МАРТА", "İstanbul", "ΣΕΠΤΕΜΒΡΊΟΥ", "20TH", "", long.as_str()]
        {
            let mut want = String::new();
            t.chars().for_each(|c| crate::chars::push_lower(c, &mut want));
            assert_eq!(super::lower_token(t, &mut buf, &mut heap), want, "{t}");
        }
    }

    fn only(s: &str) -> bool {
        scan(s.as_bytes()).0
    }

    #[test]
    fn timestamps_in_many_languages() {
        for s in [
            "21:15 20 мар 2026.",
            "19:08 20 марта 2026",
            "2025-04-18",
            "20.03.2026, 14:05 Uhr",
            "3. März 2024",
            "Updated 5 minutes ago",
            "July 21, 2012",
            "Monday, 21 July 2012 at 17:46",
            "vor 2 Stunden",
            "il y a 2 heures",
            "hace 2 horas",
            "há 2 horas",
            "5 минут назад",
            "2 години тому",
            "2小时前",
            "3月20日 14:05",
            "5 ธันวาคม 2569 10:45 น.",
            "14 березня 2025",
            "07.21.12 at 17:46",
        ] {
            assert!(only(s), "{s}");
        }
    }

    #[test]
    fn headlines_and_prose_are_not_timestamps() {
        for s in [
            "Trial opens for students, journalists over protests",
            "Russia uses it every day and every night to kill.",
            "May the best team win",
            "Latest news",
            "2024",
            "",
            "Top 10 tips for March",
        ] {
            assert!(!only(s), "{s}");
        }
        // A bare number is not a timestamp.
        assert!(!only("42"));
    }

    #[test]
    fn any_date_finds_dates_inside_lines() {
        assert!(scan(b"by John on July 21, 2012").1);
        assert!(scan(b"Posted 2025-04-18 by admin").1);
        assert!(!scan(b"The war began in 2022 and goes on.").1);
    }
}
