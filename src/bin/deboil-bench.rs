//! `deboil-bench`: the throughput bench of issue 6 (not part of the product).
//!
//! `deboil-bench run` generates a deterministic corpus from `corpus/` (a
//! directory tree of text files with a realistic size mix, and the same
//! documents as a JSONL.gz and a WET.gz), then times, alternating in one
//! run, the *floor* (this binary's `floor` mode: read the same bytes and
//! count lines with memchr, the least any cleaner must do) and
//! `deboil clean` on the same inputs, with 1 and 2 threads. Both run as
//! child processes under `/usr/bin/time`, so CPU time (user + sys) and peak
//! RSS are measured the same way for both. It prints a Markdown table: MB/s
//! per core from CPU time, wall MB/s, the ratio of CPU time to the floor's,
//! peak RSS; then the start-up time of `deboil`.
//!
//! Every run checks its answer: the floor must see every document, byte and
//! newline the generator wrote; `deboil clean` must report the same
//! documents, text bytes and lines, no errors, and the same kept lines and
//! bytes in every format and with any number of threads.
//!
//! ```text
//! cargo build --release --bins
//! target/release/deboil-bench run                    # 1 GB, about 15 minutes
//! target/release/deboil-bench run --size 100M        # a quick check
//! target/release/deboil-bench run --dir /tmp/b --keep  # keep (and reuse) the inputs
//! target/release/deboil-bench page --iterations 2000 # one 8 KB page, for profilers
//! ```
//!
//! `scripts/bench.sh` builds and runs it. `docs/performance.md` has results.

use std::borrow::Cow;
use std::ffi::OsString;
use std::fmt::Write as _;
use std::fs::{self, File};
use std::io::{self, BufRead, BufReader, BufWriter, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::sync::mpsc::{sync_channel, Receiver};
use std::sync::Arc;
use std::time::{Duration, Instant};

use clap::{Parser, Subcommand, ValueEnum};
use flate2::read::MultiGzDecoder;
use flate2::write::GzEncoder;
use flate2::Compression;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

#[path = "../../benches/common/mod.rs"]
mod common;

/// Median document size of the generated corpus: the issue's news corpus
/// (1 GB in 106,000 files) has a median file of 8 KB.
const MEDIAN_DOC_BYTES: f64 = 8_000.0;
/// Spread of the log-normal size mix: with the median above, the mean
/// document is about 9.6 KB, as in the issue's corpus (1 GB / 106,000).
const DOC_SIZE_SIGMA: f64 = 0.6;
/// Smallest and largest generated documents.
const MIN_DOC_BYTES: usize = 300;
const MAX_DOC_BYTES: usize = 500_000;
/// Files per leaf directory of the generated tree.
const FILES_PER_DIR: u64 = 100;
/// The floor reads at least this many bytes per measurement (several passes
/// over a small corpus).
const FLOOR_MIN_BYTES: u64 = 300_000_000;
/// Version of the generator; part of the reuse key of `--dir`.
const GENERATOR_VERSION: u32 = 1;

#[derive(Debug, Parser)]
#[command(name = "deboil-bench", about = "Throughput bench for `deboil clean` (issue 6)")]
struct Cli {
    #[command(subcommand)]
    command: Cmd,
}

#[derive(Debug, Subcommand)]
enum Cmd {
    /// Generate the corpus, time the floor and `deboil clean`, print a table.
    Run(RunArgs),
    /// Only generate the corpus into a directory.
    Generate(GenArgs),
    /// The floor: read the inputs and count lines with memchr (run by `run`).
    Floor(FloorArgs),
    /// Clean one built page many times in-process (for profilers).
    Page(PageArgs),
    /// Only measure start-up times.
    Startup(StartupArgs),
}

#[derive(Debug, clap::Args)]
struct StartupArgs {
    /// The `deboil` binary (default: next to this one).
    #[arg(long)]
    deboil: Option<PathBuf>,
    /// Spawns of each command.
    #[arg(long, default_value_t = 100)]
    spawns: usize,
}

#[derive(Debug, clap::Args)]
struct CorpusArgs {
    /// Bytes of document text to generate (suffix K, M or G: powers of 1000).
    #[arg(long, default_value = "1G", value_parser = parse_size)]
    size: u64,
    /// The labelled pages to build documents from.
    #[arg(long, default_value_os_t = common::corpus_dir())]
    corpus: PathBuf,
    /// Seed of the generator.
    #[arg(long, default_value_t = 1)]
    seed: u64,
}

#[derive(Debug, clap::Args)]
struct RunArgs {
    #[command(flatten)]
    corpus: CorpusArgs,
    /// Thread counts to run `deboil clean` (and the files floor) with.
    #[arg(long, value_delimiter = ',', default_value = "1,2")]
    threads: Vec<usize>,
    /// Inputs to time.
    #[arg(long, value_delimiter = ',', default_value = "files,jsonl,wet")]
    inputs: Vec<Kind>,
    /// Times each (floor, deboil) pair is run.
    #[arg(long, default_value_t = 1)]
    runs: usize,
    /// Work directory (default: a new one under the system temp dir). With
    /// --keep, a later run with the same size, seed and corpus reuses it.
    #[arg(long)]
    dir: Option<PathBuf>,
    /// Keep the work directory and its inputs.
    #[arg(long)]
    keep: bool,
    /// The `deboil` binary (default: next to this one).
    #[arg(long)]
    deboil: Option<PathBuf>,
    /// Also time `Cleaner::clean` in-process on the tree (read and clean,
    /// no output): separates the cleaner from the batch layer.
    #[arg(long)]
    lib: bool,
    /// Start-up measurements: spawns of each command (0: skip).
    #[arg(long, default_value_t = 100)]
    startup: usize,
}

#[derive(Debug, clap::Args)]
struct GenArgs {
    #[command(flatten)]
    corpus: CorpusArgs,
    /// Directory to write into (created).
    #[arg(long)]
    out: PathBuf,
}

#[derive(Debug, clap::Args)]
struct FloorArgs {
    /// What the input is.
    kind: Kind,
    /// A directory of text files, a JSONL.gz or a WET.gz file.
    path: PathBuf,
    /// Threads (files only; a gzip stream is decoded by one).
    #[arg(short = 'j', long, default_value_t = 1)]
    threads: usize,
    /// Also clean every file with `Cleaner::clean` in-process (files only).
    #[arg(long)]
    clean: bool,
    /// Read everything this many times (small corpora: CPU time is
    /// measured in 10 ms ticks).
    #[arg(long, default_value_t = 1)]
    passes: usize,
}

#[derive(Debug, clap::Args)]
struct PageArgs {
    /// Page size in bytes (suffix K, M: powers of 1000).
    #[arg(long, default_value = "8K", value_parser = parse_size)]
    size: u64,
    /// Language of the page's corpus pages.
    #[arg(long, default_value = "en")]
    lang: String,
    /// Times the page is cleaned.
    #[arg(long, default_value_t = 2000)]
    iterations: u64,
}

/// An input shape.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum, Serialize, Deserialize)]
enum Kind {
    /// A directory tree of text files, one document each.
    Files,
    /// One gzip JSONL file, the text in `text`.
    Jsonl,
    /// One Common Crawl style WET file (gzip member per record).
    Wet,
}

impl Kind {
    fn label(self) -> &'static str {
        match self {
            Kind::Files => "files",
            Kind::Jsonl => "JSONL.gz",
            Kind::Wet => "WET.gz",
        }
    }

    fn path(self, dir: &Path) -> PathBuf {
        match self {
            Kind::Files => dir.join("tree"),
            Kind::Jsonl => dir.join("docs.jsonl.gz"),
            Kind::Wet => dir.join("docs.warc.wet.gz"),
        }
    }
}

