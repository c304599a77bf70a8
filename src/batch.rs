//! The batch engine: clean whole crawls — directories of text files, JSONL
//! shards, WARC/WET files, gzip or zstd — in parallel, streaming, with
//! bounded memory, losing nothing.
//!
//! ```no_run
//! use deboil::batch::{run_batch, BatchOptions, Output, Silent};
//! use deboil::{Cleaner, Config};
//! let options = BatchOptions {
//!     inputs: vec!["crawl/".into()],
//!     output: Output::Dir("cleaned/".into()),
//!     globs: vec!["*.jsonl.gz".into()],
//!     ..BatchOptions::default()
//! };
//! let summary = run_batch(&Cleaner::new(Config::default()), &options, &Silent)?;
//! println!("{summary}");
//! # Ok::<(), deboil::batch::BatchError>(())
//! ```
//!
//! ## How it runs
//!
//! One thread reads: it walks the inputs in order, decompresses them and
//! cuts them into records ([`crate::io::RecordReader`]), gathering them
//! into chunks of about [`BatchOptions::chunk_bytes`]. Each chunk's records
//! are parsed, cleaned, serialised and compressed in parallel on a Rayon
//! pool, and the results are written back in input order — while the next
//! chunk is being read and the previous one written. A plain text file is
//! one record, so a directory of small files is cleaned in parallel too.
//! Chunk boundaries depend only on the input, never on the thread count, so
//! the output is byte-identical for any number of threads.
//!
//! In directory mode ([`Output::Dir`]) a plain text file's outputs are
//! written by the worker that cleans it, to temporary files beside their
//! final names, which it closes; the writing thread only renames them into
//! place, in input order, when it reaches the file's end — or drops them
//! (removing them) if the run stops first. Creating files is most of the
//! system time of a tree of small files, and one thread doing it for every
//! file held two threads to 1.1× of one; what appears under a final name,
//! and the order errors are reported in, are still decided by the writer.
//!
//! Memory: about three chunks in flight plus a read buffer and one cleaner
//! scratch per thread, whatever the input size (a text file written by its
//! worker holds no memory or file descriptor until its rename). Only a plain text document
//! (one record) and a single WARC record are ever held whole.
//!
//! Compressed outputs are written as independent gzip members / zstd frames
//! (one per WARC record, about one per MiB of JSONL or text), compressed in
//! parallel; every gzip and zstd reader reads them as one stream.
//!
//! ## Nothing lost
//!
//! * Inputs are only read. An output directory that is an input, contains
//!   an input or lies inside an input directory is refused, as is an output
//!   file that is an input or lies in an input directory.
//! * Each output is written to a temporary file beside its final name and
//!   renamed when complete; an interrupted run leaves no partial output
//!   under a final name, and [`BatchOptions::resume`] skips inputs whose
//!   outputs exist.
//! * A bad record is reported with its file and number and the run goes
//!   on. In the input's own shape, a JSONL line that is not a usable record
//!   (invalid JSON, not an object, no text field, a text that is not a
//!   string, invalid UTF-8) is **copied to the output unchanged**, so the
//!   output has a line for every input line; a malformed WARC record is
//!   **left out** (the output must stay valid WARC) and reading resumes at
//!   the next `WARC/1.x` line. With [`OutputFormat::Jsonl`] bad records are
//!   left out. A stream that breaks off (truncated gzip, corrupt zstd, read
//!   error) keeps the records read before the break. A text file that
//!   cannot be read whole gives no output.
//! * Plain text files never fail on content: invalid UTF-8, NUL bytes and
//!   CR/CRLF line ends go to the cleaner as they are.

mod error;
mod learn;
mod plan;
mod sink;
mod stats;

use std::borrow::Cow;
use std::collections::HashSet;
use std::fs::File;
use std::io::{self as stdio, BufWriter, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Instant;

use rayon::prelude::*;
use serde::Serialize;

pub use error::BatchError;
pub use learn::learn_templates;
pub use plan::EXPLAIN_SUFFIX;
pub use stats::{LabelCounts, Stats, Summary, MAX_LISTED_FAILURES};

use crate::features::LineFeatures;
use crate::io::{
    self, jsonl::write_json_string, Compression, Format, JsonlRecord, Record, RecordReader,
};
use crate::templates::{self, LineEvidence, SiteFrom, TemplateStats};
use crate::Cleaner;
use error::Kind;
use plan::{InputFile, InputWalk};
use sink::AtomicFile;

/// Where cleaned output goes.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub enum Output {
    /// Standard output: every input's output, in order.
    #[default]
    Stdout,
    /// A directory mirroring the input tree: one output file per input file,
    /// at the input's path relative to the directory it was found in (or its
    /// file name, for a file named directly).
    Dir(PathBuf),
    /// One file holding every input's output, in order.
    File(PathBuf),
}

/// The shape of the output.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum OutputFormat {
    /// The input's own shape: text stays text, JSONL stays JSONL with the
    /// text field replaced, WARC stays WARC with cleaned bodies.
    #[default]
    Native,
    /// One JSON object per document, `{"id": …, "url": …, "text": …}`
    /// (`url` only when known), whatever the input.
    Jsonl,
}

/// Where `--explain` records go: one JSON object per input line of every
/// cleaned document (see [`run_batch`]).
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub enum Explain {
    /// No explanations.
    #[default]
    Off,
    /// Beside each output file, at its path plus [`EXPLAIN_SUFFIX`].
    Beside,
    /// All into this file.
    File(PathBuf),
    /// To standard output, instead of the cleaned text.
    Stdout,
}

