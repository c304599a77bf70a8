//! `deboil clean`: maps the command line onto [`deboil::batch::BatchOptions`],
//! draws the progress bar, prints the summary, picks the exit code.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Instant;

use clap::{Args, ValueEnum};
use deboil::batch::{self, BatchError, BatchOptions, Explain, Output, OutputFormat, Reporter};
use deboil::io::{Compression, Format};
use deboil::templates::TemplateStats;
use deboil::Cleaner;

use super::config::CleanerArgs;
use super::learn::SiteArgs;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use super::{EXIT_FAILURE, EXIT_OK, EXIT_USAGE};

/// Exit code after Ctrl-C.
pub(super) const EXIT_INTERRUPTED: i32 = 130;

const LONG_ABOUT: &str = "\
Clean files, directories or standard input: keep each document's article lines, byte for byte, \
and drop the boilerplate.

Inputs are detected by content and extension and may be mixed: plain text documents (one per \
file), JSONL (one JSON object per line, the text in --text-field), and WARC/WET files (conversion \
records, and response records with a text/plain body, are cleaned; other records are copied). \
Any of them may be gzip- (also multi-member, as Common Crawl WET) or zstd-compressed. \
Directories are walked recursively in sorted order.

Output has the input's shape: with -o DIR, a tree mirroring the inputs (the same relative \
paths, the same compression unless --compress); without -o, everything goes to standard output. \
--format jsonl instead writes one {\"id\", \"url\", \"text\"} record per document to standard \
output or to the file -o names.

Inputs are never written to: an output directory that is, contains, or lies inside an input is \
refused. Each output is written to a temporary file and renamed when complete, so --resume \
after an interrupted run finishes the job. A bad record or file is reported (file and record \
number) and the rest is still cleaned; bad JSONL lines are copied to the output unchanged, \
malformed WARC records are left out.

Exit status: 0 on success, 1 if any input failed, 2 for usage errors, 130 after Ctrl-C.";

const EXAMPLES: &str = "\
Examples:
  # Clean one page (or a pipe) to standard output
  deboil clean page.txt
  curl -s https://example.com/page.txt | deboil clean > clean.txt

  # Clean the bundled corpus inputs into a mirrored tree
  deboil clean corpus/ --glob '*.input.txt' -o cleaned/

  # Clean JSONL shards and Common Crawl WET files, 2 threads, with totals
  deboil clean shards/ CC-MAIN-00000.warc.wet.gz -o out/ -j 2 --stats

  # Keep the original text and add the cleaned one beside it
  deboil clean data.jsonl.zst --output-field clean_text -o out/

  # One JSONL stream of {id, url, text} records from any inputs
  deboil clean crawl/ --format jsonl --compress zst -o all.jsonl.zst

  # Why did each line go? (one JSON record per input line)
  deboil clean page.txt --explain | jq -c '[.line, .keep, .label, .rule]'

  # Restart a killed run: finished outputs are skipped
  deboil clean crawl/ -o out/ --resume --report report.json";

/// Arguments of `deboil clean`.
#[derive(Debug, Args)]
#[command(long_about = LONG_ABOUT, after_help = EXAMPLES)]
pub struct CleanArgs {
    /// Files and directories to clean; `-` or nothing for standard input.
    #[arg(value_name = "PATH")]
    paths: Vec<PathBuf>,

    #[command(flatten)]
    cleaner: CleanerArgs,

    /// Output directory, mirroring the input tree (a file with --format
    /// jsonl). Default: standard output.
    #[arg(short, long, value_name = "OUT")]
    output: Option<PathBuf>,

    /// Only clean files of walked directories whose path (relative to the
    /// directory) matches PATTERN, e.g. '*.input.txt'. Repeatable.
    #[arg(long = "glob", value_name = "PATTERN")]
    globs: Vec<String>,

    /// Output shape: `native` keeps the input's; `jsonl` writes one
    /// {"id","url","text"} record per document.
    #[arg(long, value_enum, default_value_t = FormatArg::Native)]
    format: FormatArg,

    /// Input format, instead of detecting it from extension and content.
    #[arg(long, value_enum, default_value_t = InputFormatArg::Auto)]
    input_format: InputFormatArg,

    /// Output compression. Default: as the input in an output directory,
    /// from -o's extension for a file, none on standard output.
    #[arg(long, value_enum)]
    compress: Option<CompressArg>,

    /// JSONL field holding the text.
    #[arg(long, default_value = "text", value_name = "NAME")]
    text_field: String,

    /// Write the cleaned text to this JSONL field and keep the original.
    #[arg(long, value_name = "NAME")]
    output_field: Option<String>,

