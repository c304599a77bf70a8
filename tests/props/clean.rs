//! Properties of `Cleaner::clean` on generated documents and configs.

use std::sync::OnceLock;

use deboil::{BlankLines, Cleaner, Config, Lang, OverLimit, Stage, Strictness};
use proptest::prelude::*;
use proptest::sample::select;
use proptest::strategy::ValueTree;
use proptest::test_runner::TestRunner;
use rayon::prelude::*;

use crate::check::{self, check, naive_lines, within_limits};
use crate::gen::{self, build_config, cases, doc, Doc};

const REGRESSIONS: &str = "proptest-regressions/props/clean.txt";

fn ok(r: Result<(), String>, doc: &Doc) -> Result<(), TestCaseError> {
    r.map_err(|e| TestCaseError::fail(format!("{e}\n  input: {doc:?}")))
}

/// Plain choices for a config, so that one can be rebuilt with other limits.
#[derive(Clone, Debug)]
struct Spec {
    strictness: Strictness,
    off: Vec<bool>,
    blank: BlankLines,
    lang: Option<Lang>,
}

fn spec() -> impl Strategy<Value = Spec> {
    (
        select(&[Strictness::Recall, Strictness::Balanced, Strictness::Precision][..]),
        prop::collection::vec(any::<bool>(), Stage::ALL.len()),
        select(&[BlankLines::Separators, BlankLines::Drop][..]),
        prop_oneof![3 => Just(None), 1 => select(&Lang::ALL[..]).prop_map(Some)],
    )
        .prop_map(|(strictness, off, blank, lang)| Spec { strictness, off, blank, lang })
}

impl Spec {
    fn build(&self, over: OverLimit, limit: Option<(usize, usize)>) -> Config {
        build_config(self.strictness, &self.off, self.blank, over, limit, self.lang)
    }
}

fn pool() -> &'static rayon::ThreadPool {
    static POOL: OnceLock<rayon::ThreadPool> = OnceLock::new();
    POOL.get_or_init(|| rayon::ThreadPoolBuilder::new().num_threads(3).build().expect("pool"))
}

proptest! {
    #![proptest_config(cases(256, REGRESSIONS))]

    /// Default config: output is an in-order, byte-exact subsequence of the
    /// input lines; verdicts cover every line once; same result twice.
    #[test]
    fn default_config_structure_and_determinism(doc in doc(40)) {
        let cleaner = Cleaner::new(Config::default());
        let a = cleaner.clean(&doc.0);
        ok(check(&doc.0, &a, cleaner.config()), &doc)?;
        let b = cleaner.clean(&doc.0);
        prop_assert_eq!(check::key(&a), check::key(&b), "second run differs: {:?}", doc);
    }

    /// Any config (strictness, stages, blank policy, language, limits and
    /// over-limit policy): the same structural properties.
    #[test]
    fn any_config_structure(doc in doc(40), config in gen::config()) {
        let cleaner = Cleaner::new(config);
        let cleaned = cleaner.clean(&doc.0);
        ok(check(&doc.0, &cleaned, cleaner.config()), &doc)
            .map_err(|e| TestCaseError::fail(format!("{e}\n  config: {:?}", cleaner.config())))?;
    }
}