/// What to clean, how, and where to put it.
#[derive(Clone, Debug)]
pub struct BatchOptions {
    /// Files and directories to clean, in order; `-` is standard input.
    pub inputs: Vec<PathBuf>,
    /// Where the output goes.
    pub output: Output,
    /// The shape of the output.
    pub output_format: OutputFormat,
    /// Treat every input as this format instead of detecting it.
    pub input_format: Option<Format>,
    /// Output compression. `None`: as the input for [`Output::Dir`]; from
    /// the file name's extension for [`Output::File`]; uncompressed on
    /// standard output.
    pub compress: Option<Compression>,
    /// The JSONL field holding the text (default `text`).
    pub text_field: String,
    /// Write the cleaned text to this JSONL field (replaced where it is, or
    /// added right after the text field) and keep the original text.
    pub output_field: Option<String>,
    /// Glob patterns restricting which files of a walked directory are
    /// cleaned (matched against the path relative to that directory, `*`
    /// matching across `/`). Files named directly are always cleaned.
    pub globs: Vec<String>,
    /// Leave out documents left with nothing but whitespace (counted in
    /// [`Stats::documents_dropped`]); an empty text document then gets no
    /// output file at all.
    pub drop_empty: bool,
    /// Per-line explanations.
    pub explain: Explain,
    /// Skip inputs whose output (and explanation) files already exist.
    pub resume: bool,
    /// Stop at the first error.
    pub strict: bool,
    /// Worker threads; `None` for one per core.
    pub threads: Option<usize>,
    /// Records are gathered into chunks of about this many bytes, cleaned
    /// in parallel, and written in order (default 8 MiB).
    pub chunk_bytes: usize,
    /// Set to stop: no new work is taken, temporary files are removed, and
    /// [`Summary::interrupted`] is set.
    pub cancel: Arc<AtomicBool>,
    /// Cross-document template statistics (from [`learn_templates`] or a
    /// file): when set, documents are cleaned with their site's evidence
    /// ([`Cleaner::clean_with_evidence`]).
    pub templates: Option<Arc<TemplateStats>>,
    /// Where a document's site comes from, for templates.
    pub site_from: SiteFrom,
    /// The JSONL field holding a record's URL (default `url`), for sites.
    pub url_field: String,
    /// Memory ceiling of the template counts in [`learn_templates`], in
    /// bytes (default 512 MiB); see [`templates::Learner`].
    pub template_memory: usize,
}

impl Default for BatchOptions {
    fn default() -> BatchOptions {
        BatchOptions {
            inputs: Vec::new(),
            output: Output::Stdout,
            output_format: OutputFormat::Native,
            input_format: None,
            compress: None,
            text_field: "text".into(),
            output_field: None,
            globs: Vec::new(),
            drop_empty: false,
            explain: Explain::Off,
            resume: false,
            strict: false,
            threads: None,
            chunk_bytes: 8 << 20,
            cancel: Arc::new(AtomicBool::new(false)),
            templates: None,
            site_from: SiteFrom::Auto,
            url_field: "url".into(),
            template_memory: 512 << 20,
        }
    }
}

/// Receives progress and errors while a batch runs (a progress bar, a log).
/// Every method has a do-nothing default.
pub trait Reporter: Sync {
    /// Whether [`Reporter::start`] should get the total input size (which
    /// costs a walk of the inputs before the run).
    fn wants_total(&self) -> bool {
        false
    }
    /// The run starts; `total_bytes` is the size of the input files as
    /// stored, if asked for and known (not for standard input).
    fn start(&self, total_bytes: Option<u64>) {
        let _ = total_bytes;
    }
    /// `bytes` more input bytes (as stored) and `documents` more documents
    /// are done.
    fn advance(&self, bytes: u64, documents: u64) {
        let _ = (bytes, documents);
    }
    /// An error, as it happens, in input order.
    fn error(&self, error: &BatchError) {
        let _ = error;
    }
}

/// A [`Reporter`] that reports nothing.
#[derive(Clone, Copy, Debug, Default)]
pub struct Silent;

impl Reporter for Silent {}

/// Refuse `path` as an output if it is one of `inputs` or lies inside an
/// input directory (for files written beside a batch, such as a report).
pub fn check_output_path(inputs: &[PathBuf], path: &Path) -> Result<(), BatchError> {
    plan::check_output_file(path, &plan::canonical_roots(inputs))
}

/// Clean everything `options` names with `cleaner`.
///
/// Returns the [`Summary`] — also when some inputs failed (see
/// [`Summary::failed`]) or the run was cancelled. Returns an error only when
/// the options are unusable ([`BatchError::is_usage`]; nothing was done),
/// when standard output or the single output file cannot be written
/// ([`BatchError::is_broken_pipe`] when stdout's reader went away), or at
/// the first error with [`BatchOptions::strict`].
///
/// `--explain` records are JSON objects, one per input line of each cleaned
/// document, in order: `file`, `record` (JSONL line or WARC record number;
/// absent for text files), `id` (when known), `line` (1-based), `keep`,
/// `label`, `rule`, `ref` (the 1-based line the rule refers to, or null),
/// `score`, `features`, and `text` (the line without its terminator, as
/// lossy UTF-8). Lines dropped as a site's template (rule `template`) also
/// carry `template`: `{site, site_docs, site_total, sites}`, the evidence
/// (the site, the documents of the site with the line, the site's
/// documents, the sites with the line).
pub fn run_batch(
    cleaner: &Cleaner,
    options: &BatchOptions,
    reporter: &dyn Reporter,
) -> Result<Summary, BatchError> {
    let started = Instant::now();
    let checked = validate(options)?;
    let threads = options
        .threads
        .unwrap_or_else(|| std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1));
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .thread_name(|i| format!("deboil-{i}"))
        .build()
        .map_err(|e| BatchError::usage(format!("cannot start {threads} threads: {e}")))?;
    if reporter.wants_total() {
        reporter.start(total_bytes(options, &checked));
    } else {
        reporter.start(None);
    }
    let mut summary = pool.install(|| run_engine(cleaner, options, checked, reporter))?;
    summary.elapsed = started.elapsed();
    Ok(summary)
}

/// Options after validation.
struct Checked {
    globs: Option<globset::GlobSet>,
    out_dir: Option<PathBuf>,
}