fn parse_size(s: &str) -> Result<u64, String> {
    let t = s.trim().trim_end_matches(['B', 'b']);
    let (num, mult) = match t.chars().last() {
        Some('k' | 'K') => (&t[..t.len() - 1], 1e3),
        Some('m' | 'M') => (&t[..t.len() - 1], 1e6),
        Some('g' | 'G') => (&t[..t.len() - 1], 1e9),
        _ => (t, 1.0),
    };
    let n: f64 = num.trim().parse().map_err(|_| format!("bad size {s:?} (e.g. 100M, 1G)"))?;
    if n <= 0.0 {
        return Err(format!("size must be positive: {s:?}"));
    }
    Ok((n * mult) as u64)
}

type Result<T, E = String> = std::result::Result<T, E>;

fn io_err(what: impl std::fmt::Display) -> impl FnOnce(io::Error) -> String {
    move |e| format!("{what}: {e}")
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Cmd::Run(a) => run(a),
        Cmd::Generate(a) => generate_cmd(a),
        Cmd::Floor(a) => floor(a),
        Cmd::Page(a) => page(a),
        Cmd::Startup(a) => startup_cmd(a),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("deboil-bench: {e}");
            ExitCode::FAILURE
        }
    }
}

// ---------------------------------------------------------------------------
// Generation

/// What the generator wrote; the answer every run is checked against.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
struct Manifest {
    generator: u32,
    size: u64,
    seed: u64,
    corpus_digest: u64,
    documents: u64,
    /// Bytes of document text (the same in every format).
    text_bytes: u64,
    /// Lines as deboil counts them (`\n`, `\r\n`, lone `\r`, unterminated
    /// last line).
    lines: u64,
    /// `\n` bytes (what the floor counts).
    newlines: u64,
    median_doc: u64,
    mean_doc: u64,
    max_doc: u64,
    median_line: u64,
    jsonl_gz_bytes: u64,
    wet_gz_bytes: u64,
}

fn generate_cmd(a: GenArgs) -> Result<()> {
    let m = generate(&a.corpus, &a.out)?;
    println!("{}", serde_json::to_string_pretty(&m).map_err(|e| e.to_string())?);
    Ok(())
}

/// Reuse `dir`'s corpus if it was generated with the same parameters.
fn generate_or_reuse(c: &CorpusArgs, dir: &Path) -> Result<Manifest> {
    let sources = common::load(&c.corpus).map_err(io_err(c.corpus.display()))?;
    let digest = corpus_digest(&sources);
    if let Ok(text) = fs::read_to_string(dir.join("manifest.json")) {
        if let Ok(m) = serde_json::from_str::<Manifest>(&text) {
            let same = (m.generator, m.size, m.seed, m.corpus_digest)
                == (GENERATOR_VERSION, c.size, c.seed, digest);
            if same && Kind::Jsonl.path(dir).exists() && Kind::Wet.path(dir).exists() {
                eprintln!("== reusing the corpus in {}", dir.display());
                return Ok(m);
            }
        }
    }
    generate(c, dir)
}

fn corpus_digest(sources: &[common::Source]) -> u64 {
    let mut all = Vec::new();
    for s in sources {
        all.extend_from_slice(s.name.as_bytes());
        all.extend_from_slice(&s.bytes);
    }
    xxhash_rust::xxh3::xxh3_64(&all)
}

