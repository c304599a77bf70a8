//! One function per fuzz target. Each takes the raw fuzz input and panics,
//! with a message that reproduces the case, when a property breaks: not
//! just "no panic", but the same oracles as `tests/props.rs`.
//!
//! Included by `fuzz/src/lib.rs` (the fuzz binaries) and by
//! `tests/fuzz_replay.rs` (regressions as ordinary tests); both declare
//! `crate::check` (`tests/props/check.rs`) next to it.

use std::fmt;

use arbitrary::{Arbitrary, Unstructured};
use deboil::eval::pairs::PairCounts;
use deboil::eval::text::{self, TokenBag};
use deboil::io::warc::WarcReader;
use deboil::io::{Compression, JsonlReader};
use deboil::lines::{self, LineIter, LineSpan};
use deboil::{
    BlankLines, Cleaner, Config, Lang, LanguageChoice, OverLimit, Stage, Strictness, Switch,
};

use crate::check;

/// Number of input bytes [`FuzzConfig`] takes from the front of a `clean`
/// input; all-zero bytes mean `Config::default()` and no template
/// evidence, so a seed is these zeros followed by a document.
pub const CONFIG_BYTES: usize = 9;

/// The configuration half of a `clean` input: plain bytes mapped onto the
/// [`Config`] builder, zero meaning the default everywhere.
#[derive(Arbitrary, Clone, Copy, PartialEq, Eq)]
pub struct FuzzConfig {
    /// 0 Balanced, 1 Recall, 2 Precision (modulo 3).
    strictness: u8,
    /// Bit `i` switches `Stage::ALL[i]` off.
    stages_off: u8,
    /// Bit 0: `BlankLines::Drop`; bit 1: `OverLimit::Truncate`.
    policies: u8,
    /// Limits apply when this is ≥ 224 (one input in eight).
    limit_sel: u8,
    /// `max_document_lines` (at least 1) when limits apply.
    max_lines: u8,
    /// `max_document_bytes` (at least 1) when limits apply.
    max_bytes: u16,
    /// A fixed language `Lang::ALL[lang % 19]` when this is ≥ 218.
    lang: u8,
    /// Clean with [`FakeEvidence`] reporting this share (of 256) of the
    /// line keys as template lines; 0: plain `clean`.
    evidence: u8,
}

impl FuzzConfig {
    fn strictness(&self) -> Strictness {
        [Strictness::Balanced, Strictness::Recall, Strictness::Precision]
            [usize::from(self.strictness % 3)]
    }

    fn stages_off(&self) -> impl Iterator<Item = Stage> + '_ {
        Stage::ALL
            .into_iter()
            .enumerate()
            .filter(|(i, _)| self.stages_off >> i & 1 == 1)
            .map(|(_, s)| s)
    }

    fn blank(&self) -> BlankLines {
        if self.policies & 1 == 1 {
            BlankLines::Drop
        } else {
            BlankLines::Separators
        }
    }

    fn over(&self) -> OverLimit {
        if self.policies & 2 == 2 {
            OverLimit::Truncate
        } else {
            OverLimit::PassThrough
        }
    }

    fn limits(&self) -> Option<(usize, usize)> {
        (self.limit_sel >= 224)
            .then(|| (usize::from(self.max_lines).max(1), usize::from(self.max_bytes).max(1)))
    }

    fn lang(&self) -> Option<Lang> {
        (self.lang >= 218).then(|| Lang::ALL[usize::from(self.lang) % Lang::ALL.len()])
    }

    /// The config these bytes stand for.
    pub fn build(&self) -> Config {
        let mut b = Config::builder()
            .strictness(self.strictness())
            .blank_lines(self.blank())
            .over_limit(self.over());
        for s in self.stages_off() {
            b = b.stage(s, Switch::Off);
        }
        if let Some((lines, bytes)) = self.limits() {
            b = b.max_document_lines(lines).max_document_bytes(bytes);
        }
        if let Some(l) = self.lang() {
            b = b.language(LanguageChoice::Fixed(l));
        }
        b.build()
    }
}

