//! Integration tests of the `deboil clean` front end (issue 2): stdin and
//! files, `--explain` / `--explain-file`, `--stats`, `--help`, usage errors.
//! Expected outputs come from the library's `Cleaner`.

use std::fs;
use std::io::Write;
use std::process::{Command, Stdio};

use deboil::lines::LineIter;
use deboil::{Cleaner, Config};
use serde_json::Value;
use tempfile::TempDir;

fn deboil(args: &[&str], stdin: &[u8]) -> (i32, Vec<u8>, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_deboil"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    let data = stdin.to_vec();
    let feeder = std::thread::spawn(move || {
        let _ = input.write_all(&data);
    });
    let out = child.wait_with_output().unwrap();
    feeder.join().unwrap();
    (out.status.code().unwrap_or(-1), out.stdout, String::from_utf8_lossy(&out.stderr).into_owned())
}

const PAGE: &str = "Home | World | Sport\n\
    Council approves the budget\n\
    The council approved the new budget on Tuesday after a long debate about school funding.\n\
    \n\
    Officials said the plan would take effect in January.\r\n\
    Share this article\n\
    © 2024 Example News. All rights reserved.";

fn clean(text: &[u8]) -> Vec<u8> {
    Cleaner::new(Config::default()).clean(text).to_vec()
}

#[test]
fn file_and_stdin_give_the_same_output() {
    let t = TempDir::new().unwrap();
    let f = t.path().join("page.txt");
    fs::write(&f, PAGE).unwrap();
    let (code, from_file, err) = deboil(&["clean", f.to_str().unwrap()], b"");
    assert_eq!(code, 0, "{err}");
    let (code, from_stdin, err) = deboil(&["clean", "-"], PAGE.as_bytes());
    assert_eq!(code, 0, "{err}");
    assert_eq!(from_file, clean(PAGE.as_bytes()));
    assert_eq!(from_stdin, from_file);
}

#[test]
fn explain_file_keeps_text_on_stdout() {
    let t = TempDir::new().unwrap();
    let explain = t.path().join("why.jsonl");
    let (code, out, err) =
        deboil(&["clean", "--explain-file", explain.to_str().unwrap()], PAGE.as_bytes());
    assert_eq!(code, 0, "{err}");
    assert_eq!(out, clean(PAGE.as_bytes()));
    let text = fs::read_to_string(&explain).unwrap();
    let records: Vec<Value> = text.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let lines: Vec<_> = LineIter::new(PAGE.as_bytes()).collect();
    assert_eq!(records.len(), lines.len());
    let cleaned = Cleaner::new(Config::default()).clean(PAGE.as_bytes());
    for (i, ((rec, span), v)) in records.iter().zip(&lines).zip(cleaned.verdicts()).enumerate() {
        assert_eq!(rec["line"], i + 1);
        assert_eq!(rec["file"], "<stdin>");
        assert_eq!(rec["keep"], v.keep);
        assert_eq!(rec["label"], v.label.as_str());
        assert_eq!(rec["rule"], v.rule.as_str());
        match v.rule.refers_to() {
            Some(n) => assert_eq!(rec["ref"], n + 1),
            None => assert!(rec["ref"].is_null()),
        }
        assert_eq!(rec["text"].as_str().unwrap().as_bytes(), &PAGE.as_bytes()[span.content()]);
        assert!(rec["features"]["chars"].is_number());
    }
}

#[test]
fn stats_go_to_stderr() {
    let (code, out, err) = deboil(&["clean", "--stats"], PAGE.as_bytes());
    assert_eq!(code, 0, "{err}");
    assert_eq!(out, clean(PAGE.as_bytes()));
    let lines = LineIter::new(PAGE.as_bytes()).count();
    let kept = Cleaner::new(Config::default()).clean(PAGE.as_bytes()).kept_count();
    assert!(err.contains("documents  1 cleaned of 1 records"), "{err}");
    assert!(err.contains(&format!("lines      {lines} in, {kept} out")), "{err}");
    assert!(err.contains(&format!("text       {} B in", PAGE.len())), "{err}");
}

#[test]
fn help_has_examples() {
    let (code, out, _) = deboil(&["clean", "--help"], b"");
    assert_eq!(code, 0);
    let help = String::from_utf8(out).unwrap();
    for needle in ["Examples:", "--glob '*.input.txt' -o cleaned/", "--explain", "--resume", "-j"] {
        assert!(help.contains(needle), "{needle:?} missing from --help");
    }
}

#[test]
fn usage_errors_exit_2() {
    for args in [
        vec!["clean", "--threads", "0"],
        vec!["clean", "--compress", "bz2"],
        vec!["clean", "-", "-"],
        vec!["clean", "--glob", "a[", "."],
        vec!["clean", "-", "-o", "somewhere"],
    ] {
        let (code, _, err) = deboil(&args, b"");
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(!err.is_empty());
    }
}