proptest! {
    #![proptest_config(cases(128, REGRESSIONS))]

    /// Over the limits with `PassThrough`: the output is the input, every
    /// verdict present and kept with `Rule::Limit`.
    #[test]
    fn pass_through_over_tiny_limit_is_identity(
        doc in doc(20),
        spec in spec(),
        max_lines in 1usize..4,
        max_bytes in 1usize..200,
    ) {
        let lines = naive_lines(&doc.0);
        let config = spec.build(OverLimit::PassThrough, Some((max_lines, max_bytes)));
        prop_assume!(within_limits(&doc.0, &lines, &config).0);
        let cleaned = Cleaner::new(config.clone()).clean(&doc.0);
        prop_assert_eq!(cleaned.verdicts().len(), lines.len());
        prop_assert!(cleaned.verdicts().iter().all(|v| v.keep && v.rule == deboil::Rule::Limit));
        prop_assert_eq!(cleaned.to_vec(), doc.0.clone());
        ok(check(&doc.0, &cleaned, &config), &doc)?;
    }

    /// Over the limits with `Truncate`: the lines within the limits get
    /// exactly the verdicts that cleaning them alone gives; every later line
    /// is still present, dropped with `Rule::Limit`.
    #[test]
    fn truncate_cleans_the_prefix_as_a_document(
        doc in doc(30),
        spec in spec(),
        max_lines in 1usize..30,
        max_bytes in 1usize..3000,
    ) {
        let lines = naive_lines(&doc.0);
        let config = spec.build(OverLimit::Truncate, Some((max_lines, max_bytes)));
        let (over, k) = within_limits(&doc.0, &lines, &config);
        prop_assume!(over);
        let cleaned = Cleaner::new(config.clone()).clean(&doc.0);
        ok(check(&doc.0, &cleaned, &config), &doc)?;
        let prefix = &doc.0[..k.checked_sub(1).map_or(0, |i| lines[i].2)];
        let alone = Cleaner::new(spec.build(OverLimit::Truncate, None)).clean(prefix);
        let (full, _) = check::key(&cleaned);
        let (alone, _) = check::key(&alone);
        prop_assert_eq!(&full[..k], &alone[..], "prefix of {} lines: {:?}", k, doc);
        prop_assert!(cleaned.verdicts()[k..].iter().all(|v| !v.keep && v.rule == deboil::Rule::Limit));
    }
}

proptest! {
    #![proptest_config(cases(32, REGRESSIONS))]

    /// The same documents give the same verdicts serially, from a rayon
    /// pool, each on a fresh thread (fresh scratch buffers), and in reverse
    /// order (scratch buffers reused after other documents).
    #[test]
    fn deterministic_across_threads_and_order(
        docs in prop::collection::vec(doc(25), 1..10),
        config in gen::config(),
    ) {
        let cleaner = Cleaner::new(config);
        let serial: Vec<_> = docs.iter().map(|d| check::key(&cleaner.clean(&d.0))).collect();
        let parallel: Vec<_> = pool().install(|| {
            docs.par_iter().map(|d| check::key(&cleaner.clean(&d.0))).collect()
        });
        let fresh: Vec<_> = std::thread::scope(|s| {
            let handles: Vec<_> = docs
                .iter()
                .map(|d| s.spawn(|| check::key(&cleaner.clean(&d.0))))
                .collect();
            handles.into_iter().map(|h| h.join().expect("no panic")).collect()
        });
        let mut reversed: Vec<_> = docs.iter().rev().map(|d| check::key(&cleaner.clean(&d.0))).collect();
        reversed.reverse();
        for (i, d) in docs.iter().enumerate() {
            prop_assert_eq!(&serial[i], &parallel[i], "rayon differs on {:?}", d);
            prop_assert_eq!(&serial[i], &fresh[i], "fresh thread differs on {:?}", d);
            prop_assert_eq!(&serial[i], &reversed[i], "order-dependent on {:?}", d);
        }
    }
}

/// The generators are only useful if the cleaner both keeps and drops lines
/// of the documents they make, and hits the interesting labels.
#[test]
fn generated_documents_exercise_keep_and_drop() {
    let mut runner = TestRunner::deterministic();
    let strategy = doc(40);
    let cleaner = Cleaner::new(Config::default());
    let (mut both, mut n) = (0, 0);
    let mut labels = std::collections::BTreeSet::new();
    let mut bytes = 0usize;
    for _ in 0..300 {
        let d = strategy.new_tree(&mut runner).expect("generate").current();
        let c = cleaner.clean(&d.0);
        let kept = c.kept_count();
        if kept > 0 && kept < c.verdicts().len() {
            both += 1;
        }
        labels.extend(c.verdicts().iter().map(|v| v.label));
        bytes += d.0.len();
        n += 1;
    }
    eprintln!("{both}/{n} documents with kept and dropped lines; labels {labels:?}; {bytes} bytes");
    assert!(both * 2 >= n, "only {both} of {n} documents both keep and drop lines");
    use deboil::Label::*;
    for l in
        [Content, Heading, Blank, Navigation, HeadlineList, Timestamp, Duplicate, Legal, Social]
    {
        assert!(labels.contains(&l), "no generated line was labelled {l:?}");
    }
}