fn validate(o: &BatchOptions) -> Result<Checked, BatchError> {
    if o.inputs.is_empty() {
        return Err(BatchError::usage("no inputs"));
    }
    if o.inputs.iter().filter(|p| p.as_os_str() == "-").count() > 1 {
        return Err(BatchError::usage("standard input (-) named more than once"));
    }
    if o.chunk_bytes == 0 || o.threads == Some(0) {
        return Err(BatchError::usage("chunk size and thread count must be positive"));
    }
    if o.text_field.is_empty() {
        return Err(BatchError::usage("the text field name is empty"));
    }
    if o.output_field.is_some() && o.output_format == OutputFormat::Jsonl {
        return Err(BatchError::usage(
            "an output field applies to JSONL written in the input's shape, not to --format jsonl",
        ));
    }
    let roots = plan::canonical_roots(&o.inputs);
    let mut out_dir = None;
    match &o.output {
        Output::Stdout => {
            if o.explain == Explain::Beside {
                return Err(BatchError::usage(
                    "explanations beside outputs need an output file or directory",
                ));
            }
        }
        Output::Dir(dir) => {
            if o.inputs.iter().any(|p| p.as_os_str() == "-") {
                return Err(BatchError::usage(
                    "standard input cannot be mirrored into an output directory: write to standard output",
                ));
            }
            if o.output_format == OutputFormat::Jsonl {
                return Err(BatchError::usage(
                    "--format jsonl writes one stream: give an output file, not a directory",
                ));
            }
            out_dir = Some(plan::check_output_dir(dir, &roots)?);
        }
        Output::File(file) => {
            plan::check_output_file(file, &roots)?;
            if o.explain == Explain::Beside {
                plan::check_output_file(&explain_path(file), &roots)?;
            }
        }
    }
    match &o.explain {
        Explain::Stdout if o.output != Output::Stdout => {
            return Err(BatchError::usage(
                "explanations on standard output need the text there too",
            ));
        }
        Explain::File(f) => plan::check_output_file(f, &roots)?,
        _ => {}
    }
    Ok(Checked { globs: plan::compile_globs(&o.globs)?, out_dir })
}

fn explain_path(output: &Path) -> PathBuf {
    let mut s = output.as_os_str().to_owned();
    s.push(EXPLAIN_SUFFIX);
    PathBuf::from(s)
}

/// Total stored size of the inputs, or `None` if standard input is one.
fn total_bytes(o: &BatchOptions, c: &Checked) -> Option<u64> {
    let mut total = 0;
    for f in InputWalk::new(o.inputs.clone(), c.globs.clone(), c.out_dir.clone()).flatten() {
        total += std::fs::metadata(f.path.as_ref()?).map(|m| m.len()).unwrap_or(0);
    }
    Some(total)
}

// ---------------------------------------------------------------------------
// Chunks of work

/// What the writer needs to know about the file a unit came from.
struct FileCtx {
    display: String,
    /// The directory of the file as named (its site with `--site-from dir`).
    dir: String,
    format: Format,
    /// Compression of the sink this file's output goes to.
    out_compression: Compression,
    /// A plain text file in directory mode: the worker that cleans its one
    /// record writes its outputs to temporary files itself (see [`Staged`]).
    stage: Option<OutPaths>,
}

/// Output paths of one input in [`Output::Dir`] mode.
#[derive(Clone)]
struct OutPaths {
    output: PathBuf,
    explain: Option<PathBuf>,
}

/// One record to clean.
struct Unit {
    ctx: Arc<FileCtx>,
    record: Record,
}

enum Event {
    /// An input file starts (output paths in directory mode).
    Open(Arc<FileCtx>, Option<OutPaths>),
    /// A record of the open file.
    Unit(Unit),
    /// An error about the open file.
    Fail(BatchError),
    /// The open file ends.
    Close,
    /// An input file skipped by `resume`.
    Skip,
}

struct Chunk {
    events: Vec<Event>,
    /// Input bytes (as stored) read for this chunk.
    raw_bytes: u64,
}

impl Chunk {
    /// The chunk's units (documents or records), in order, for a parallel pass.
    fn units(&self) -> Vec<&Unit> {
        self.events
            .iter()
            .filter_map(|e| match e {
                Event::Unit(u) => Some(u),
                _ => None,
            })
            .collect()
    }
}

/// What cleaning one unit produced.
#[derive(Default)]
struct Done {
    /// Output bytes (compressed, if the sink is; possibly empty when the
    /// unit's output was compressed together with a later unit's).
    data: Vec<u8>,
    /// Explanation records.
    explain: Vec<u8>,
    stats: Stats,
    error: Option<BatchError>,
    /// An empty text document left out with `drop_empty`.
    dropped: bool,
    /// The outputs of a text file in directory mode, written by the worker
    /// (`data` and `explain` are then empty).
    staged: Option<Staged>,
}

/// A plain text file's outputs in directory mode, written by the worker
/// that cleaned it into temporary files beside their final names, closed,
/// and waiting to be committed (renamed) or dropped (removed) by the
/// writer, in input order: file creation costs more system time than
/// anything else the writer does, so it happens in parallel, while what
/// appears under a final name, and when, stays decided in order.
struct Staged {
    /// Output bytes (compressed, if the output is), as
    /// [`Stats::output_bytes`] counts them.
    bytes: u64,
    /// The closed temporary files, or why they could not be written.
    files: stdio::Result<StagedFiles>,
}

struct StagedFiles {
    /// `None` when the file gets no output (an empty document left out, or
    /// one whose output could not be produced).
    output: Option<AtomicFile>,
    explain: Option<AtomicFile>,
}

/// Events per chunk at most (many tiny or skipped files still make
/// progress in steps).
const MAX_EVENTS: usize = 1 << 14;

/// Uncompressed bytes per compressed piece (gzip member / zstd frame).
const PIECE_BYTES: usize = 1 << 20;

// ---------------------------------------------------------------------------
// Reading

/// Counts bytes read from an input as stored.
struct Counting<R> {
    inner: R,
    counter: Arc<AtomicU64>,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> stdio::Result<usize> {
        let n = self.inner.read(buf)?;
        self.counter.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

struct Producer<'a> {
    options: &'a BatchOptions,
    walk: InputWalk,
    out_dir: Option<PathBuf>,
    /// Output compression outside directory mode.
    stream_compression: Compression,
    current: Option<(Arc<FileCtx>, RecordReader)>,
    counter: Arc<AtomicU64>,
    counted: u64,
    skipped_bytes: u64,
    /// Hashes of the output paths written so far (directory mode), to catch
    /// two inputs mapped to one output.
    outputs: HashSet<u64>,
}

impl Producer<'_> {
    fn cancelled(&self) -> bool {
        self.options.cancel.load(Ordering::Relaxed)
    }

