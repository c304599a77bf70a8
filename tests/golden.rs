//! The golden corpus: every `corpus/**/<id>.input.txt` is cleaned with the
//! default configuration and must come out byte-for-byte as
//! `corpus/**/<id>.gold.txt`.
//!
//! Two kinds of tests live here:
//!
//! * **Corpus self-checks** (`corpus_*`): the corpus itself is well formed.
//!   Every input has a gold and a `cases.tsv` row and vice versa, each gold
//!   is an in-order subsequence of its input's lines (byte-exact, line
//!   terminators included) that follows the blank-line policy, every case has
//!   the documented shape, and the type/language coverage holds. These never
//!   run the cleaner, so they pass whatever the algorithm does.
//! * **The golden comparison** (`golden_outputs_match_gold`): runs
//!   `Cleaner::new(Config::default())` on every input, collects every
//!   mismatch, prints a line diff for each (input line number, `-` expected
//!   but dropped / `+` kept but not expected, the text, and the verdict's
//!   label and rule), then panics once with the number of failing cases.
//!
//! Set `DEBOIL_GOLDEN_FILTER=<substring>` to compare only the cases whose
//! `set/id` (e.g. `cases/en-cookie-banner`, `seeds/003_73fb9169c3d82bdc`)
//! contains the substring. The self-checks always look at the whole corpus.
//!
//! `corpus/README.md` describes the format and the labelling rules.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

use deboil::{Cleaner, Config, Verdict};

/// FIELD.md §4 type slugs a `cases.tsv` row may name (`none` = control case).
const TYPE_SLUGS: &[&str] = &[
    "navigation",
    "breadcrumb",
    "section-label",
    "latest-news-timestamps",
    "numbered-headline-list",
    "duplicated-title",
    "near-duplicate",
    "teaser-summary",
    "orphan-list-header",
    "photo-caption",
    "credit",
    "byline-dateline",
    "scraper-prefix",
    "timestamp",
    "theme-string",
    "share",
    "subscribe",
    "cookie",
    "copyright",
    "template-leak",
    "language-switcher",
    "recap-label",
    "foreign-script",
    "none",
];

/// Language codes a row may use.
const LANGS: &[&str] = &[
    "en", "ru", "uk", "pt", "es", "fr", "de", "pl", "it", "nl", "tr", "zh", "hi", "el", "ar", "id",
    "ja", "ko", "bg", "sk", "hr", "sr", "sl", "ca", "lt", "lv", "mk", "ur", "et", "sw", "th", "vi",
    "fa", "he", "cs", "ro",
];

/// Languages written in a non-Latin script.
const NON_LATIN_LANGS: &[&str] =
    &["ru", "uk", "zh", "hi", "el", "ar", "ja", "ko", "bg", "sr", "mk", "ur", "th", "fa", "he"];

/// The header line of `cases.tsv`.
const TSV_HEADER: &str = "set\tid\tlang\ttypes\tnote";

/// Coverage floors (see corpus/README.md).
const MIN_CASES: usize = 44;
const MIN_CASES_PER_TYPE: usize = 2;
const MIN_LANGS: usize = 8;
const MIN_NON_LATIN_CASES: usize = 4;
const MIN_CONTROL_CASES: usize = 3;
const MIN_CRLF_CASES: usize = 2;
const MIN_NO_FINAL_NEWLINE_CASES: usize = 1;

/// Shape of a written case (seeds are taken as they are).
const CASE_MIN_LINES: usize = 8;
const CASE_MAX_LINES: usize = 40;
const CASE_MIN_PROSE_LINES: usize = 3;
/// A prose line has at least this many whitespace-separated words…
const PROSE_MIN_WORDS: usize = 12;
/// …or, for Chinese and Thai (no spaces between words), this many Han or
/// Thai (Lao, Khmer, Myanmar) characters.
const PROSE_MIN_HAN: usize = 20;

/// Environment variable selecting the cases the comparison runs.
const FILTER_ENV: &str = "DEBOIL_GOLDEN_FILTER";

// ---------------------------------------------------------------------------
// Corpus loading
// ---------------------------------------------------------------------------