/// Limits are inclusive: a document of exactly `max` bytes / lines is
/// within them, one byte or line more is over.
#[test]
fn limits_are_inclusive() {
    let doc = b"The council approved the budget after a long debate on Tuesday night.\nShare\n";
    let lines = 2;
    for (max_lines, max_bytes, over) in
        [(lines, doc.len(), false), (lines - 1, doc.len(), true), (lines, doc.len() - 1, true)]
    {
        for policy in [OverLimit::PassThrough, OverLimit::Truncate] {
            let config = Config::builder()
                .max_document_lines(max_lines)
                .max_document_bytes(max_bytes)
                .over_limit(policy)
                .build();
            let c = Cleaner::new(config.clone()).clean(doc);
            check(doc, &c, &config).unwrap();
            let limited = c.verdicts().iter().any(|v| v.rule == deboil::Rule::Limit);
            assert_eq!(limited, over, "{max_lines} lines, {max_bytes} bytes, {policy:?}");
        }
    }
    // Truncating at one line keeps the first line's verdict and drops "Share".
    let config = Config::builder().max_document_lines(1).over_limit(OverLimit::Truncate).build();
    let c = Cleaner::new(config).clean(doc);
    assert_eq!(c.verdicts().len(), 2);
    assert_eq!(c.verdicts()[1].rule, deboil::Rule::Limit);
    assert!(!c.verdicts()[1].keep);
}

/// Hand-picked edge inputs, each checked with every combination of blank
/// policy and over-limit policy.
#[test]
fn edge_inputs() {
    let big_line = vec![b'x'; 1 << 20];
    let cases: Vec<&[u8]> = vec![
        b"",
        b"\n",
        b"\r",
        b"\r\n",
        b"\n\r",
        b"\r\r\n\n",
        b"\0",
        b"\0\n\0\r\0",
        b"\xff\xfe\xfd",
        b"\xe2\x82",
        b"Share",
        b"Share\n",
        b"Latest news\n\n\n",
        "Новости\r\n21:15 20 мар 2026.\r\n  1. Headline\r\n".as_bytes(),
        b"  \t \n\xc2\xa0\n \xc2\xa0 \n\xc2\xa0 \xc2\xa0\n",
        &big_line,
    ];
    for input in cases {
        for blank in [BlankLines::Separators, BlankLines::Drop] {
            for over in [OverLimit::PassThrough, OverLimit::Truncate] {
                for limit in [None, Some((1, 1)), Some((2, 8))] {
                    let config = build_config(Strictness::Balanced, &[], blank, over, limit, None);
                    let c = Cleaner::new(config.clone()).clean(input);
                    if let Err(e) = check(input, &c, &config) {
                        panic!(
                            "{e}\n  input {:?}\n  config {config:?}",
                            input.escape_ascii().to_string()
                        );
                    }
                }
            }
        }
    }
}