/// Rust code that builds the same config.
impl fmt::Debug for FuzzConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Config::builder()")?;
        write!(f, ".strictness(Strictness::{:?})", self.strictness())?;
        for s in self.stages_off() {
            write!(f, ".stage(Stage::{s:?}, Switch::Off)")?;
        }
        write!(f, ".blank_lines(BlankLines::{:?})", self.blank())?;
        write!(f, ".over_limit(OverLimit::{:?})", self.over())?;
        if let Some((lines, bytes)) = self.limits() {
            write!(f, ".max_document_lines({lines}).max_document_bytes({bytes})")?;
        }
        if let Some(l) = self.lang() {
            write!(f, ".language(LanguageChoice::Fixed(Lang::{l:?}))")?;
        }
        write!(f, ".build()")
    }
}

/// Cross-document evidence made up from the line keys: a key is a template
/// line on 25 of the site's 20 documents when its scrambled value falls in
/// the first `share` 256ths.
#[derive(Clone, Copy, Debug)]
pub struct FakeEvidence {
    /// Share of the keys reported, in 256ths.
    pub share: u8,
}

impl deboil::templates::LineEvidence for FakeEvidence {
    fn lookup(&self, key: u64) -> Option<deboil::templates::TemplateHit> {
        let pick = key.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 56;
        (pick < u64::from(self.share)).then_some(deboil::templates::TemplateHit {
            site_docs: 25,
            site_total: 20,
            sites: 25,
        })
    }
}

/// A decoded `clean` input. Its `Debug` is a ready-to-run reproducer.
pub struct CleanInput<'a> {
    pub config: FuzzConfig,
    pub text: &'a [u8],
}

impl<'a> CleanInput<'a> {
    /// Split raw fuzz bytes into a config and a document (`None` when there
    /// are fewer than [`CONFIG_BYTES`] bytes).
    pub fn decode(data: &'a [u8]) -> Option<CleanInput<'a>> {
        if data.len() < CONFIG_BYTES {
            return None;
        }
        let mut u = Unstructured::new(&data[..CONFIG_BYTES]);
        let config = FuzzConfig::arbitrary(&mut u).ok()?;
        Some(CleanInput { config, text: &data[CONFIG_BYTES..] })
    }
}

impl fmt::Debug for CleanInput<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "use deboil::*;")?;
        writeln!(f, "let config = {:?};", self.config)?;
        writeln!(f, "let input: &[u8] = b\"{}\";", self.text.escape_ascii())?;
        if self.config.evidence == 0 {
            write!(f, "let cleaned = Cleaner::new(config).clean(input);")
        } else {
            let share = self.config.evidence;
            write!(
                f,
                "// deboil_fuzz::targets::FakeEvidence {{ share: {share} }}\n\
                 let cleaned = Cleaner::new(config).clean_with_evidence(input, &evidence);"
            )
        }
    }
}

/// `clean`: bytes plus an arbitrary [`Config`] and, one time in two, made-up
/// cross-document template evidence. Checks the structural oracle
/// (`check::check`: coverage, byte-exact in-order output, limits, rule
/// references, explanations, blank policy) and that a second run gives the
/// same verdicts.
pub fn clean(data: &[u8]) {
    let Some(input) = CleanInput::decode(data) else { return };
    let config = input.config.build();
    let cleaner = Cleaner::new(config.clone());
    let evidence = FakeEvidence { share: input.config.evidence };
    let run = || {
        if evidence.share == 0 {
            cleaner.clean(input.text)
        } else {
            cleaner.clean_with_evidence(input.text, &evidence)
        }
    };
    let first = run();
    if let Err(e) = check::check(input.text, &first, &config) {
        panic!("{e}\n--- reproducer ---\n{input:?}");
    }
    let second = run();
    let same = first.verdicts().len() == second.verdicts().len()
        && first.verdicts().iter().zip(second.verdicts()).all(|(a, b)| {
            (a.span, a.keep, a.label, a.rule, a.score.to_bits(), a.features)
                == (b.span, b.keep, b.label, b.rule, b.score.to_bits(), b.features)
        });
    assert!(same, "a second run gave other verdicts\n--- reproducer ---\n{input:?}");
}