fn generate(c: &CorpusArgs, dir: &Path) -> Result<Manifest> {
    let sources = common::load(&c.corpus).map_err(io_err(c.corpus.display()))?;
    eprintln!(
        "== generating {:.0} MB of documents from {} corpus pages into {}",
        c.size as f64 / 1e6,
        sources.len(),
        dir.display()
    );
    let started = Instant::now();
    let _ = fs::remove_file(dir.join("manifest.json"));
    for k in [Kind::Files, Kind::Jsonl, Kind::Wet] {
        let p = k.path(dir);
        let _ = if p.is_dir() { fs::remove_dir_all(&p) } else { fs::remove_file(&p) };
    }
    fs::create_dir_all(dir.join("tree")).map_err(io_err(dir.display()))?;

    let (jsonl_tx, jsonl_rx) = sync_channel::<(u64, Arc<Vec<u8>>)>(256);
    let (wet_tx, wet_rx) = sync_channel::<(u64, Arc<Vec<u8>>)>(256);
    let jsonl_path = Kind::Jsonl.path(dir);
    let wet_path = Kind::Wet.path(dir);
    let (jsonl_gz_bytes, wet_gz_bytes, m) = std::thread::scope(|scope| -> Result<_> {
        let jsonl = scope.spawn(|| write_jsonl(&jsonl_path, jsonl_rx));
        let wet = scope.spawn(|| write_wet(&wet_path, wet_rx, c.seed));
        let mut rng = common::Rng::new(c.seed);
        let mut sizes = Vec::new();
        let mut line_lengths = vec![0u64; 1024];
        let (mut text_bytes, mut lines, mut newlines) = (0u64, 0u64, 0u64);
        let mut k = 0u64;
        while text_bytes < c.size {
            let target =
                rng.lognormal(MEDIAN_DOC_BYTES, DOC_SIZE_SIGMA, MIN_DOC_BYTES, MAX_DOC_BYTES);
            let first = rng.below(sources.len());
            let doc = common::document(&sources, first, target, k, &mut rng);
            std::str::from_utf8(&doc).map_err(|e| format!("document {k} is not UTF-8: {e}"))?;
            let leaf = dir
                .join("tree")
                .join(format!("{:02}", k / (FILES_PER_DIR * 100)))
                .join(format!("{:02}", (k / FILES_PER_DIR) % 100));
            if k.is_multiple_of(FILES_PER_DIR) {
                fs::create_dir_all(&leaf).map_err(io_err(leaf.display()))?;
            }
            let path = leaf.join(format!("{k:07}.txt"));
            fs::write(&path, &doc).map_err(io_err(path.display()))?;
            for l in common::split_lines(&doc) {
                line_lengths[l.len().min(1023)] += 1;
            }
            text_bytes += doc.len() as u64;
            lines += common::count_lines(&doc) as u64;
            newlines += memchr::memchr_iter(b'\n', &doc).count() as u64;
            sizes.push(doc.len() as u64);
            let doc = Arc::new(doc);
            // A send fails only if a writer stopped; its error is reported below.
            let _ = jsonl_tx.send((k, Arc::clone(&doc)));
            let _ = wet_tx.send((k, doc));
            k += 1;
        }
        drop(jsonl_tx);
        drop(wet_tx);
        let jsonl_bytes = jsonl.join().map_err(|_| "JSONL writer panicked".to_string())??;
        let wet_bytes = wet.join().map_err(|_| "WET writer panicked".to_string())??;
        sizes.sort_unstable();
        let total_lines: u64 = line_lengths.iter().sum();
        let mut acc = 0;
        let median_line = line_lengths
            .iter()
            .position(|&n| {
                acc += n;
                acc * 2 >= total_lines
            })
            .unwrap_or(0) as u64;
        let m = Manifest {
            generator: GENERATOR_VERSION,
            size: c.size,
            seed: c.seed,
            corpus_digest: corpus_digest(&sources),
            documents: k,
            text_bytes,
            lines,
            newlines,
            median_doc: sizes[sizes.len() / 2],
            mean_doc: text_bytes / k,
            max_doc: *sizes.last().unwrap_or(&0),
            median_line,
            jsonl_gz_bytes: 0,
            wet_gz_bytes: 0,
        };
        Ok((jsonl_bytes, wet_bytes, m))
    })?;
    let m = Manifest { jsonl_gz_bytes, wet_gz_bytes, ..m };
    let json = serde_json::to_string_pretty(&m).map_err(|e| e.to_string())?;
    fs::write(dir.join("manifest.json"), json + "\n").map_err(io_err("manifest.json"))?;
    eprintln!(
        "   {} documents, {:.1} MB of text (median {:.1} KB, mean {:.1} KB, max {:.0} KB; median line {} bytes), \
         JSONL.gz {:.0} MB, WET.gz {:.0} MB, in {:.0} s",
        m.documents,
        m.text_bytes as f64 / 1e6,
        m.median_doc as f64 / 1e3,
        m.mean_doc as f64 / 1e3,
        m.max_doc as f64 / 1e3,
        m.median_line,
        m.jsonl_gz_bytes as f64 / 1e6,
        m.wet_gz_bytes as f64 / 1e6,
        started.elapsed().as_secs_f64()
    );
    Ok(m)
}

#[derive(Serialize)]
struct JsonlDoc<'a> {
    id: String,
    url: String,
    text: &'a str,
}

fn doc_url(k: u64) -> String {
    format!("https://news{}.example/{}/{k}", k % 997, 2010 + k % 16)
}

/// Write the JSONL.gz (one gzip stream, default level); returns its size.
fn write_jsonl(path: &Path, rx: Receiver<(u64, Arc<Vec<u8>>)>) -> Result<u64> {
    let file = File::create(path).map_err(io_err(path.display()))?;
    let mut gz = GzEncoder::new(BufWriter::with_capacity(1 << 20, file), Compression::default());
    for (k, doc) in rx {
        // The generator checked that every document is UTF-8.
        let text = std::str::from_utf8(&doc).map_err(|e| e.to_string())?;
        let rec = JsonlDoc { id: format!("doc-{k:07}"), url: doc_url(k), text };
        serde_json::to_writer(&mut gz, &rec).map_err(|e| e.to_string())?;
        gz.write_all(b"\n").map_err(io_err(path.display()))?;
    }
    let mut w = gz.finish().map_err(io_err(path.display()))?;
    w.flush().map_err(io_err(path.display()))?;
    Ok(fs::metadata(path).map_err(io_err(path.display()))?.len())
}

/// RFC 4648 base32 (as WARC digests are written).
fn base32(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    let mut out = String::new();
    let (mut acc, mut bits) = (0u32, 0u32);
    for &b in bytes {
        acc = (acc << 8) | u32::from(b);
        bits += 8;
        while bits >= 5 {
            bits -= 5;
            out.push(ALPHABET[((acc >> bits) & 31) as usize] as char);
        }
    }
    if bits > 0 {
        out.push(ALPHABET[((acc << (5 - bits)) & 31) as usize] as char);
    }
    out
}

