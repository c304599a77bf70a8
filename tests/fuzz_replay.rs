//! Fuzz findings as ordinary tests.
//!
//! Every file under `fuzz/regressions/<target>/` is a minimised input that
//! once broke a fuzz target; it is replayed here through the very same
//! target body (`fuzz/src/targets.rs`, included below), so `cargo test`
//! keeps it fixed without cargo-fuzz or a nightly toolchain. Each file must
//! have an entry in [`REGRESSIONS`] saying what broke; a file without one
//! fails `regressions_are_documented`.
//!
//! The golden corpus documents (`corpus/**/*.input.txt`, the fuzzers' seeds)
//! and the committed seeds (`fuzz/seeds/<target>/`) are replayed through
//! their targets as well, so a target that rejects its own seeds is caught
//! here first.
//!
//! To add a finding: `cargo fuzz tmin -s none <target> <crash file>`, copy
//! the minimised file to `fuzz/regressions/<target>/<short-name>`, add a
//! row to [`REGRESSIONS`], and (once fixed) it runs green here forever.

use std::fs;
use std::path::{Path, PathBuf};

#[path = "props/check.rs"]
mod check;
#[path = "../fuzz/src/targets.rs"]
mod targets;

type Target = fn(&[u8]);

const TARGETS: &[(&str, Target)] = &[
    ("clean", targets::clean),
    ("lines", targets::lines),
    ("normalise", targets::normalise),
    ("eval_tokens", targets::eval_tokens),
    ("jsonl", targets::jsonl),
    ("warc", targets::warc),
    ("decompress", targets::decompress),
    ("templates_file", targets::templates_file),
];

/// `(target, file name, what broke and how it was fixed)`.
const REGRESSIONS: &[(&str, &str, &str)] = &[
    (
        "clean",
        "code-listing-in-region",
        "A code listing (`codeblock.rs`, new on 2026-12-03) inside a headline-list region: its \
         lines were framed (kept) by the main-block pass while the verdicts took the region's \
         branch, so a kept `}` was labelled boilerplate/shape and the target's label invariant \
         failed. Listings whose frame touches a region are now left to the other stages, like \
         those after a terminator. Found by scripts/fuzz-ci.sh in CI at 5bb936c.",
    ),
    (
        "clean",
        "quoted-title-multibyte",
        "`12 comments on «Été indien»` after an article: `quotes_title` (new on 2026-12-03) \
         sliced the quoted title one byte after its opening mark, inside the two-byte `É`, and \
         panicked. It now slices after the whole first character. Found in review of the \
         change, written here as a clean-target input (nine zero config bytes, then the page).",
    ),
    (
        "normalise",
        "nbsp-space-scraper-prefix",
        "`\\u{a0} date 2024-06-14`: main 7ef8880 made `features::trim_bytes` trim all Unicode \
     whitespace, so `repeats::normalise` now strips the NBSP, the space and then the scraper \
     prefix (\"\"), while the reference normaliser in tests/props/check.rs still trimmed ASCII \
     whitespace then NBSPs and kept \"date 20240614\". The code was right (the scraper prefix \
     after an NBSP is still a scraper prefix); the reference now trims `char::is_whitespace` \
     at both ends (`naive_trim`). Found by scripts/fuzz-ci.sh in its first minute.",
    ),
];

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn files(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = fs::read_dir(dir) else { return Vec::new() };
    let mut out: Vec<PathBuf> = entries
        .map(|e| e.expect("dir entry").path())
        .filter(|p| p.is_file() && p.extension().is_none_or(|e| e != "md"))
        .collect();
    out.sort();
    out
}

fn run(target: &str, f: Target, path: &Path, data: &[u8]) {
    let result = std::panic::catch_unwind(|| f(data));
    if result.is_err() {
        panic!("fuzz target `{target}` fails on {}", path.display());
    }
}

#[test]
fn regressions_replay() {
    for &(name, f) in TARGETS {
        for path in files(&root().join("fuzz/regressions").join(name)) {
            let data = fs::read(&path).expect("read regression");
            run(name, f, &path, &data);
        }
    }
}