/// One input/gold pair found on disk.
#[derive(Debug)]
struct Pair {
    /// The directory the pair sits in, relative to `corpus/` (`seeds`, `cases`).
    set: String,
    /// The file stem without `.input.txt` / `.gold.txt`.
    id: String,
    input: PathBuf,
    gold: PathBuf,
}

impl Pair {
    fn name(&self) -> String {
        format!("{}/{}", self.set, self.id)
    }
}

/// One row of `cases.tsv`.
#[derive(Debug)]
struct Row {
    line: usize,
    set: String,
    id: String,
    lang: String,
    types: Vec<String>,
    note: String,
}

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus")
}

/// Every file under `corpus/` whose name ends in `suffix`, as
/// `(set, id, path)`, sorted by path.
fn files_with_suffix(suffix: &str) -> Vec<(String, String, PathBuf)> {
    let root = corpus_dir();
    let mut out = Vec::new();
    for entry in walkdir::WalkDir::new(&root).sort_by_file_name() {
        let entry = entry.expect("walking corpus/");
        if !entry.file_type().is_file() {
            continue;
        }
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(id) = name.strip_suffix(suffix) else {
            continue;
        };
        let set = entry
            .path()
            .parent()
            .and_then(|p| p.strip_prefix(&root).ok())
            .map(|p| p.to_string_lossy().replace('\\', "/"))
            .unwrap_or_default();
        out.push((set, id.to_string(), entry.path().to_path_buf()));
    }
    out
}

/// Every `*.input.txt` with its (expected) gold path, sorted.
fn pairs() -> Vec<Pair> {
    files_with_suffix(".input.txt")
        .into_iter()
        .map(|(set, id, input)| {
            let gold = input.with_file_name(format!("{id}.gold.txt"));
            Pair { set, id, input, gold }
        })
        .collect()
}

fn read(path: &Path) -> Vec<u8> {
    fs::read(path).unwrap_or_else(|e| panic!("reading {}: {e}", path.display()))
}

fn rows() -> Vec<Row> {
    let path = corpus_dir().join("cases.tsv");
    let text =
        fs::read_to_string(&path).unwrap_or_else(|e| panic!("reading {}: {e}", path.display()));
    let mut lines = text.lines().enumerate();
    let (_, header) = lines.next().expect("cases.tsv is empty");
    assert_eq!(header, TSV_HEADER, "cases.tsv header");
    let mut out = Vec::new();
    for (n, line) in lines {
        if line.trim().is_empty() {
            continue;
        }
        let fields: Vec<&str> = line.split('\t').collect();
        assert_eq!(
            fields.len(),
            5,
            "cases.tsv line {}: expected 5 tab-separated fields, got {}",
            n + 1,
            fields.len()
        );
        out.push(Row {
            line: n + 1,
            set: fields[0].to_string(),
            id: fields[1].to_string(),
            lang: fields[2].to_string(),
            types: fields[3].split(',').map(|t| t.trim().to_string()).collect(),
            note: fields[4].to_string(),
        });
    }
    out
}

// ---------------------------------------------------------------------------
// Lines (an independent re-implementation, so the corpus checks do not
// depend on the library's splitter)
// ---------------------------------------------------------------------------

/// Split into lines, each with its terminator: `\n`, `\r\n` or a lone `\r`.
/// The last line may have none. An empty input has no lines.
fn split_lines(data: &[u8]) -> Vec<&[u8]> {
    let mut out = Vec::new();
    let (mut start, mut i) = (0, 0);
    while i < data.len() {
        match data[i] {
            b'\n' => {
                out.push(&data[start..=i]);
                start = i + 1;
            }
            b'\r' => {
                if data.get(i + 1) == Some(&b'\n') {
                    i += 1;
                }
                out.push(&data[start..=i]);
                start = i + 1;
            }
            _ => {}
        }
        i += 1;
    }
    if start < data.len() {
        out.push(&data[start..]);
    }
    out
}

/// An empty or whitespace-only line (terminator included).
fn is_blank(line: &[u8]) -> bool {
    line.iter().all(|b| matches!(b, b' ' | b'\t' | b'\r' | b'\n' | 0x0b | 0x0c))
}

