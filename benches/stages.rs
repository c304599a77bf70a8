//! Criterion benches of the cleaner's stages, one group per stage, each on a
//! short (~1 KB), typical (~8 KB) and long (~100 KB) English page built from
//! `corpus/` (see `benches/common/mod.rs`).
//!
//! Times are the bench thread's CPU time (`benches/common/cpu_time.rs`),
//! so a busy shared machine does not inflate them.
//!
//! Every stage's inputs are prepared before timing, so a group times only
//! that stage; the closures reuse their buffers, as `Cleaner` does. Each
//! bench checks its answer on every iteration (a line count against a naive
//! oracle, or a count computed once before timing) so a broken stage fails
//! instead of being measured. Throughput is the page's bytes.
//!
//! ```text
//! cargo bench --bench stages                 # all groups (about a minute)
//! cargo bench --bench stages -- features     # one group
//! cargo test --benches                       # every bench once, as a test
//! ```

use std::hint::black_box;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use deboil::context;
use deboil::features::{self, LineFeatures, Stoplist};
use deboil::lang::{self, Stoplists};
use deboil::lines::{self, LineSpan};
use deboil::mainblock::{self, BlockLine};
use deboil::markers::{Anchor, Markers};
use deboil::regions::{self, RegionLine};
use deboil::repeats;
use deboil::score::{self, Class, LineClass, LineContext, Thresholds};
use deboil::{Cleaner, Config, Lang};

mod common;
#[path = "common/cpu_time.rs"]
mod cpu_time;
use common::PageSize;
use cpu_time::CpuTime;

/// One bench page with everything the stages need, computed once.
struct Page {
    size: PageSize,
    text: Vec<u8>,
    spans: Vec<LineSpan>,
    lang: Option<Lang>,
    feats: Vec<LineFeatures>,
    classes: Vec<LineClass>,
}

impl Page {
    fn new(sources: &[common::Source], size: PageSize) -> Page {
        let text = common::bench_page(sources, "en", size);
        let mut spans = Vec::new();
        lines::split_into(&text, &mut spans);
        assert_eq!(spans.len(), common::count_lines(&text), "split_into vs the naive oracle");
        let lang = Cleaner::new(Config::default()).clean(&text).lang();
        assert_eq!(lang, Some(Lang::En), "the {} page is English", size.name());
        let stop = stoplist(lang);
        let mut fs = features::Scratch::default();
        let feats: Vec<LineFeatures> =
            spans.iter().map(|s| features::compute(&text[s.content()], stop, &mut fs)).collect();
        let thresholds = thresholds(lang);
        let mut key = String::new();
        let markers = Markers::global();
        let classes = spans
            .iter()
            .zip(&feats)
            .map(|(s, f)| {
                let line = &text[s.content()];
                let marker = if f.blank { None } else { markers.find(line, &mut key) };
                score::classify(f, line_context(line, f, marker), &thresholds)
            })
            .collect();
        Page { size, text, spans, lang, feats, classes }
    }

    fn line(&self, i: usize) -> &[u8] {
        &self.text[self.spans[i].content()]
    }

    fn throughput(&self) -> Throughput {
        Throughput::Bytes(self.text.len() as u64)
    }

    fn id(&self) -> BenchmarkId {
        BenchmarkId::from_parameter(self.size.name())
    }
}

fn stoplist(lang: Option<Lang>) -> &'static deboil::lang::Stopwords {
    let lists = Stoplists::global();
    lang.map_or(lists.union(), |l| lists.get(l))
}

fn thresholds(lang: Option<Lang>) -> Thresholds {
    Thresholds::new(0.0, lang.map_or(1.0, Lang::density_scale))
}

fn line_context(
    line: &[u8],
    f: &LineFeatures,
    marker: Option<deboil::markers::MarkerHit>,
) -> LineContext {
    LineContext {
        marker,
        caption: score::is_caption(line),
        foreign: false,
        byline: score::is_byline(line, f) || score::is_author_bio(line, f),
    }
}

/// Heading-like as the cleaner's region pass sees it (`clean.rs`).
fn heading_like(f: &LineFeatures, c: &LineClass) -> bool {
    !f.blank
        && f.words >= 1
        && f.words <= 20
        && (!f.terminal || f.words <= 12)
        && !f.timestamp
        && !(c.class == Class::Bad && c.rule != deboil::Rule::LineScore)
}

fn pages() -> Vec<Page> {
    let sources = common::load_repo_corpus();
    PageSize::ALL.iter().map(|&size| Page::new(&sources, size)).collect()
}

/// Stage 1: line splitting (memchr over `\n` / `\r`).
fn split(c: &mut Criterion<CpuTime>, pages: &[Page]) {
    let mut g = c.benchmark_group("split");
    for p in pages {
        let expected = p.spans.len();
        let mut spans = Vec::new();
        g.throughput(p.throughput());
        g.bench_function(p.id(), |b| {
            b.iter(|| {
                lines::split_into(black_box(&p.text), &mut spans);
                assert_eq!(spans.len(), expected);
            })
        });
    }
    g.finish();
}

