//! The batch engine's readers and writers, end to end through `run_batch`:
//!
//! * JSONL written by deboil reads back to the same records: one output
//!   line per input line, the text field the cleaned text, every other
//!   field byte for byte;
//! * WARC/WET written by deboil reads back to the same records: each
//!   conversion block and plain-text HTTP response body the cleaned text,
//!   `Content-Length`s and the SHA-1 digests right, other records
//!   unchanged;
//! * the same document gives the same cleaned text whether it comes as a
//!   text file, a JSONL record or a WET record (and `Cleaner::clean` gives
//!   it too), in the native output shape and with `--format jsonl`;
//! * gzip and zstd outputs decompress to the uncompressed output.

use std::path::{Path, PathBuf};

use deboil::batch::{run_batch, BatchOptions, Output, OutputFormat, Silent};
use deboil::io::jsonl::JsonlRecord;
use deboil::io::warc::{build_record, WarcReader};
use deboil::io::{open, Compression, JsonlReader};
use deboil::{Cleaner, Config};
use proptest::prelude::*;
use proptest::sample::select;

use crate::gen::{cases, doc, Doc};

const REGRESSIONS: &str = "proptest-regressions/props/batch.txt";

/// Run one batch over `inputs` into the file `out`; no record may fail.
fn batch(inputs: &[PathBuf], out: &Path, format: OutputFormat, threads: usize) -> Vec<u8> {
    batch_with_errors(inputs, out, format, threads, 0)
}

/// Run one batch over `inputs` into the file `out`, expecting `errors` bad
/// records.
fn batch_with_errors(
    inputs: &[PathBuf],
    out: &Path,
    format: OutputFormat,
    threads: usize,
    errors: u64,
) -> Vec<u8> {
    let options = BatchOptions {
        inputs: inputs.to_vec(),
        output: Output::File(out.to_path_buf()),
        output_format: format,
        threads: Some(threads),
        // Small chunks, so that records of one file go to several chunks.
        chunk_bytes: 4096,
        ..BatchOptions::default()
    };
    let summary = run_batch(&Cleaner::new(Config::default()), &options, &Silent).expect("batch");
    assert_eq!(summary.stats.errors, errors, "{summary}");
    assert_eq!(summary.stats.files_failed, u64::from(errors > 0), "{summary}");
    std::fs::read(out).expect("read output")
}

fn cleaned(text: &[u8]) -> Vec<u8> {
    Cleaner::new(Config::default()).clean(text).to_vec()
}

/// A document as a JSON string (JSONL carries text, not bytes).
fn as_text(d: &Doc) -> String {
    String::from_utf8_lossy(&d.0).into_owned()
}

/// Naive SHA-1 digest header value, as Common Crawl writes it.
fn sha1_base32(data: &[u8]) -> String {
    let digest = sha1_smol::Sha1::from(data).digest().bytes();
    let mut bits = String::new();
    for b in digest {
        bits.push_str(&format!("{b:08b}"));
    }
    let alphabet = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    let chars: String = bits
        .as_bytes()
        .chunks(5)
        .map(|c| {
            alphabet[usize::from_str_radix(std::str::from_utf8(c).unwrap(), 2).unwrap()] as char
        })
        .collect();
    format!("sha1:{chars}")
}

fn jsonl_lines(out: &[u8]) -> Vec<(Vec<u8>, Vec<u8>)> {
    let mut r = JsonlReader::new(out);
    let mut lines = Vec::new();
    while let Some(l) = r.next_line() {
        let l = l.expect("read");
        lines.push((l.content().to_vec(), l.terminator().to_vec()));
    }
    lines
}