    fn next_chunk(&mut self) -> Option<Chunk> {
        let mut events = Vec::new();
        let mut bytes = 0usize;
        while bytes < self.options.chunk_bytes && events.len() < MAX_EVENTS && !self.cancelled() {
            let Some((ctx, reader)) = &mut self.current else {
                match self.walk.next() {
                    None => break,
                    Some(Ok(file)) => self.open(file, &mut events),
                    Some(Err(e)) => {
                        let ctx = Arc::new(FileCtx {
                            dir: dir_of(&e.display),
                            display: e.display.clone(),
                            format: Format::Text,
                            out_compression: Compression::None,
                            stage: None,
                        });
                        events.push(Event::Open(ctx, None));
                        events.push(Event::Fail(BatchError::input(&e.display, None, e.message)));
                        events.push(Event::Close);
                    }
                }
                continue;
            };
            match reader.next_record() {
                Some(Ok(record)) => {
                    bytes += match &record {
                        Record::Text(t) => t.len(),
                        Record::Jsonl(l) => l.bytes.len(),
                        Record::Warc(w) => w.block().len() + 256,
                    };
                    events.push(Event::Unit(Unit { ctx: ctx.clone(), record }));
                }
                Some(Err(e)) => {
                    let fatal = e.is_fatal();
                    events.push(Event::Fail(BatchError::input(
                        &ctx.display,
                        e.record(),
                        e.message(),
                    )));
                    if fatal {
                        events.push(Event::Close);
                        self.current = None;
                    }
                }
                None => {
                    events.push(Event::Close);
                    self.current = None;
                }
            }
        }
        if events.is_empty() {
            return None;
        }
        let now = self.counter.load(Ordering::Relaxed);
        let raw_bytes = now - self.counted + std::mem::take(&mut self.skipped_bytes);
        self.counted = now;
        Some(Chunk { events, raw_bytes })
    }

    /// Open `file`, pushing its `Open` event (or `Skip`, or `Open`, `Fail`,
    /// `Close` if it cannot be opened).
    fn open(&mut self, file: InputFile, events: &mut Vec<Event>) {
        let before = self.counter.load(Ordering::Relaxed);
        let fail = |events: &mut Vec<Event>, message: String| {
            let ctx = Arc::new(FileCtx {
                dir: dir_of(&file.display),
                display: file.display.clone(),
                format: Format::Text,
                out_compression: Compression::None,
                stage: None,
            });
            events.push(Event::Open(ctx, None));
            events.push(Event::Fail(BatchError::input(&file.display, None, message)));
            events.push(Event::Close);
        };
        let raw: Box<dyn Read + Send> = match &file.path {
            None => Box::new(Counting { inner: stdio::stdin(), counter: self.counter.clone() }),
            Some(p) => match File::open(p) {
                Ok(f) => Box::new(Counting { inner: f, counter: self.counter.clone() }),
                Err(e) => return fail(events, e.to_string()),
            },
        };
        let input = match io::open(raw, file.path.as_deref(), self.options.input_format) {
            Ok(i) => i,
            Err(e) => return fail(events, e.to_string()),
        };
        let out_compression = match &self.out_dir {
            Some(_) => self.options.compress.unwrap_or(input.compression),
            None => self.stream_compression,
        };
        let paths = match &self.out_dir {
            None => None,
            Some(dir) => {
                let output =
                    dir.join(plan::output_rel(&file.rel, input.compression, out_compression));
                let explain =
                    (self.options.explain == Explain::Beside).then(|| explain_path(&output));
                let key = xxhash_rust::xxh3::xxh3_64(output.as_os_str().as_encoded_bytes());
                if !self.outputs.insert(key) {
                    return fail(
                        events,
                        format!(
                            "output {} would overwrite the output of an earlier input",
                            output.display()
                        ),
                    );
                }
                if self.options.resume
                    && output.exists()
                    && explain.as_ref().is_none_or(|e| e.exists())
                {
                    if let Some(p) = &file.path {
                        // The whole file counts as done, less what detection read.
                        let len = std::fs::metadata(p).map(|m| m.len()).unwrap_or(0);
                        let read = self.counter.load(Ordering::Relaxed) - before;
                        self.skipped_bytes += len.saturating_sub(read);
                    }
                    events.push(Event::Skip);
                    return;
                }
                Some(OutPaths { output, explain })
            }
        };
        // A text file is one record: its outputs are written whole by the
        // worker that cleans it, and only committed here, in order.
        let stage = paths.as_ref().filter(|_| input.format == Format::Text).cloned();
        let ctx = Arc::new(FileCtx {
            dir: dir_of(&file.display),
            display: file.display,
            format: input.format,
            out_compression,
            stage,
        });
        events.push(Event::Open(ctx.clone(), paths));
        self.current = Some((ctx, RecordReader::new(input.reader, input.format)));
    }
}

/// The directory part of an input's displayed path (`""` for a bare file
/// name or standard input).
fn dir_of(display: &str) -> String {
    Path::new(display).parent().map(|p| p.to_string_lossy().into_owned()).unwrap_or_default()
}

// ---------------------------------------------------------------------------
// Cleaning (the only place that uses Rayon)

struct Env<'a> {
    cleaner: &'a Cleaner,
    options: &'a BatchOptions,
    /// Whether the cleaned text is written anywhere.
    emit_text: bool,
    emit_explain: bool,
}

/// Per-thread scratch, reused across units.
#[derive(Default)]
struct Scratch {
    text: Vec<u8>,
}

fn process_chunk(env: &Env<'_>, chunk: &Chunk) -> Vec<Done> {
    let units = chunk.units();
    let mut done: Vec<Done> =
        units.par_iter().map_init(Scratch::default, |s, u| process_unit(env, u, s)).collect();
    if env.emit_text {
        compress_pieces(chunk, &mut done);
    }
    done
}