/// Map each line of `sub` to the earliest matching line of `full` after the
/// previous match. `None` if `sub` is not an in-order subsequence; the error
/// is the index in `sub` of the first line that could not be placed.
fn embed(sub: &[&[u8]], full: &[&[u8]]) -> Result<Vec<usize>, usize> {
    let mut out = Vec::with_capacity(sub.len());
    let mut j = 0;
    for (i, line) in sub.iter().enumerate() {
        while j < full.len() && full[j] != *line {
            j += 1;
        }
        if j == full.len() {
            return Err(i);
        }
        out.push(j);
        j += 1;
    }
    Ok(out)
}

/// The output the blank-line policy gives when exactly the non-blank input
/// lines `kept` (sorted indices) are kept: one blank line (the first of the
/// gap) between two kept lines whose gap holds at least one blank line, and
/// no blank line before the first or after the last kept line.
fn apply_blank_policy(lines: &[&[u8]], kept: &[usize]) -> Vec<u8> {
    let mut out = Vec::new();
    for (n, &i) in kept.iter().enumerate() {
        if n > 0 {
            if let Some(j) = (kept[n - 1] + 1..i).find(|&j| is_blank(lines[j])) {
                out.extend_from_slice(lines[j]);
            }
        }
        out.extend_from_slice(lines[i]);
    }
    out
}

/// A line as text for messages: lossy UTF-8, terminator shown as a tag,
/// control characters escaped, long lines shortened.
fn show(line: &[u8]) -> String {
    let (body, tag) = if let Some(b) = line.strip_suffix(b"\r\n") {
        (b, " [CRLF]")
    } else if let Some(b) = line.strip_suffix(b"\n") {
        (b, "")
    } else if let Some(b) = line.strip_suffix(b"\r") {
        (b, " [CR]")
    } else {
        (line, " [no EOL]")
    };
    let text = String::from_utf8_lossy(body);
    let mut s = String::new();
    for (n, c) in text.chars().enumerate() {
        if n == 96 {
            s.push('…');
            break;
        }
        if c.is_control() {
            s.extend(c.escape_default());
        } else {
            s.push(c);
        }
    }
    if s.is_empty() {
        s.push_str("(blank)");
    }
    s + tag
}

fn count_words(line: &str) -> usize {
    line.split_whitespace().count()
}

/// Characters of scripts written without spaces between words: Han, kana,
/// and Thai, Lao, Myanmar and Khmer.
fn count_han(line: &str) -> usize {
    line.chars()
        .filter(|c| {
            matches!(*c as u32, 0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0x0E00..=0x0EFF | 0x1000..=0x109F | 0x1780..=0x17FF)
        })
        .count()
}

fn is_prose(line: &[u8]) -> bool {
    let text = String::from_utf8_lossy(line);
    count_words(&text) >= PROSE_MIN_WORDS || count_han(&text) >= PROSE_MIN_HAN
}

/// Collects problems and panics once with all of them.
#[derive(Default)]
struct Problems(Vec<String>);

impl Problems {
    fn push(&mut self, msg: impl Into<String>) {
        self.0.push(msg.into());
    }

    fn finish(self, what: &str) {
        if !self.0.is_empty() {
            panic!("{what}: {} problem(s)\n  {}", self.0.len(), self.0.join("\n  "));
        }
    }
}

// ---------------------------------------------------------------------------
// Corpus self-checks
// ---------------------------------------------------------------------------