/// `lines`: `LineIter` and `split_into` against the byte-loop splitter;
/// the lines concatenate to the input.
pub fn lines(data: &[u8]) {
    let reference = check::naive_lines(data);
    let fast: Vec<_> = LineIter::new(data).map(|l| (l.start, l.content_end, l.end)).collect();
    assert_eq!(fast, reference, "input b\"{}\"", data.escape_ascii());
    let mut reused = vec![LineSpan { start: 1, content_end: 2, end: 3 }; 3];
    lines::split_into(data, &mut reused);
    let mut joined = Vec::with_capacity(data.len());
    for (l, r) in reused.iter().zip(&reference) {
        assert_eq!((l.start, l.content_end, l.end), *r);
        joined.extend_from_slice(&data[l.range()]);
    }
    assert_eq!(reused.len(), reference.len());
    assert_eq!(joined, data);
}

/// `normalise`: `repeats::normalise` against the reference normaliser, and
/// `line_hash` is `None` exactly for an empty normal form.
pub fn normalise(data: &[u8]) {
    let mut buf = String::new();
    deboil::repeats::normalise(data, &mut buf);
    let reference = check::naive_normalise(data);
    assert_eq!(buf, reference, "line b\"{}\"", data.escape_ascii());
    // `line_hash` folds into bytes of its own: it hashes exactly the normal
    // form and leaves its scratch buffer empty, whatever it held.
    let mut scratch = String::from("junk");
    let hash = deboil::repeats::line_hash(data, &mut scratch);
    let expected = (!buf.is_empty()).then(|| xxhash_rust::xxh3::xxh3_64(buf.as_bytes()));
    assert_eq!(hash, expected, "line_hash hashed something else than the normal form");
    assert!(scratch.is_empty());
    assert!(!buf.starts_with(' ') && !buf.ends_with(' ') && !buf.contains("  "));
}

/// `eval_tokens`: the `score.py` tokeniser on arbitrary bytes (decoded as
/// `score.py` does). Tokens are non-empty, hold no whitespace or `_`, a
/// CJK token is one character; a token that NFKC and case folding leave
/// unchanged tokenises to itself (idempotence where it holds); the token
/// bag counts the tokens; a text scores P = R = F1 = 1 against itself;
/// whitespace normalisation is idempotent and agrees with `is_blank`.
pub fn eval_tokens(data: &[u8]) {
    let text = text::decode_lossy(data);
    let toks = text::tokens(&text);
    let mut fixed = true;
    for t in &toks {
        assert!(!t.is_empty(), "empty token in {text:?}");
        assert!(
            !t.contains('_') && !t.chars().any(text::is_py_whitespace),
            "token {t:?} of {text:?}"
        );
        if t.chars().any(text::is_cjk) {
            assert_eq!(t.chars().count(), 1, "CJK token {t:?} of {text:?}");
        }
        if text::nfkc(t) == t.as_str() && text::casefold(t) == *t {
            assert_eq!(
                text::tokens(t),
                std::slice::from_ref(t),
                "token {t:?} of {text:?} not a fixed point"
            );
        } else {
            fixed = false;
        }
    }
    if fixed {
        assert_eq!(text::tokens(&toks.join(" ")), toks, "re-tokenising {text:?}");
    }
    let bag = TokenBag::from_text(&text);
    assert_eq!(bag.len(), toks.len() as u64);
    assert_eq!(bag.overlap(&bag), bag.len());
    let prf = PairCounts::of_texts(&text, &text).prf();
    if toks.is_empty() {
        assert_eq!((prf.precision, prf.recall, prf.f1), (0.0, 0.0, 0.0));
    } else {
        assert_eq!((prf.precision, prf.recall, prf.f1), (1.0, 1.0, 1.0));
    }
    let norm = text::normalize_whitespace(&text);
    assert_eq!(text::normalize_whitespace(&norm), norm);
    assert_eq!(text::is_blank(&text), norm.is_empty());
    assert!(!norm.starts_with(' ') && !norm.ends_with(' ') && !norm.contains("  "));
}

