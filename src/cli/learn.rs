//! `deboil learn`: pass one of cross-document templates, saved to a file
//! for `deboil clean --templates`; and the site options both commands share.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::sync::atomic::Ordering;

use clap::{Args, ValueEnum};
use deboil::batch::{self, BatchOptions};
use deboil::templates::{SiteFrom, TemplateStats};

use super::clean::{InputFormatArg, Progress};
use super::{EXIT_FAILURE, EXIT_OK, EXIT_USAGE};

const LONG_ABOUT: &str = "\
Learn the templates of a batch's sites: count, per site, in how many documents each normalised \
line occurs (case folded, digits as 0, punctuation dropped; at most once per document), and \
write the statistics to a file for `deboil clean --templates FILE`.

A document's site is the host of its URL (WARC-Target-URI, or the JSONL field --url-field) or, \
for documents without one, the directory of its file (--site-from). The file is the same for \
any thread count and input order. A line seen on one site only costs a first-seen entry \
(about 28 bytes), a (site, line) pair on two or more of the site's documents an exact count \
(about 40 bytes). Counts stay exact while they fit in half of --template-memory; past it \
they move to a count-min sketch (reported at the end).";

const EXAMPLES: &str = "\
Examples:
  deboil learn crawl/ -o templates.bin
  deboil clean crawl/ --templates templates.bin -o cleaned/
  # Both passes in one command
  deboil clean crawl/ --two-pass -o cleaned/";

/// Where sites come from, and the counting budget (shared by `learn` and
/// `clean`).
#[derive(Debug, Args)]
pub struct SiteArgs {
    /// Where a document's site comes from: `url` (host of its URL; none
    /// without one), `dir` (directory of its file), `none` (no sites: only
    /// lines on many documents count, never a whole batch as one site), or
    /// `auto` (url when the record has one, else dir).
    #[arg(long, value_enum, default_value_t = SiteFromArg::Auto)]
    site_from: SiteFromArg,

    /// JSONL field holding a record's URL.
    #[arg(long, default_value = "url", value_name = "NAME")]
    url_field: String,

    /// Memory ceiling of the template counts (K, M, G suffixes); past half
    /// of it, counts go to a count-min sketch.
    #[arg(long, default_value = "512M", value_name = "SIZE", value_parser = parse_size)]
    template_memory: usize,
}

/// `--site-from`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum SiteFromArg {
    /// The URL's host when there is one, else the directory (`clean`,
    /// `learn`) or no site (`eval`).
    Auto,
    /// The URL's host; no site without one.
    Url,
    /// The directory of the file (the dataset, for `eval`).
    Dir,
    /// No sites: cross-site evidence only.
    None,
}

impl SiteFromArg {
    /// The library's [`SiteFrom`].
    pub fn to_lib(self) -> SiteFrom {
        match self {
            SiteFromArg::Auto => SiteFrom::Auto,
            SiteFromArg::Url => SiteFrom::Url,
            SiteFromArg::Dir => SiteFrom::Dir,
            SiteFromArg::None => SiteFrom::None,
        }
    }

    /// The name on the command line.
    pub fn name(self) -> &'static str {
        match self {
            SiteFromArg::Auto => "auto",
            SiteFromArg::Url => "url",
            SiteFromArg::Dir => "dir",
            SiteFromArg::None => "none",
        }
    }
}

impl SiteArgs {
    /// Set the site options of `o`.
    pub fn apply(&self, o: &mut BatchOptions) {
        o.site_from = self.site_from.to_lib();
        o.url_field = self.url_field.clone();
        o.template_memory = self.template_memory;
    }
}

/// Parse `512M`, `1G`, `64k`, `1000` (bytes; binary multiples).
pub fn parse_size(s: &str) -> Result<usize, String> {
    let t = s.trim();
    let t = t.strip_suffix(['b', 'B']).unwrap_or(t);
    let t = t.strip_suffix(['i']).unwrap_or(t);
    let (num, shift) = match t.char_indices().last() {
        Some((i, 'k' | 'K')) => (&t[..i], 10),
        Some((i, 'm' | 'M')) => (&t[..i], 20),
        Some((i, 'g' | 'G')) => (&t[..i], 30),
        _ => (t, 0),
    };
    let n: usize = num.trim().parse().map_err(|_| format!("not a size: {s:?} (e.g. 512M)"))?;
    n.checked_mul(1 << shift).filter(|&n| n > 0).ok_or_else(|| format!("bad size: {s:?}"))
}

/// Arguments of `deboil learn`.
#[derive(Debug, Args)]
#[command(long_about = LONG_ABOUT, after_help = EXAMPLES)]
pub struct LearnArgs {
    /// Files and directories to learn from; `-` or nothing for standard
    /// input.
    #[arg(value_name = "PATH")]
    paths: Vec<PathBuf>,

    /// The statistics file to write.
    #[arg(short, long, value_name = "FILE")]
    output: PathBuf,

    #[command(flatten)]
    sites: SiteArgs,