/// Compress the outputs of units bound for compressed sinks, in pieces of
/// about [`PIECE_BYTES`] (one per record for WARC), in parallel. Each
/// piece's compressed bytes replace the data of its last unit.
fn compress_pieces(chunk: &Chunk, done: &mut [Done]) {
    // (compression, first unit, last unit) of each piece.
    let mut pieces: Vec<(Compression, usize, usize)> = Vec::new();
    let mut open: Option<(Compression, usize, usize, usize)> = None; // + size
    let mut i = 0;
    for event in &chunk.events {
        let Event::Unit(u) = event else {
            if let Some((c, a, b, _)) = open.take() {
                pieces.push((c, a, b));
            }
            continue;
        };
        let c = u.ctx.out_compression;
        // A staged text file compressed its output itself (and is alone in
        // its file: its Open and Close events close any piece around it).
        if c != Compression::None && u.ctx.stage.is_none() {
            let size = done[i].data.len();
            open = match open {
                Some((oc, a, _, n)) if oc == c => Some((c, a, i, n + size)),
                Some((oc, a, b, _)) => {
                    pieces.push((oc, a, b));
                    Some((c, i, i, size))
                }
                None => Some((c, i, i, size)),
            };
            let per_record = u.ctx.format == Format::Warc;
            if let Some((c, a, b, n)) = open {
                if n >= PIECE_BYTES || per_record {
                    pieces.push((c, a, b));
                    open = None;
                }
            }
        }
        i += 1;
    }
    if let Some((c, a, b, _)) = open {
        pieces.push((c, a, b));
    }
    let compressed: Vec<Result<Vec<u8>, String>> = pieces
        .par_iter()
        .map(|&(c, a, b)| {
            let mut plain = Vec::new();
            let data: &[u8] = if a == b {
                &done[a].data
            } else {
                for d in &done[a..=b] {
                    plain.extend_from_slice(&d.data);
                }
                &plain
            };
            let mut out = Vec::with_capacity(data.len() / 3 + 64);
            if data.is_empty() {
                return Ok(out);
            }
            c.encode_into(data, &mut out).map(|_| out).map_err(|e| e.to_string())
        })
        .collect();
    for ((_, a, b), result) in pieces.into_iter().zip(compressed) {
        for d in &mut done[a..b] {
            d.data = Vec::new();
        }
        match result {
            Ok(bytes) => done[b].data = bytes,
            Err(e) => {
                done[b].data = Vec::new();
                done[b].error.get_or_insert_with(|| BatchError::new(Kind::Output, None, None, e));
            }
        }
    }
}

/// What `--explain` records say about the document a line is in.
struct DocRef<'a> {
    file: &'a str,
    record: Option<u64>,
    id: Option<&'a str>,
    /// The document's site, when cleaning with templates.
    site: Option<String>,
}

/// The site of a document (see [`SiteFrom`]), when cleaning with templates.
fn site_of(env: &Env<'_>, ctx: &FileCtx, url: impl FnOnce() -> Option<String>) -> Option<String> {
    env.options.templates.as_ref()?;
    Some(site_for(env.options.site_from, ctx, url))
}

/// The site of a document of the file `ctx` (the URL is only asked for
/// when `from` needs it).
fn site_for(from: SiteFrom, ctx: &FileCtx, url: impl FnOnce() -> Option<String>) -> String {
    let url = match from {
        SiteFrom::Auto | SiteFrom::Url => url(),
        SiteFrom::Dir | SiteFrom::None => None,
    };
    from.site(url.as_deref(), &ctx.dir)
}

/// `--explain`'s account of a line dropped as template.
#[derive(Serialize)]
struct TemplateExplain<'a> {
    site: &'a str,
    site_docs: u32,
    site_total: u32,
    sites: u32,
}

#[derive(Serialize)]
struct ExplainLine<'a> {
    file: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    record: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<&'a str>,
    line: usize,
    keep: bool,
    label: &'static str,
    rule: &'static str,
    #[serde(rename = "ref")]
    refers_to: Option<u32>,
    score: f32,
    features: &'a LineFeatures,
    text: Cow<'a, str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    template: Option<TemplateExplain<'a>>,
}

/// Clean `text`, leaving the cleaned bytes in `scratch.text`, counting into
/// `done.stats` and explaining into `done.explain`. Returns whether the
/// document is left empty (whitespace only) and is to be left out.
fn clean_document(
    env: &Env<'_>,
    text: &[u8],
    doc: DocRef<'_>,
    scratch: &mut Scratch,
    done: &mut Done,
) -> bool {
    let evidence = match (&env.options.templates, &doc.site) {
        (Some(stats), Some(site)) => Some(stats.evidence(site)),
        _ => None,
    };
    let cleaned = match &evidence {
        Some(ev) => env.cleaner.clean_with_evidence(text, ev),
        None => env.cleaner.clean(text),
    };
    let stats = &mut done.stats;
    stats.documents += 1;
    stats.bytes_in += text.len() as u64;
    for v in cleaned.verdicts() {
        stats.lines_in += 1;
        if v.keep {
            stats.lines_out += 1;
            stats.bytes_out += v.span.range().len() as u64;
        } else {
            stats.dropped_lines.add(v.label);
        }
    }
    if env.emit_explain {
        let mut key_buf = String::new();
        for (i, v) in cleaned.verdicts().iter().enumerate() {
            let line_text = &text[v.span.content()];
            let template = match (&evidence, v.rule) {
                (Some(ev), crate::Rule::Template { .. }) => {
                    templates::line_key(line_text, &mut key_buf).and_then(|k| ev.lookup(k)).map(
                        |h| TemplateExplain {
                            site: ev.site(),
                            site_docs: h.site_docs,
                            site_total: h.site_total,
                            sites: h.sites,
                        },
                    )
                }
                _ => None,
            };
            let line = ExplainLine {
                file: doc.file,
                record: doc.record,
                id: doc.id,
                line: i + 1,
                keep: v.keep,
                label: v.label.as_str(),
                rule: v.rule.as_str(),
                refers_to: v.rule.refers_to().map(|n| n + 1),
                score: v.score,
                features: &v.features,
                text: String::from_utf8_lossy(line_text),
                template,
            };
            // Serialising into a Vec cannot fail.
            let _ = serde_json::to_writer(&mut done.explain, &line);
            done.explain.push(b'\n');
        }
    }
    scratch.text.clear();
    cleaned.write_to(&mut scratch.text);
    let empty = scratch.text.iter().all(u8::is_ascii_whitespace);
    if empty {
        stats.documents_empty += 1;
        if env.options.drop_empty {
            stats.documents_dropped += 1;
            return true;
        }
    }
    false
}