#[test]
fn regressions_are_documented() {
    let dir = root().join("fuzz/regressions");
    let Ok(entries) = fs::read_dir(&dir) else { return };
    for target in entries {
        let target = target.expect("dir entry").path();
        if !target.is_dir() {
            continue;
        }
        let name = target.file_name().expect("name").to_string_lossy().into_owned();
        assert!(TARGETS.iter().any(|t| t.0 == name), "no target named {name}");
        for path in files(&target) {
            let file = path.file_name().expect("name").to_string_lossy().into_owned();
            assert!(
                REGRESSIONS.iter().any(|r| r.0 == name && r.1 == file),
                "fuzz/regressions/{name}/{file} has no entry in REGRESSIONS saying what broke"
            );
        }
    }
    for (target, file, what) in REGRESSIONS {
        assert!(root().join("fuzz/regressions").join(target).join(file).is_file(), "{file}");
        assert!(what.len() > 20, "say what broke in {file}");
    }
}

/// The seeds: every corpus document through every target, as the fuzz
/// seeding script prepares them (`clean` gets the all-default config bytes
/// in front; `normalise` gets one line at a time).
#[test]
fn corpus_seeds_pass_every_target() {
    let mut docs = Vec::new();
    for set in ["seeds", "cases"] {
        for path in files(&root().join("corpus").join(set)) {
            if path.to_string_lossy().ends_with(".input.txt") {
                docs.push(path);
            }
        }
    }
    assert!(docs.len() >= 50, "corpus has {} inputs", docs.len());
    for path in docs {
        let doc = fs::read(&path).expect("read corpus input");
        let mut with_config = vec![0u8; targets::CONFIG_BYTES];
        with_config.extend_from_slice(&doc);
        run("clean", targets::clean, &path, &with_config);
        run("lines", targets::lines, &path, &doc);
        run("eval_tokens", targets::eval_tokens, &path, &doc);
        for line in doc.split(|&b| b == b'\n') {
            run("normalise", targets::normalise, &path, line);
        }
    }
}

/// The committed seeds (`fuzz/seeds/<target>/`) pass their target.
#[test]
fn committed_seeds_pass_their_target() {
    let mut n = 0;
    for &(name, f) in TARGETS {
        for path in files(&root().join("fuzz/seeds").join(name)) {
            run(name, f, &path, &fs::read(&path).expect("read seed"));
            n += 1;
        }
    }
    assert!(n >= 9, "only {n} committed seeds");
}