// ------------------------------------------------------------- readers

/// A reader that hands out at most `step` bytes per `read` call, to check
/// that the streaming readers cut records the same whatever the read sizes.
pub struct Chunked<'a> {
    data: &'a [u8],
    step: usize,
}

impl std::io::Read for Chunked<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.data.len().min(buf.len()).min(self.step);
        buf[..n].copy_from_slice(&self.data[..n]);
        self.data = &self.data[n..];
        Ok(n)
    }
}

/// The read size a reader target uses, from its first input byte (small
/// steps are costly: the stream buffer zero-fills its spare room per read).
fn read_step(selector: u8, len: usize) -> usize {
    match selector % 8 {
        0 => usize::MAX,
        1 if len <= 512 => 1,
        1 | 2 => 3,
        3 => 17,
        4 => 64,
        5 => 250,
        6 => 1024,
        _ => 4093,
    }
}

/// Every line of a JSONL stream: `(number, bytes, content_len)`.
fn jsonl_lines(r: impl std::io::Read) -> Vec<(u64, Vec<u8>, usize)> {
    let mut reader = JsonlReader::new(r);
    let mut out = Vec::new();
    while let Some(line) = reader.next_line() {
        let line = line.expect("in-memory reads do not fail");
        out.push((line.number, line.bytes.to_vec(), line.content_len));
    }
    out
}

/// `jsonl`: first byte = read size, the rest a JSONL stream.
///
/// * `JsonlReader` cuts the same lines whatever the read sizes; they
///   concatenate to the input, each ends in `\n`, `\r\n` or (last) nothing,
///   numbered from 1;
/// * `JsonlRecord::parse` agrees with `serde_json::Value`: a parsed record
///   is an object whose `text` is that string; a line that `serde_json`
///   reads as an object with a string `text` parses unless `text` repeats;
/// * writing a parsed record with a new text (its cleaned text) gives JSON
///   that parses back to that text with every other field byte for byte,
///   and so does writing the new text to another field.
pub fn jsonl(data: &[u8]) {
    let Some((&selector, stream)) = data.split_first() else { return };
    let whole = jsonl_lines(stream);
    let step = read_step(selector, stream.len());
    let chunked = jsonl_lines(Chunked { data: stream, step });
    assert_eq!(whole, chunked, "lines differ when read {step} bytes at a time");
    let joined: Vec<u8> = whole.iter().flat_map(|l| l.1.iter().copied()).collect();
    assert_eq!(joined, stream, "lines do not concatenate to the stream");
    let cleaner = Cleaner::new(Config::default());
    for (i, (number, bytes, content_len)) in whole.iter().enumerate() {
        assert_eq!(*number, i as u64 + 1);
        let (content, term) = bytes.split_at(*content_len);
        assert!(!content.contains(&b'\n'));
        let last = i + 1 == whole.len();
        assert!(
            matches!(term, b"\n" | b"\r\n") || (last && term.is_empty()),
            "terminator {term:?}"
        );
        jsonl_record(content, &cleaner);
    }
}