/// Write a `--format jsonl` record.
fn write_doc_record(id: &str, url: Option<&str>, text: &[u8], out: &mut Vec<u8>) {
    out.extend_from_slice(b"{\"id\":");
    write_json_string(id, out);
    if let Some(url) = url {
        out.extend_from_slice(b",\"url\":");
        write_json_string(url, out);
    }
    out.extend_from_slice(b",\"text\":");
    write_json_string(&String::from_utf8_lossy(text), out);
    out.extend_from_slice(b"}\n");
}

fn process_unit(env: &Env<'_>, unit: &Unit, scratch: &mut Scratch) -> Done {
    let mut done = Done::default();
    let file = unit.ctx.display.as_str();
    let native = env.options.output_format == OutputFormat::Native;
    match &unit.record {
        Record::Text(text) => {
            done.stats.records += 1;
            let site = site_of(env, &unit.ctx, || None);
            let doc = DocRef { file, record: None, id: None, site };
            if clean_document(env, text, doc, scratch, &mut done) {
                done.dropped = true;
            } else if env.emit_text {
                if native {
                    done.data.extend_from_slice(&scratch.text);
                } else {
                    write_doc_record(file, None, &scratch.text, &mut done.data);
                }
            }
            if let Some(paths) = &unit.ctx.stage {
                stage_text_file(paths, unit.ctx.out_compression, &mut done);
            }
        }
        Record::Jsonl(line) => {
            if line.is_blank() {
                if native && env.emit_text {
                    done.data.extend_from_slice(&line.bytes);
                }
                return done;
            }
            done.stats.records += 1;
            let record = match JsonlRecord::parse(line.content(), &env.options.text_field) {
                Ok(r) => r,
                Err(e) => {
                    done.error = Some(BatchError::input(file, Some(line.number), e.to_string()));
                    if native && env.emit_text {
                        done.data.extend_from_slice(&line.bytes);
                    }
                    return done;
                }
            };
            let id = record.field_string("id");
            let site = site_of(env, &unit.ctx, || record.string_field(&env.options.url_field));
            let doc = DocRef { file, record: Some(line.number), id: id.as_deref(), site };
            if clean_document(env, record.text().as_bytes(), doc, scratch, &mut done)
                || !env.emit_text
            {
                return done;
            }
            if native {
                let text = String::from_utf8_lossy(&scratch.text);
                record.write_with_text(&text, env.options.output_field.as_deref(), &mut done.data);
                done.data.extend_from_slice(line.terminator());
            } else {
                let id = id.unwrap_or_else(|| format!("{file}:{}", line.number));
                let url = record.string_field("url");
                write_doc_record(&id, url.as_deref(), &scratch.text, &mut done.data);
            }
        }
        Record::Warc(record) => {
            done.stats.records += 1;
            let Some(range) = record.text_range() else {
                if native && env.emit_text {
                    record.write_unchanged(&mut done.data);
                }
                return done;
            };
            // The document, as the cross-document stages will see it.
            let document = io::Document {
                id: record.record_id().map(str::to_owned),
                url: record.target_uri().map(str::to_owned),
                text: record.block().slice(range),
            };
            let site = site_of(env, &unit.ctx, || document.url.clone());
            let doc =
                DocRef { file, record: Some(record.number()), id: document.id.as_deref(), site };
            if clean_document(env, &document.text, doc, scratch, &mut done) || !env.emit_text {
                return done;
            }
            if native {
                record.write_with_text(&scratch.text, &mut done.data);
            } else {
                let id =
                    document.id.clone().unwrap_or_else(|| format!("{file}:{}", record.number()));
                write_doc_record(&id, document.url.as_deref(), &scratch.text, &mut done.data);
            }
        }
    }
    done
}

/// Write a text file's outputs (directory mode) from its cleaned `done`, as
/// the writer would have from the same unit (`Writer::write_unit`, then
/// [`finish_file`] at its close): compress the whole output as one piece,
/// write the explanations (always, when asked for), and the output unless
/// there is nothing to write and the document was left out or failed.
fn stage_text_file(paths: &OutPaths, compression: Compression, done: &mut Done) {
    let plain = std::mem::take(&mut done.data);
    let data = if compression == Compression::None || plain.is_empty() {
        plain
    } else {
        let mut out = Vec::with_capacity(plain.len() / 3 + 64);
        match compression.encode_into(&plain, &mut out) {
            Ok(_) => out,
            Err(e) => {
                done.error = Some(BatchError::new(Kind::Output, None, None, e.to_string()));
                Vec::new()
            }
        }
    };
    // Explanations go beside the output when asked for there; otherwise they
    // stay in `done` for the writer's `--explain-file` stream.
    let explain =
        if paths.explain.is_some() { std::mem::take(&mut done.explain) } else { Vec::new() };
    let no_output = data.is_empty() && (done.error.is_some() || done.dropped);
    let files = write_staged(paths, compression, &data, &explain, no_output);
    done.staged = Some(Staged { bytes: data.len() as u64, files });
}

fn write_staged(
    paths: &OutPaths,
    compression: Compression,
    data: &[u8],
    explain: &[u8],
    no_output: bool,
) -> stdio::Result<StagedFiles> {
    let mut files = StagedFiles { output: None, explain: None };
    if let Some(path) = &paths.explain {
        let mut f = AtomicFile::create(path)?;
        f.write_all(explain)?;
        f.close()?;
        files.explain = Some(f);
    }
    if !no_output {
        let mut f = AtomicFile::create(&paths.output)?;
        if !data.is_empty() {
            f.write_all(data)?;
        } else if compression != Compression::None {
            // An empty output is one empty member / frame.
            let mut empty = Vec::new();
            compression.encode_into(b"", &mut empty)?;
            f.write_all(&empty)?;
        }
        f.close()?;
        files.output = Some(f);
    }
    Ok(files)
}

// ---------------------------------------------------------------------------
// Writing

/// A stream output: standard output or one file.
enum Stream {
    Stdout(BufWriter<stdio::Stdout>),
    File(AtomicFile, PathBuf),
    /// Output that goes nowhere (text when explanations take stdout).
    Null,
}

impl Stream {
    fn write_all(&mut self, data: &[u8]) -> Result<(), BatchError> {
        let r = match self {
            Stream::Stdout(w) => w.write_all(data),
            Stream::File(f, _) => f.write_all(data),
            Stream::Null => Ok(()),
        };
        r.map_err(|e| self.error(e))
    }

