//! Integration tests of cross-document templates: `deboil learn`,
//! `deboil clean --templates` and `deboil clean --two-pass` on generated
//! multi-page sites (site menus, cookie and footer lines, an "About us"
//! blurb on every page, and a unique article per page).

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;
use std::process::Command;

use serde_json::{json, Value};
use tempfile::TempDir;

// ---------------------------------------------------------------------------
// Generated sites

const WORDS: &[&str] = &[
    "the",
    "council",
    "said",
    "new",
    "plan",
    "would",
    "change",
    "how",
    "city",
    "residents",
    "travel",
    "to",
    "work",
    "each",
    "day",
    "while",
    "critics",
    "argued",
    "that",
    "costs",
    "were",
    "rising",
    "faster",
    "than",
    "expected",
    "and",
    "officials",
    "had",
    "not",
    "explained",
    "where",
    "money",
    "come",
    "from",
    "next",
    "year",
    "report",
    "found",
    "schools",
    "hospitals",
    "roads",
    "budget",
    "families",
    "local",
    "business",
    "owners",
    "researchers",
    "university",
    "study",
    "data",
    "showed",
    "increase",
    "decline",
    "water",
    "energy",
    "prices",
    "market",
];

/// A small deterministic generator (xorshift64*).
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 33) as usize % n
    }
    fn word(&mut self) -> &'static str {
        WORDS[self.below(WORDS.len())]
    }
}

fn sentence(r: &mut Rng) -> String {
    let n = 9 + r.below(9);
    let mut words: Vec<String> = (0..n).map(|_| r.word().to_owned()).collect();
    words[0] = format!("{}{}", words[0][..1].to_uppercase(), &words[0][1..]);
    format!("{}.", words.join(" "))
}

fn paragraph(r: &mut Rng) -> String {
    (0..2 + r.below(3)).map(|_| sentence(r)).collect::<Vec<_>>().join(" ")
}

fn about(site: usize) -> String {
    format!(
        "About us: The Daily Site{site} is an independent newsroom founded in {} that covers the region, its people and its politics with care.",
        1950 + site
    )
}

/// The template lines of a site, in page order around the article.
fn template(site: usize) -> (Vec<String>, Vec<String>) {
    let head = vec![
        format!("Home | News {site} | Politics | Business | Sport"),
        "Subscribe".to_owned(),
        "We use cookies to improve your experience on our site. Accept all".to_owned(),
    ];
    let tail = vec![
        "Latest news".to_owned(),
        format!("Copyright 20{site:02} Site{site} Media Group. All rights reserved."),
    ];
    (head, tail)
}

/// A page of `site` and its article's lines.
fn page(site: usize, i: usize, quote: Option<&str>) -> (String, Vec<String>) {
    let mut r = Rng::new((site * 100_003 + i) as u64 + 7);
    let mut article = vec![format!("Headline {i} on site {site}: {} {} story", r.word(), r.word())];
    for _ in 0..4 + r.below(3) {
        article.push(paragraph(&mut r));
    }
    if let Some(q) = quote {
        article.insert(2, q.to_owned());
    }
    let (head, tail) = template(site);
    let mut lines = head;
    lines.push(article[0].clone());
    lines.push(about(site));
    lines.extend(article[1..].iter().cloned());
    lines.extend(tail);
    (lines.join("\n") + "\n", article)
}

const QUOTE: &str = "\"We will not accept a budget that closes schools while the city builds new roads for visitors,\" the union leader told reporters on Monday.";

/// 3 sites × 10 pages as JSONL records (sites 0 and 1 share a quote in one
/// article each), plus one page of a fourth site carrying site 0's
/// template lines once.
fn records() -> Vec<Value> {
    let mut out = Vec::new();
    for site in 0..3 {
        for i in 0..10 {
            let quote = (site < 2 && i == 4).then_some(QUOTE);
            let (text, _) = page(site, i, quote);
            out.push(json!({
                "id": format!("s{site}p{i}"),
                "url": format!("https://www.site{site}.example/news/{i}.html"),
                "text": text,
            }));
        }
    }
    let (text, _) = page(0, 99, None);
    out.push(json!({"id": "solo", "url": "https://solo.example/only.html", "text": text}));
    out
}

