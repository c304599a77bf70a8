//! Linear time on adversarial inputs.
//!
//! Each case runs at a quarter of the issue's sizes by default (the 50 MB
//! line at a sixteenth; a few seconds in all); `linear_full_size` (ignored
//! by default, about 30 s) runs them at full size: 10^6 short lines, 10^5 identical lines, 10^5
//! headline/timestamp lines after "Latest news", one 50 MB line, 10^5 lines
//! of "Share" (each the `8n` size): `cargo test --test props -- --ignored`.
//!
//! No absolute timing: each input is built at size `n` and `8n`, each
//! cleaned three times, and the fastest `8n` run must take less than
//! [`MAX_RATIO`] (20) times the fastest `n` run: a linear pass takes about
//! 8×, a quadratic one 64×. With a cost of `a·n + b·n²`, the test fails
//! once `b·n > 0.27·a`, i.e. once the quadratic part is about a quarter of
//! the linear part at size `n` (checked by hand with a quadratic look-ahead
//! planted in `regions::find`: ratio 21 at the default quarter size and
//! 37 at full size on the "opener, prose and blanks" case, against 4–9
//! without it; the quadratic look-ahead `main_block` really had before
//! main `7ef8880` gave 288 on "blank lines"). Runs shorter than [`FLOOR`] are compared as `FLOOR`,
//! so timer noise on tiny inputs cannot fail the test, and a case is
//! measured up to [`ATTEMPTS`] times before it fails, so one load spike
//! from another process cannot either. The verdict count is checked too,
//! so a cleaner that skipped work would fail.

use std::time::{Duration, Instant};

use deboil::{Cleaner, Config};

/// Times below this are measured as this (timer and scheduler noise).
const FLOOR: Duration = Duration::from_millis(5);

/// Allowed ratio of the `8n` time to the `n` time.
const MAX_RATIO: f64 = 20.0;

/// How often a case is measured before it is called non-linear: a load
/// spike from other processes can spoil one measurement, not three.
const ATTEMPTS: usize = 3;

fn time_clean(cleaner: &Cleaner, input: &[u8], lines: usize) -> Duration {
    let t = Instant::now();
    let c = cleaner.clean(input);
    let e = t.elapsed();
    assert_eq!(c.verdicts().len(), lines);
    std::hint::black_box(c.kept_bytes());
    e
}

fn fastest_of_3(cleaner: &Cleaner, input: &[u8], lines: usize) -> Duration {
    (0..3).map(|_| time_clean(cleaner, input, lines)).min().expect("three runs")
}

/// Check that cleaning `make(big_n)` costs at most [`MAX_RATIO`] ×
/// `make(big_n / 8)`: the fastest of three runs of each, interleaved so
/// that a slow patch of the machine hits both sizes; measured up to
/// [`ATTEMPTS`] times, passing on the first measurement within the ratio.
fn assert_linear(name: &str, big_n: usize, make: impl Fn(usize) -> Vec<u8>) {
    let cleaner = Cleaner::new(Config::default());
    let small = make(big_n / 8);
    let big = make(big_n);
    let count = |b: &[u8]| deboil::lines::LineIter::new(b).count();
    let (ls, lb) = (count(&small), count(&big));
    // Warm up (marker automaton, stoplists, scratch buffers).
    cleaner.clean(&small);
    let mut ratios = Vec::new();
    for _ in 0..ATTEMPTS {
        let (mut t1, mut t8) = (Duration::MAX, Duration::MAX);
        for _ in 0..3 {
            t1 = t1.min(time_clean(&cleaner, &small, ls));
            t8 = t8.min(time_clean(&cleaner, &big, lb));
        }
        let ratio = t8.as_secs_f64() / t1.max(FLOOR).as_secs_f64();
        eprintln!(
            "{name}: n = {} bytes / {ls} lines: {t1:?}; 8n = {} bytes / {lb} lines: {t8:?}; \
             ratio {ratio:.2}",
            small.len(),
            big.len()
        );
        if ratio < MAX_RATIO {
            return;
        }
        ratios.push(format!("{ratio:.1}× ({t1:?} → {t8:?})"));
    }
    panic!("{name}: 8n took {} the time of n", ratios.join(", then "));
}

fn repeat_lines(n: usize, line: impl Fn(usize) -> String) -> Vec<u8> {
    let mut out = Vec::new();
    for i in 0..n {
        out.extend_from_slice(line(i).as_bytes());
    }
    out
}

const SENTENCE: &str = "The council approved the new budget on Tuesday after a long debate \
    about school funding, which had divided the members of the council for months. ";

