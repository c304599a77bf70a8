//! `deboil eval` end to end: a tiny pair set and a tiny segment set built in
//! a temporary directory, scored by the binary, and checked against figures
//! worked out by hand (documents whose score does not depend on what the
//! cleaner decides) or recomputed with the library from the outputs the
//! binary wrote.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use deboil::eval::pairs::PairCounts;
use deboil::eval::segments::{SegmentMatch, Segments};
use deboil::{Cleaner, Config};
use serde_json::Value;

fn deboil() -> Command {
    Command::new(env!("CARGO_BIN_EXE_deboil"))
}

fn write(path: &Path, text: &str) {
    fs::create_dir_all(path.parent().expect("has a parent")).expect("create directory");
    fs::write(path, text).expect("write fixture");
}

/// Article prose and obvious boilerplate, for documents whose figures are
/// recomputed from the cleaner's own output.
const PAGE: &str = "Home | News | Sport | Login\n\
    Share this article\n\
    The city council approved the new budget on Tuesday after a long debate about \
    school funding, which had divided the members of the council for months.\n\
    Officials said the plan would take effect in January and that the first payments \
    would reach the districts before the spring term begins.\n\
    © 2024 Example News. All rights reserved.\n";

const PAGE_GOLD: &str = "The city council approved the new budget on Tuesday after a long debate \
    about school funding, which had divided the members of the council for months.\n\
    Officials said the plan would take effect in January and that the first payments \
    would reach the districts before the spring term begins.\n";

struct Fixture {
    _tmp: tempfile::TempDir,
    pairs: PathBuf,
    segments: PathBuf,
    out: PathBuf,
}

/// pairs/  news/a1: one line, gold = half its tokens   (hand: see below)
///         news/a2: empty input                        (hand: F1 0)
///         blog/b1: PAGE vs PAGE_GOLD                  (library)
///         manifest.tsv: a1 en, b1 de (a2 unknown)
/// segments/ s1: empty input, 1 with + 1 without, lang fr   (hand)
///           s2: PAGE, 2 with + 2 without, no lang          (library)
fn fixture() -> Fixture {
    let tmp = tempfile::tempdir().expect("tempdir");
    let pairs = tmp.path().join("pairs");
    write(&pairs.join("news/a1.input.txt"), "alpha beta gamma delta\n");
    write(&pairs.join("news/a1.gold.txt"), "Alpha, BETA!\n");
    write(&pairs.join("news/a2.input.txt"), "");
    write(&pairs.join("news/a2.gold.txt"), "one two three\n");
    write(&pairs.join("blog/b1.input.txt"), PAGE);
    write(&pairs.join("blog/b1.gold.txt"), PAGE_GOLD);
    write(&pairs.join("manifest.tsv"), "id\tdataset\tlang\na1\tnews\ten\nb1\tblog\tde\n");
    let segments = tmp.path().join("segments");
    write(&segments.join("s1.input.txt"), "");
    write(
        &segments.join("s1.segments.json"),
        r#"{"with": ["x  y"], "without": ["z"], "lang": "fr"}"#,
    );
    write(&segments.join("s2.input.txt"), PAGE);
    write(
        &segments.join("s2.segments.json"),
        r#"{"with": ["The city council approved", "before the spring\nterm begins."],
            "without": ["Share this article", "All rights reserved"]}"#,
    );
    let out = tmp.path().join("out");
    Fixture { pairs, segments, out, _tmp: tmp }
}

