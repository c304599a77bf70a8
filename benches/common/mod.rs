//! Deterministic benchmark documents built from the labelled pages in
//! `corpus/`.
//!
//! Shared by the Criterion benches (`benches/*.rs`, as `mod common;`) and by
//! the throughput bench command (`src/bin/deboil-bench.rs`, through
//! `#[path]`), so both measure the same kind of text.
//!
//! A document is made of whole corpus pages of one language, each copy
//! perturbed (digits changed and words swapped in prose lines), appended
//! line by line until the document reaches its target size. Its lines keep
//! the first page's terminator (`\n` or `\r\n`). Nothing here reads a clock
//! or the environment: the same sources, seed and sizes give the same bytes.
//! (Document sizes for the throughput corpus are drawn through `f64::ln` and
//! `f64::cos`, so only they could differ between platforms' maths
//! libraries, by a byte at most, and only rarely.)
#![allow(dead_code)] // each user takes the part it needs

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// One labelled corpus input, split into lines (terminators removed).
#[derive(Clone, Debug)]
pub struct Source {
    /// `set/id`, e.g. `cases/en-cookie-banner`.
    pub name: String,
    /// The article's language code from `cases.tsv` (`en`, `ru`, `zh`, …).
    pub lang: String,
    /// The page's lines without terminators.
    pub lines: Vec<Vec<u8>>,
    /// Whether the page's lines end in `\r\n`.
    pub crlf: bool,
    /// The page as stored.
    pub bytes: Vec<u8>,
}

/// The repository's `corpus/` directory.
pub fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus")
}

/// Load every input listed in `dir/cases.tsv`, in file order.
pub fn load(dir: &Path) -> io::Result<Vec<Source>> {
    let tsv = fs::read_to_string(dir.join("cases.tsv"))?;
    let mut sources = Vec::new();
    for row in tsv.lines().skip(1) {
        let mut cols = row.split('\t');
        let (Some(set), Some(id), Some(lang)) = (cols.next(), cols.next(), cols.next()) else {
            continue;
        };
        let bytes = fs::read(dir.join(set).join(format!("{id}.input.txt")))?;
        let crlf = memchr::memmem::find(&bytes, b"\r\n").is_some();
        let lines = split_lines(&bytes);
        sources.push(Source {
            name: format!("{set}/{id}"),
            lang: lang.to_string(),
            lines,
            crlf,
            bytes,
        });
    }
    if sources.is_empty() {
        return Err(io::Error::new(io::ErrorKind::InvalidData, "no inputs in cases.tsv"));
    }
    Ok(sources)
}

/// Load the repository's corpus or panic with a useful message (benches).
pub fn load_repo_corpus() -> Vec<Source> {
    let dir = corpus_dir();
    load(&dir).unwrap_or_else(|e| panic!("cannot read the corpus in {}: {e}", dir.display()))
}

/// Split on `\n`, `\r\n` and a lone `\r`, terminators removed; a final
/// terminator does not start another line.
pub fn split_lines(bytes: &[u8]) -> Vec<Vec<u8>> {
    let mut lines = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\n' => {
                lines.push(bytes[start..i].to_vec());
                start = i + 1;
            }
            b'\r' => {
                lines.push(bytes[start..i].to_vec());
                if bytes.get(i + 1) == Some(&b'\n') {
                    i += 1;
                }
                start = i + 1;
            }
            _ => {}
        }
        i += 1;
    }
    if start < bytes.len() {
        lines.push(bytes[start..].to_vec());
    }
    lines
}

/// Lines as the cleaner counts them (`\n`, `\r\n`, lone `\r`; an
/// unterminated last line counts): a naive oracle for checking answers.
pub fn count_lines(bytes: &[u8]) -> usize {
    split_lines(bytes).len()
}

/// SplitMix64: a tiny deterministic generator (no `rand` dependency).
#[derive(Clone, Debug)]
pub struct Rng(u64);