/// Regenerate `fuzz/seeds/{jsonl,warc,decompress,templates_file}/` from the
/// golden corpus:
/// `cargo test --test fuzz_replay -- --ignored write_fuzz_seeds`. Each seed
/// starts with the target's selector byte (0: read whole, split at 0).
#[test]
#[ignore = "writes files: run by hand to regenerate the committed seeds"]
fn write_fuzz_seeds() {
    use deboil::io::warc::build_record;
    use deboil::io::Compression;
    let mut docs = Vec::new();
    for set in ["seeds", "cases"] {
        for path in files(&root().join("corpus").join(set)) {
            if path.to_string_lossy().ends_with(".input.txt") {
                docs.push(fs::read(&path).expect("read"));
            }
        }
    }
    let docs: Vec<Vec<u8>> = docs.into_iter().step_by(6).collect();
    let write = |target: &str, name: &str, selector: u8, body: &[u8]| {
        let dir = root().join("fuzz/seeds").join(target);
        fs::create_dir_all(&dir).expect("mkdir");
        let mut data = vec![selector];
        data.extend_from_slice(body);
        fs::write(dir.join(name), data).expect("write seed");
    };
    // JSONL: records with other fields, a blank line, a bad line, CRLF.
    let mut jsonl = Vec::new();
    for (i, d) in docs.iter().enumerate() {
        let text = String::from_utf8_lossy(d);
        let rec = serde_json::json!({"id": i, "url": "http://example.com/", "text": text});
        jsonl.extend(rec.to_string().into_bytes());
        jsonl.extend_from_slice(if i % 2 == 0 { b"\n" } else { b"\r\n" });
    }
    jsonl.extend_from_slice(
        b"\n{\"id\": 1, \"text\": 5}\n{\"text\": \"a\", \"text\": \"b\"}\nnot json",
    );
    write("jsonl", "corpus.jsonl", 0, &jsonl);
    write("jsonl", "small.jsonl", 3, b"{\"text\":\"Share\\nHello world.\\r\\n\",\"x\":[1,{}]}\r\n");
    // WARC: warcinfo, conversion, text/plain response, HTML response, a bad record.
    let mut warc = build_record("WARC/1.0", &[("WARC-Type", "warcinfo")], b"software: seed\r\n");
    for (i, d) in docs.iter().enumerate() {
        let id = format!("<urn:uuid:{i}>");
        if i % 2 == 0 {
            warc.extend(build_record(
                "WARC/1.0",
                &[
                    ("WARC-Type", "conversion"),
                    ("WARC-Record-ID", &id),
                    ("WARC-Block-Digest", "sha1:AAAA"),
                ],
                d,
            ));
        } else {
            let mut block = format!(
                "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: {}\r\n\r\n",
                d.len()
            )
            .into_bytes();
            block.extend_from_slice(d);
            warc.extend(build_record(
                "WARC/1.1",
                &[
                    ("WARC-Type", "response"),
                    ("WARC-Record-ID", &id),
                    ("WARC-Payload-Digest", "sha1:BBBB"),
                ],
                &block,
            ));
        }
    }
    warc.extend(build_record(
        "WARC/1.0",
        &[("WARC-Type", "response")],
        b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<p>x</p>",
    ));
    warc.extend_from_slice(b"WARC/1.0\r\nContent-Length: 99\r\n\r\nshort\r\n\r\nWARC/1.0\r\nWARC-Type: conversion\r\nContent-Length: 5\r\n\r\nHello\r\n\r\n");
    write("warc", "corpus.warc", 0, &warc);
    write(
        "warc",
        "small.warc",
        2,
        &build_record("WARC/1.0", &[("WARC-Type", "conversion")], b"Share\nHello.\n"),
    );
    // Compressed streams of each shape.
    for (c, ext) in [(Compression::Gzip, "gz"), (Compression::Zstd, "zst")] {
        for (name, body) in [("jsonl", &jsonl), ("warc", &warc), ("txt", &docs[0])] {
            let mut packed = Vec::new();
            c.encode_into(body, &mut packed).expect("encode");
            write("decompress", &format!("corpus.{name}.{ext}"), 0, &packed);
        }
    }
    write("decompress", "plain.txt", 0, &docs[1]);
    // Template statistics learned from the corpus, as a whole file (mode 0)
    // and as a payload to wrap in a valid envelope (mode 1).
    let mut counts = deboil::templates::Counts::default();
    let mut scratch = deboil::templates::KeyScratch::default();
    for (i, d) in docs.iter().enumerate() {
        counts.add_document(["a.example", "b.example"][i % 2], d, &mut scratch);
        counts.add_document("a.example", b"Share\nHome | News\n", &mut scratch);
    }
    let mut learner = deboil::templates::Learner::new(64 << 20);
    learner.add(counts);
    let file = learner.finish().to_bytes();
    write("templates_file", "corpus.stats", 0, &file);
    write("templates_file", "corpus.payload", 1, &file[20..file.len() - 8]);
}

/// All-zero config bytes are the default config (what the seeds rely on),
/// and the reproducer printed on failure is Rust that builds the config.
#[test]
fn fuzz_config_encoding() {
    let zeros = [0; targets::CONFIG_BYTES];
    let input = targets::CleanInput::decode(&zeros).expect("config bytes");
    assert_eq!(input.config.build(), deboil::Config::default());
    assert!(input.text.is_empty());
    assert!(format!("{input:?}").contains("Cleaner::new(config).clean(input)"));
    let data = [1, 0b101, 3, 255, 2, 100, 0, 230, 7, b'h', b'i'];
    let input = targets::CleanInput::decode(&data).expect("decode");
    let shown = format!("{input:?}");
    assert!(shown.contains(".strictness(Strictness::Recall)"), "{shown}");
    assert!(shown.contains(".stage(Stage::Markers, Switch::Off)"), "{shown}");
    assert!(shown.contains(".stage(Stage::Script, Switch::Off)"), "{shown}");
    assert!(shown.contains(".over_limit(OverLimit::Truncate)"), "{shown}");
    assert!(shown.contains(".max_document_lines(2)"), "{shown}");
    assert!(shown.contains(".language(LanguageChoice::Fixed(Lang::"), "{shown}");
    assert!(shown.contains("let input: &[u8] = b\"hi\";"), "{shown}");
    assert!(shown.contains("clean_with_evidence(input, &evidence)"), "{shown}");
    assert!(targets::CleanInput::decode(&zeros[1..]).is_none());
}