fn uuid(rng: &mut common::Rng) -> String {
    let (a, b) = (rng.next_u64(), rng.next_u64());
    format!(
        "{:08x}-{:04x}-4{:03x}-{:04x}-{:012x}",
        a >> 32,
        (a >> 16) & 0xffff,
        a & 0xfff,
        (b >> 48) & 0x3fff | 0x8000,
        b & 0xffff_ffff_ffff
    )
}

fn warc_record(headers: &[(&str, String)], block: &[u8]) -> Vec<u8> {
    let mut r = Vec::with_capacity(block.len() + 512);
    r.extend_from_slice(b"WARC/1.0\r\n");
    for (name, value) in headers {
        r.extend_from_slice(format!("{name}: {value}\r\n").as_bytes());
    }
    r.extend_from_slice(format!("Content-Length: {}\r\n\r\n", block.len()).as_bytes());
    r.extend_from_slice(block);
    r.extend_from_slice(b"\r\n\r\n");
    r
}

/// Write the WET.gz as Common Crawl does: a `warcinfo` record, then one
/// `conversion` record per document, each record its own gzip member.
fn write_wet(path: &Path, rx: Receiver<(u64, Arc<Vec<u8>>)>, seed: u64) -> Result<u64> {
    let file = File::create(path).map_err(io_err(path.display()))?;
    let mut w = BufWriter::with_capacity(1 << 20, file);
    let mut rng = common::Rng::new(seed ^ 0x5745_5400);
    let member = |w: &mut BufWriter<File>, record: &[u8]| -> io::Result<()> {
        let mut gz = GzEncoder::new(w, Compression::default());
        gz.write_all(record)?;
        gz.finish().map(|_| ())
    };
    let info = b"software: deboil-bench\r\nformat: WARC File Format 1.0\r\n";
    let head = warc_record(
        &[
            ("WARC-Type", "warcinfo".into()),
            ("WARC-Date", "2025-04-18T00:00:00Z".into()),
            ("WARC-Filename", "docs.warc.wet.gz".into()),
            ("WARC-Record-ID", format!("<urn:uuid:{}>", uuid(&mut rng))),
            ("Content-Type", "application/warc-fields".into()),
        ],
        info,
    );
    member(&mut w, &head).map_err(io_err(path.display()))?;
    for (k, doc) in rx {
        let digest = base32(&sha1_smol::Sha1::from(&doc[..]).digest().bytes());
        let record = warc_record(
            &[
                ("WARC-Type", "conversion".into()),
                ("WARC-Target-URI", doc_url(k)),
                ("WARC-Date", format!("2025-04-{:02}T{:02}:{:02}:00Z", 1 + k % 28, k % 24, k % 60)),
                ("WARC-Record-ID", format!("<urn:uuid:{}>", uuid(&mut rng))),
                ("WARC-Refers-To", format!("<urn:uuid:{}>", uuid(&mut rng))),
                ("WARC-Block-Digest", format!("sha1:{digest}")),
                ("Content-Type", "text/plain".into()),
            ],
            &doc,
        );
        member(&mut w, &record).map_err(io_err(path.display()))?;
    }
    w.flush().map_err(io_err(path.display()))?;
    Ok(fs::metadata(path).map_err(io_err(path.display()))?.len())
}

// ---------------------------------------------------------------------------
// The floor

/// What a floor run saw.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
struct FloorCount {
    documents: u64,
    bytes: u64,
    newlines: u64,
    /// Lines kept by `Cleaner::clean` (`floor --clean` only).
    #[serde(default)]
    kept: u64,
}

impl std::ops::Add for FloorCount {
    type Output = FloorCount;
    fn add(self, o: FloorCount) -> FloorCount {
        FloorCount {
            documents: self.documents + o.documents,
            bytes: self.bytes + o.bytes,
            newlines: self.newlines + o.newlines,
            kept: self.kept + o.kept,
        }
    }
}

fn count_doc(text: &[u8]) -> FloorCount {
    FloorCount {
        documents: 1,
        bytes: text.len() as u64,
        newlines: memchr::memchr_iter(b'\n', text).count() as u64,
        kept: 0,
    }
}

fn floor(a: FloorArgs) -> Result<()> {
    if a.clean && a.kind != Kind::Files {
        return Err("--clean is for files only".into());
    }
    let cleaner = deboil::Cleaner::new(deboil::Config::default());
    let mut count = None;
    for _ in 0..a.passes.max(1) {
        let c = match a.kind {
            Kind::Files => floor_files(&a.path, a.threads, a.clean.then_some(&cleaner))?,
            Kind::Jsonl => floor_jsonl(&a.path)?,
            Kind::Wet => floor_wet(&a.path)?,
        };
        if count.is_some_and(|n| n != c) {
            return Err(format!("pass saw {c:?}, an earlier pass {count:?}"));
        }
        count = Some(c);
    }
    println!("{}", serde_json::to_string(&count).map_err(|e| e.to_string())?);
    Ok(())
}

/// Walk the tree (sorted, as deboil does), read every file into a reused
/// buffer, count its `\n`s; with a cleaner, also clean it in-process (no
/// output) and count the kept lines.
fn floor_files(
    dir: &Path,
    threads: usize,
    cleaner: Option<&deboil::Cleaner>,
) -> Result<FloorCount> {
    let mut paths = Vec::new();
    for e in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let e = e.map_err(|e| e.to_string())?;
        if e.file_type().is_file() {
            paths.push(e.into_path());
        }
    }
    let read = |buf: &mut Vec<u8>, p: &PathBuf| -> Result<FloorCount> {
        buf.clear();
        File::open(p).and_then(|mut f| f.read_to_end(buf)).map_err(io_err(p.display()))?;
        let mut c = count_doc(buf);
        if let Some(cleaner) = cleaner {
            c.kept = cleaner.clean(buf).kept_count() as u64;
        }
        Ok(c)
    };
    if threads <= 1 {
        let mut buf = Vec::new();
        let mut total = FloorCount::default();
        for p in &paths {
            total = total + read(&mut buf, p)?;
        }
        return Ok(total);
    }
    let pool =
        rayon::ThreadPoolBuilder::new().num_threads(threads).build().map_err(|e| e.to_string())?;
    pool.install(|| {
        paths.par_iter().map_init(Vec::new, read).try_reduce(FloorCount::default, |a, b| Ok(a + b))
    })
}

