//! `deboil eval`: score the cleaner on labelled sets (tables, `--worst`
//! listings, `--json`, `--outputs`, `--per-doc`). The scoring itself is in
//! the library (`deboil::eval`); this module only parses, prints and writes.

use std::fmt::Write as _;
use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use clap::Args;
use deboil::eval::{
    learn_templates, Diagnosis, EvalSet, Evaluator, LineNote, PairReport, Scores, SegmentReport,
    SetKind, SetReport,
};
use deboil::templates::TemplateStats;
use deboil::Cleaner;

use super::config::CleanerArgs;
use super::learn::{parse_size, SiteFromArg};
use super::{EXIT_FAILURE, EXIT_OK, EXIT_USAGE};

/// Score deboil on labelled sets.
///
/// Each SET_DIR is a pair set (`<dataset>/<id>.input.txt` +
/// `<dataset>/<id>.gold.txt`, scored by bag-of-words token P/R/F1 exactly as
/// `score.py`) or a segment set (`<id>.input.txt` + `<id>.segments.json`,
/// scored exactly as `score_segments.py`), detected per directory.
#[derive(Debug, Args)]
pub struct EvalArgs {
    /// Labelled set directories: pair sets (`<dataset>/<id>.input.txt` +
    /// `.gold.txt`, scored as `score.py`) or segment sets (`<id>.input.txt` +
    /// `.segments.json`, scored as `score_segments.py`), detected per
    /// directory.
    #[arg(required = true, value_name = "SET_DIR")]
    sets: Vec<PathBuf>,

    /// Write every figure (overall, per dataset, per language, per
    /// document) as JSON to FILE; `-` for stdout (the tables then go to
    /// stderr).
    #[arg(long, value_name = "FILE")]
    json: Option<PathBuf>,

    /// List the N worst documents of each set (lowest F1) with the lines
    /// that cost them and the label and rule that decided each.
    #[arg(long, value_name = "N", default_value_t = 0)]
    worst: usize,

    /// In `--worst` listings, show at most M lines per kind of error.
    #[arg(long, value_name = "M", default_value_t = 12)]
    worst_lines: usize,

    #[command(flatten)]
    cleaner: CleanerArgs,

    /// Write each cleaned output to DIR/<id>.txt (created if missing), so
    /// that the reference scripts can score the very same outputs.
    #[arg(long, value_name = "DIR")]
    outputs: Option<PathBuf>,

    /// Write per-document figures as TSV, in the reference scripts'
    /// `--per-doc` format (one header per set).
    #[arg(long, value_name = "FILE")]
    per_doc: Option<PathBuf>,

    /// Worker threads (default, or 0: one per core).
    #[arg(short = 'j', long = "threads", value_name = "N")]
    threads: Option<usize>,

    /// Clean with cross-document template evidence learned from each set
    /// itself (as `deboil clean --two-pass` learns from its batch).
    #[arg(long, conflicts_with = "templates", help_heading = "Templates")]
    two_pass: bool,

    /// Clean with the template statistics in FILE (from `deboil learn`).
    #[arg(long, value_name = "FILE", help_heading = "Templates")]
    templates: Option<PathBuf>,

    /// A document's site: `auto` or `url` take the host of the manifest's
    /// `url` column (no site without one), `dir` its dataset directory,
    /// `none` no sites. Documents without a site only count towards the
    /// cross-site evidence (short lines on many documents).
    #[arg(long, value_enum, default_value_t = SiteFromArg::Auto, help_heading = "Templates")]
    site_from: SiteFromArg,

    /// Memory ceiling of the template counts with --two-pass.
    #[arg(long, default_value = "512M", value_name = "SIZE", value_parser = parse_size, help_heading = "Templates")]
    template_memory: usize,
}

/// Report a failure on stderr.
fn error(msg: impl std::fmt::Display) {
    eprintln!("deboil eval: error: {msg}");
}