/// The adversarial inputs: name, full size (the `8n` of the full-size
/// run), and the input at a given size.
type Case = (&'static str, usize, fn(usize) -> Vec<u8>);

const CASES: &[Case] = &[
    // 10^6 short lines.
    ("short lines", 1_000_000, |n| repeat_lines(n, |_| "ab\n".into())),
    // 10^5 identical prose lines: the repeat stage sees one huge class.
    ("identical lines", 100_000, |n| repeat_lines(n, |_| format!("{}\n", SENTENCE.trim_end()))),
    // "Latest news", then 10^5 alternating headline / timestamp lines: one
    // region that never ends.
    ("latest-news list", 50_000, |n| {
        let mut out = b"Latest news\n".to_vec();
        out.extend(repeat_lines(n, |i| {
            format!("Headline number {} about the war\n21:15 20 мар 2026.\n", i % 97)
        }));
        out
    }),
    // One 50 MB line.
    ("one 50 MB line", 50_000_000 / SENTENCE.len(), |n| SENTENCE.repeat(n).into_bytes()),
    // 10^5 lines of "Share".
    ("share lines", 100_000, |n| repeat_lines(n, |_| "Share\n".into())),
    // Prose separated by runs of blank lines (region look-ahead over blanks).
    ("opener, prose and blanks", 40_000, |n| {
        repeat_lines(n, |i| {
            format!("Latest news\nItem {i} is a short line of prose, as it was.\n\n")
        })
    }),
    // Distinct prose lines: the main block and context passes on a long article.
    ("distinct prose", 50_000, |n| repeat_lines(n, |i| format!("{i}: {SENTENCE}\n"))),
    // A title printed many times before the content.
    ("repeated title", 50_000, |n| {
        let mut out = repeat_lines(n, |_| "Storm closes mountain highway for second day\n".into());
        out.extend_from_slice(format!("{SENTENCE}\n").as_bytes());
        out
    }),
    // Long lines full of marker phrases, parentheses and code-like tokens.
    ("marker-dense lines", 10_000, |n| {
        repeat_lines(n, |_| format!("{}\n", "share (1) (L) a.b.c() © ".repeat(40)))
    }),
    // One line of parentheses and one of dots (caption and code scans).
    ("parentheses line", 2_000_000, |n| "(".repeat(n).into_bytes()),
    ("dots line", 2_000_000, |n| "a.b".repeat(n).into_bytes()),
    // Blank lines only (look-aheads that skip blank lines).
    ("blank lines", 400_000, |n| "\n".repeat(n).into_bytes()),
    // Comment cues, each followed by a long run of blank lines.
    ("comment cues and blanks", 200_000, |n| {
        let mut out = format!("{SENTENCE}\n").repeat(20).into_bytes();
        out.extend(repeat_lines(n / 1000, |_| format!("12 Comments\n{}", "\n".repeat(999))));
        out
    }),
    // Numbered list lines with no opener, CRLF and lone CR.
    ("numbered CRLF/CR", 50_000, |n| {
        repeat_lines(n, |i| format!("  {}. Headline {i}\r\n{i}\r", i % 999 + 1))
    }),
];

fn run_case(name: &str, divisor: usize) {
    let &(name, n, make) = CASES.iter().find(|c| c.0 == name).expect("case name");
    assert_linear(name, n / divisor, make);
}

// A quarter of the full sizes (a sixteenth for the 50 MB line), run always.
#[test]
fn linear_short_lines() {
    run_case("short lines", 4);
}

#[test]
fn linear_identical_lines() {
    run_case("identical lines", 4);
}

#[test]
fn linear_headline_timestamp_list() {
    run_case("latest-news list", 4);
}

#[test]
fn linear_one_huge_line() {
    run_case("one 50 MB line", 16);
}

#[test]
fn linear_share_lines() {
    run_case("share lines", 4);
}

#[test]
fn linear_opener_prose_blanks() {
    run_case("opener, prose and blanks", 4);
}

#[test]
fn linear_distinct_prose() {
    run_case("distinct prose", 4);
}

#[test]
fn linear_repeated_title() {
    run_case("repeated title", 4);
}

#[test]
fn linear_marker_dense_lines() {
    run_case("marker-dense lines", 4);
}

/// One line of 500,000 `(` and no `)`. Regression: `score::is_caption`
/// called `has_position_words`, which for every `(` searched for the next
/// `)` to the end of the line — O(length²): 16 ms for 62,500 bytes, 1.1 s
/// for 500,000, and hours for a 50 MB line (fixed in main `7ef8880`).
#[test]
fn linear_parentheses_line() {
    run_case("parentheses line", 4);
}

#[test]
fn linear_dots_line() {
    run_case("dots line", 4);
}

/// 100,000 blank lines. Regression: for every line before the article's
/// end, `Cleaner::main_block` computed `next_is_date` by scanning forward
/// to the next non-blank line, so a run of `k` blank lines cost `k²/2`
/// steps: 69 ms for 12,500 blank lines, 20 s for 100,000, about half an
/// hour for the 10^6 lines the default limit lets through (fixed in main
/// `7ef8880`).
#[test]
fn linear_blank_lines() {
    run_case("blank lines", 4);
}

#[test]
fn linear_comment_cues_and_blanks() {
    run_case("comment cues and blanks", 4);
}

#[test]
fn linear_numbered_crlf_cr() {
    run_case("numbered CRLF/CR", 4);
}

/// Every case at the issue's full sizes (about 30 s in the test profile).
#[test]
#[ignore = "slow (about 30 s): the full-size version of the linear_* tests"]
fn linear_full_size() {
    for case in CASES {
        run_case(case.0, 1);
    }
}

/// Language detection looks at a 2 KB sample of the document
/// (`lang::DETECT_SAMPLE_BYTES`), so on one huge line it should cost next
/// to nothing next to the feature pass: cleaning with the language stage on
/// may take at most 1.6× the time with it off. Regression: whole lines were
/// copied into the sample before the cap was checked, so whatlang ran on
/// all of a 50 MB line (fixed in main `7ef8880`).
#[test]
fn language_sample_is_capped_on_a_huge_line() {
    let line = SENTENCE.repeat(8_000_000 / SENTENCE.len()).into_bytes();
    let on = Cleaner::new(Config::default());
    let off =
        Cleaner::new(Config::builder().stage(deboil::Stage::Language, deboil::Switch::Off).build());
    on.clean(&line);
    let t_on = fastest_of_3(&on, &line, 1);
    let t_off = fastest_of_3(&off, &line, 1);
    let ratio = t_on.as_secs_f64() / t_off.max(FLOOR).as_secs_f64();
    eprintln!("language on {t_on:?}, off {t_off:?}: ratio {ratio:.2}");
    assert!(ratio < 1.6, "language detection costs {ratio:.1}× on one 8 MB line");
}