#[derive(Deserialize)]
struct JsonlText<'a> {
    #[serde(borrow)]
    text: Cow<'a, str>,
}

/// Decompress, split lines, decode each record with serde_json (the text
/// field borrowed when it has no escapes), count the text's `\n`s.
fn floor_jsonl(path: &Path) -> Result<FloorCount> {
    let file = File::open(path).map_err(io_err(path.display()))?;
    let mut r = BufReader::with_capacity(1 << 20, MultiGzDecoder::new(file));
    let mut line = Vec::new();
    let mut total = FloorCount::default();
    loop {
        line.clear();
        if r.read_until(b'\n', &mut line).map_err(io_err(path.display()))? == 0 {
            return Ok(total);
        }
        let rec: JsonlText = serde_json::from_slice(&line).map_err(|e| e.to_string())?;
        total = total + count_doc(rec.text.as_bytes());
    }
}

/// Decompress, parse WARC headers, read each block, count the `\n`s of
/// `conversion` blocks.
fn floor_wet(path: &Path) -> Result<FloorCount> {
    let file = File::open(path).map_err(io_err(path.display()))?;
    let mut r = BufReader::with_capacity(1 << 20, MultiGzDecoder::new(file));
    let mut line = Vec::new();
    let mut block = Vec::new();
    let mut total = FloorCount::default();
    let bad = |what: &str| format!("{}: {what}", path.display());
    loop {
        line.clear();
        if r.read_until(b'\n', &mut line).map_err(io_err(path.display()))? == 0 {
            return Ok(total);
        }
        if !line.starts_with(b"WARC/") {
            return Err(bad("expected a WARC version line"));
        }
        let mut length = None;
        let mut conversion = false;
        loop {
            line.clear();
            r.read_until(b'\n', &mut line).map_err(io_err(path.display()))?;
            let h = line.trim_ascii_end();
            if h.is_empty() {
                break;
            }
            if let Some(v) = h.strip_prefix(b"Content-Length:") {
                let v = std::str::from_utf8(v).unwrap_or("").trim();
                length = Some(v.parse::<usize>().map_err(|_| bad("bad Content-Length"))?);
            } else if h == b"WARC-Type: conversion" {
                conversion = true;
            }
        }
        let n = length.ok_or_else(|| bad("no Content-Length"))?;
        block.resize(n, 0);
        r.read_exact(&mut block).map_err(io_err(path.display()))?;
        let mut end = [0u8; 4];
        r.read_exact(&mut end).map_err(io_err(path.display()))?;
        if conversion {
            total = total + count_doc(&block);
        }
    }
}

// ---------------------------------------------------------------------------
// Measuring child processes

/// One timed child process.
#[derive(Clone, Debug)]
struct Measure {
    wall: f64,
    cpu: f64,
    rss_kb: u64,
    load: f64,
    /// CPU time of at least one clock tick was measured.
    ticked: bool,
    stdout: Vec<u8>,
}

fn load_average() -> f64 {
    fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|s| s.split_whitespace().next().and_then(|x| x.parse().ok()))
        .unwrap_or(f64::NAN)
}