proptest! {
    #![proptest_config(cases(64, REGRESSIONS))]

    /// JSONL in, JSONL out: same lines, cleaned text, other fields intact,
    /// unusable lines copied unchanged; and the same whatever the thread
    /// count.
    #[test]
    fn jsonl_round_trip(
        docs in prop::collection::vec((doc(20), select(&["\n", "\r\n"][..]), 0u8..10), 1..12),
    ) {
        let dir = tempfile::tempdir().expect("tempdir");
        let input = dir.path().join("in.jsonl");
        let mut data = Vec::new();
        let mut expected = Vec::new();
        for (i, (d, term, kind)) in docs.iter().enumerate() {
            let text = as_text(d);
            let line = match kind {
                // A blank line and a line that is not a record: copied through.
                0 => " ".to_string(),
                1 => format!("{{\"id\": {i}, \"body\": 3}}"),
                _ => serde_json::json!({"id": i, "meta": {"k": [1, "x"]}, "text": text, "url": "u"})
                    .to_string(),
            };
            data.extend_from_slice(line.as_bytes());
            data.extend_from_slice(term.as_bytes());
            expected.push((line, text, *kind, *term));
        }
        std::fs::write(&input, &data).expect("write input");
        let bad = expected.iter().filter(|e| e.2 == 1).count() as u64;
        let out = batch_with_errors(std::slice::from_ref(&input), &dir.path().join("out.jsonl"), OutputFormat::Native, 1, bad);
        let again = batch_with_errors(&[input], &dir.path().join("out3.jsonl"), OutputFormat::Native, 3, bad);
        prop_assert!(out == again, "output depends on the thread count");
        let lines = jsonl_lines(&out);
        prop_assert_eq!(lines.len(), expected.len());
        for ((content, term), (line, text, kind, in_term)) in lines.iter().zip(&expected) {
            prop_assert_eq!(term.as_slice(), in_term.as_bytes());
            if *kind < 2 {
                prop_assert_eq!(content.as_slice(), line.as_bytes());
                continue;
            }
            let rec = JsonlRecord::parse(content, "text").expect("output record parses");
            let original = JsonlRecord::parse(line.as_bytes(), "text").expect("input parses");
            let want = String::from_utf8(cleaned(text.as_bytes())).expect("kept lines of UTF-8 are UTF-8");
            prop_assert_eq!(rec.text(), want.as_str());
            for field in ["id", "meta", "url"] {
                prop_assert_eq!(rec.raw_field(field), original.raw_field(field));
            }
        }
    }

    /// WET/WARC in, WARC out: conversion blocks and plain-text HTTP
    /// response bodies cleaned, `Content-Length`s and SHA-1 digests right,
    /// the warcinfo record unchanged; every record reads back.
    #[test]
    fn warc_round_trip(docs in prop::collection::vec((doc(20), any::<bool>()), 1..8)) {
        let dir = tempfile::tempdir().expect("tempdir");
        let input = dir.path().join("in.warc.wet");
        let info = build_record("WARC/1.0", &[("WARC-Type", "warcinfo")], b"software: test\r\n");
        let mut data = info.clone();
        for (i, (d, response)) in docs.iter().enumerate() {
            let id = format!("<urn:uuid:{i}>");
            let (kind, block) = if *response {
                let mut b = format!(
                    "HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: {}\r\n\r\n",
                    d.0.len()
                )
                .into_bytes();
                b.extend_from_slice(&d.0);
                ("response", b)
            } else {
                ("conversion", d.0.clone())
            };
            data.extend(build_record(
                "WARC/1.0",
                &[
                    ("WARC-Type", kind),
                    ("WARC-Target-URI", "http://example.com/"),
                    ("WARC-Record-ID", &id),
                    ("WARC-Block-Digest", &sha1_base32(&block)),
                    ("WARC-Payload-Digest", &sha1_base32(&d.0)),
                ],
                &block,
            ));
        }
        std::fs::write(&input, &data).expect("write input");
        let out = batch(&[input], &dir.path().join("out.warc"), OutputFormat::Native, 2);
        let mut reader = WarcReader::new(&out[..]);
        let first = reader.next_record().expect("warcinfo").expect("valid");
        let mut unchanged = Vec::new();
        first.write_unchanged(&mut unchanged);
        prop_assert_eq!(&unchanged, &info);
        for (d, response) in &docs {
            let rec = reader.next_record().expect("a record per document").expect("valid record");
            let want = cleaned(&d.0);
            let block = &rec.block()[..];
            let text_range = rec.text_range().expect("a text range");
            prop_assert_eq!(&block[text_range.clone()], &want[..], "input {:?}", d);
            prop_assert_eq!(text_range.end, block.len());
            if *response {
                let head = String::from_utf8_lossy(&block[..text_range.start]);
                let expected_len = format!("Content-Length: {}\r\n", want.len());
                prop_assert!(head.contains(&expected_len), "HTTP head {:?}", head);
            } else {
                prop_assert_eq!(text_range.start, 0);
            }
            let (len, digest) = (block.len().to_string(), sha1_base32(block));
            prop_assert_eq!(rec.header("Content-Length"), Some(len.as_str()));
            prop_assert_eq!(rec.header("WARC-Block-Digest"), Some(digest.as_str()));
            let payload = sha1_base32(&want);
            prop_assert_eq!(rec.header("WARC-Payload-Digest"), Some(payload.as_str()));
        }
        prop_assert!(reader.next_record().is_none(), "extra records");
    }

    /// One document, three shapes, one answer — and `Cleaner::clean`'s.
    #[test]
    fn same_text_from_file_jsonl_and_wet(d in doc(30), crlf in any::<bool>()) {
        let dir = tempfile::tempdir().expect("tempdir");
        let text = as_text(&d);
        let want = cleaned(text.as_bytes());
        let txt = dir.path().join("doc.txt");
        std::fs::write(&txt, text.as_bytes()).expect("write");
        let jsonl = dir.path().join("doc.jsonl");
        let mut line = serde_json::json!({"text": text}).to_string();
        line.push_str(if crlf { "\r\n" } else { "\n" });
        std::fs::write(&jsonl, line).expect("write");
        let wet = dir.path().join("doc.wet");
        let rec = build_record("WARC/1.1", &[("WARC-Type", "conversion")], text.as_bytes());
        std::fs::write(&wet, rec).expect("write");

        let from_txt = batch(std::slice::from_ref(&txt), &dir.path().join("o.txt"), OutputFormat::Native, 1);
        prop_assert_eq!(&from_txt, &want);
        let from_jsonl = batch(std::slice::from_ref(&jsonl), &dir.path().join("o.jsonl"), OutputFormat::Native, 1);
        let lines = jsonl_lines(&from_jsonl);
        prop_assert_eq!(lines.len(), 1);
        let rec = JsonlRecord::parse(&lines[0].0, "text").expect("parses");
        prop_assert_eq!(rec.text().as_bytes(), &want[..]);
        let from_wet = batch(std::slice::from_ref(&wet), &dir.path().join("o.warc"), OutputFormat::Native, 1);
        let rec = WarcReader::new(&from_wet[..]).next_record().expect("record").expect("valid");
        prop_assert_eq!(&rec.block()[..], &want[..]);

        // `--format jsonl`: one record per document, the same text each time.
        let all = batch(&[txt, jsonl, wet], &dir.path().join("all.jsonl"), OutputFormat::Jsonl, 2);
        let lines = jsonl_lines(&all);
        prop_assert_eq!(lines.len(), 3);
        for (content, _) in &lines {
            let rec = JsonlRecord::parse(content, "text").expect("parses");
            prop_assert_eq!(rec.text().as_bytes(), &want[..]);
        }
    }

    /// Compressed outputs decompress to the uncompressed output.
    #[test]
    fn compressed_outputs_round_trip(docs in prop::collection::vec(doc(15), 1..6)) {
        let dir = tempfile::tempdir().expect("tempdir");
        let input = dir.path().join("in.jsonl");
        let mut data = Vec::new();
        for d in &docs {
            data.extend(serde_json::json!({"text": as_text(d)}).to_string().into_bytes());
            data.push(b'\n');
        }
        std::fs::write(&input, &data).expect("write");
        let plain = batch(std::slice::from_ref(&input), &dir.path().join("o.jsonl"), OutputFormat::Native, 2);
        for (ext, c) in [("gz", Compression::Gzip), ("zst", Compression::Zstd)] {
            let out = dir.path().join(format!("o.jsonl.{ext}"));
            let raw = batch(std::slice::from_ref(&input), &out, OutputFormat::Native, 2);
            prop_assert_eq!(Compression::from_magic(&raw), Some(c));
            let mut opened = open(std::fs::File::open(&out).expect("open"), Some(&out), None)
                .expect("open");
            let mut back = Vec::new();
            std::io::Read::read_to_end(&mut opened.reader, &mut back).expect("decompress");
            prop_assert_eq!(&back, &plain);
        }
    }
}