/// Stage 2: per-line features, with the document's stoplist.
fn features_stage(c: &mut Criterion<CpuTime>, pages: &[Page]) {
    let mut g = c.benchmark_group("features");
    for p in pages {
        let stop = stoplist(p.lang);
        let expected: u32 = p.feats.iter().map(|f| f.words).sum();
        let blanks = common::split_lines(&p.text)
            .iter()
            .filter(|l| String::from_utf8_lossy(l).trim().is_empty())
            .count();
        assert_eq!(p.feats.iter().filter(|f| f.blank).count(), blanks, "blank lines vs oracle");
        let mut fs = features::Scratch::default();
        g.throughput(p.throughput());
        g.bench_function(p.id(), |b| {
            b.iter(|| {
                let mut words = 0;
                for s in &p.spans {
                    words +=
                        features::compute(black_box(&p.text[s.content()]), stop, &mut fs).words;
                }
                assert_eq!(words, expected);
            })
        });
    }
    g.finish();
}

/// Stage 3: the marker scan (lower-cased key, one aho-corasick pass), on
/// non-blank lines as the cleaner does.
fn markers_stage(c: &mut Criterion<CpuTime>, pages: &[Page]) {
    let markers = Markers::global();
    let mut g = c.benchmark_group("markers");
    for p in pages {
        let mut key = String::new();
        let lines: Vec<usize> = (0..p.spans.len()).filter(|&i| !p.feats[i].blank).collect();
        let expected =
            lines.iter().filter(|&&i| markers.find(p.line(i), &mut key).is_some()).count();
        assert!(expected > 0, "the {} page has marker lines", p.size.name());
        g.throughput(p.throughput());
        g.bench_function(p.id(), |b| {
            b.iter(|| {
                let hits = lines
                    .iter()
                    .filter(|&&i| markers.find(black_box(p.line(i)), &mut key).is_some())
                    .count();
                assert_eq!(hits, expected);
            })
        });
    }
    g.finish();
}

/// Stage 4a: the document language as the cleaner finds it
/// (`lang::build_sample` then `lang::detect_sample`: a stopword vote, whatlang
/// only to confirm or decide). A fixed cost per document: MB/s rises with the
/// page's size.
fn lang_detect(c: &mut Criterion<CpuTime>, pages: &[Page]) {
    let mut g = c.benchmark_group("lang-detect");
    for p in pages {
        let mut sample = String::new();
        g.throughput(p.throughput());
        g.bench_function(p.id(), |b| {
            b.iter(|| {
                lang::build_sample(&p.text, &p.spans, &mut sample);
                assert_eq!(lang::detect_sample(black_box(&sample)), Some(Lang::En));
            })
        });
    }
    g.finish();
}

/// Stage 4b: stopword lookups alone, one per word (words lower-cased and
/// split on non-alphanumeric characters before timing).
fn stopwords(c: &mut Criterion<CpuTime>, pages: &[Page]) {
    let mut g = c.benchmark_group("stopwords");
    for p in pages {
        let stop = stoplist(p.lang);
        let words: Vec<String> = String::from_utf8_lossy(&p.text)
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect();
        let expected = words.iter().filter(|w| stop.contains(w)).count();
        assert!(expected * 5 > words.len(), "English prose is over 20% stopwords");
        g.throughput(p.throughput());
        g.bench_function(p.id(), |b| {
            b.iter(|| {
                let hits = words.iter().filter(|w| stop.contains(black_box(w))).count();
                assert_eq!(hits, expected);
            })
        });
    }
    g.finish();
}

/// Stage 5: the per-line score (with the caption and byline shapes) and
/// the neighbour-context pass. Features and markers are inputs.
fn score_context(c: &mut Criterion<CpuTime>, pages: &[Page]) {
    let mut g = c.benchmark_group("score-context");
    for p in pages {
        let markers = Markers::global();
        let mut key = String::new();
        let marks: Vec<_> = (0..p.spans.len())
            .map(|i| if p.feats[i].blank { None } else { markers.find(p.line(i), &mut key) })
            .collect();
        let t = thresholds(p.lang);
        let lengths: Vec<u32> = p.feats.iter().map(|f| f.chars).collect();
        let mut classes: Vec<Class> = Vec::new();
        let mut heading: Vec<bool> = Vec::new();
        let run = |classes: &mut Vec<Class>, heading: &mut Vec<bool>| {
            classes.clear();
            heading.clear();
            for (i, f) in p.feats.iter().enumerate() {
                let line = p.line(i);
                let lc = score::classify(f, line_context(line, f, marks[i]), &t);
                classes.push(lc.class);
                heading.push(heading_like(f, &lc));
            }
            context::resolve(classes, &lengths, heading);
            classes.iter().filter(|&&c| c == Class::Good).count()
        };
        let expected = run(&mut classes, &mut heading);
        let non_blank = p.feats.iter().filter(|f| !f.blank).count();
        assert!(expected > 0 && expected < non_blank, "context keeps some lines, not all");
        g.throughput(p.throughput());
        g.bench_function(p.id(), |b| {
            b.iter(|| assert_eq!(run(&mut classes, &mut heading), expected))
        });
    }
    g.finish();
}