/// Run `program args` under `/usr/bin/time`: wall from our clock, user +
/// sys and peak RSS from the child's rusage.
fn measure(work: &Path, program: &Path, args: &[OsString]) -> Result<Measure> {
    let time_file = work.join("time.txt");
    let load = load_average();
    let started = Instant::now();
    let out = Command::new("/usr/bin/time")
        .arg("-f")
        .arg("%U %S %M")
        .arg("-o")
        .arg(&time_file)
        .arg(program)
        .args(args)
        .stdin(Stdio::null())
        .stderr(Stdio::piped())
        .output()
        .map_err(|e| format!("cannot run /usr/bin/time (apt-get install time): {e}"))?;
    let wall = started.elapsed().as_secs_f64();
    if !out.status.success() {
        return Err(format!(
            "{} {:?} failed ({}): {}",
            program.display(),
            args,
            out.status,
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    let t = fs::read_to_string(&time_file).map_err(io_err(time_file.display()))?;
    let f: Vec<f64> =
        t.lines().last().unwrap_or("").split_whitespace().filter_map(|x| x.parse().ok()).collect();
    let [user, sys, rss] = f[..] else {
        return Err(format!("cannot parse /usr/bin/time output {t:?}"));
    };
    Ok(Measure {
        wall,
        cpu: user + sys,
        rss_kb: rss as u64,
        load,
        ticked: user + sys >= 0.01,
        stdout: out.stdout,
    })
}

/// Totals from `deboil clean --report`.
#[derive(Debug, Deserialize)]
struct Report {
    documents: u64,
    lines_in: u64,
    lines_out: u64,
    bytes_in: u64,
    bytes_out: u64,
    errors: u64,
}

/// One row of the table.
#[derive(Clone, Debug)]
struct Row {
    kind: Kind,
    program: &'static str,
    threads: usize,
    m: Measure,
    /// CPU seconds of the floor run just before (for deboil rows).
    floor_cpu: Option<f64>,
}

struct WorkDir {
    path: PathBuf,
    keep: bool,
}

impl Drop for WorkDir {
    fn drop(&mut self) {
        if !self.keep {
            let _ = fs::remove_dir_all(&self.path);
        }
    }
}

fn deboil_binary(arg: Option<PathBuf>) -> Result<PathBuf> {
    let path = match arg {
        Some(p) => p,
        None => {
            let me = std::env::current_exe().map_err(|e| e.to_string())?;
            me.with_file_name(format!("deboil{}", std::env::consts::EXE_SUFFIX))
        }
    };
    if !path.is_file() {
        return Err(format!(
            "no deboil binary at {} (cargo build --release --bins, or --deboil PATH)",
            path.display()
        ));
    }
    Ok(path)
}

fn run(a: RunArgs) -> Result<()> {
    if a.runs == 0 || a.threads.is_empty() || a.threads.contains(&0) {
        return Err("--runs and --threads must be at least 1".into());
    }
    let deboil = deboil_binary(a.deboil.clone())?;
    let me = std::env::current_exe().map_err(|e| e.to_string())?;
    let keep = a.keep;
    let path = a.dir.clone().unwrap_or_else(|| {
        std::env::temp_dir().join(format!("deboil-bench-{}", std::process::id()))
    });
    fs::create_dir_all(&path).map_err(io_err(path.display()))?;
    let work = WorkDir { path: path.clone(), keep };
    {
        let path = path.clone();
        let _ = ctrlc::set_handler(move || {
            if keep {
                remove_outputs(&path);
            } else {
                let _ = fs::remove_dir_all(&path);
            }
            std::process::exit(130);
        });
    }
    let machine = machine();
    let version = Command::new(&deboil)
        .arg("--version")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .unwrap_or_default();
    let commit = git_commit();
    let m = generate_or_reuse(&a.corpus, &work.path)?;

    // The floor reads small corpora several times: /usr/bin/time measures
    // CPU time in 10 ms ticks.
    let passes = (FLOOR_MIN_BYTES as f64 / m.text_bytes as f64).ceil().max(1.0) as usize;
    let mut rows: Vec<Row> = Vec::new();
    let mut kept: Option<(u64, u64)> = None;
    // Every run writes into a directory of its own, removed only after the
    // last timing: on ext4 without a journal, files created in the ~30 s
    // after a mass delete are slow (`recently_deleted()` in the inode
    // allocator), so removing one run's output before the next would make
    // that run pay for it (docs/performance.md, "Directory trees").
    let mut outputs = OutputDirs(Vec::new());
    for &kind in &a.inputs {
        let input = kind.path(&work.path);
        for &threads in &a.threads {
            for _ in 0..a.runs {
                let floor_threads = if kind == Kind::Files { threads } else { 1 };
                eprintln!("== {}: floor -j {floor_threads}", kind.label());
                let args: Vec<OsString> = vec![
                    "floor".into(),
                    kind_arg(kind).into(),
                    input.clone().into(),
                    "-j".into(),
                    floor_threads.to_string().into(),
                    "--passes".into(),
                    passes.to_string().into(),
                ];
                // Warm the page cache first (untimed): this VM reclaims
                // pages left unused for a while (DAMON), so the inputs may
                // have been evicted since the last run.
                let _ = Command::new(&me).args(&args[..3]).output();
                let mut fm = measure(&work.path, &me, &args)?;
                fm.wall /= passes as f64;
                fm.cpu /= passes as f64;
                let seen: FloorCount =
                    serde_json::from_slice(&fm.stdout).map_err(|e| format!("floor output: {e}"))?;
                let want = FloorCount {
                    documents: m.documents,
                    bytes: m.text_bytes,
                    newlines: m.newlines,
                    kept: 0,
                };
                if seen != want {
                    return Err(format!("floor saw {seen:?}, the generator wrote {want:?}"));
                }
                let floor_cpu = fm.cpu;
                rows.push(Row {
                    kind,
                    program: "floor",
                    threads: floor_threads,
                    m: fm,
                    floor_cpu: None,
                });

                eprintln!("== {}: deboil clean -j {threads}", kind.label());
                let out = work.path.join(format!("out-{}", outputs.0.len()));
                let report = work.path.join("report.json");
                let _ = fs::remove_dir_all(&out);
                outputs.0.push(out.clone());
                let args: Vec<OsString> = vec![
                    "clean".into(),
                    input.clone().into(),
                    "-o".into(),
                    out.clone().into(),
                    "-j".into(),
                    threads.to_string().into(),
                    "--quiet".into(),
                    "--report".into(),
                    report.clone().into(),
                ];
                let dm = measure(&work.path, &deboil, &args)?;
                let r: Report =
                    serde_json::from_slice(&fs::read(&report).map_err(io_err(report.display()))?)
                        .map_err(|e| format!("{}: {e}", report.display()))?;
                check_report(&r, &m, kind)?;
                match kept {
                    None => kept = Some((r.lines_out, r.bytes_out)),
                    Some(k) if k != (r.lines_out, r.bytes_out) => {
                        return Err(format!(
                            "{} -j {threads} kept {} lines / {} bytes, an earlier run {} / {}",
                            kind.label(),
                            r.lines_out,
                            r.bytes_out,
                            k.0,
                            k.1
                        ))
                    }
                    Some(_) => {}
                }
                eprintln!(
                    "   {:.1} s wall, {:.1} s CPU ({:.2}× the floor's {:.1} s)",
                    dm.wall,
                    dm.cpu,
                    dm.cpu / floor_cpu,
                    floor_cpu
                );
                rows.push(Row {
                    kind,
                    program: "deboil clean",
                    threads,
                    m: dm,
                    floor_cpu: Some(floor_cpu),
                });
                // Write the output back now, so that it does not overlap
                // the next measurement; it is removed after the last one.
                sync_disk();
                if a.lib && kind == Kind::Files {
                    eprintln!("== files: Cleaner::clean in-process -j {threads}");
                    let args: Vec<OsString> = vec![
                        "floor".into(),
                        "files".into(),
                        input.clone().into(),
                        "-j".into(),
                        threads.to_string().into(),
                        "--clean".into(),
                    ];
                    let lm = measure(&work.path, &me, &args)?;
                    let seen: FloorCount = serde_json::from_slice(&lm.stdout)
                        .map_err(|e| format!("floor --clean output: {e}"))?;
                    if Some(seen.kept) != kept.map(|k| k.0) || seen.documents != m.documents {
                        return Err(format!(
                            "Cleaner::clean in-process kept {} lines of {} documents, \
                             deboil clean {kept:?}",
                            seen.kept, seen.documents
                        ));
                    }
                    rows.push(Row {
                        kind,
                        program: "Cleaner::clean (in-process, no output)",
                        threads,
                        m: lm,
                        floor_cpu: Some(floor_cpu),
                    });
                }
            }
        }
    }
    let startup = if a.startup > 0 { Some(startup(&deboil, a.startup)?) } else { None };
    let summary = Summary {
        machine,
        version,
        commit,
        manifest: m,
        kept,
        rows,
        startup,
        spawns: a.startup,
        passes,
    };
    print!("{}", summary.render());
    eprintln!("== removing the {} runs' outputs", outputs.0.len());
    drop(outputs);
    Ok(())
}

/// The output directories of the timed runs, removed when dropped (after
/// the last timing, or on an error), also when the inputs are kept.
struct OutputDirs(Vec<PathBuf>);

impl Drop for OutputDirs {
    fn drop(&mut self) {
        for out in &self.0 {
            let _ = fs::remove_dir_all(out);
        }
    }
}

/// Remove the runs' output directories (`out-N`) from the work directory,
/// for Ctrl-C when the inputs are kept.
fn remove_outputs(work: &Path) {
    let Ok(entries) = fs::read_dir(work) else { return };
    for e in entries.flatten() {
        if e.file_name().to_string_lossy().starts_with("out-") {
            let _ = fs::remove_dir_all(e.path());
        }
    }
}

/// Wait for the disk, so that the write-back of a run's output does not
/// overlap the next measurement.
fn sync_disk() {
    let _ = Command::new("sync").status();
}

fn kind_arg(kind: Kind) -> &'static str {
    match kind {
        Kind::Files => "files",
        Kind::Jsonl => "jsonl",
        Kind::Wet => "wet",
    }
}

fn check_report(r: &Report, m: &Manifest, kind: Kind) -> Result<()> {
    let got = (r.documents, r.bytes_in, r.lines_in, r.errors);
    let want = (m.documents, m.text_bytes, m.lines, 0);
    if got != want {
        return Err(format!(
            "deboil clean on {} reported (documents, text bytes, lines, errors) = {got:?}, \
             the generator wrote {want:?}",
            kind.label()
        ));
    }
    if r.lines_out == 0 || r.lines_out >= r.lines_in {
        return Err(format!("deboil clean kept {} of {} lines", r.lines_out, r.lines_in));
    }
    Ok(())
}

/// Spawn each start-up command `n` times; wall times in milliseconds.
/// Start-up times of one command.
struct Startup {
    name: &'static str,
    /// Wall time of each spawn, sorted, in milliseconds.
    wall_ms: Vec<f64>,
}

fn startup(deboil: &Path, n: usize) -> Result<Vec<Startup>> {
    eprintln!("== start-up: {n} spawns each");
    let mut results = Vec::new();
    /// (name, deboil's arguments or none for `true`, standard input)
    type Case<'a> = (&'a str, &'a [&'a str], Option<&'a [u8]>);
    let cases: [Case; 3] = [
        ("`true` (process spawn alone)", &[], None),
        ("`deboil --version`", &["--version"], None),
        ("`deboil clean` of a 1-line stdin", &["clean"], Some(b"Hello world, this is one line.\n")),
    ];
    for (name, args, stdin) in cases {
        let mut times = Vec::with_capacity(n);

        for _ in 0..n {
            let mut cmd = if args.is_empty() { Command::new("true") } else { Command::new(deboil) };
            cmd.args(args).stdout(Stdio::null()).stderr(Stdio::null());
            cmd.stdin(if stdin.is_some() { Stdio::piped() } else { Stdio::null() });
            let t = Instant::now();
            let mut child = cmd.spawn().map_err(|e| format!("{name}: {e}"))?;
            if let (Some(input), Some(mut pipe)) = (stdin, child.stdin.take()) {
                pipe.write_all(input).map_err(|e| e.to_string())?;
            }
            let status = child.wait().map_err(|e| e.to_string())?;
            times.push(t.elapsed().as_secs_f64() * 1e3);
            if !status.success() {
                return Err(format!("{name} failed: {status}"));
            }
        }
        times.sort_by(f64::total_cmp);
        results.push(Startup { name, wall_ms: times });
    }
    Ok(results)
}

fn render_startup(st: &[Startup], spawns: usize) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "\nStart-up ({spawns} spawns each, wall ms; a busy machine inflates these, \
         `perf stat` gives the CPU time of one):\n"
    );
    let _ = writeln!(s, "| command | median | mean | min |");
    let _ = writeln!(s, "|---|---:|---:|---:|");
    for r in st {
        let t = &r.wall_ms;
        let mean = t.iter().sum::<f64>() / t.len() as f64;
        let _ = writeln!(s, "| {} | {:.2} | {:.2} | {:.2} |", r.name, median(t), mean, t[0]);
    }
    s
}