fn run(cmd: &mut Command) -> Output {
    cmd.output().expect("run deboil")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn cleaned(input: &str) -> String {
    let cleaner = Cleaner::new(Config::default());
    text(&cleaner.clean(input.as_bytes()).to_vec())
}

fn num(v: &Value) -> f64 {
    v.as_f64().unwrap_or_else(|| panic!("not a number: {v}"))
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-12
}

#[test]
fn scores_both_kinds_of_set() {
    let f = fixture();
    let json_path = f.out.join("eval.json");
    let outputs = f.out.join("outputs");
    let per_doc = f.out.join("per-doc.tsv");
    fs::create_dir_all(&f.out).expect("mkdir");
    let out = run(deboil()
        .arg("eval")
        .args([&f.pairs, &f.segments])
        .arg("--json")
        .arg(&json_path)
        .arg("--outputs")
        .arg(&outputs)
        .arg("--per-doc")
        .arg(&per_doc)
        .args(["-j", "2"]));
    assert_eq!(out.status.code(), Some(0), "stderr: {}", text(&out.stderr));
    let json: Value =
        serde_json::from_slice(&fs::read(&json_path).expect("JSON written")).expect("valid JSON");
    let sets = json["sets"].as_array().expect("sets");
    assert_eq!(sets.len(), 2);
    let (pairs, segs) = (&sets[0], &sets[1]);
    assert_eq!((pairs["kind"].as_str(), segs["kind"].as_str()), (Some("pairs"), Some("segments")));
    assert_eq!(pairs["name"], "pairs");
    assert_eq!(json["config"]["strictness"], "balanced");

    // --outputs wrote exactly the cleaner's output for every document.
    for (id, input) in [("a1", "alpha beta gamma delta\n"), ("a2", ""), ("b1", PAGE), ("s2", PAGE)]
    {
        let written =
            fs::read_to_string(outputs.join(format!("{id}.txt"))).expect("output written");
        assert_eq!(written, cleaned(input), "{id}");
    }

    // Documents in id order, with dataset and manifest language.
    let docs = pairs["documents"].as_array().expect("documents");
    let ids: Vec<_> = docs
        .iter()
        .map(|d| (d["id"].as_str(), d["dataset"].as_str(), d["lang"].as_str()))
        .collect();
    assert_eq!(
        ids,
        [
            (Some("a1"), Some("news"), Some("en")),
            (Some("a2"), Some("news"), Some("-")),
            (Some("b1"), Some("blog"), Some("de"))
        ]
    );

    // a1 by hand: gold {alpha, beta}. Line kept: out {alpha, beta, gamma,
    // delta} → tp 2, P 2/4, R 2/2, F1 = 2·.5·1/1.5 = 2/3. Line dropped:
    // everything 0.
    let a1 = &docs[0];
    let kept = !cleaned("alpha beta gamma delta\n").is_empty();
    let (tp, n_out, p, r, f1) =
        if kept { (2, 4, 0.5, 1.0, 2.0 / 3.0) } else { (0, 0, 0.0, 0.0, 0.0) };
    assert_eq!(
        (a1["tp"].as_u64(), a1["n_out"].as_u64(), a1["n_gold"].as_u64()),
        (Some(tp), Some(n_out), Some(2))
    );
    assert!(
        close(num(&a1["P"]), p) && close(num(&a1["R"]), r) && close(num(&a1["F1"]), f1),
        "{a1}"
    );

    // a2 by hand: empty input, empty output: tp 0, n_out 0, n_gold 3, all 0.
    let a2 = &docs[1];
    assert_eq!(
        (a2["tp"].as_u64(), a2["n_out"].as_u64(), a2["n_gold"].as_u64()),
        (Some(0), Some(0), Some(3))
    );
    assert_eq!((num(&a2["P"]), num(&a2["R"]), num(&a2["F1"])), (0.0, 0.0, 0.0));

    // b1 from the library, on the cleaner's output.
    let b1 = &docs[2];
    let c = PairCounts::of_texts(&cleaned(PAGE), PAGE_GOLD);
    assert_eq!(
        (b1["tp"].as_u64(), b1["n_out"].as_u64(), b1["n_gold"].as_u64()),
        (Some(c.tp), Some(c.n_out), Some(c.n_gold))
    );
    assert!(close(num(&b1["F1"]), c.prf().f1));
    assert_eq!(b1["lines"].as_u64(), Some(5));

    // Aggregates: F1 mean = mean of the per-document F1 (in id order);
    // micro from the summed counts; per dataset and per language.
    let f1s: Vec<f64> = docs.iter().map(|d| num(&d["F1"])).collect();
    let overall = &pairs["overall"];
    assert!(close(num(&overall["F1"]), (f1s[0] + f1s[1] + f1s[2]) / 3.0));
    let micro =
        PairCounts { tp: tp + c.tp, n_out: n_out + c.n_out, n_gold: 2 + 3 + c.n_gold }.prf();
    assert!(close(num(&overall["F1_micro"]), micro.f1));
    assert_eq!(overall["docs"], 3);
    assert_eq!(
        overall["empty_outputs"].as_u64(),
        Some(1 + u64::from(!kept) + u64::from(c.n_out == 0))
    );
    assert!(close(num(&pairs["datasets"]["news"]["F1"]), (f1s[0] + f1s[1]) / 2.0));
    assert!(close(num(&pairs["datasets"]["blog"]["F1"]), f1s[2]));
    assert_eq!(
        pairs["datasets"].as_object().map(|o| o.keys().cloned().collect::<Vec<_>>()),
        Some(vec!["blog".to_owned(), "news".to_owned()])
    );
    assert!(close(num(&pairs["languages"]["-"]["F1"]), 0.0));
    assert!(close(num(&pairs["languages"]["de"]["F1"]), f1s[2]));

    // Segment set. s1 by hand: empty output → TP 0, FN 1, FP 0, TN 1.
    let sdocs = segs["documents"].as_array().expect("documents");
    let s1 = &sdocs[0];
    assert_eq!(
        (s1["id"].as_str(), s1["lang"].as_str(), s1["empty"].as_bool()),
        (Some("s1"), Some("fr"), Some(true))
    );
    assert_eq!(
        (s1["tp"].as_u64(), s1["fn"].as_u64(), s1["fp"].as_u64(), s1["tn"].as_u64()),
        (Some(0), Some(1), Some(0), Some(1))
    );
    // s2 from the library, on the cleaner's output; no lang → "?".
    let seg: Segments = serde_json::from_str(
        &fs::read_to_string(f.segments.join("s2.segments.json")).expect("read"),
    )
    .expect("parse");
    let m = SegmentMatch::of(&seg, &cleaned(PAGE));
    let s2 = &sdocs[1];
    assert_eq!(s2["lang"], "?");
    assert_eq!(s2["found_with"], serde_json::json!(m.found_with));
    assert_eq!(s2["found_without"], serde_json::json!(m.found_without));
    let mut total = m.counts();
    total += deboil::eval::segments::SegmentCounts { tp: 0, fn_: 1, fp: 0, tn: 1 };
    let ratios = total.ratios();
    let so = &segs["overall"];
    assert_eq!(
        (so["tp"].as_u64(), so["fn"].as_u64(), so["fp"].as_u64(), so["tn"].as_u64()),
        (Some(total.tp), Some(total.fn_), Some(total.fp), Some(total.tn))
    );
    assert!(close(num(&so["F1"]), ratios.f1) && close(num(&so["accuracy"]), ratios.accuracy));
    assert_eq!(segs["languages"]["fr"]["docs"], 1);

    // The tables print the same figures.
    let stdout = text(&out.stdout);
    let all_row = stdout.lines().find(|l| l.trim_start().starts_with("ALL")).expect("ALL row");
    assert!(all_row.contains(&format!("{:.3}", num(&overall["F1"]))), "{stdout}");
    assert!(all_row.contains(&format!("{:.3}", num(&overall["F1_micro"]))), "{stdout}");
    assert!(stdout.contains("F1 mean") && stdout.contains("accuracy"), "{stdout}");

    // --per-doc: score.py's TSV format, then score_segments.py's.
    let tsv = fs::read_to_string(&per_doc).expect("per-doc written");
    let lines: Vec<&str> = tsv.lines().collect();
    assert_eq!(lines[0], "id\tdataset\tP\tR\tF1\tn_out\tn_gold");
    assert_eq!(lines[2], "a2\tnews\t0.0000\t0.0000\t0.0000\t0\t3");
    assert_eq!(lines[4], "id\tlang\ttp\tfn\tfp\ttn\tempty");
    assert_eq!(lines[5], "s1\tfr\t0\t1\t0\t1\t1");
}

#[test]
fn json_on_stdout_is_deterministic_across_thread_counts() {
    let f = fixture();
    let eval = |threads: &str| {
        let out = run(deboil()
            .arg("eval")
            .args([&f.pairs, &f.segments])
            .args(["--json", "-", "-j", threads]));
        assert_eq!(out.status.code(), Some(0), "stderr: {}", text(&out.stderr));
        // The tables go to stderr so that stdout is only the JSON.
        assert!(text(&out.stderr).contains("F1 mean"));
        out.stdout
    };
    let one = eval("1");
    let json: Value = serde_json::from_slice(&one).expect("stdout is JSON");
    assert_eq!(json["sets"][0]["overall"]["docs"], 3);
    assert_eq!(one, eval("2"));
}

#[test]
fn worst_lists_lines_with_their_verdicts() {
    let f = fixture();
    let out = run(deboil().arg("eval").arg(&f.pairs).arg(&f.segments).args([
        "--worst",
        "3",
        "--worst-lines",
        "50",
    ]));
    assert_eq!(out.status.code(), Some(0), "stderr: {}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(stdout.contains("pairs: the 3 worst documents"), "{stdout}");
    assert!(stdout.contains("lost (oracle content, dropped)"), "{stdout}");
    assert!(stdout.contains("let through (oracle boilerplate, kept)"), "{stdout}");
    // The navigation line of b1 has no gold token: if the cleaner keeps it,
    // it is listed as let through, with its label and rule.
    let cleaner = Cleaner::new(Config::default());
    let result = cleaner.clean(PAGE.as_bytes());
    let v = result.verdicts()[0];
    let expected = format!("L1     kept {}/{}", v.label, v.rule);
    assert_eq!(stdout.contains(&expected), v.keep, "{expected:?} in\n{stdout}");
    // Segment set: a "without" snippet that made it through is quoted with
    // the verdict of the line carrying it.
    let r = SegmentMatch::of(
        &Segments { with: vec![], without: vec!["Share this article".into()], lang: None },
        &cleaned(PAGE),
    );
    let v = result.verdicts()[1];
    let expected = format!("L2     kept {}/{}", v.label, v.rule);
    assert_eq!(
        r.found_without[0],
        stdout.contains("present \"without\": \"Share this article\""),
        "{stdout}"
    );
    assert_eq!(r.found_without[0], stdout.contains(&expected), "{stdout}");
    // s1's "with" snippet is not in its (empty) input at all.
    assert!(stdout.contains("missing \"with\" (not in the input): \"x  y\""), "{stdout}");
}

#[test]
fn failures_have_exit_codes_and_name_the_file() {
    let f = fixture();
    // A gold without its input: exit 1, the file named, the rest scored.
    fs::remove_file(f.pairs.join("news/a1.input.txt")).expect("rm");
    let out = run(deboil().arg("eval").arg(&f.pairs).args(["--json", "-"]));
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("document a1: cannot read") && stderr.contains("a1.input.txt"),
        "{stderr}"
    );
    let json: Value = serde_json::from_slice(&out.stdout).expect("JSON still written");
    assert_eq!(json["sets"][0]["overall"]["docs"], 2);
    assert_eq!(json["sets"][0]["errors"][0]["id"], "a1");

    // A set that is not there: exit 1, named; the other set still scored.
    let missing = f.pairs.join("nope");
    let out = run(deboil().arg("eval").arg(&missing).arg(&f.segments));
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains(&missing.display().to_string()));
    assert!(text(&out.stdout).contains("segments: segment set"));

    // Malformed annotations: exit 1, the JSON file named.
    write(&f.segments.join("s3.segments.json"), "{not json");
    write(&f.segments.join("s3.input.txt"), "x\n");
    let out = run(deboil().arg("eval").arg(&f.segments));
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("s3.segments.json: invalid JSON"), "{}", text(&out.stderr));

    // Usage errors: exit 2.
    let out = run(deboil().arg("eval").arg(&f.segments).args(["--stage-off", "bogus"]));
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("invalid value 'bogus' for '--stage-off <NAME>'"),
        "{}",
        text(&out.stderr)
    );
    assert_eq!(run(deboil().arg("eval")).status.code(), Some(2));
    assert_eq!(
        run(deboil().arg("eval").arg(&f.segments).args(["--strictness", "max"])).status.code(),
        Some(2)
    );
}

#[test]
fn stage_and_strictness_flags_reach_the_cleaner() {
    // Every stage name and strictness is accepted; the figures are those of
    // the library's cleaner built with the same configuration.
    let f = fixture();
    let out = run(deboil().arg("eval").arg(&f.pairs).args([
        "--stage-off",
        "regions",
        "--stage-off",
        "main-block",
        "--strictness",
        "precision",
        "--json",
        "-",
    ]));
    assert_eq!(out.status.code(), Some(0), "stderr: {}", text(&out.stderr));
    let json: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(json["config"]["stages_off"], serde_json::json!(["regions", "main-block"]));
    assert_eq!(json["config"]["strictness"], "precision");
    let config = Config::builder()
        .stage(deboil::Stage::Regions, deboil::Switch::Off)
        .stage(deboil::Stage::MainBlock, deboil::Switch::Off)
        .strictness(deboil::Strictness::Precision)
        .build();
    let output = text(&Cleaner::new(config).clean(PAGE.as_bytes()).to_vec());
    let c = PairCounts::of_texts(&output, PAGE_GOLD);
    assert_eq!(json["sets"][0]["documents"][2]["n_out"].as_u64(), Some(c.n_out));
}