fn jsonl_record(content: &[u8], cleaner: &Cleaner) {
    use deboil::io::JsonlRecord;
    use serde_json::Value;
    let value: Option<serde_json::Map<String, Value>> = serde_json::from_slice(content).ok();
    let value_text = value.as_ref().and_then(|m| m.get("text")).and_then(Value::as_str);
    let rec = match JsonlRecord::parse(content, "text") {
        Ok(rec) => rec,
        Err(e) => {
            assert!(
                value_text.is_none() || e.to_string().contains("duplicate"),
                "serde_json reads text {value_text:?} but parse fails: {e}; line {:?}",
                String::from_utf8_lossy(content)
            );
            return;
        }
    };
    assert_eq!(Some(rec.text()), value_text, "text differs from serde_json's");
    let value = value.as_ref().expect("a parsed record is a JSON object for serde_json too");
    let new_text = String::from_utf8(cleaner.clean(rec.text().as_bytes()).to_vec())
        .expect("kept lines of a str are UTF-8");
    let mut out = Vec::new();
    rec.write_with_text(&new_text, None, &mut out);
    let back = JsonlRecord::parse(&out, "text").unwrap_or_else(|e| {
        panic!("rewritten line does not parse: {e}: {:?}", String::from_utf8_lossy(&out))
    });
    assert_eq!(back.text(), new_text);
    for key in value.keys().filter(|k| *k != "text") {
        assert_eq!(back.raw_field(key), rec.raw_field(key), "field {key:?} changed");
    }
    out.clear();
    rec.write_with_text(&new_text, Some("cleaned"), &mut out);
    let back = JsonlRecord::parse(&out, "text").unwrap_or_else(|e| {
        panic!("line with an output field does not parse: {e}: {:?}", String::from_utf8_lossy(&out))
    });
    assert_eq!(back.text(), rec.text());
    assert_eq!(back.string_field("cleaned").as_deref(), Some(new_text.as_str()));
}

/// What a WARC reader returned, comparable.
#[derive(Debug, PartialEq, Eq)]
enum WarcItem {
    Record { number: u64, offset: u64, raw: Vec<u8> },
    Error { record: u64, offset: u64, fatal: bool, message: String },
}

fn warc_items(r: impl std::io::Read, limit: usize) -> Vec<WarcItem> {
    let mut reader = WarcReader::new(r);
    let mut out = Vec::new();
    while let Some(item) = reader.next_record() {
        out.push(match item {
            Ok(rec) => {
                let mut raw = Vec::new();
                rec.write_unchanged(&mut raw);
                WarcItem::Record { number: rec.number(), offset: rec.offset(), raw }
            }
            Err(e) => WarcItem::Error {
                record: e.record,
                offset: e.offset,
                fatal: e.fatal,
                message: e.message,
            },
        });
        assert!(out.len() <= limit, "more than {limit} records from {limit} bytes: no progress");
    }
    out
}

/// `warc`: first byte = read size, the rest a WARC stream.
///
/// * `WarcReader` returns the same records and errors whatever the read
///   sizes, and ends (each record or error consumes input);
/// * a record written unchanged reads back as itself;
/// * a record written with its text range replaced by its cleaned text
///   reads back with exactly that text in its text range and a
///   `Content-Length` equal to its block length.
pub fn warc(data: &[u8]) {
    let Some((&selector, stream)) = data.split_first() else { return };
    let limit = stream.len() + 1;
    let whole = warc_items(stream, limit);
    let step = read_step(selector, stream.len());
    let chunked = warc_items(Chunked { data: stream, step }, limit);
    assert_eq!(whole, chunked, "records differ when read {step} bytes at a time");
    let cleaner = Cleaner::new(Config::default());
    let mut reader = WarcReader::new(stream);
    while let Some(item) = reader.next_record() {
        let Ok(rec) = item else { continue };
        let mut raw = Vec::new();
        rec.write_unchanged(&mut raw);
        let again = read_one_warc(&raw);
        let mut raw2 = Vec::new();
        again.write_unchanged(&mut raw2);
        assert_eq!(raw, raw2, "an unchanged record does not read back as itself");
        let Some(range) = rec.text_range() else { continue };
        let text = cleaner.clean(&rec.block()[range]).to_vec();
        let mut out = Vec::new();
        rec.write_with_text(&text, &mut out);
        let back = read_one_warc(&out);
        let back_range = back.text_range().unwrap_or_else(|| {
            panic!("rewritten record lost its text range: {:?}", String::from_utf8_lossy(&out))
        });
        assert_eq!(&back.block()[back_range], &text[..], "rewritten text differs");
        let len = back.block().len().to_string();
        assert_eq!(back.header("Content-Length"), Some(len.as_str()));
    }
}