/// `deboil-bench startup`: only the start-up table.
fn startup_cmd(a: StartupArgs) -> Result<()> {
    let deboil = deboil_binary(a.deboil)?;
    let st = startup(&deboil, a.spawns.max(1))?;
    println!("* load average before: {:.1}", load_average());
    print!("{}", render_startup(&st, a.spawns.max(1)));
    Ok(())
}

// ---------------------------------------------------------------------------
// Report

fn machine() -> String {
    let cpuinfo = fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let model = cpuinfo
        .lines()
        .find(|l| l.starts_with("model name"))
        .and_then(|l| l.split(':').nth(1))
        .map_or("unknown CPU".to_string(), |s| s.trim().to_string());
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    let mem_gb = fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("MemTotal"))
                .and_then(|l| l.split_whitespace().nth(1).and_then(|kb| kb.parse::<f64>().ok()))
        })
        .map_or(0.0, |kb| kb / 1024.0 / 1024.0);
    let kernel = fs::read_to_string("/proc/sys/kernel/osrelease").unwrap_or_default();
    format!("{model}, {cores} cores, {mem_gb:.0} GB RAM, Linux {}", kernel.trim())
}

fn git_commit() -> String {
    let dir = env!("CARGO_MANIFEST_DIR");
    let head = Command::new("git").args(["-C", dir, "rev-parse", "--short", "HEAD"]).output();
    let dirty = Command::new("git").args(["-C", dir, "status", "--porcelain", "-uno"]).output();
    match (head, dirty) {
        (Ok(h), Ok(d)) if h.status.success() => {
            let mut s = String::from_utf8_lossy(&h.stdout).trim().to_string();
            if !d.stdout.is_empty() {
                s.push_str("-dirty");
            }
            s
        }
        _ => "unknown".into(),
    }
}