    fn error(&self, e: stdio::Error) -> BatchError {
        match self {
            _ if e.kind() == stdio::ErrorKind::BrokenPipe => BatchError::broken_pipe(),
            Stream::File(_, p) => BatchError::output(&p.display().to_string(), e.to_string()),
            _ => BatchError::output("<stdout>", e.to_string()),
        }
    }

    fn finish(self) -> Result<(), BatchError> {
        match self {
            Stream::Stdout(mut w) => w.flush().map_err(|e| Stream::Null.error(e)),
            Stream::File(f, p) => {
                f.commit().map_err(|e| BatchError::output(&p.display().to_string(), e.to_string()))
            }
            Stream::Null => Ok(()),
        }
    }
}

/// The output of the file being written, in directory mode.
struct FileOut {
    paths: OutPaths,
    compression: Compression,
    output: Option<AtomicFile>,
    explain: Option<AtomicFile>,
    wrote: bool,
    dropped: bool,
    /// The outputs were written by a worker ([`Staged`]): only commit them.
    staged: bool,
}

/// The input file being written.
struct Current {
    ctx: Arc<FileCtx>,
    failed: bool,
    out: Option<FileOut>,
}

struct Writer<'a> {
    options: &'a BatchOptions,
    reporter: &'a dyn Reporter,
    /// Text output outside directory mode.
    text: Option<Stream>,
    text_compression: Compression,
    text_wrote: bool,
    /// Explanations into one stream.
    explain: Option<Stream>,
    current: Option<Current>,
    summary: Summary,
    stop: bool,
}

impl Writer<'_> {
    /// Report and count an error; the current file, if any, has failed.
    fn fail(&mut self, e: BatchError) {
        self.reporter.error(&e);
        self.summary.stats.errors += 1;
        self.summary.add_failure(e);
        match &mut self.current {
            Some(c) => c.failed = true,
            None => self.summary.stats.files_failed += 1,
        }
        if self.options.strict {
            self.stop = true;
        }
    }

    fn write_chunk(&mut self, chunk: Chunk, done: Vec<Done>) -> Result<(), BatchError> {
        let mut done = done.into_iter();
        let mut documents = 0;
        for event in chunk.events {
            if self.stop {
                return Ok(());
            }
            match event {
                Event::Open(ctx, paths) => {
                    self.summary.stats.files += 1;
                    let out = paths.map(|paths| FileOut {
                        paths,
                        compression: ctx.out_compression,
                        output: None,
                        explain: None,
                        wrote: false,
                        dropped: false,
                        staged: false,
                    });
                    self.current = Some(Current { ctx, failed: false, out });
                }
                Event::Unit(_) => {
                    let d = done.next().expect("one result per unit");
                    documents += d.stats.documents;
                    self.summary.stats += d.stats;
                    if let Some(mut e) = d.error {
                        if e.file().is_none() {
                            let file = self.current.as_ref().map(|c| c.ctx.display.clone());
                            e = BatchError::new(
                                Kind::Output,
                                file.as_deref(),
                                None,
                                e.message().to_owned(),
                            );
                        }
                        self.fail(e);
                    }
                    match d.staged {
                        Some(staged) => {
                            if let Some(stream) = &mut self.explain {
                                stream.write_all(&d.explain)?;
                            }
                            self.take_staged(staged, d.dropped)
                        }
                        None => self.write_unit(&d.data, &d.explain, d.dropped)?,
                    }
                }
                Event::Fail(e) => self.fail(e),
                Event::Close => self.close(),
                Event::Skip => self.summary.stats.files_skipped += 1,
            }
        }
        self.summary.stats.input_bytes += chunk.raw_bytes;
        self.reporter.advance(chunk.raw_bytes, documents);
        Ok(())
    }

    fn write_unit(&mut self, data: &[u8], explain: &[u8], dropped: bool) -> Result<(), BatchError> {
        if let Some(stream) = &mut self.explain {
            stream.write_all(explain)?;
        }
        if let Some(stream) = &mut self.text {
            stream.write_all(data)?;
            self.summary.stats.output_bytes += data.len() as u64;
            self.text_wrote |= !data.is_empty();
            return Ok(());
        }
        let Some(current) = &mut self.current else { return Ok(()) };
        let Some(out) = &mut current.out else { return Ok(()) };
        out.dropped |= dropped;
        let mut result = Ok(());
        if !explain.is_empty() {
            if let Some(path) = &out.paths.explain {
                result = open_and_write(&mut out.explain, path, explain);
            }
        }
        if result.is_ok() && !data.is_empty() {
            result = open_and_write(&mut out.output, &out.paths.output, data);
            out.wrote = true;
        }
        self.summary.stats.output_bytes += data.len() as u64;
        if let Err(e) = result {
            let display = out.paths.output.display().to_string();
            // Abandon this file's outputs; the temporary files are removed.
            current.out = None;
            self.fail(BatchError::output(&display, e.to_string()));
        }
        Ok(())
    }

    /// Take over the outputs a worker wrote for the current file, to commit
    /// them at its close.
    fn take_staged(&mut self, staged: Staged, dropped: bool) {
        self.summary.stats.output_bytes += staged.bytes;
        let Some(current) = &mut self.current else { return };
        let Some(out) = &mut current.out else { return };
        debug_assert!(!out.staged && !out.wrote && out.output.is_none() && out.explain.is_none());
        out.dropped |= dropped;
        match staged.files {
            Ok(files) => {
                out.output = files.output;
                out.explain = files.explain;
                out.wrote = staged.bytes > 0;
                out.staged = true;
            }
            Err(e) => {
                let display = out.paths.output.display().to_string();
                current.out = None;
                self.fail(BatchError::output(&display, e.to_string()));
            }
        }
    }

    fn close(&mut self) {
        let Some(current) = &mut self.current else { return };
        if let Some(out) = current.out.take() {
            let text_doc = current.ctx.format == Format::Text;
            // A file that failed before producing anything, or an empty text
            // document left out, gets no output file.
            let no_output = !out.wrote && (current.failed || (text_doc && out.dropped));
            let display = out.paths.output.display().to_string();
            if let Err(e) = finish_file(out, no_output) {
                self.fail(BatchError::output(&display, e.to_string()));
            }
        }
        if let Some(current) = self.current.take() {
            self.summary.stats.files_failed += u64::from(current.failed);
        }
    }

    /// The summary of a run stopped inside a file (`--strict`, Ctrl-C): the
    /// file is never closed and its outputs are abandoned (their temporary
    /// files removed), but a failure in it still counts.
    fn stopped_summary(&mut self) -> Summary {
        if let Some(current) = self.current.take() {
            self.summary.stats.files_failed += u64::from(current.failed);
        }
        std::mem::take(&mut self.summary)
    }

    fn finish(mut self) -> Result<Summary, BatchError> {
        if let Some(mut text) = self.text.take() {
            if !self.text_wrote && self.text_compression != Compression::None {
                let mut empty = Vec::new();
                let _ = self.text_compression.encode_into(b"", &mut empty);
                text.write_all(&empty)?;
                self.summary.stats.output_bytes += empty.len() as u64;
            }
            text.finish()?;
        }
        if let Some(explain) = self.explain.take() {
            explain.finish()?;
        }
        Ok(std::mem::take(&mut self.summary))
    }
}