fn read_one_warc(raw: &[u8]) -> deboil::io::WarcRecord {
    let mut r = WarcReader::new(raw);
    let rec = match r.next_record() {
        Some(Ok(rec)) => rec,
        other => panic!(
            "written record does not read back: {:?}\n{:?}",
            other.map(|o| o.map(|_| ())),
            String::from_utf8_lossy(raw)
        ),
    };
    assert!(r.next_record().is_none(), "one written record reads back as several");
    rec
}

/// At most this many decompressed bytes are read (a 6 KB zstd frame of
/// RLE blocks can expand to hundreds of megabytes).
const MAX_DECODED: u64 = 16 << 20;

/// `decompress`: the gzip and zstd decoders, format detection and record
/// reading on arbitrary bytes never panic or loop; and any bytes,
/// compressed as one or two members / frames, decompress to themselves.
pub fn decompress(data: &[u8]) {
    use std::io::Read;
    let Some((&split, rest)) = data.split_first() else { return };
    for c in [Compression::Gzip, Compression::Zstd] {
        if let Ok(d) = c.decoder(rest) {
            let mut out = Vec::new();
            let _ = d.take(MAX_DECODED).read_to_end(&mut out);
        }
        let at = usize::from(split) * rest.len() / 255;
        let mut packed = Vec::new();
        c.encode_into(&rest[..at], &mut packed).expect("encode");
        c.encode_into(&rest[at..], &mut packed).expect("encode");
        assert_eq!(Compression::from_magic(&packed), Some(c));
        let mut back = Vec::new();
        c.decoder(&packed[..]).expect("decoder").read_to_end(&mut back).expect("decode");
        assert_eq!(back, rest, "{c:?} round trip");
    }
    // Detection and the record readers over whatever the bytes decode to.
    let Ok(input) = deboil::io::open(std::io::Cursor::new(rest.to_vec()), None, None) else {
        return;
    };
    let mut records =
        deboil::io::RecordReader::new(Box::new(input.reader.take(MAX_DECODED)), input.format);
    let mut n = 0u64;
    while let Some(r) = records.next_record() {
        n += 1;
        assert!(n <= MAX_DECODED + 1, "no progress");
        if r.is_err_and(|e| e.is_fatal()) {
            break;
        }
    }
}

/// `templates_file`: `TemplateStats::from_bytes` on arbitrary bytes (first
/// byte 0) or on an arbitrary payload in a valid envelope (magic, version,
/// length, checksum; any other first byte) never panics; statistics it
/// accepts write out canonically (`to_bytes` of what `from_bytes` read from
/// `to_bytes` gives the same bytes) and answer lookups.
pub fn templates_file(data: &[u8]) {
    use deboil::templates::{LineEvidence, TemplateStats, FILE_MAGIC, FILE_VERSION};
    let Some((&mode, rest)) = data.split_first() else { return };
    let bytes = if mode == 0 {
        rest.to_vec()
    } else {
        let mut b = FILE_MAGIC.to_vec();
        b.extend_from_slice(&FILE_VERSION.to_le_bytes());
        b.extend_from_slice(&(rest.len() as u64).to_le_bytes());
        b.extend_from_slice(rest);
        b.extend_from_slice(&xxhash_rust::xxh3::xxh3_64(rest).to_le_bytes());
        b
    };
    let Ok(stats) = TemplateStats::from_bytes(&bytes) else { return };
    let once = stats.to_bytes();
    let again = TemplateStats::from_bytes(&once).expect("written statistics read back");
    assert_eq!(again.to_bytes(), once, "to_bytes is not canonical");
    assert_eq!((again.sites(), again.documents()), (stats.sites(), stats.documents()));
    for site in ["", "example.com"] {
        let ev = stats.evidence(site);
        for key in [0u64, 1, u64::MAX, 0x9e37_79b9_7f4a_7c15] {
            if let Some(hit) = ev.lookup(key) {
                assert!(hit.site_docs > 0 || hit.sites > 0);
            }
        }
    }
}