/// Stage 6: the main block and boilerplate regions, on lines already
/// classified (the cleaner's region inputs, markers as openers).
fn regions_stage(c: &mut Criterion<CpuTime>, pages: &[Page]) {
    let mut g = c.benchmark_group("regions-mainblock");
    for p in pages {
        let markers = Markers::global();
        let mut key = String::new();
        let mut hashes = Vec::new();
        for s in &p.spans {
            hashes.push(repeats::line_hash(&p.text[s.content()], &mut key));
        }
        let n = p.spans.len();
        let rl: Vec<RegionLine> = (0..n)
            .map(|i| {
                let f = &p.feats[i];
                let cf = &p.classes[i];
                let paired = hashes[i].is_some_and(|h| {
                    (i.saturating_sub(4)..(i + 5).min(n)).any(|k| k != i && hashes[k] == Some(h))
                });
                let m = if f.blank { None } else { markers.find(p.line(i), &mut key) };
                RegionLine {
                    blank: f.blank,
                    opener: f.code
                        || m.is_some_and(|m| {
                            m.kind.opens_list()
                                && (m.anchor == Anchor::Line
                                    || (m.anchor == Anchor::Start && f.words <= 4))
                        }),
                    list_like: cf.class == Class::Bad
                        || f.numbered
                        || f.bullet
                        || (f.has_date && f.words <= 12)
                        || (f.words >= 1 && f.words <= 20 && !f.terminal)
                        || paired,
                    prose: cf.class == Class::Good || (f.words >= 10 && f.terminal),
                    heading_like: heading_like(f, cf),
                    paired,
                }
            })
            .collect();
        let words: Vec<u32> = p.feats.iter().map(|f| f.words).collect();
        let mut block: Vec<BlockLine> = Vec::new();
        let mut region = Vec::new();
        let run = |block: &mut Vec<BlockLine>, region: &mut Vec<Option<u32>>| {
            block.clear();
            block.extend(
                p.classes
                    .iter()
                    .zip(&p.feats)
                    .map(|(c, f)| BlockLine { class: c.class, words: f.words }),
            );
            let best = mainblock::best_block(block);
            let start = best.map_or(0, |(s, _)| s);
            regions::find(&rl, &words, start, region);
            (best, region.iter().filter(|r| r.is_some()).count())
        };
        let expected = run(&mut block, &mut region);
        assert!(expected.0.is_some(), "the {} page has a main block", p.size.name());
        g.throughput(p.throughput());
        g.bench_function(p.id(), |b| b.iter(|| assert_eq!(run(&mut block, &mut region), expected)));
    }
    g.finish();
}

/// Stage 7: in-document repeats (normalise, hash, first occurrences).
fn repeats_stage(c: &mut Criterion<CpuTime>, pages: &[Page]) {
    let mut g = c.benchmark_group("repeats");
    for p in pages {
        let mut key = String::new();
        let mut hashes = Vec::new();
        let mut seen = repeats::LineHashMap::default();
        let mut first = Vec::new();
        let mut run = |hashes: &mut Vec<Option<u64>>,
                       seen: &mut repeats::LineHashMap,
                       first: &mut Vec<u32>| {
            hashes.clear();
            for s in &p.spans {
                hashes.push(repeats::line_hash(black_box(&p.text[s.content()]), &mut key));
            }
            repeats::first_occurrences(hashes, seen, first);
            first.iter().enumerate().filter(|&(i, &f)| f as usize != i).count()
        };
        let expected = run(&mut hashes, &mut seen, &mut first);
        if p.size.bytes() > 5_000 {
            // Pages made of several corpus pages repeat some lines.
            assert!(expected > 0, "the {} page has repeated lines", p.size.name());
        }
        g.throughput(p.throughput());
        g.bench_function(p.id(), |b| {
            b.iter(|| assert_eq!(run(&mut hashes, &mut seen, &mut first), expected))
        });
    }
    g.finish();
}

fn stages(c: &mut Criterion<CpuTime>) {
    let pages = pages();
    split(c, &pages);
    features_stage(c, &pages);
    markers_stage(c, &pages);
    lang_detect(c, &pages);
    stopwords(c, &pages);
    score_context(c, &pages);
    regions_stage(c, &pages);
    repeats_stage(c, &pages);
}

fn config() -> Criterion<CpuTime> {
    // 24 benchmarks; short runs keep `cargo bench` within a few minutes on a
    // shared 2-core machine. Pass `--measurement-time` for tighter figures.
    Criterion::default()
        .with_measurement(CpuTime)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_millis(1500))
        .sample_size(30)
}

criterion_group! {
    name = benches;
    config = config();
    targets = stages
}
criterion_main!(benches);