/// `Label::Blank` is documented as "an empty or whitespace-only line", and
/// the blank-line policy keeps one blank line as a paragraph separator. A
/// line of Unicode spaces (ideographic space U+3000, common in CJK pages;
/// em space U+2003; NEL U+0085; line separator U+2028; or NBSP, space,
/// NBSP) is whitespace-only too. Regression: such lines were labelled
/// boilerplate (rule shape), so they were never kept as separators and the
/// paragraphs around them merged (fixed in main `7ef8880`).
#[test]
fn whitespace_only_lines_are_blank() {
    let prose = "The council approved the new budget on Tuesday after a long debate about \
                 school funding, which had divided the members of the council for months.";
    for ws in ["\u{3000}", "\u{2003}", "\u{85}", "\u{2028}", "\u{a0} \u{a0}", " \u{a0}\u{3000} "] {
        let doc = format!("{prose}\n{ws}\n{prose} Again.\n");
        let c = Cleaner::new(Config::default()).clean(doc.as_bytes());
        let v = c.verdicts()[1];
        assert!(
            v.features.blank && v.label == deboil::Label::Blank && v.keep,
            "{ws:?}: blank = {}, label {:?}, keep {}",
            v.features.blank,
            v.label,
            v.keep
        );
    }
}

/// Cross-document evidence made up from the line keys: a share of the keys
/// (chosen by `seed`) is reported on `site_docs` of a site's documents.
#[derive(Clone, Copy, Debug)]
struct FakeEvidence {
    seed: u64,
    share: u8,
    site_docs: u32,
}

impl deboil::templates::LineEvidence for FakeEvidence {
    fn lookup(&self, key: u64) -> Option<deboil::templates::TemplateHit> {
        let pick = (key ^ self.seed).wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 56;
        (pick < u64::from(self.share)).then_some(deboil::templates::TemplateHit {
            site_docs: self.site_docs,
            site_total: 20,
            sites: self.site_docs,
        })
    }
}

proptest! {
    #![proptest_config(cases(128, REGRESSIONS))]

    /// `clean_with_evidence`: the structural properties hold; a line dropped
    /// as template text really has template evidence; with the templates
    /// stage off, or evidence that knows no line, it is `clean`.
    #[test]
    fn evidence_keeps_the_structure(
        doc in doc(30),
        config in gen::config(),
        seed in any::<u64>(),
        share in 0u8..=255,
        site_docs in 0u32..30,
    ) {
        use deboil::templates::{is_template, line_key, LineEvidence};
        let ev = FakeEvidence { seed, share, site_docs };
        let cleaner = Cleaner::new(config.clone());
        let with = cleaner.clean_with_evidence(&doc.0, &ev);
        ok(check(&doc.0, &with, &config), &doc)?;
        let mut buf = String::new();
        for (i, v) in with.verdicts().iter().enumerate() {
            if let deboil::Rule::Template { site_docs: n } = v.rule {
                prop_assert!(!v.keep && v.label == deboil::Label::Template, "line {}", i);
                let hit = line_key(&doc.0[v.span.content()], &mut buf).and_then(|k| ev.lookup(k));
                prop_assert!(hit.is_some_and(|h| h.site_docs == n && is_template(h, &v.features)));
            }
        }
        let plain = check::key(&cleaner.clean(&doc.0));
        let none = FakeEvidence { share: 0, ..ev };
        prop_assert_eq!(&check::key(&cleaner.clean_with_evidence(&doc.0, &none)), &plain);
        let off = Cleaner::new(
            Config::builder().stage(Stage::Templates, deboil::Switch::Off).build(),
        );
        prop_assert_eq!(
            check::key(&off.clean_with_evidence(&doc.0, &ev)),
            check::key(&off.clean(&doc.0))
        );
    }
}

/// The generated evidence does mark lines as templates (the property above
/// is not vacuous).
#[test]
fn fake_evidence_finds_templates() {
    let mut runner = TestRunner::deterministic();
    let strategy = doc(40);
    let cleaner = Cleaner::new(Config::default());
    let ev = FakeEvidence { seed: 7, share: 128, site_docs: 25 };
    let mut templates = 0;
    for _ in 0..50 {
        let d = strategy.new_tree(&mut runner).expect("generate").current();
        let c = cleaner.clean_with_evidence(&d.0, &ev);
        templates +=
            c.verdicts().iter().filter(|v| matches!(v.rule, deboil::Rule::Template { .. })).count();
    }
    assert!(templates > 20, "only {templates} template lines");
}