#[test]
fn corpus_every_input_has_a_gold_and_a_row() {
    let mut p = Problems::default();
    let pairs = pairs();
    if pairs.is_empty() {
        p.push("no *.input.txt under corpus/");
    }
    let inputs: BTreeSet<(String, String)> =
        pairs.iter().map(|x| (x.set.clone(), x.id.clone())).collect();
    for x in &pairs {
        if !x.gold.is_file() {
            p.push(format!("{}: input without gold ({})", x.name(), x.gold.display()));
        }
    }
    for (set, id, path) in files_with_suffix(".gold.txt") {
        if !inputs.contains(&(set.clone(), id.clone())) {
            p.push(format!("{set}/{id}: gold without input ({})", path.display()));
        }
    }

    let rows = rows();
    let mut seen = BTreeMap::new();
    for r in &rows {
        if let Some(first) = seen.insert((r.set.clone(), r.id.clone()), r.line) {
            p.push(format!(
                "cases.tsv line {}: {}/{} already listed on line {first}",
                r.line, r.set, r.id
            ));
        }
        if !inputs.contains(&(r.set.clone(), r.id.clone())) {
            p.push(format!("cases.tsv line {}: no corpus/{}/{}.input.txt", r.line, r.set, r.id));
        }
        if !LANGS.contains(&r.lang.as_str()) {
            p.push(format!("cases.tsv line {}: unknown lang {:?}", r.line, r.lang));
        }
        for t in &r.types {
            if !TYPE_SLUGS.contains(&t.as_str()) {
                p.push(format!("cases.tsv line {}: unknown type slug {t:?}", r.line));
            }
        }
        if r.types.iter().any(|t| t == "none") && r.types.len() > 1 {
            p.push(format!("cases.tsv line {}: `none` must stand alone", r.line));
        }
        if r.note.trim().is_empty() {
            p.push(format!("cases.tsv line {}: empty note", r.line));
        }
    }
    for (set, id) in &inputs {
        if !seen.contains_key(&(set.clone(), id.clone())) {
            p.push(format!("{set}/{id}: no row in cases.tsv"));
        }
    }
    p.finish("corpus pairing");
}

#[test]
fn corpus_gold_is_an_in_order_subsequence_of_input_lines() {
    let mut p = Problems::default();
    for x in pairs() {
        if !x.gold.is_file() {
            continue; // reported by the pairing test
        }
        let (input, gold) = (read(&x.input), read(&x.gold));
        let (il, gl) = (split_lines(&input), split_lines(&gold));
        if let Err(i) = embed(&gl, &il) {
            p.push(format!(
                "{}: gold line {} is not an input line after gold line {}: {}",
                x.name(),
                i + 1,
                i,
                show(gl[i])
            ));
        }
    }
    p.finish("gold ⊆ input");
}

#[test]
fn corpus_gold_follows_the_blank_line_policy() {
    let mut p = Problems::default();
    for x in pairs() {
        if !x.gold.is_file() {
            continue;
        }
        let (input, gold) = (read(&x.input), read(&x.gold));
        let (il, gl) = (split_lines(&input), split_lines(&gold));
        let non_blank: Vec<&[u8]> = gl.iter().copied().filter(|l| !is_blank(l)).collect();
        let Ok(kept) = embed(&non_blank, &il) else {
            continue; // reported by the subsequence test
        };
        if kept.is_empty() {
            p.push(format!("{}: gold keeps no line", x.name()));
            continue;
        }
        let want = apply_blank_policy(&il, &kept);
        if want != gold {
            let wl = split_lines(&want);
            let at = wl.iter().zip(&gl).position(|(a, b)| a != b).unwrap_or(wl.len().min(gl.len()));
            p.push(format!(
                "{}: blank lines differ from the policy at gold line {} (policy: {}, gold: {})",
                x.name(),
                at + 1,
                wl.get(at).map_or("(end)".to_string(), |l| show(l)),
                gl.get(at).map_or("(end)".to_string(), |l| show(l)),
            ));
        }
    }
    p.finish("blank-line policy");
}

