//! Criterion benches of `Cleaner::clean`, end to end, on pages built from
//! `corpus/` (see `benches/common/mod.rs`):
//!
//! * `clean`: short (~1 KB), typical (~8 KB) and long (~100 KB) English
//!   pages;
//! * `clean-lang`: typical pages in Russian, Chinese and German (non-ASCII
//!   text takes other paths through lower-casing and UTF-8 decoding);
//! * `clean-corpus`: the 60 corpus inputs as they are, one pass over all.
//!
//! Times are the bench thread's CPU time (`benches/common/cpu_time.rs`).
//! The thread's memo of lines seen before is emptied before every iteration
//! (`Cleaner::forget_lines`, not timed), so these measure text the cleaner
//! has not seen; `clean/typical-8k-seen` measures the same page again and
//! again, every line from the memo.
//!
//! Every iteration checks the kept-line count against the value computed
//! before timing. Before timing, the corpus pass is also checked against the
//! golds: at least [`MIN_GOLD_AGREEMENT`] of the corpus lines must get the
//! gold's keep/drop decision, and each built page must keep at least three and at
//! most 95% of its non-blank lines, so a cleaner that keeps or drops everything
//! is not measured. Throughput is the input's bytes.

use std::hint::black_box;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, BatchSize, BenchmarkId, Criterion, Throughput};
use deboil::{Cleaner, Config};

mod common;
#[path = "common/cpu_time.rs"]
mod cpu_time;
use common::PageSize;
use cpu_time::CpuTime;

/// Fewest non-blank lines a built page must keep (an article's worth).
const MIN_KEPT_LINES: usize = 3;

/// Share of corpus lines whose keep/drop decision must match the gold.
const MIN_GOLD_AGREEMENT: f64 = 0.9;

fn check_page(cleaner: &Cleaner, name: &str, page: &[u8]) -> usize {
    let cleaned = cleaner.clean(page);
    let v = cleaned.verdicts();
    assert_eq!(v.len(), common::count_lines(page), "{name}: one verdict per line");
    let non_blank = v.iter().filter(|v| !v.features.blank).count();
    let kept = v.iter().filter(|v| v.keep && !v.features.blank).count();
    // A built page is several corpus pages end to end: the cleaner keeps
    // about one article's worth of it, never everything.
    assert!(
        kept >= MIN_KEPT_LINES && kept * 100 <= non_blank * 95,
        "{name}: kept {kept} of {non_blank} non-blank lines"
    );
    eprintln!(
        "{name}: {} bytes, {} lines, {kept} of {non_blank} non-blank kept",
        page.len(),
        v.len()
    );
    cleaned.kept_count()
}

fn by_size(c: &mut Criterion<CpuTime>, cleaner: &Cleaner, sources: &[common::Source]) {
    let mut g = c.benchmark_group("clean");
    for size in PageSize::ALL {
        let page = common::bench_page(sources, "en", size);
        let expected = check_page(cleaner, size.name(), &page);
        g.throughput(Throughput::Bytes(page.len() as u64));
        g.bench_function(BenchmarkId::from_parameter(size.name()), |b| {
            b.iter_batched(
                Cleaner::forget_lines,
                |()| assert_eq!(cleaner.clean(black_box(&page)).kept_count(), expected),
                BatchSize::PerIteration,
            )
        });
        if size == PageSize::Typical {
            // The same page again and again: every line from the memo.
            g.bench_function(BenchmarkId::from_parameter("typical-8k-seen"), |b| {
                b.iter(|| assert_eq!(cleaner.clean(black_box(&page)).kept_count(), expected))
            });
        }
    }
    g.finish();
}

fn by_language(c: &mut Criterion<CpuTime>, cleaner: &Cleaner, sources: &[common::Source]) {
    let mut g = c.benchmark_group("clean-lang");
    for lang in ["ru", "zh", "de"] {
        let page = common::bench_page(sources, lang, PageSize::Typical);
        let expected = check_page(cleaner, lang, &page);
        g.throughput(Throughput::Bytes(page.len() as u64));
        g.bench_function(BenchmarkId::new("typical-8k", lang), |b| {
            b.iter_batched(
                Cleaner::forget_lines,
                |()| assert_eq!(cleaner.clean(black_box(&page)).kept_count(), expected),
                BatchSize::PerIteration,
            )
        });
    }
    g.finish();
}

/// Keep flags of the gold: the gold is an in-order subsequence of the
/// input's lines, matched greedily.
fn gold_keeps(input: &[u8], gold: &[u8]) -> Vec<bool> {
    let gold = common::split_lines(gold);
    let mut g = gold.iter().peekable();
    common::split_lines(input)
        .iter()
        .map(|line| {
            let keep = g.peek().is_some_and(|&gl| gl == line);
            if keep {
                g.next();
            }
            keep
        })
        .collect()
}

fn corpus(c: &mut Criterion<CpuTime>, cleaner: &Cleaner, sources: &[common::Source]) {
    let dir = common::corpus_dir();
    let mut agree = 0usize;
    let mut lines = 0usize;
    for s in sources {
        let gold = std::fs::read(dir.join(format!("{}.gold.txt", s.name))).expect("gold file");
        let want = gold_keeps(&s.bytes, &gold);
        let cleaned = cleaner.clean(&s.bytes);
        lines += want.len();
        agree += cleaned.verdicts().iter().zip(&want).filter(|(v, &w)| v.keep == w).count();
    }
    let share = agree as f64 / lines as f64;
    assert!(
        share >= MIN_GOLD_AGREEMENT,
        "only {agree} of {lines} corpus lines agree with the golds"
    );
    eprintln!("corpus: {agree} of {lines} lines agree with the golds ({:.1}%)", share * 100.0);
    let expected: usize = sources.iter().map(|s| cleaner.clean(&s.bytes).kept_count()).sum();
    let bytes: usize = sources.iter().map(|s| s.bytes.len()).sum();
    let mut g = c.benchmark_group("clean-corpus");
    g.throughput(Throughput::Bytes(bytes as u64));
    g.bench_function(BenchmarkId::from_parameter(format!("{}-pages", sources.len())), |b| {
        b.iter_batched(
            Cleaner::forget_lines,
            |()| {
                let kept: usize =
                    sources.iter().map(|s| cleaner.clean(black_box(&s.bytes)).kept_count()).sum();
                assert_eq!(kept, expected);
            },
            BatchSize::PerIteration,
        )
    });
    g.finish();
}

fn end_to_end(c: &mut Criterion<CpuTime>) {
    let sources = common::load_repo_corpus();
    let cleaner = Cleaner::new(Config::default());
    by_size(c, &cleaner, &sources);
    by_language(c, &cleaner, &sources);
    corpus(c, &cleaner, &sources);
}

fn config() -> Criterion<CpuTime> {
    Criterion::default()
        .with_measurement(CpuTime)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2))
        .sample_size(30)
}

criterion_group! {
    name = benches;
    config = config();
    targets = end_to_end
}
criterion_main!(benches);
