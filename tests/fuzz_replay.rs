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
//! are replayed through every target as well, so a target that rejects its
//! own seeds is caught here first.
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
];

/// `(target, file name, what broke and how it was fixed)`.
const REGRESSIONS: &[(&str, &str, &str)] = &[];

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

/// All-zero config bytes are the default config (what the seeds rely on),
/// and the reproducer printed on failure is Rust that builds the config.
#[test]
fn fuzz_config_encoding() {
    let input = targets::CleanInput::decode(&[0; 8]).expect("8 bytes");
    assert_eq!(input.config.build(), deboil::Config::default());
    assert!(input.text.is_empty());
    let data = [1, 0b101, 3, 255, 2, 100, 0, 230, b'h', b'i'];
    let input = targets::CleanInput::decode(&data).expect("decode");
    let shown = format!("{input:?}");
    assert!(shown.contains(".strictness(Strictness::Recall)"), "{shown}");
    assert!(shown.contains(".stage(Stage::Markers, Switch::Off)"), "{shown}");
    assert!(shown.contains(".stage(Stage::Script, Switch::Off)"), "{shown}");
    assert!(shown.contains(".over_limit(OverLimit::Truncate)"), "{shown}");
    assert!(shown.contains(".max_document_lines(2)"), "{shown}");
    assert!(shown.contains(".language(LanguageChoice::Fixed(Lang::"), "{shown}");
    assert!(shown.contains("let input: &[u8] = b\"hi\";"), "{shown}");
    assert!(targets::CleanInput::decode(&[0; 7]).is_none());
}