/// Run `deboil eval`; returns the exit code.
pub fn run(args: EvalArgs) -> i32 {
    let cleaner = Cleaner::new(args.cleaner.config());
    let mut evaluator = Evaluator::new(&cleaner);
    if let Some(dir) = &args.outputs {
        if let Err(e) = fs::create_dir_all(dir) {
            error(format_args!("cannot create output directory {}: {e}", dir.display()));
            return EXIT_FAILURE;
        }
        evaluator = evaluator.write_outputs(dir);
    }
    let pool = match rayon::ThreadPoolBuilder::new().num_threads(args.threads.unwrap_or(0)).build()
    {
        Ok(pool) => pool,
        Err(e) => {
            error(format_args!("cannot start worker threads: {e}"));
            return EXIT_FAILURE;
        }
    };

    let site_from = args.site_from.to_lib();
    let file_stats = match &args.templates {
        Some(path) => match TemplateStats::load(path) {
            Ok(stats) => Some(Arc::new(stats)),
            Err(e) => {
                error(format_args!("--templates {e}"));
                return EXIT_USAGE;
            }
        },
        None => None,
    };
    let mut failed = false;
    let started = Instant::now();
    let mut evaluated: Vec<(EvalSet, SetReport, Evaluator<'_>)> = Vec::new();
    let mut notes = String::new();
    for dir in &args.sets {
        let set = match EvalSet::load(dir) {
            Ok(set) => set,
            Err(e) => {
                error(e);
                failed = true;
                continue;
            }
        };
        if args.outputs.is_some() {
            for (other, _, _) in &evaluated {
                if let Some(doc) = set.docs.iter().find(|d| other.doc(&d.id).is_some()) {
                    eprintln!(
                        "deboil eval: warning: document id {} is in both {} and {}: \
                         its output file is overwritten",
                        doc.id,
                        other.root.display(),
                        set.root.display()
                    );
                }
            }
        }
        let stats = if args.two_pass {
            match pool.install(|| learn_templates(&set, site_from, args.template_memory)) {
                Ok(stats) => Some(Arc::new(stats)),
                Err(e) => {
                    error(e);
                    failed = true;
                    continue;
                }
            }
        } else {
            file_stats.clone()
        };
        let evaluator = match stats {
            Some(stats) => {
                let _ = writeln!(
                    notes,
                    "{}: {}",
                    set.name,
                    templates_note(&stats, args.two_pass, args.site_from)
                );
                evaluator.clone().with_templates(stats, site_from)
            }
            None => evaluator.clone(),
        };
        let report = pool.install(|| evaluator.evaluate(&set));
        for e in &report.errors {
            error(format_args!("{}: document {}: {}", report.name, e.id, e.message));
            failed = true;
        }
        evaluated.push((set, report, evaluator));
    }
    let docs: usize = evaluated.iter().map(|(s, _, _)| s.docs.len()).sum();
    let elapsed = started.elapsed().as_secs_f64();

    // The tables go to stdout unless the JSON does.
    let json_to_stdout = args.json.as_deref() == Some(Path::new("-"));
    let mut text = notes;
    for (set, report, evaluator) in &evaluated {
        text.push_str(&format_report(report));
        if args.worst > 0 {
            text.push_str(&format_worst(evaluator, set, report, args.worst, args.worst_lines));
        }
    }
    // A closed pipe (`| head`) is not an error worth a panic.
    let _ = if json_to_stdout {
        std::io::stderr().write_all(text.as_bytes())
    } else {
        std::io::stdout().write_all(text.as_bytes())
    };
    eprintln!(
        "deboil eval: {docs} documents in {elapsed:.2} s ({} threads)",
        pool.current_num_threads()
    );

    let reports: Vec<&SetReport> = evaluated.iter().map(|(_, r, _)| r).collect();
    if let Some(path) = &args.per_doc {
        if let Err(e) = fs::write(path, per_doc_tsv(&reports)) {
            error(format_args!("cannot write {}: {e}", path.display()));
            failed = true;
        }
    }
    if let Some(path) = &args.json {
        let json = serde_json::json!({
            "tool": "deboil eval",
            "version": env!("CARGO_PKG_VERSION"),
            "config": {
                "strictness": args.cleaner.strictness.name(),
                "stages_off": args.cleaner.stage_off.iter().map(|s| s.as_str()).collect::<Vec<_>>(),
                "templates": match (&args.templates, args.two_pass) {
                    (Some(path), _) => serde_json::json!(path.display().to_string()),
                    (None, true) => serde_json::json!("two-pass"),
                    (None, false) => serde_json::Value::Null,
                },
                "site_from": (args.two_pass || args.templates.is_some()).then(|| args.site_from.name()),
            },
            "tokeniser_unicode": deboil::eval::text::UNICODE_VERSION,
            "sets": reports,
        });
        let mut body = match serde_json::to_string_pretty(&json) {
            Ok(body) => body,
            Err(e) => {
                error(format_args!("cannot serialise the JSON report: {e}"));
                return EXIT_FAILURE;
            }
        };
        body.push('\n');
        let written = if json_to_stdout {
            std::io::stdout().write_all(body.as_bytes())
        } else {
            fs::write(path, body)
        };
        if let Err(e) = written {
            error(format_args!("cannot write {}: {e}", path.display()));
            failed = true;
        }
    }
    if failed {
        EXIT_FAILURE
    } else {
        EXIT_OK
    }
}

/// One line about the template evidence a set is cleaned with.
fn templates_note(stats: &TemplateStats, learned: bool, from: SiteFromArg) -> String {
    let source = if learned { "learned from the set" } else { "from --templates" };
    let lone = match stats.documents_without_site() {
        0 => String::new(),
        n => format!(", {n} without a site"),
    };
    let sites = match stats.sites() {
        1 => "1 site".to_owned(),
        n => format!("{n} sites"),
    };
    format!(
        "templates {source} (--site-from {}): {} documents of {sites}{lone}; {}",
        from.name(),
        stats.documents(),
        if stats.is_sketch() {
            "counts in a count-min sketch (over half of --template-memory)".to_owned()
        } else {
            format!("{} repeated (site, line) counts", stats.pairs())
        }
    )
}

fn format_report(report: &SetReport) -> String {
    let mut s = String::new();
    let docs = match &report.scores {
        Scores::Pairs(r) => r.documents.len(),
        Scores::Segments(r) => r.documents.len(),
    };
    let kind = match report.kind {
        SetKind::Pairs => "pair set (token P/R/F1 vs gold)",
        SetKind::Segments => "segment set (with/without snippets)",
    };
    let _ = write!(s, "{}: {kind}, {docs} documents ({})", report.name, report.path);
    if !report.errors.is_empty() {
        let _ = write!(s, ", {} FAILED", report.errors.len());
    }
    s.push('\n');
    match &report.scores {
        Scores::Pairs(r) => format_pairs(&mut s, r),
        Scores::Segments(r) => format_segments(&mut s, r),
    }
    s.push('\n');
    s
}

fn format_pairs(s: &mut String, r: &PairReport) {
    let head = |s: &mut String, first: &str| {
        let _ = writeln!(
            s,
            "  {first:<14}{:>6}{:>7}{:>8}{:>8}{:>9}{:>10}{:>9}",
            "docs", "empty", "P", "R", "F1 mean", "F1 micro", "line F1"
        );
    };
    let row = |s: &mut String, name: &str, x: &deboil::eval::PairSummary| {
        let _ = writeln!(
            s,
            "  {name:<14}{:>6}{:>7}{:>8.3}{:>8.3}{:>9.3}{:>10.3}{:>9.3}",
            x.docs,
            x.empty_outputs,
            x.mean.precision,
            x.mean.recall,
            x.mean.f1,
            x.f1_micro,
            x.line_f1
        );
    };
    head(s, "dataset");
    for (name, x) in r.datasets.iter() {
        row(s, name, x);
    }
    row(s, "ALL", &r.overall);
    if r.languages.0.len() > 1 || r.languages.get(deboil::eval::UNKNOWN_LANG_PAIRS).is_none() {
        head(s, "lang");
        for (name, x) in r.languages.iter() {
            row(s, name, x);
        }
    }
}

fn format_segments(s: &mut String, r: &SegmentReport) {
    let _ = writeln!(
        s,
        "  {:<14}{:>6}{:>7}{:>7}{:>6}{:>6}{:>7}{:>8}{:>8}{:>8}{:>10}",
        "lang", "docs", "empty", "TP", "FN", "FP", "TN", "P", "R", "F1", "accuracy"
    );
    let rows = std::iter::once(("ALL", &r.overall)).chain(r.languages.iter());
    for (name, x) in rows {
        let (c, q) = (&x.counts, &x.ratios);
        let _ = writeln!(
            s,
            "  {name:<14}{:>6}{:>7}{:>7}{:>6}{:>6}{:>7}{:>8.3}{:>8.3}{:>8.3}{:>10.3}",
            x.docs,
            x.empty_outputs,
            c.tp,
            c.fn_,
            c.fp,
            c.tn,
            q.precision,
            q.recall,
            q.f1,
            q.accuracy
        );
    }
}

/// Shorten `text` to at most `max` characters, marking the cut.
fn clip(text: &str, max: usize) -> String {
    let text = text.trim();
    match text.char_indices().nth(max) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text.to_owned(),
    }
}