    /// Leave out documents left with nothing (counted in the summary).
    #[arg(long)]
    drop_empty: bool,

    /// Explain every line as JSONL: beside each output as
    /// <output>.explain.jsonl, or on standard output instead of the text.
    #[arg(long)]
    explain: bool,

    /// Write the explanations to FILE (implies --explain).
    #[arg(long, value_name = "FILE")]
    explain_file: Option<PathBuf>,

    /// Print totals at the end, even on standard output runs.
    #[arg(long)]
    stats: bool,

    /// Write the summary as JSON to FILE.
    #[arg(long, value_name = "FILE")]
    report: Option<PathBuf>,

    /// Worker threads (default: one per core). Output is identical for any
    /// number.
    #[arg(short = 'j', long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    threads: Option<u32>,

    /// Skip inputs whose outputs already exist (after an interrupted run).
    #[arg(long)]
    resume: bool,

    /// Stop at the first error.
    #[arg(long)]
    strict: bool,

    /// No progress bar and no summary (errors are still printed).
    #[arg(short, long)]
    quiet: bool,

    /// Drop each site's template lines using statistics from `deboil
    /// learn` (see `deboil learn --help`).
    #[arg(long, value_name = "FILE", conflicts_with = "two_pass")]
    templates: Option<PathBuf>,

    /// Two passes: learn the templates of the inputs' sites first (as
    /// `deboil learn`), then clean with them. Not for standard input.
    #[arg(long)]
    two_pass: bool,

    #[command(flatten)]
    sites: SiteArgs,