/// Complete a file's outputs: create them if nothing was written (an empty
/// output, or one empty member if compressed) unless `no_output` or they
/// were staged (complete already), and rename them into place.
fn finish_file(mut out: FileOut, no_output: bool) -> stdio::Result<()> {
    if !out.staged {
        if !no_output {
            if !out.wrote && out.compression != Compression::None {
                let mut empty = Vec::new();
                out.compression.encode_into(b"", &mut empty)?;
                open_and_write(&mut out.output, &out.paths.output, &empty)?;
            } else {
                open_and_write(&mut out.output, &out.paths.output, b"")?;
            }
        }
        if let Some(path) = &out.paths.explain {
            open_and_write(&mut out.explain, path, b"")?;
        }
    }
    if let Some(f) = out.explain.take() {
        f.commit()?;
    }
    if let Some(f) = out.output.take() {
        f.commit()?;
    }
    Ok(())
}

fn open_and_write(file: &mut Option<AtomicFile>, path: &Path, data: &[u8]) -> stdio::Result<()> {
    if file.is_none() {
        *file = Some(AtomicFile::create(path)?);
    }
    file.as_mut().map_or(Ok(()), |f| f.write_all(data))
}

fn open_stream(path: &Path) -> Result<Stream, BatchError> {
    AtomicFile::create(path)
        .map(|f| Stream::File(f, path.to_path_buf()))
        .map_err(|e| BatchError::output(&path.display().to_string(), e.to_string()))
}

fn stdout_stream() -> Stream {
    Stream::Stdout(BufWriter::with_capacity(1 << 20, stdio::stdout()))
}

fn run_engine(
    cleaner: &Cleaner,
    options: &BatchOptions,
    checked: Checked,
    reporter: &dyn Reporter,
) -> Result<Summary, BatchError> {
    // Streams outside directory mode.
    let stream_compression = match &options.output {
        Output::File(f) => {
            options.compress.or_else(|| Compression::from_path(f)).unwrap_or(Compression::None)
        }
        _ => options.compress.unwrap_or(Compression::None),
    };
    if options.resume {
        if let Output::File(f) = &options.output {
            if f.exists() {
                let mut summary = Summary::default();
                summary.stats.files_skipped = 1;
                return Ok(summary);
            }
        }
    }
    let text = match &options.output {
        Output::Dir(_) => None,
        Output::File(f) => Some(open_stream(f)?),
        Output::Stdout if options.explain == Explain::Stdout => Some(Stream::Null),
        Output::Stdout => Some(stdout_stream()),
    };
    let explain = match &options.explain {
        Explain::Off => None,
        Explain::Stdout => Some(stdout_stream()),
        Explain::File(p) => Some(open_stream(p)?),
        Explain::Beside => match &options.output {
            Output::File(f) => Some(open_stream(&explain_path(f))?),
            _ => None,
        },
    };
    let env = Env {
        cleaner,
        options,
        emit_text: options.explain != Explain::Stdout,
        emit_explain: options.explain != Explain::Off,
    };
    let mut writer = Writer {
        options,
        reporter,
        text,
        text_compression: stream_compression,
        text_wrote: false,
        explain,
        current: None,
        summary: Summary::default(),
        stop: false,
    };
    let mut producer = Producer {
        options,
        walk: InputWalk::new(options.inputs.clone(), checked.globs, checked.out_dir.clone()),
        out_dir: match &options.output {
            Output::Dir(d) => Some(d.clone()),
            _ => None,
        },
        stream_compression,
        current: None,
        counter: Arc::new(AtomicU64::new(0)),
        counted: 0,
        skipped_bytes: 0,
        outputs: HashSet::new(),
    };

    // Pipeline: while the pool cleans chunk n, this thread writes chunk
    // n - 1 and reads chunk n + 1.
    let mut next = producer.next_chunk();
    let mut cleaned: Option<(Chunk, Vec<Done>)> = None;
    while let Some(chunk) = next.take() {
        let ((written, read), done) = rayon::join(
            || {
                let written = match cleaned.take() {
                    Some((c, d)) => writer.write_chunk(c, d),
                    None => Ok(()),
                };
                let go_on =
                    written.is_ok() && !writer.stop && !options.cancel.load(Ordering::Relaxed);
                (written, if go_on { producer.next_chunk() } else { None })
            },
            || process_chunk(&env, &chunk),
        );
        written?;
        if writer.stop {
            break;
        }
        cleaned = Some((chunk, done));
        next = read;
    }
    if options.cancel.load(Ordering::Relaxed) {
        // Drop unfinished outputs (their temporary files are removed).
        let mut summary = writer.stopped_summary();
        summary.interrupted = true;
        return Ok(summary);
    }
    if let Some((c, d)) = cleaned.take() {
        writer.write_chunk(c, d)?;
    }
    if writer.stop {
        // Strict mode stopped at an error: the output being written is
        // abandoned (temporary files removed); what went to stdout stays.
        if let Some(Stream::Stdout(mut w)) = writer.text.take() {
            let _ = w.flush();
        }
        return Ok(writer.stopped_summary());
    }
    writer.finish()
}