    /// Only read files of walked directories whose path (relative to the
    /// directory) matches PATTERN. Repeatable.
    #[arg(long = "glob", value_name = "PATTERN")]
    globs: Vec<String>,

    /// Input format, instead of detecting it from extension and content.
    #[arg(long, value_enum, default_value_t = InputFormatArg::Auto)]
    input_format: InputFormatArg,

    /// JSONL field holding the text.
    #[arg(long, default_value = "text", value_name = "NAME")]
    text_field: String,

    /// Worker threads (default: one per core). The file is identical for
    /// any number.
    #[arg(short = 'j', long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    threads: Option<u32>,

    /// Stop at the first error (and write nothing).
    #[arg(long)]
    strict: bool,

    /// No progress bar and no summary (errors are still printed).
    #[arg(short, long)]
    quiet: bool,

    /// Bytes of records counted together in parallel (tuning, tests).
    #[arg(long, value_name = "BYTES", hide = true)]
    chunk_bytes: Option<usize>,
}

/// Run `deboil learn`; returns the exit code.
pub fn run(args: LearnArgs) -> i32 {
    let inputs = if args.paths.is_empty() { vec![PathBuf::from("-")] } else { args.paths.clone() };
    let mut options = BatchOptions {
        inputs,
        input_format: args.input_format.format(),
        text_field: args.text_field.clone(),
        globs: args.globs.clone(),
        strict: args.strict,
        threads: args.threads.map(|n| n as usize),
        chunk_bytes: args.chunk_bytes.unwrap_or(BatchOptions::default().chunk_bytes),
        ..BatchOptions::default()
    };
    args.sites.apply(&mut options);
    if let Err(e) = batch::check_output_path(&options.inputs, &args.output) {
        eprintln!("error: {e}");
        return EXIT_USAGE;
    }
    let cancel = options.cancel.clone();
    let _ = ctrlc::set_handler(move || {
        if cancel.swap(true, Ordering::SeqCst) {
            std::process::exit(super::clean::EXIT_INTERRUPTED);
        }
    });
    let progress = Progress::new(!args.quiet && std::io::stderr().is_terminal());
    let result = batch::learn_templates(&options, &progress);
    progress.finish();
    let (stats, summary) = match result {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error: {e}");
            return if e.is_usage() { EXIT_USAGE } else { EXIT_FAILURE };
        }
    };
    if summary.interrupted {
        eprintln!("interrupted: no statistics written");
        return super::clean::EXIT_INTERRUPTED;
    }
    if let Err(e) = stats.save(&args.output) {
        eprintln!("error: {e}");
        return EXIT_FAILURE;
    }
    if !args.quiet {
        eprintln!("{}", describe(&stats, summary.elapsed.as_secs_f64()));
    }
    if summary.failed() {
        eprintln!(
            "error: {} error(s) in {} input(s)",
            summary.stats.errors, summary.stats.files_failed
        );
        EXIT_FAILURE
    } else {
        EXIT_OK
    }
}

/// One line about learned statistics.
pub fn describe(stats: &TemplateStats, secs: f64) -> String {
    let mb = |b: u64| b as f64 / (1 << 20) as f64;
    let counts = match (stats.is_sketch(), stats.usage()) {
        (true, Some(u)) => format!(
            "over half of --template-memory ({:.0} MB): counts of {} lines and {} (site, line) \
             pairs, {:.0} MB, moved to a {:.0} MB count-min sketch (approximate; cross-site \
             counts off)",
            mb(u.limit),
            u.first_seen + u.multi_site_lines,
            u.pairs,
            mb(u.estimated_bytes),
            mb(u.sketch_bytes)
        ),
        (true, None) => "(site, line) counts in a count-min sketch (approximate)".to_owned(),
        (false, Some(u)) => format!(
            "{} repeated (site, line) counts, exact; counting held {} lines seen on one site, \
             {} on several and {} (site, line) counts in {:.1} MB (estimated; exact up to {:.0} MB)",
            stats.pairs(),
            u.first_seen,
            u.multi_site_lines,
            u.pairs,
            mb(u.estimated_bytes),
            mb(u.limit) / 2.0
        ),
        (false, None) => format!("{} repeated (site, line) counts, exact", stats.pairs()),
    };
    let lone = match stats.documents_without_site() {
        0 => String::new(),
        n => format!(" ({n} without a site: cross-site evidence only)"),
    };
    format!(
        "templates: {} documents of {} sites{lone} in {secs:.1} s; {counts}",
        stats.documents(),
        stats.sites()
    )
}

#[cfg(test)]
mod tests {
    use super::parse_size;

    #[test]
    fn sizes() {
        assert_eq!(parse_size("512M"), Ok(512 << 20));
        assert_eq!(parse_size("1g"), Ok(1 << 30));
        assert_eq!(parse_size("64KiB"), Ok(64 << 10));
        assert_eq!(parse_size("1000"), Ok(1000));
        assert!(parse_size("lots").is_err());
        assert!(parse_size("0").is_err());
    }
}