    /// Bytes of records cleaned together in parallel (tuning, tests).
    #[arg(long, value_name = "BYTES", hide = true)]
    chunk_bytes: Option<usize>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum FormatArg {
    Native,
    Jsonl,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(super) enum InputFormatArg {
    Auto,
    Text,
    Jsonl,
    Warc,
}

impl InputFormatArg {
    /// The format to force, if any.
    pub(super) fn format(self) -> Option<Format> {
        match self {
            InputFormatArg::Auto => None,
            InputFormatArg::Text => Some(Format::Text),
            InputFormatArg::Jsonl => Some(Format::Jsonl),
            InputFormatArg::Warc => Some(Format::Warc),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum CompressArg {
    Gz,
    Zst,
    None,
}

impl CleanArgs {
    fn options(&self) -> BatchOptions {
        let inputs =
            if self.paths.is_empty() { vec![PathBuf::from("-")] } else { self.paths.clone() };
        let to_stdout = self.output.as_ref().is_none_or(|o| o.as_os_str() == "-");
        let output_format = match self.format {
            FormatArg::Native => OutputFormat::Native,
            FormatArg::Jsonl => OutputFormat::Jsonl,
        };
        let output = match (&self.output, output_format) {
            (_, _) if to_stdout => Output::Stdout,
            (Some(o), OutputFormat::Jsonl) => Output::File(o.clone()),
            (Some(o), OutputFormat::Native) => Output::Dir(o.clone()),
            (None, _) => Output::Stdout,
        };
        let explain = match (&self.explain_file, self.explain) {
            (Some(f), _) => Explain::File(f.clone()),
            (None, false) => Explain::Off,
            (None, true) if to_stdout => Explain::Stdout,
            (None, true) => Explain::Beside,
        };
        let mut options = BatchOptions {
            inputs,
            output,
            output_format,
            input_format: self.input_format.format(),
            compress: self.compress.map(|c| match c {
                CompressArg::Gz => Compression::Gzip,
                CompressArg::Zst => Compression::Zstd,
                CompressArg::None => Compression::None,
            }),
            text_field: self.text_field.clone(),
            output_field: self.output_field.clone(),
            globs: self.globs.clone(),
            drop_empty: self.drop_empty,
            explain,
            resume: self.resume,
            strict: self.strict,
            threads: self.threads.map(|n| n as usize),
            chunk_bytes: self.chunk_bytes.unwrap_or(BatchOptions::default().chunk_bytes),
            ..BatchOptions::default()
        };
        self.sites.apply(&mut options);
        options
    }
}

/// Progress bar (on a terminal) and error printing.
pub(super) struct Progress {
    bar: Option<ProgressBar>,
    documents: AtomicU64,
    started: Instant,
}

impl Progress {
    pub(super) fn new(show: bool) -> Progress {
        let bar = show.then(|| ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr()));
        Progress { bar, documents: AtomicU64::new(0), started: Instant::now() }
    }

    fn println(&self, line: &str) {
        match &self.bar {
            Some(bar) => bar.suspend(|| eprintln!("{line}")),
            None => eprintln!("{line}"),
        }
    }

    pub(super) fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

impl Reporter for Progress {
    fn wants_total(&self) -> bool {
        self.bar.is_some()
    }

    fn start(&self, total_bytes: Option<u64>) {
        let Some(bar) = &self.bar else { return };
        let template = match total_bytes {
            Some(total) => {
                bar.set_length(total);
                "{spinner} {elapsed_precise} [{wide_bar}] {bytes}/{total_bytes} {bytes_per_sec} ETA {eta} {msg}"
            }
            None => "{spinner} {elapsed_precise} {bytes} {bytes_per_sec} {msg}",
        };
        if let Ok(style) = ProgressStyle::with_template(template) {
            bar.set_style(style.progress_chars("=> "));
        }
        bar.enable_steady_tick(std::time::Duration::from_millis(200));
    }

    fn advance(&self, bytes: u64, documents: u64) {
        let Some(bar) = &self.bar else { return };
        let n = self.documents.fetch_add(documents, Ordering::Relaxed) + documents;
        let secs = self.started.elapsed().as_secs_f64().max(1e-3);
        bar.set_message(format!("{n} docs, {:.0} docs/s", n as f64 / secs));
        bar.inc(bytes);
    }

    fn error(&self, error: &BatchError) {
        self.println(&format!("error: {error}"));
    }
}

/// Run `deboil clean`; returns the exit code.
pub fn run(args: CleanArgs) -> i32 {
    let options = args.options();
    if let Some(report) = &args.report {
        if let Err(e) = batch::check_output_path(&options.inputs, report) {
            eprintln!("error: {e}");
            return EXIT_USAGE;
        }
    }
    let cancel = options.cancel.clone();
    let _ = ctrlc::set_handler(move || {
        if cancel.swap(true, Ordering::SeqCst) {
            // A second Ctrl-C: stop now.
            std::process::exit(EXIT_INTERRUPTED);
        }
    });
    let progress = Progress::new(!args.quiet && std::io::stderr().is_terminal());
    let mut options = options;
    if let Some(path) = &args.templates {
        match TemplateStats::load(path) {
            Ok(stats) => options.templates = Some(Arc::new(stats)),
            Err(e) => {
                eprintln!("error: --templates {e}");
                return EXIT_USAGE;
            }
        }
    } else if args.two_pass {
        if options.inputs.iter().any(|p| p.as_os_str() == "-") {
            eprintln!("error: --two-pass reads the inputs twice: it cannot read standard input");
            return EXIT_USAGE;
        }
        // Pass one reports nothing: pass two reports the same errors.
        match batch::learn_templates(&options, &batch::Silent) {
            Ok((_, summary)) if summary.interrupted => {
                progress.finish();
                eprintln!("interrupted while learning templates: nothing written");
                return EXIT_INTERRUPTED;
            }
            Ok((stats, summary)) => {
                if !args.quiet {
                    progress
                        .println(&super::learn::describe(&stats, summary.elapsed.as_secs_f64()));
                }
                options.templates = Some(Arc::new(stats));
            }
            Err(e) => {
                progress.finish();
                eprintln!("error: {e}");
                return if e.is_usage() { EXIT_USAGE } else { EXIT_FAILURE };
            }
        }
    }
    let cleaner = Cleaner::new(args.cleaner.config());
    let result = batch::run_batch(&cleaner, &options, &progress);
    progress.finish();
    let summary = match result {
        Ok(s) => s,
        Err(e) if e.is_broken_pipe() => return EXIT_OK,
        Err(e) if e.is_usage() => {
            eprintln!("error: {e}");
            return EXIT_USAGE;
        }
        Err(e) => {
            eprintln!("error: {e}");
            return EXIT_FAILURE;
        }
    };
    let to_files = !matches!(options.output, Output::Stdout);
    if args.stats || (to_files && !args.quiet) {
        eprint!("{summary}");
    } else if summary.failed() {
        eprintln!(
            "error: {} error(s) in {} input(s)",
            summary.stats.errors, summary.stats.files_failed
        );
    }
    if let Some(report) = &args.report {
        if let Err(e) = std::fs::write(report, summary.to_json() + "\n") {
            eprintln!("error: {}: {e}", report.display());
            return EXIT_FAILURE;
        }
    }
    if summary.interrupted {
        eprintln!("interrupted: finished outputs are complete; rerun with --resume to finish");
        EXIT_INTERRUPTED
    } else if summary.failed() {
        EXIT_FAILURE
    } else {
        EXIT_OK
    }
}