fn median(sorted: &[f64]) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    sorted[sorted.len() / 2]
}

/// Everything the report shows.
struct Summary {
    machine: String,
    version: String,
    commit: String,
    manifest: Manifest,
    kept: Option<(u64, u64)>,
    rows: Vec<Row>,
    startup: Option<Vec<Startup>>,
    spawns: usize,
    passes: usize,
}

impl Summary {
    fn render(&self) -> String {
        let Summary { machine, version, commit, manifest: m, kept, rows, startup, spawns, passes } =
            self;
        let mb = m.text_bytes as f64 / 1e6;
        let mut s = String::new();
        let _ = writeln!(s, "\n## deboil throughput\n");
        let _ = writeln!(s, "* machine: {machine}");
        let _ = writeln!(s, "* deboil: {version} (commit {commit})");
        let _ = writeln!(
        s,
        "* corpus: {} documents, {mb:.1} MB of text (median {:.1} KB, mean {:.1} KB, largest {:.0} KB; \
         median line {} bytes), seed {}; JSONL.gz {:.0} MB, WET.gz {:.0} MB",
        m.documents,
        m.median_doc as f64 / 1e3,
        m.mean_doc as f64 / 1e3,
        m.max_doc as f64 / 1e3,
        m.median_line,
        m.seed,
        m.jsonl_gz_bytes as f64 / 1e6,
        m.wet_gz_bytes as f64 / 1e6
    );
        if let Some((lines, bytes)) = kept {
            let _ = writeln!(
                s,
                "* kept: {lines} of {} lines, {:.1}% of the text bytes (the same in every run)",
                m.lines,
                *bytes as f64 * 100.0 / m.text_bytes as f64
            );
        }
        let _ = writeln!(
        s,
        "* MB = 10^6 bytes of document text (the same in every format); CPU = user + sys of the \
         child process; load = 1-minute load average when the run started; the floor's times are \
         per pass ({passes} passes)\n"
    );
        let _ = writeln!(
        s,
        "| input | program | threads | wall s | CPU s | MB/s per core (CPU) | MB/s wall | CPU × floor | peak RSS MB | load |"
    );
        let _ = writeln!(s, "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        for r in rows {
            let ratio = r.floor_cpu.map_or("1".to_string(), |f| format!("{:.1}", r.m.cpu / f));
            // Under one clock tick the CPU time says nothing.
            let per_core = if r.m.ticked { format!("{:.0}", mb / r.m.cpu) } else { "—".into() };
            let _ = writeln!(
                s,
                "| {} | {} | {} | {:.3} | {:.3} | {} | {:.0} | {} | {:.0} | {:.1} |",
                r.kind.label(),
                r.program,
                r.threads,
                r.m.wall,
                r.m.cpu,
                per_core,
                mb / r.m.wall,
                ratio,
                r.m.rss_kb as f64 / 1024.0,
                r.m.load
            );
        }
        // Thread scaling of deboil (wall), per input.
        let mut scaling = String::new();
        for kind in [Kind::Files, Kind::Jsonl, Kind::Wet] {
            let best = |t: usize| {
                rows.iter()
                    .filter(|r| r.kind == kind && r.program == "deboil clean" && r.threads == t)
                    .map(|r| r.m.wall)
                    .min_by(f64::total_cmp)
            };
            if let (Some(w1), Some(w2)) = (best(1), best(2)) {
                let _ = write!(scaling, "{} {:.2}×, ", kind.label(), w1 / w2);
            }
        }
        if !scaling.is_empty() {
            let _ = writeln!(
                s,
                "\n2 threads vs 1 (wall, deboil clean): {}",
                scaling.trim_end_matches(", ")
            );
        }
        if let Some(st) = startup {
            s.push_str(&render_startup(st, *spawns));
        }
        s
    }
}

// ---------------------------------------------------------------------------
// One page in-process (for profilers)

fn page(a: PageArgs) -> Result<()> {
    let sources = common::load(&common::corpus_dir()).map_err(|e| e.to_string())?;
    // The same page as the Criterion benches' for their sizes.
    let text = common::bench_page_bytes(&sources, &a.lang, a.size as usize);
    let cleaner = deboil::Cleaner::new(deboil::Config::default());
    let kept = cleaner.clean(&text).kept_count();
    let started = Instant::now();
    for _ in 0..a.iterations {
        let k = cleaner.clean(std::hint::black_box(&text)).kept_count();
        if k != kept {
            return Err(format!("kept {k} lines, the first pass {kept}"));
        }
    }
    let secs = started.elapsed().max(Duration::from_nanos(1)).as_secs_f64();
    println!(
        "{} bytes, {} lines, {kept} kept; {} iterations in {secs:.2} s: {:.1} MB/s, {:.1} µs per page",
        text.len(),
        common::count_lines(&text),
        a.iterations,
        text.len() as f64 * a.iterations as f64 / secs / 1e6,
        secs * 1e6 / a.iterations as f64
    );
    Ok(())
}