#[test]
fn corpus_cases_have_the_documented_shape() {
    let mut p = Problems::default();
    for x in pairs().into_iter().filter(|x| x.set == "cases") {
        if !x.gold.is_file() {
            continue;
        }
        let (input, gold) = (read(&x.input), read(&x.gold));
        let (il, gl) = (split_lines(&input), split_lines(&gold));
        if !(CASE_MIN_LINES..=CASE_MAX_LINES).contains(&il.len()) {
            p.push(format!(
                "{}: {} input lines, want {CASE_MIN_LINES}..={CASE_MAX_LINES}",
                x.name(),
                il.len()
            ));
        }
        let prose = gl.iter().filter(|l| is_prose(l)).count();
        if prose < CASE_MIN_PROSE_LINES {
            p.push(format!(
                "{}: {prose} prose lines kept, want at least {CASE_MIN_PROSE_LINES}",
                x.name()
            ));
        }
        if std::str::from_utf8(&input).is_err() {
            p.push(format!("{}: input is not UTF-8", x.name()));
        }
        let crlf = il.iter().filter(|l| l.ends_with(b"\r\n")).count();
        if crlf != 0 && crlf + usize::from(!input.ends_with(b"\n")) != il.len() {
            p.push(format!("{}: mixes CRLF and LF line endings", x.name()));
        }
    }
    p.finish("case shape");
}

#[test]
fn corpus_covers_every_type_and_enough_languages() {
    let mut p = Problems::default();
    let rows = rows();
    let cases: Vec<&Row> = rows.iter().filter(|r| r.set == "cases").collect();
    if cases.len() < MIN_CASES {
        p.push(format!("{} written cases, want at least {MIN_CASES}", cases.len()));
    }
    for slug in TYPE_SLUGS.iter().filter(|s| **s != "none") {
        let n = cases.iter().filter(|r| r.types.iter().any(|t| t == slug)).count();
        if n < MIN_CASES_PER_TYPE {
            p.push(format!("type {slug}: {n} case(s), want at least {MIN_CASES_PER_TYPE}"));
        }
    }
    let controls = cases.iter().filter(|r| r.types == ["none"]).count();
    if controls < MIN_CONTROL_CASES {
        p.push(format!("{controls} control cases (`none`), want {MIN_CONTROL_CASES}"));
    }
    let langs: BTreeSet<&str> = cases.iter().map(|r| r.lang.as_str()).collect();
    if langs.len() < MIN_LANGS {
        p.push(format!("{} languages {langs:?}, want at least {MIN_LANGS}", langs.len()));
    }
    let non_latin = cases.iter().filter(|r| NON_LATIN_LANGS.contains(&r.lang.as_str())).count();
    if non_latin < MIN_NON_LATIN_CASES {
        p.push(format!("{non_latin} zh/ru/uk cases, want {MIN_NON_LATIN_CASES}"));
    }

    let (mut crlf, mut no_eol) = (0, 0);
    for x in pairs().into_iter().filter(|x| x.set == "cases") {
        let input = read(&x.input);
        crlf += usize::from(input.windows(2).any(|w| w == b"\r\n"));
        no_eol +=
            usize::from(!input.is_empty() && !input.ends_with(b"\n") && !input.ends_with(b"\r"));
    }
    if crlf < MIN_CRLF_CASES {
        p.push(format!("{crlf} CRLF cases, want {MIN_CRLF_CASES}"));
    }
    if no_eol < MIN_NO_FINAL_NEWLINE_CASES {
        p.push(format!(
            "{no_eol} cases without a final newline, want {MIN_NO_FINAL_NEWLINE_CASES}"
        ));
    }
    p.finish("coverage");
}

// ---------------------------------------------------------------------------
// The golden comparison
// ---------------------------------------------------------------------------

/// One side of the diff: a line, the input line it came from (0-based), and
/// whether it is expected (`-`) or produced (`+`).
enum Op {
    Same,
    Missing(usize),
    Extra(usize),
}