fn format_line(s: &mut String, note: &LineNote) {
    let verdict =
        format!("{} {}/{}", if note.keep { "kept" } else { "dropped" }, note.label, note.rule);
    let tokens = if note.tokens > 0 { format!(" {:>3}t", note.tokens) } else { String::new() };
    let _ = writeln!(
        s,
        "      L{:<5} {verdict:<34} {:>5.1}{tokens}  {}",
        note.line,
        note.score,
        clip(&note.text, 90)
    );
}

/// List the `max` heaviest lines (most tokens), in line order.
fn format_lines(s: &mut String, what: &str, notes: &[LineNote], max: usize) {
    let tokens: u64 = notes.iter().map(|n| n.tokens).sum();
    let _ = write!(s, "    {what}: {} lines, {tokens} tokens", notes.len());
    if notes.len() > max {
        let _ = write!(s, " (the {max} with most tokens)");
    }
    s.push('\n');
    let mut shown: Vec<&LineNote> = notes.iter().collect();
    shown.sort_by(|a, b| b.tokens.cmp(&a.tokens).then(a.line.cmp(&b.line)));
    shown.truncate(max);
    shown.sort_by_key(|n| n.line);
    for note in shown {
        format_line(s, note);
    }
}

fn format_worst(
    evaluator: &Evaluator<'_>,
    set: &EvalSet,
    report: &SetReport,
    n: usize,
    max_lines: usize,
) -> String {
    let mut s = String::new();
    let worst = report.worst(n);
    let _ = writeln!(s, "{}: the {} worst documents (lowest F1)", report.name, worst.len());
    for (rank, id) in worst.iter().enumerate() {
        let Some(doc) = set.doc(id) else { continue };
        match &report.scores {
            Scores::Pairs(r) => {
                if let Some(d) = r.documents.iter().find(|d| d.id == *id) {
                    let _ = writeln!(
                        s,
                        "  {}. {} ({}, {})  F1 {:.3}  P {:.3}  R {:.3}  tokens {} out / {} gold; \
                         kept {} of {} lines",
                        rank + 1,
                        d.id,
                        d.dataset,
                        d.lang,
                        d.prf.f1,
                        d.prf.precision,
                        d.prf.recall,
                        d.counts.n_out,
                        d.counts.n_gold,
                        d.kept_lines,
                        d.lines
                    );
                }
            }
            Scores::Segments(r) => {
                if let Some(d) = r.documents.iter().find(|d| d.id == *id) {
                    let c = &d.counts;
                    let _ = writeln!(
                        s,
                        "  {}. {} ({})  F1 {:.3}  accuracy {:.3}  TP {} FN {} FP {} TN {}; \
                         kept {} of {} lines",
                        rank + 1,
                        d.id,
                        d.lang,
                        d.ratios.f1,
                        d.ratios.accuracy,
                        c.tp,
                        c.fn_,
                        c.fp,
                        c.tn,
                        d.kept_lines,
                        d.lines
                    );
                }
            }
        }
        let _ = writeln!(s, "    input: {}", doc.input.display());
        match evaluator.diagnose(doc, set.kind) {
            Ok(Diagnosis::Pairs { lost, let_through }) => {
                format_lines(&mut s, "lost (oracle content, dropped)", &lost, max_lines);
                format_lines(
                    &mut s,
                    "let through (oracle boilerplate, kept)",
                    &let_through,
                    max_lines,
                );
            }
            Ok(Diagnosis::Segments { missing, present }) => {
                for (what, notes) in
                    [("missing \"with\"", &missing), ("present \"without\"", &present)]
                {
                    for note in notes.iter() {
                        let where_ = if note.in_input { "" } else { " (not in the input)" };
                        let _ = writeln!(s, "    {what}{where_}: \"{}\"", clip(&note.snippet, 100));
                        for line in note.lines.iter().take(max_lines) {
                            format_line(&mut s, line);
                        }
                        if note.lines.len() > max_lines {
                            let _ =
                                writeln!(s, "      … and {} more", note.lines.len() - max_lines);
                        }
                    }
                }
            }
            Err(e) => {
                let _ = writeln!(s, "    (cannot diagnose: {e})");
            }
        }
    }
    s.push('\n');
    s
}

fn per_doc_tsv(reports: &[&SetReport]) -> String {
    let mut s = String::new();
    for report in reports {
        match &report.scores {
            Scores::Pairs(r) => {
                s.push_str("id\tdataset\tP\tR\tF1\tn_out\tn_gold\n");
                for d in &r.documents {
                    let _ = writeln!(
                        s,
                        "{}\t{}\t{:.4}\t{:.4}\t{:.4}\t{}\t{}",
                        d.id,
                        d.dataset,
                        d.prf.precision,
                        d.prf.recall,
                        d.prf.f1,
                        d.counts.n_out,
                        d.counts.n_gold
                    );
                }
            }
            Scores::Segments(r) => {
                s.push_str("id\tlang\ttp\tfn\tfp\ttn\tempty\n");
                for d in &r.documents {
                    let c = &d.counts;
                    let _ = writeln!(
                        s,
                        "{}\t{}\t{}\t{}\t{}\t{}\t{}",
                        d.id,
                        d.lang,
                        c.tp,
                        c.fn_,
                        c.fp,
                        c.tn,
                        u8::from(d.empty)
                    );
                }
            }
        }
    }
    s
}