impl Rng {
    /// A generator seeded with `seed`.
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n > 0`).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    /// A number in `[0, 1)`.
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// True with probability `p`.
    pub fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    /// A log-normal size with the given median, clamped to `lo..=hi`.
    pub fn lognormal(&mut self, median: f64, sigma: f64, lo: usize, hi: usize) -> usize {
        // Box-Muller.
        let u1 = self.unit().max(1e-12);
        let u2 = self.unit();
        let z = (-2.0 * u1.ln()).sqrt() * (std::f64::consts::TAU * u2).cos();
        ((median * (sigma * z).exp()) as usize).clamp(lo, hi)
    }
}

/// Lines shorter than this are left alone by [`perturb_line`]: they are
/// menus, labels and timestamps whose shape matters to the cleaner.
const PROSE_MIN_BYTES: usize = 40;

/// Perturb a prose line in place: change about a third of its digits and
/// swap a few space-separated words. Always valid UTF-8 if the input is.
pub fn perturb_line(line: &mut Vec<u8>, rng: &mut Rng) {
    if line.len() < PROSE_MIN_BYTES {
        return;
    }
    for b in line.iter_mut() {
        if b.is_ascii_digit() && rng.chance(0.33) {
            *b = b'0' + rng.below(10) as u8;
        }
    }
    if !rng.chance(0.5) {
        return;
    }
    let mut words: Vec<&[u8]> = line.split(|&b| b == b' ').collect();
    if words.len() < 4 {
        return;
    }
    for _ in 0..words.len().div_ceil(12) {
        let (a, b) = (rng.below(words.len()), rng.below(words.len()));
        words.swap(a, b);
    }
    *line = words.join(&b' ');
}

/// The indices of the sources in `lang` (all sources if none is).
pub fn pool(sources: &[Source], lang: &str) -> Vec<usize> {
    let p: Vec<usize> = (0..sources.len()).filter(|&i| sources[i].lang == lang).collect();
    if p.is_empty() {
        (0..sources.len()).collect()
    } else {
        p
    }
}

/// Build one document of at least `target` bytes (at most one line more)
/// from pages of `sources[first]`'s language, starting with that page.
///
/// `serial` goes into a short edition line after the first line, so no two
/// documents of a generated corpus are equal.
pub fn document(
    sources: &[Source],
    first: usize,
    target: usize,
    serial: u64,
    rng: &mut Rng,
) -> Vec<u8> {
    let lang = &sources[first].lang;
    let pool = pool(sources, lang);
    let eol: &[u8] = if sources[first].crlf { b"\r\n" } else { b"\n" };
    let mut out = Vec::with_capacity(target + 256);
    let mut page = first;
    let mut n_line = 0usize;
    'pages: loop {
        for line in &sources[page].lines {
            let mut line = line.clone();
            perturb_line(&mut line, rng);
            out.extend_from_slice(&line);
            out.extend_from_slice(eol);
            n_line += 1;
            if n_line == 1 {
                let edition = format!(
                    "Edition {serial} · {}.{}.20{:02}",
                    1 + rng.below(28),
                    1 + rng.below(12),
                    10 + rng.below(16)
                );
                out.extend_from_slice(edition.as_bytes());
                out.extend_from_slice(eol);
            }
            if out.len() >= target {
                break 'pages;
            }
        }
        page = pool[rng.below(pool.len())];
    }
    // Some pages lack a final newline (the corpus has such cases).
    if rng.chance(0.1) {
        out.truncate(out.len() - eol.len());
    }
    out
}

/// Size classes of the Criterion benches.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PageSize {
    /// About 1 KB: one corpus page.
    Short,
    /// About 8 KB: the median file of the news corpus.
    Typical,
    /// About 100 KB: a long article with its comments.
    Long,
}

impl PageSize {
    /// Every size, smallest first.
    pub const ALL: [PageSize; 3] = [PageSize::Short, PageSize::Typical, PageSize::Long];

    /// Target bytes.
    pub fn bytes(self) -> usize {
        match self {
            PageSize::Short => 1_000,
            PageSize::Typical => 8_000,
            PageSize::Long => 100_000,
        }
    }

    /// Name used in benchmark ids.
    pub fn name(self) -> &'static str {
        match self {
            PageSize::Short => "short-1k",
            PageSize::Typical => "typical-8k",
            PageSize::Long => "long-100k",
        }
    }
}

/// The page a bench page of a language starts with: for English a short
/// page with a menu, a "latest news" list and timestamps (so even the
/// ~1 KB page has markers); otherwise the language's first page in
/// `cases.tsv` order.
const FIRST_PAGES: &[(&str, &str)] = &[("en", "cases/en-latest-news-timestamps")];

/// The fixed bench page of `size` in `lang` (see [`FIRST_PAGES`]).
pub fn bench_page(sources: &[Source], lang: &str, size: PageSize) -> Vec<u8> {
    bench_page_bytes(sources, lang, size.bytes())
}

/// A bench page of about `bytes` bytes in `lang`; for the sizes of
/// [`PageSize`], the same page as [`bench_page`].
pub fn bench_page_bytes(sources: &[Source], lang: &str, bytes: usize) -> Vec<u8> {
    let first = FIRST_PAGES
        .iter()
        .find(|(l, _)| *l == lang)
        .and_then(|(_, name)| sources.iter().position(|s| s.name == *name))
        .unwrap_or_else(|| pool(sources, lang)[0]);
    let mut rng = Rng::new(0x00de_b011 ^ bytes as u64);
    document(sources, first, bytes, 1, &mut rng)
}