/// Longest-common-subsequence line diff of `gold` against `got`. Returns,
/// in order, `Missing(i)` for gold line `i` not produced, `Extra(j)` for
/// produced line `j` not in the gold, and `Same` for common lines.
fn diff(gold: &[&[u8]], got: &[&[u8]]) -> Vec<Op> {
    let (n, m) = (gold.len(), got.len());
    // lcs[i][j] = LCS length of gold[i..] and got[j..].
    let mut lcs = vec![vec![0u32; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            lcs[i][j] = if gold[i] == got[j] {
                lcs[i + 1][j + 1] + 1
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    let (mut i, mut j, mut ops) = (0, 0, Vec::new());
    while i < n || j < m {
        if i < n && j < m && gold[i] == got[j] {
            ops.push(Op::Same);
            i += 1;
            j += 1;
        } else if j < m && (i == n || lcs[i][j + 1] >= lcs[i + 1][j]) {
            ops.push(Op::Extra(j));
            j += 1;
        } else {
            ops.push(Op::Missing(i));
            i += 1;
        }
    }
    ops
}

fn describe(v: Option<&Verdict>) -> String {
    match v {
        Some(v) => format!(
            "{} {}/{} {:+.2}",
            if v.keep { "keep" } else { "drop" },
            v.label,
            v.rule,
            v.score
        ),
        None => "no verdict".to_string(),
    }
}

/// Compare one case; `None` if it matches, else a readable report.
fn compare(cleaner: &Cleaner, x: &Pair) -> Option<String> {
    let (input, gold) = (read(&x.input), read(&x.gold));
    let cleaned = cleaner.clean(&input);
    let got = cleaned.to_vec();
    if got == gold {
        return None;
    }

    let il = split_lines(&input);
    let gl = split_lines(&gold);
    let verdicts = cleaned.verdicts();
    // Produced lines with the input line each came from.
    let produced: Vec<(usize, &[u8])> = verdicts
        .iter()
        .enumerate()
        .filter(|(_, v)| v.keep)
        .map(|(i, v)| (i, &input[v.span.range()]))
        .collect();
    let pl: Vec<&[u8]> = produced.iter().map(|(_, l)| *l).collect();
    // Input line of each gold line (the corpus checks guarantee it exists).
    let gold_at = embed(&gl, &il).ok();

    let mut out = String::new();
    let _ = writeln!(
        out,
        "── {}: expected {} lines / {} bytes, got {} lines / {} bytes \
         (- expected but dropped, + kept but not expected)",
        x.name(),
        gl.len(),
        gold.len(),
        pl.len(),
        got.len()
    );
    if verdicts.len() != il.len() {
        let _ = writeln!(out, "   note: {} verdicts for {} input lines", verdicts.len(), il.len());
    }
    if pl.concat() != got {
        let _ = writeln!(out, "   note: to_vec() differs from the kept verdict spans");
    }
    let mut shown = 0;
    for op in diff(&gl, &pl) {
        let (sign, line_no, text) = match op {
            Op::Same => continue,
            Op::Missing(i) => ('-', gold_at.as_ref().map(|g| g[i]), gl[i]),
            Op::Extra(j) => ('+', Some(produced[j].0), pl[j]),
        };
        shown += 1;
        let at = line_no.map_or("L?".to_string(), |n| format!("L{}", n + 1));
        let why = describe(line_no.and_then(|n| verdicts.get(n)));
        let _ = writeln!(out, "   {sign} {at:>5}  [{why}]  {}", show(text));
    }
    if shown == 0 {
        let _ = writeln!(out, "   (same lines, different bytes: check terminators)");
    }
    Some(out)
}

#[test]
fn golden_outputs_match_gold() {
    let filter = std::env::var(FILTER_ENV).ok().filter(|f| !f.is_empty());
    let cleaner = Cleaner::new(Config::default());
    let selected: Vec<Pair> = pairs()
        .into_iter()
        .filter(|x| x.gold.is_file())
        .filter(|x| filter.as_deref().is_none_or(|f| x.name().contains(f)))
        .collect();
    assert!(
        !selected.is_empty(),
        "no golden case selected ({FILTER_ENV}={:?})",
        filter.unwrap_or_default()
    );
    let failures: Vec<(String, String)> = selected
        .iter()
        .filter_map(|x| compare(&cleaner, x).map(|report| (x.name(), report)))
        .collect();
    if !failures.is_empty() {
        let reports: Vec<&str> = failures.iter().map(|(_, r)| r.as_str()).collect();
        let names: Vec<&str> = failures.iter().map(|(n, _)| n.as_str()).collect();
        panic!(
            "\n{}\n{} of {} golden cases failed: {}\n(run one with {FILTER_ENV}=<substring>)",
            reports.join("\n"),
            failures.len(),
            selected.len(),
            names.join(", ")
        );
    }
}