fn write_jsonl(path: &Path, records: &[Value]) {
    let mut s = String::new();
    for r in records {
        s.push_str(&r.to_string());
        s.push('\n');
    }
    fs::write(path, s).unwrap();
}

// ---------------------------------------------------------------------------
// Running

struct Run {
    code: i32,
    stdout: Vec<u8>,
    stderr: String,
}

fn deboil(args: &[&str]) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_deboil")).args(args).output().expect("run deboil");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: out.stdout,
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

fn ok(args: &[&str]) -> Vec<u8> {
    let r = deboil(args);
    assert_eq!(r.code, 0, "deboil {args:?} failed: {}", r.stderr);
    r.stdout
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// Cleaned texts by record id.
fn texts(jsonl: &[u8]) -> BTreeMap<String, String> {
    String::from_utf8_lossy(jsonl)
        .lines()
        .map(|l| {
            let v: Value = serde_json::from_str(l).unwrap();
            (v["id"].as_str().unwrap().to_owned(), v["text"].as_str().unwrap().to_owned())
        })
        .collect()
}

fn batch() -> (TempDir, std::path::PathBuf) {
    let dir = TempDir::new().unwrap();
    let input = dir.path().join("batch.jsonl");
    write_jsonl(&input, &records());
    (dir, input)
}

// ---------------------------------------------------------------------------
// Tests

#[test]
fn template_lines_are_dropped_and_article_lines_kept() {
    let (_dir, input) = batch();
    let plain = texts(&ok(&["clean", s(&input), "-q"]));
    let cleaned = texts(&ok(&["clean", s(&input), "--two-pass", "-q"]));
    for site in 0..3 {
        let (head, tail) = template(site);
        for i in 0..10 {
            let id = format!("s{site}p{i}");
            let text = &cleaned[&id];
            let kept: Vec<&str> = text.lines().collect();
            for line in head.iter().chain(&tail).chain([&about(site)]) {
                assert!(!kept.contains(&line.as_str()), "{id}: template line {line:?} kept");
            }
            let quote = (site < 2 && i == 4).then_some(QUOTE);
            let (_, article) = page(site, i, quote);
            for line in &article[1..] {
                assert!(kept.contains(&line.as_str()), "{id}: article line {line:?} dropped");
            }
            // Only template lines are dropped beyond what a plain clean drops.
            for line in plain[&id].lines() {
                let template_line =
                    head.iter().chain(&tail).any(|t| t == line) || line == about(site);
                assert!(kept.contains(&line) || template_line, "{id}: {line:?} dropped");
            }
        }
    }
    // The page of a site seen once keeps what a plain clean keeps, although
    // its lines are site 0's template.
    assert_eq!(cleaned["solo"], plain["solo"]);
    assert!(cleaned["solo"].contains(&about(0)));
}

#[test]
fn a_quote_shared_by_two_sites_survives() {
    let (_dir, input) = batch();
    let cleaned = texts(&ok(&["clean", s(&input), "--two-pass", "-q"]));
    for id in ["s0p4", "s1p4"] {
        assert!(cleaned[id].lines().any(|l| l == QUOTE), "{id}: shared quote dropped");
    }
}

#[test]
fn explain_names_the_evidence() {
    let (dir, input) = batch();
    let explain = dir.path().join("explain.jsonl");
    ok(&["clean", s(&input), "--two-pass", "-q", "--explain-file", s(&explain)]);
    let mut templates = 0;
    for l in fs::read_to_string(&explain).unwrap().lines() {
        let v: Value = serde_json::from_str(l).unwrap();
        if v["rule"] == "template" {
            templates += 1;
            let t = &v["template"];
            let site = t["site"].as_str().unwrap();
            assert!(site.starts_with("site") && site.ends_with(".example"), "{v}");
            assert_eq!(t["site_total"], 10, "{v}");
            assert!(t["site_docs"].as_u64().unwrap() >= 3, "{v}");
            assert_eq!(v["keep"], false);
        } else {
            assert!(v.get("template").is_none(), "{v}");
        }
    }
    // The blurb on each of 30 pages: the other template lines (menu,
    // cookie line, "Subscribe", "Latest news", footer) are dropped by the
    // single-page cleaner already, and keep its more specific reasons.
    assert_eq!(templates, 30);
}

#[test]
fn output_is_identical_for_any_thread_count_and_input_order() {
    let (dir, input) = batch();
    let mut shuffled = records();
    let mut r = Rng::new(42);
    for i in (1..shuffled.len()).rev() {
        shuffled.swap(i, r.below(i + 1));
    }
    let input2 = dir.path().join("shuffled.jsonl");
    write_jsonl(&input2, &shuffled);

    let one = ok(&["clean", s(&input), "--two-pass", "-q", "-j1"]);
    let two = ok(&["clean", s(&input), "--two-pass", "-q", "-j2", "--chunk-bytes", "3000"]);
    assert_eq!(one, two, "-j1 and -j2 differ");
    let other = ok(&["clean", s(&input2), "--two-pass", "-q", "-j2"]);
    assert_eq!(texts(&one), texts(&other), "input order changed the output");

    // The statistics files are byte-identical too.
    let mut files = Vec::new();
    for (n, (inp, j)) in [(&input, "1"), (&input2, "2"), (&input, "2")].into_iter().enumerate() {
        let out = dir.path().join(format!("t{n}.bin"));
        ok(&["learn", s(inp), "-o", s(&out), "-q", "-j", j, "--chunk-bytes", "5000"]);
        files.push(fs::read(&out).unwrap());
    }
    assert_eq!(files[0], files[1]);
    assert_eq!(files[0], files[2]);
}

#[test]
fn learn_then_clean_equals_two_pass() {
    let (dir, input) = batch();
    let stats = dir.path().join("templates.bin");
    let r = deboil(&["learn", s(&input), "-o", s(&stats)]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stderr.contains("31 documents of 4 sites"), "{}", r.stderr);
    let with_file = ok(&["clean", s(&input), "--templates", s(&stats), "-q"]);
    let two_pass = ok(&["clean", s(&input), "--two-pass", "-q"]);
    assert_eq!(with_file, two_pass);
    assert_ne!(with_file, ok(&["clean", s(&input), "-q"]));
}

#[test]
fn a_bad_statistics_file_is_an_error_naming_it() {
    let (dir, input) = batch();
    let stats = dir.path().join("templates.bin");
    ok(&["learn", s(&input), "-o", s(&stats), "-q"]);
    let mut bytes = fs::read(&stats).unwrap();
    let mid = bytes.len() / 2;
    bytes[mid] ^= 0x40;
    let corrupt = dir.path().join("corrupt.bin");
    fs::write(&corrupt, &bytes).unwrap();
    let r = deboil(&["clean", s(&input), "--templates", s(&corrupt)]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("corrupt.bin") && r.stderr.contains("checksum"), "{}", r.stderr);
    assert!(r.stdout.is_empty());

    let r = deboil(&["clean", s(&input), "--templates", s(&input)]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("batch.jsonl") && r.stderr.contains("magic"), "{}", r.stderr);

    let missing = dir.path().join("missing.bin");
    let r = deboil(&["clean", s(&input), "--templates", s(&missing)]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("missing.bin"), "{}", r.stderr);
}

#[test]
fn text_files_take_their_directory_as_site() {
    let dir = TempDir::new().unwrap();
    let root = dir.path().join("crawl");
    for site in 0..2 {
        let d = root.join(format!("site{site}"));
        fs::create_dir_all(&d).unwrap();
        for i in 0..10 {
            fs::write(d.join(format!("p{i}.txt")), page(site, i, None).0).unwrap();
        }
    }
    let out = dir.path().join("out");
    ok(&["clean", s(&root), "--two-pass", "-q", "-o", s(&out)]);
    for site in 0..2 {
        for i in 0..10 {
            let text = fs::read_to_string(out.join(format!("site{site}/p{i}.txt"))).unwrap();
            assert!(!text.contains("About us"), "site{site}/p{i}: {text}");
            assert!(!text.contains("All rights reserved"), "site{site}/p{i}");
        }
    }
    // With --site-from url and no URLs, no document has a site: the batch
    // is not taken for one site, so the blurb (prose, on 10 documents) stays
    // as a plain clean leaves it.
    let out2 = dir.path().join("out2");
    ok(&["clean", s(&root), "--two-pass", "-q", "-o", s(&out2), "--site-from", "url"]);
    let text = fs::read_to_string(out2.join("site0/p0.txt")).unwrap();
    let plain = ok(&["clean", s(&root.join("site0/p0.txt")), "-q"]);
    assert_eq!(text.as_bytes(), plain);
    assert!(text.contains("About us"));
}

const TAGLINE: &str = "Independent news from the heart of the valley";

/// A news site of 30 pages whose "Related stories" lists carry the next
/// three pages' headlines, and whose "Most read" box on pages 1 to 12 carries
/// page 0's: every headline is on 4 pages, page 0's on 16. The site's
/// tagline stands above every title.
fn news_site() -> Vec<(Value, String)> {
    const PAGES: usize = 30;
    let headline = |i: usize| {
        let mut r = Rng::new(9_000 + i as u64);
        let w: Vec<&str> = (0..5).map(|_| r.word()).collect();
        let first = format!("{}{}", w[0][..1].to_uppercase(), &w[0][1..]);
        format!("{first} {} the {} of {} {}", w[1], w[2], w[3], w[4])
    };
    (0..PAGES)
        .map(|i| {
            let mut r = Rng::new(500 + i as u64);
            let mut lines = vec![
                "Home | World | Politics | Business | Sport | Weather".to_owned(),
                TAGLINE.to_owned(),
                headline(i),
            ];
            lines.extend((0..4).map(|_| paragraph(&mut r)));
            if (1..=12).contains(&i) {
                lines.push("Most read".to_owned());
                lines.push(headline(0));
            }
            lines.push("Related stories".to_owned());
            lines.extend((1..=3).map(|k| headline((i + k) % PAGES)));
            lines.push("Copyright Site Media Group. All rights reserved.".to_owned());
            let record = json!({
                "id": format!("p{i}"),
                "url": format!("https://news.example/{i}.html"),
                "text": lines.join("\n") + "\n",
            });
            (record, headline(i))
        })
        .collect()
}

#[test]
fn a_title_in_other_pages_lists_survives_on_its_own_page() {
    let dir = TempDir::new().unwrap();
    let input = dir.path().join("news.jsonl");
    let site = news_site();
    write_jsonl(&input, &site.iter().map(|(r, _)| r.clone()).collect::<Vec<_>>());
    let explain = dir.path().join("explain.jsonl");
    let plain = texts(&ok(&["clean", s(&input), "-q"]));
    assert!(plain["p3"].contains(TAGLINE), "the test needs a line only templates drop");
    let cleaned =
        texts(&ok(&["clean", s(&input), "--two-pass", "-q", "--explain-file", s(&explain)]));
    for (i, (_, title)) in site.iter().enumerate() {
        let kept: Vec<&str> = cleaned[&format!("p{i}")].lines().collect();
        assert!(kept.contains(&title.as_str()), "p{i}: its title {title:?} dropped: {kept:?}");
        assert_eq!(kept.iter().filter(|&&l| l == title).count(), 1, "p{i}: {kept:?}");
        let nav = ["Home | World | Politics | Business | Sport | Weather", TAGLINE, "Most read"];
        for line in nav.into_iter().chain(["Related stories"]) {
            assert!(!kept.contains(&line), "p{i}: {line:?} kept");
        }
    }
    // The tagline (on all 30 pages) is dropped as the site's template above
    // every title; page 0's headline, in the lists of 16 pages, is template
    // evidence there but not where it is page 0's own title.
    let mut tagline_template = 0;
    for l in fs::read_to_string(&explain).unwrap().lines() {
        let v: Value = serde_json::from_str(l).unwrap();
        if v["text"] == TAGLINE {
            assert_eq!((&v["keep"], &v["rule"]), (&json!(false), &json!("template")), "{v}");
            tagline_template += 1;
        }
        if v["text"] == site[0].1.as_str() && v["id"] == "p0" {
            assert_eq!((&v["keep"], &v["rule"]), (&json!(true), &json!("title")), "{v}");
        }
    }
    assert_eq!(tagline_template, 30);
}

#[test]
fn eval_two_pass_takes_sites_from_the_manifest_urls() {
    // A segment set of the three 10-page sites: each page must keep a
    // paragraph of its article and lose its site's "About us" blurb.
    let dir = TempDir::new().unwrap();
    let set = dir.path().join("set");
    fs::create_dir_all(&set).unwrap();
    let mut manifest = String::from("id\tlang\turl\n");
    for site in 0..3 {
        for i in 0..10 {
            let id = format!("s{site}p{i}");
            let (text, article) = page(site, i, None);
            fs::write(set.join(format!("{id}.input.txt")), text).unwrap();
            let segments = json!({"with": [article[1]], "without": [about(site)], "lang": "en"});
            fs::write(set.join(format!("{id}.segments.json")), segments.to_string()).unwrap();
            manifest.push_str(&format!("{id}\ten\thttps://www.site{site}.example/news/{i}.html\n"));
        }
    }
    fs::write(set.join("manifest.tsv"), manifest).unwrap();
    let eval = |extra: &[&str]| {
        let mut args = vec!["eval", s(&set), "--json", "-"];
        args.extend_from_slice(extra);
        let json: Value = serde_json::from_slice(&ok(&args)).unwrap();
        let o = &json["sets"][0]["overall"];
        (o["tp"].as_u64().unwrap(), o["fp"].as_u64().unwrap(), json["config"].clone())
    };
    let (tp, fp, config) = eval(&[]);
    assert_eq!((tp, fp), (30, 30), "a plain clean keeps the blurbs");
    assert_eq!(config["templates"], Value::Null);
    let (tp, fp, config) = eval(&["--two-pass"]);
    assert_eq!((tp, fp), (30, 0), "the blurb is each site's template");
    assert_eq!((&config["templates"], &config["site_from"]), (&json!("two-pass"), &json!("auto")));
    // Without sites, only short lines on many documents count: the blurbs stay.
    assert_eq!(eval(&["--two-pass", "--site-from", "none"]).1, 30);
    // Statistics from `deboil learn` on the same pages, as JSONL with URLs.
    let batch = dir.path().join("batch.jsonl");
    write_jsonl(&batch, &records()[..30]);
    let stats = dir.path().join("t.bin");
    ok(&["learn", s(&batch), "-o", s(&stats), "-q"]);
    assert_eq!(eval(&["--templates", s(&stats)]).1, 0);
}

#[test]
fn over_the_memory_ceiling_counts_go_to_a_sketch() {
    let (dir, input) = batch();
    let stats = dir.path().join("small.bin");
    let r = deboil(&["learn", s(&input), "-o", s(&stats), "--template-memory", "4K"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stderr.contains("sketch"), "{}", r.stderr);
    let cleaned = texts(&ok(&["clean", s(&input), "--templates", s(&stats), "-q"]));
    assert!(!cleaned["s2p3"].contains("About us"));
    assert!(cleaned["s2p3"].contains("Headline 3 on site 2"));
}

#[test]
fn two_pass_refuses_standard_input() {
    let r = deboil(&["clean", "--two-pass", "-"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("standard input"), "{}", r.stderr);
}

#[test]
fn learn_counts_a_file_with_bad_records_among_the_failed_inputs() {
    let dir = TempDir::new().unwrap();
    let input = dir.path().join("in");
    fs::create_dir(&input).unwrap();
    fs::write(
        input.join("a.jsonl"),
        "{\"text\":\"One page.\\nShare this\\n\"}\n{bad json\n{\"text\":\"Two.\\nShare this\\n\"}\n",
    )
    .unwrap();
    fs::write(input.join("b.txt"), "A plain page.\nShare this\n").unwrap();
    let stats = dir.path().join("t.bin");
    let r = deboil(&["learn", s(&input), "-o", s(&stats), "-q"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stderr.contains("a.jsonl") && r.stderr.contains("record 2"), "{}", r.stderr);
    assert!(r.stderr.contains("1 error(s) in 1 input(s)"), "{}", r.stderr);
    // The good records were still counted.
    assert!(stats.exists());
}
