//! Integration tests of `deboil clean` as a batch engine: every input kind
//! and compression, mirrored trees, JSONL field preservation, WET round
//! trips, bad inputs, `--resume`, `--explain` accounting, Ctrl-C, and
//! byte-identical output for any thread count.
//!
//! Expected outputs are derived from the library's own `Cleaner`, never
//! hard-coded, so these tests hold whatever the cleaning algorithm keeps.

use std::fs;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use deboil::batch::{run_batch, BatchOptions, Explain, Output, Reporter};
use deboil::io::{warc::build_record, WarcReader};
use deboil::lines::LineIter;
use deboil::{Cleaner, Config};
use serde_json::Value;
use tempfile::TempDir;

// ---------------------------------------------------------------------------
// Helpers

struct Run {
    code: i32,
    stdout: Vec<u8>,
    stderr: String,
}

fn deboil_in(dir: Option<&Path>, args: &[&str], stdin: &[u8]) -> Run {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_deboil"));
    cmd.args(args).stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped());
    if let Some(d) = dir {
        cmd.current_dir(d);
    }
    let mut child = cmd.spawn().expect("run deboil");
    let mut input = child.stdin.take().unwrap();
    let data = stdin.to_vec();
    let feeder = std::thread::spawn(move || {
        let _ = input.write_all(&data);
    });
    let out = child.wait_with_output().unwrap();
    feeder.join().unwrap();
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: out.stdout,
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

fn deboil(args: &[&str]) -> Run {
    deboil_in(None, args, b"")
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

fn clean(text: &[u8]) -> Vec<u8> {
    Cleaner::new(Config::default()).clean(text).to_vec()
}

/// Compare bytes, showing a line diff on failure.
#[track_caller]
fn assert_bytes(got: &[u8], want: &[u8], what: &str) {
    if got != want {
        let (g, w) = (String::from_utf8_lossy(got), String::from_utf8_lossy(want));
        let diff = similar::TextDiff::from_lines(&*w, &*g);
        panic!(
            "{what} differs (- expected, + got):\n{}",
            diff.unified_diff().context_radius(2).header("expected", "got")
        );
    }
}

fn gz(data: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    e.write_all(data).unwrap();
    e.finish().unwrap()
}

fn zst(data: &[u8]) -> Vec<u8> {
    zstd::encode_all(data, 3).unwrap()
}

fn gunzip(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    flate2::read::MultiGzDecoder::new(data).read_to_end(&mut out).unwrap();
    out
}

fn unzstd(data: &[u8]) -> Vec<u8> {
    zstd::decode_all(data).unwrap()
}

fn write(path: &Path, data: &[u8]) {
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, data).unwrap();
}

/// A page of prose and boilerplate, different for each `i`.
fn page(i: usize) -> String {
    let mut p = String::new();
    p.push_str("Home | News | Sport | Contact\n");
    p.push_str(&format!("Story number {i} of the day\n"));
    for k in 0..(3 + i % 4) {
        p.push_str(&format!(
            "The council met on day {i} and discussed item {k}, which had divided the members \
             for months; officials said the plan would take effect in January.\n"
        ));
        if k % 2 == 1 {
            p.push('\n');
        }
    }
    p.push_str("Share this article\n© 2024 Example News. All rights reserved.\n");
    if i.is_multiple_of(3) {
        p.push_str("No final newline here");
    }
    p
}

fn jsonl_record(i: usize) -> String {
    format!(
        "{{\"id\":\"doc-{i}\",\"url\":\"https://example.com/{i}\",\"text\":{},\"meta\":{{\"n\":{i},\"tags\":[\"a\",\"b\"]}}}}\n",
        serde_json::to_string(&page(i)).unwrap()
    )
}

fn conversion(i: usize) -> Vec<u8> {
    build_record(
        "WARC/1.0",
        &[
            ("WARC-Type", "conversion"),
            ("WARC-Target-URI", &format!("https://example.com/{i}")),
            ("WARC-Date", "2024-01-01T00:00:00Z"),
            ("WARC-Record-ID", &format!("<urn:uuid:{i:08}>")),
            ("WARC-Refers-To", "<urn:uuid:ffff>"),
            ("WARC-Block-Digest", "sha1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"),
            ("Content-Type", "text/plain"),
        ],
        page(i).as_bytes(),
    )
}

fn warcinfo() -> Vec<u8> {
    build_record(
        "WARC/1.0",
        &[("WARC-Type", "warcinfo"), ("Content-Type", "application/warc-fields")],
        b"software: test\r\nformat: WARC File Format 1.0\r\n",
    )
}

/// A WET file: warcinfo, then conversion records, one gzip member each.
fn wet_gz(range: std::ops::Range<usize>) -> Vec<u8> {
    let mut out = gz(&warcinfo());
    for i in range {
        out.extend(gz(&conversion(i)));
    }
    out
}

fn read_warc(data: &[u8]) -> Vec<deboil::io::WarcRecord> {
    let mut r = WarcReader::new(data);
    let mut out = Vec::new();
    while let Some(rec) = r.next_record() {
        out.push(rec.expect("output must be valid WARC"));
    }
    out
}

/// The expected JSONL output line for `line` (with terminator).
fn expected_jsonl_line(line: &str) -> String {
    let v: Value = serde_json::from_str(line).unwrap();
    let text = v["text"].as_str().unwrap();
    let cleaned = String::from_utf8(clean(text.as_bytes())).unwrap();
    let raw_text = serde_json::to_string(text).unwrap();
    // The input lines are written with serde_json's escaping, so the text
    // value appears verbatim and can be spliced.
    line.replacen(&raw_text, &serde_json::to_string(&cleaned).unwrap(), 1)
}

fn files_under(dir: &Path) -> Vec<String> {
    let mut out: Vec<String> = walk(dir)
        .into_iter()
        .map(|p| p.strip_prefix(dir).unwrap().to_string_lossy().into_owned())
        .collect();
    out.sort();
    out
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    if let Ok(rd) = fs::read_dir(dir) {
        for e in rd.flatten() {
            let p = e.path();
            if p.is_dir() {
                out.extend(walk(&p));
            } else {
                out.push(p);
            }
        }
    }
    out
}

// ---------------------------------------------------------------------------
// Input kinds, compression, mirrored output

#[test]
fn text_tree_is_mirrored_with_compression_kept() {
    let t = TempDir::new().unwrap();
    let input = t.path().join("in");
    write(&input.join("a.txt"), page(1).as_bytes());
    write(&input.join("deep/er/b.txt"), page(2).as_bytes());
    write(&input.join("c.txt.gz"), &gz(page(3).as_bytes()));
    write(&input.join("d.txt.zst"), &zst(page(4).as_bytes()));
    write(&input.join("noext"), page(5).as_bytes());
    let out = t.path().join("out");
    let r = deboil(&["clean", s(&input), "-o", s(&out), "-q"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(files_under(&out), ["a.txt", "c.txt.gz", "d.txt.zst", "deep/er/b.txt", "noext"]);
    assert_bytes(&fs::read(out.join("a.txt")).unwrap(), &clean(page(1).as_bytes()), "a.txt");
    assert_bytes(&fs::read(out.join("deep/er/b.txt")).unwrap(), &clean(page(2).as_bytes()), "b");
    assert_bytes(
        &gunzip(&fs::read(out.join("c.txt.gz")).unwrap()),
        &clean(page(3).as_bytes()),
        "c",
    );
    assert_bytes(
        &unzstd(&fs::read(out.join("d.txt.zst")).unwrap()),
        &clean(page(4).as_bytes()),
        "d",
    );
    assert_bytes(&fs::read(out.join("noext")).unwrap(), &clean(page(5).as_bytes()), "noext");
    // Inputs untouched.
    assert_eq!(fs::read(input.join("a.txt")).unwrap(), page(1).as_bytes());
}

#[test]
fn compress_option_renames_outputs() {
    let t = TempDir::new().unwrap();
    let input = t.path().join("in");
    write(&input.join("a.jsonl.gz"), &gz(jsonl_record(1).as_bytes()));
    write(&input.join("b.txt"), page(2).as_bytes());
    let out = t.path().join("out");
    let r = deboil(&["clean", s(&input), "-o", s(&out), "--compress", "zst", "-q"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(files_under(&out), ["a.jsonl.zst", "b.txt.zst"]);
    let got = unzstd(&fs::read(out.join("a.jsonl.zst")).unwrap());
    assert_bytes(&got, expected_jsonl_line(&jsonl_record(1)).as_bytes(), "a.jsonl");
    let out2 = t.path().join("out2");
    let r = deboil(&["clean", s(&input), "-o", s(&out2), "--compress", "none", "-q"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(files_under(&out2), ["a.jsonl", "b.txt"]);
}

#[test]
fn stdin_to_stdout() {
    let r = deboil_in(None, &["clean"], page(7).as_bytes());
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_bytes(&r.stdout, &clean(page(7).as_bytes()), "stdin");
    assert!(r.stderr.is_empty(), "{}", r.stderr);
    let r = deboil_in(None, &["clean", "-"], b"");
    assert_eq!((r.code, r.stdout.len()), (0, 0), "an empty document gives an empty output");
    // Compressed JSONL on stdin is detected by content.
    let shard: String = (0..5).map(jsonl_record).collect();
    let r = deboil_in(None, &["clean"], &gz(shard.as_bytes()));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let want: String = (0..5).map(|i| expected_jsonl_line(&jsonl_record(i))).collect();
    assert_bytes(&r.stdout, want.as_bytes(), "stdin jsonl.gz");
}

#[test]
fn plain_text_oddities_are_not_errors() {
    let t = TempDir::new().unwrap();
    let odd: &[u8] = b"caf\xe9 latin-1\r\nNUL\0inside\rlone CR\n\xff\xfe\n\nend";
    let f = t.path().join("odd.txt");
    write(&f, odd);
    let r = deboil(&["clean", s(&f)]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_bytes(&r.stdout, &clean(odd), "odd bytes");
}

// ---------------------------------------------------------------------------
// JSONL

#[test]
fn jsonl_fields_are_preserved_byte_for_byte() {
    let t = TempDir::new().unwrap();
    let text = page(11);
    let lines = [
        // Odd spacing, escapes, nested values, numbers with odd formats, the
        // text field in the middle: all must survive unchanged.
        format!(
            "{{ \"id\" : 17, \"title\":\"caf\\u00e9 \\/ x\",\"text\" : {} , \"score\": 1.50e3, \"n\":null, \"arr\":[{{}},[]] }}\n",
            serde_json::to_string(&text).unwrap()
        ),
        format!("{{\"text\":{}}}\r\n", serde_json::to_string(&page(12)).unwrap()),
        "\n".to_string(),
        format!("{{\"url\":\"u\",\"text\":{}}}", serde_json::to_string(&page(13)).unwrap()),
    ];
    let input = t.path().join("shard.jsonl");
    write(&input, lines.concat().as_bytes());
    let r = deboil(&["clean", s(&input)]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let c = |p: &str| {
        serde_json::to_string(std::str::from_utf8(&clean(p.as_bytes())).unwrap()).unwrap()
    };
    let want = [
        format!(
            "{{ \"id\" : 17, \"title\":\"caf\\u00e9 \\/ x\",\"text\" : {} , \"score\": 1.50e3, \"n\":null, \"arr\":[{{}},[]] }}\n",
            c(&text)
        ),
        format!("{{\"text\":{}}}\r\n", c(&page(12))),
        "\n".to_string(),
        format!("{{\"url\":\"u\",\"text\":{}}}", c(&page(13))),
    ];
    assert_bytes(&r.stdout, want.concat().as_bytes(), "jsonl");
}

#[test]
fn jsonl_output_field_and_text_field() {
    let line = format!(
        "{{\"id\":1,\"body\":{},\"lang\":\"en\"}}\n",
        serde_json::to_string(&page(3)).unwrap()
    );
    let r = deboil_in(
        None,
        &["clean", "--text-field", "body", "--output-field", "clean"],
        line.as_bytes(),
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v: Value = serde_json::from_slice(&r.stdout).unwrap();
    let keys: Vec<&str> = v.as_object().unwrap().keys().map(|k| k.as_str()).collect();
    assert_eq!(keys, ["id", "body", "clean", "lang"]);
    assert_eq!(v["body"], page(3));
    assert_eq!(v["clean"].as_str().unwrap().as_bytes(), clean(page(3).as_bytes()));
}

#[test]
fn jsonl_shards_gz_multimember_and_zst() {
    let t = TempDir::new().unwrap();
    let input = t.path().join("in");
    let part1: String = (0..20).map(jsonl_record).collect();
    let part2: String = (20..40).map(jsonl_record).collect();
    let mut multi = gz(part1.as_bytes());
    multi.extend(gz(part2.as_bytes()));
    write(&input.join("s1.jsonl.gz"), &multi);
    write(&input.join("s2.jsonl.zst"), &zst(part2.as_bytes()));
    let out = t.path().join("out");
    let r = deboil(&["clean", s(&input), "-o", s(&out), "--chunk-bytes", "3000", "-q"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let want1: String = (0..40).map(|i| expected_jsonl_line(&jsonl_record(i))).collect();
    let want2: String = (20..40).map(|i| expected_jsonl_line(&jsonl_record(i))).collect();
    assert_bytes(&gunzip(&fs::read(out.join("s1.jsonl.gz")).unwrap()), want1.as_bytes(), "s1");
    assert_bytes(&unzstd(&fs::read(out.join("s2.jsonl.zst")).unwrap()), want2.as_bytes(), "s2");
}

#[test]
fn drop_empty_leaves_out_empty_documents() {
    let t = TempDir::new().unwrap();
    let input = t.path().join("in");
    let lines = format!("{}{{\"id\":\"e\",\"text\":\"\"}}\n{}", jsonl_record(1), jsonl_record(2));
    write(&input.join("a.jsonl"), lines.as_bytes());
    write(&input.join("empty.txt"), b"");
    write(&input.join("full.txt"), page(4).as_bytes());
    let out = t.path().join("out");
    let r = deboil(&[
        "clean",
        s(&input),
        "-o",
        s(&out),
        "--drop-empty",
        "--report",
        s(&t.path().join("r.json")),
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(files_under(&out), ["a.jsonl", "full.txt"]);
    let want = expected_jsonl_line(&jsonl_record(1)) + &expected_jsonl_line(&jsonl_record(2));
    assert_bytes(&fs::read(out.join("a.jsonl")).unwrap(), want.as_bytes(), "a.jsonl");
    let report: Value =
        serde_json::from_slice(&fs::read(t.path().join("r.json")).unwrap()).unwrap();
    assert_eq!(report["documents_dropped"], 2);
    assert_eq!(report["documents"], 5);
    assert!(r.stderr.contains("2 dropped"), "{}", r.stderr);
}

// ---------------------------------------------------------------------------
// WARC / WET

#[test]
fn wet_round_trip_is_valid_wet() {
    let t = TempDir::new().unwrap();
    let input = t.path().join("in/CC-MAIN-x.warc.wet.gz");
    let html = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<p>hi</p>\n".to_vec();
    let plain = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: {}\r\n\r\n{}",
        page(9).len(),
        page(9)
    );
    let mut data = wet_gz(0..6);
    let resp = |block: &[u8], id: &str| {
        build_record(
            "WARC/1.1",
            &[
                ("WARC-Type", "response"),
                ("WARC-Target-URI", "https://r.example/"),
                ("WARC-Record-ID", id),
            ],
            block,
        )
    };
    data.extend(gz(&resp(&html, "<urn:uuid:html>")));
    data.extend(gz(&resp(plain.as_bytes(), "<urn:uuid:plain>")));
    write(&input, &data);
    let out = t.path().join("out");
    let r = deboil(&["clean", s(&t.path().join("in")), "-o", s(&out), "-q"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let cleaned = fs::read(out.join("CC-MAIN-x.warc.wet.gz")).unwrap();
    // One gzip member per record, as Common Crawl writes them.
    let mut members = 0;
    let mut rest = &cleaned[..];
    while !rest.is_empty() {
        let mut d = flate2::bufread::GzDecoder::new(rest);
        std::io::copy(&mut d, &mut std::io::sink()).unwrap();
        rest = d.into_inner();
        members += 1;
    }
    assert_eq!(members, 9);
    let recs = read_warc(&gunzip(&cleaned));
    let orig = read_warc(&gunzip(&data));
    assert_eq!(recs.len(), orig.len());
    let mut want_warcinfo = Vec::new();
    orig[0].write_unchanged(&mut want_warcinfo);
    let mut got_warcinfo = Vec::new();
    recs[0].write_unchanged(&mut got_warcinfo);
    assert_bytes(&got_warcinfo, &want_warcinfo, "warcinfo record");
    for i in 0..6 {
        let rec = &recs[i + 1];
        assert_eq!(rec.warc_type(), Some("conversion"));
        assert_eq!(rec.target_uri(), Some(format!("https://example.com/{i}").as_str()));
        assert_bytes(rec.block(), &clean(page(i).as_bytes()), "conversion block");
        assert_eq!(rec.header("Content-Length").unwrap(), rec.block().len().to_string());
        let digest = rec.header("WARC-Block-Digest").unwrap();
        if rec.block() != orig[i + 1].block() {
            let sha = sha1_smol::Sha1::from(&rec.block()[..]).digest().bytes();
            assert_eq!(digest, format!("sha1:{}", base32(&sha)));
        } else {
            assert_eq!(digest, "sha1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
        }
        assert_eq!(rec.header("WARC-Refers-To"), Some("<urn:uuid:ffff>"));
    }
    assert_eq!(recs[7].block(), orig[7].block(), "HTML response copied unchanged");
    let body = recs[8].text_range().unwrap();
    assert_bytes(&recs[8].block()[body], &clean(page(9).as_bytes()), "text/plain response body");
}

fn base32(data: &[u8]) -> String {
    const A: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    let (mut acc, mut bits, mut out) = (0u64, 0, String::new());
    for &b in data {
        acc = (acc << 8) | u64::from(b);
        bits += 8;
        while bits >= 5 {
            bits -= 5;
            out.push(A[((acc >> bits) & 31) as usize] as char);
        }
    }
    out
}

#[test]
fn mixed_inputs_to_one_jsonl_stream() {
    let t = TempDir::new().unwrap();
    let dir = t.path().join("in");
    write(&dir.join("a.txt"), page(1).as_bytes());
    write(&dir.join("b.jsonl"), (jsonl_record(2) + &jsonl_record(3)).as_bytes());
    write(&dir.join("c.warc.wet.gz"), &wet_gz(4..6));
    let extra = t.path().join("z.txt.zst");
    write(&extra, &zst(page(6).as_bytes()));
    let r = deboil_in(
        Some(t.path()),
        &["clean", "in", "z.txt.zst", "-", "--format", "jsonl"],
        page(7).as_bytes(),
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let recs: Vec<Value> = r
        .stdout
        .split(|&b| b == b'\n')
        .filter(|l| !l.is_empty())
        .map(|l| serde_json::from_slice(l).unwrap())
        .collect();
    let ids: Vec<&str> = recs.iter().map(|v| v["id"].as_str().unwrap()).collect();
    assert_eq!(
        ids,
        [
            "in/a.txt",
            "doc-2",
            "doc-3",
            "<urn:uuid:00000004>",
            "<urn:uuid:00000005>",
            "z.txt.zst",
            "<stdin>"
        ]
    );
    let texts = [1, 2, 3, 4, 5, 6, 7];
    for (v, i) in recs.iter().zip(texts) {
        assert_bytes(v["text"].as_str().unwrap().as_bytes(), &clean(page(i).as_bytes()), "text");
    }
    assert_eq!(recs[1]["url"], "https://example.com/2");
    assert_eq!(recs[3]["url"], "https://example.com/4");
    assert!(recs[0].get("url").is_none());
}

// ---------------------------------------------------------------------------
// Bad input

/// A batch with one bad file among good ones: the bad one is reported with
/// `needle`, the exit code is 1, and the good ones are cleaned.
#[track_caller]
fn bad_input_case(name: &str, data: &[u8], needle: &str) -> (TempDir, Run) {
    let t = TempDir::new().unwrap();
    let input = t.path().join("in");
    write(&input.join("a-good.txt"), page(1).as_bytes());
    write(&input.join(name), data);
    write(&input.join("z-good.jsonl"), jsonl_record(2).as_bytes());
    let out = t.path().join("out");
    let r = deboil(&["clean", s(&input), "-o", s(&out), "-q"]);
    assert_eq!(r.code, 1, "{name}: {}", r.stderr);
    assert!(r.stderr.contains(needle), "{name}: expected {needle:?} in:\n{}", r.stderr);
    assert_bytes(&fs::read(out.join("a-good.txt")).unwrap(), &clean(page(1).as_bytes()), "a-good");
    assert_bytes(
        &fs::read(out.join("z-good.jsonl")).unwrap(),
        expected_jsonl_line(&jsonl_record(2)).as_bytes(),
        "z-good",
    );
    assert!(!walk(&out).iter().any(|p| p.to_string_lossy().ends_with(".deboil-tmp")));
    (t, r)
}

#[test]
fn truncated_gzip() {
    let shard: String = (0..200).map(jsonl_record).collect();
    let full = gz(shard.as_bytes());
    let (t, r) = bad_input_case("m.jsonl.gz", &full[..full.len() * 2 / 3], "truncated gzip stream");
    assert!(r.stderr.contains("in/m.jsonl.gz: record "), "{}", r.stderr);
    // The records before the break are kept.
    let got = gunzip(&fs::read(t.path().join("out/m.jsonl.gz")).unwrap());
    let n = got.iter().filter(|&&b| b == b'\n').count();
    assert!(n > 10 && n < 200, "{n} records kept");
    let want: String = (0..n).map(|i| expected_jsonl_line(&jsonl_record(i))).collect();
    assert_bytes(&got, want.as_bytes(), "records before the break");
}

#[test]
fn corrupt_zstd_frame() {
    let shard: String = (0..50).map(jsonl_record).collect();
    let mut data = zst(shard.as_bytes());
    let n = data.len();
    for b in &mut data[n / 2..n / 2 + 16] {
        *b ^= 0x5a;
    }
    bad_input_case("m.jsonl.zst", &data, "m.jsonl.zst: record ");
}

#[test]
fn bad_jsonl_records_pass_through_unchanged() {
    let bad_lines = [
        jsonl_record(1),
        "{\"id\":2,\"text\":\"ok\"\n".to_string(),
        "{\"id\":3}\n".to_string(),
        "{\"id\":4,\"text\":42}\n".to_string(),
        jsonl_record(5),
    ];
    let mut data = bad_lines.concat().into_bytes();
    // Invalid UTF-8 inside a JSON string, as record 6.
    data.extend_from_slice(b"{\"id\":6,\"text\":\"caf\xe9\"}\n");
    data.extend_from_slice(jsonl_record(7).as_bytes());
    let (t, r) = bad_input_case("m.jsonl", &data, "m.jsonl: record 3: missing field \"text\"");
    for needle in [
        "m.jsonl: record 2: invalid JSON",
        "m.jsonl: record 4: field \"text\" is not a string (found a number)",
        "m.jsonl: record 6: invalid UTF-8 at byte 20",
    ] {
        assert!(r.stderr.contains(needle), "{needle:?} not in {}", r.stderr);
    }
    assert_eq!(r.stderr.matches("error: /").count(), 4, "{}", r.stderr);
    assert!(r.stderr.contains("error: 4 error(s) in 1 input(s)"), "{}", r.stderr);
    let got = fs::read(t.path().join("out/m.jsonl")).unwrap();
    let mut want = expected_jsonl_line(&jsonl_record(1)).into_bytes();
    want.extend_from_slice(bad_lines[1..4].concat().as_bytes());
    want.extend_from_slice(expected_jsonl_line(&jsonl_record(5)).as_bytes());
    want.extend_from_slice(b"{\"id\":6,\"text\":\"caf\xe9\"}\n");
    want.extend_from_slice(expected_jsonl_line(&jsonl_record(7)).as_bytes());
    assert_bytes(&got, &want, "bad records copied, good ones cleaned");
}

#[test]
fn malformed_warc_records_are_left_out() {
    let mut data = conversion(1);
    data.extend_from_slice(
        b"WARC/1.0\r\nWARC-Type: conversion\r\nContent-Length: 12x\r\n\r\nhello\r\n\r\n",
    );
    data.extend(conversion(3));
    data.extend_from_slice(
        b"WARC/1.0\r\nWARC-Type conversion\r\nContent-Length: 2\r\n\r\nhi\r\n\r\n",
    );
    data.extend(conversion(5));
    let (t, r) =
        bad_input_case("m.warc", &data, "m.warc: record 2: invalid Content-Length \"12x\"");
    assert!(r.stderr.contains("m.warc: record 4: malformed WARC header line"), "{}", r.stderr);
    let recs = read_warc(&fs::read(t.path().join("out/m.warc")).unwrap());
    let uris: Vec<_> = recs.iter().map(|r| r.target_uri().unwrap().to_string()).collect();
    assert_eq!(uris, ["https://example.com/1", "https://example.com/3", "https://example.com/5"]);
}

#[test]
fn truncated_warc_keeps_earlier_records() {
    let mut data = conversion(1);
    let second = conversion(2);
    data.extend_from_slice(&second[..second.len() - 40]);
    let (t, _) = bad_input_case("m.warc", &data, "m.warc: record 2: truncated");
    let recs = read_warc(&fs::read(t.path().join("out/m.warc")).unwrap());
    assert_eq!(recs.len(), 1);
}

#[test]
fn unreadable_inputs_are_reported() {
    let t = TempDir::new().unwrap();
    let input = t.path().join("in");
    write(&input.join("a.txt"), page(1).as_bytes());
    std::os::unix::fs::symlink(t.path().join("nowhere"), input.join("broken-link")).unwrap();
    std::os::unix::fs::symlink(t.path().join("nodir"), input.join("broken-dir")).unwrap();
    let out = t.path().join("out");
    let missing = t.path().join("missing.txt");
    let r = deboil(&["clean", s(&input), s(&missing), "-o", s(&out)]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stderr.contains("broken-link"), "{}", r.stderr);
    assert!(r.stderr.contains("missing.txt: No such file"), "{}", r.stderr);
    assert!(r.stderr.contains("errors     3 in 3 files"), "{}", r.stderr);
    assert_bytes(&fs::read(out.join("a.txt")).unwrap(), &clean(page(1).as_bytes()), "a.txt");
}

#[test]
fn strict_stops_at_the_first_error() {
    let t = TempDir::new().unwrap();
    let input = t.path().join("in");
    write(&input.join("a.txt"), page(1).as_bytes());
    write(&input.join("b.jsonl"), b"{\"id\":1}\n");
    write(&input.join("c.txt"), page(3).as_bytes());
    for d in ["d", "e/f", "g"] {
        write(&input.join(d).join("h.txt"), page(4).as_bytes());
    }
    let out = t.path().join("out");
    for threads in ["1", "3"] {
        let _ = fs::remove_dir_all(&out);
        let r = deboil(&[
            "clean",
            s(&input),
            "-o",
            s(&out),
            "--strict",
            "--chunk-bytes",
            "1",
            "-j",
            threads,
            "-q",
        ]);
        assert_eq!(r.code, 1, "{}", r.stderr);
        assert!(r.stderr.contains("b.jsonl: record 1: missing field \"text\""), "{}", r.stderr);
        // The failed file counts, although the run stopped inside it.
        assert!(r.stderr.contains("1 error(s) in 1 input(s)"), "{}", r.stderr);
        assert_eq!(files_under(&out), ["a.txt"]);
        // Nothing else: no directories made for files in flight.
        let entries: Vec<_> = fs::read_dir(&out).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(entries, ["a.txt"], "-j {threads}");
    }
}

/// Outputs one input's output cannot be written to: `x/` is a file where
/// the outputs of `x/*` need a directory (the temporary file cannot be
/// created), and `c.txt` a directory (the rename fails).
fn blocked_output(out: &Path) {
    write(&out.join("x"), b"not a directory\n");
    write(&out.join("c.txt/keep"), b"a directory where c.txt's output goes\n");
}

#[test]
fn unwritable_outputs_are_reported_in_order_and_the_rest_written() {
    let t = TempDir::new().unwrap();
    let input = t.path().join("in");
    let names = ["a.txt", "b.txt", "c.txt", "d.txt", "x/e.txt", "x/f.txt", "y/g.txt", "z.txt"];
    for (i, name) in names.iter().enumerate() {
        write(&input.join(name), page(i).as_bytes());
    }
    let mut stderrs = Vec::new();
    for j in ["1", "2", "3"] {
        let out = t.path().join(format!("out{j}"));
        blocked_output(&out);
        let r = deboil(&["clean", s(&input), "-o", s(&out), "-j", j, "--chunk-bytes", "3000"]);
        assert_eq!(r.code, 1, "{}", r.stderr);
        assert!(r.stderr.contains("errors     3 in 3 files"), "{}", r.stderr);
        for bad in ["c.txt", "x/e.txt", "x/f.txt"] {
            let named = format!("{}: ", s(&out.join(bad)));
            assert!(r.stderr.contains(&named), "{bad} not reported: {}", r.stderr);
        }
        for (i, name) in names.iter().enumerate() {
            if !["c.txt", "x/e.txt", "x/f.txt"].contains(name) {
                let got = fs::read(out.join(name)).unwrap();
                assert_bytes(&got, &clean(page(i).as_bytes()), name);
            }
        }
        let mut want = vec!["a.txt", "b.txt", "c.txt/keep", "d.txt", "x", "y/g.txt", "z.txt"];
        want.sort();
        assert_eq!(files_under(&out), want, "temporary files left behind?");
        // The error lines, in input order, whatever the thread count.
        let errors: Vec<String> = r
            .stderr
            .lines()
            .filter(|l| l.starts_with("error: "))
            .map(|l| l.replace(s(&out), "OUT"))
            .collect();
        assert_eq!(errors.len(), 3, "{}", r.stderr);
        assert!(errors[0].contains("OUT/c.txt"), "{errors:?}");
        assert!(errors[1].contains("OUT/x/e.txt") && errors[2].contains("OUT/x/f.txt"));
        stderrs.push(errors);
    }
    assert_eq!(stderrs[0], stderrs[1]);
    assert_eq!(stderrs[0], stderrs[2]);
}

#[test]
fn strict_stops_at_an_unwritable_output_with_later_files_in_flight() {
    let t = TempDir::new().unwrap();
    let input = t.path().join("in");
    for i in 0..12 {
        write(&input.join(format!("{i:02}.txt")), page(i).as_bytes());
    }
    for j in ["1", "2"] {
        let out = t.path().join(format!("out{j}"));
        write(&out.join("05.txt/keep"), b"blocks 05.txt\n");
        // One chunk holds every file: later files are cleaned (and, with
        // threads, written to temporary files) before 05.txt fails.
        let r = deboil(&["clean", s(&input), "-o", s(&out), "-j", j, "--strict", "-q"]);
        assert_eq!(r.code, 1, "{}", r.stderr);
        assert!(r.stderr.contains("05.txt: "), "{}", r.stderr);
        let want = ["00.txt", "01.txt", "02.txt", "03.txt", "04.txt", "05.txt/keep"];
        assert_eq!(files_under(&out), want, "-j {j}");
        for i in 0..5 {
            let got = fs::read(out.join(format!("{i:02}.txt"))).unwrap();
            assert_bytes(&got, &clean(page(i).as_bytes()), "before the error");
        }
    }
}

#[test]
fn tree_outputs_are_identical_for_any_thread_count() {
    // Text files only (their outputs are written by the workers): plain,
    // compressed, empty, with explanations beside, with and without
    // --drop-empty.
    let t = TempDir::new().unwrap();
    let input = t.path().join("in");
    for i in 0..30 {
        write(&input.join(format!("d{}/{i:02}.txt", i % 4)), page(i).as_bytes());
    }
    write(&input.join("g.txt.gz"), &gz(page(40).as_bytes()));
    write(&input.join("z.txt.zst"), &zst(page(41).as_bytes()));
    write(&input.join("empty.txt"), b"");
    write(&input.join("blank.txt"), b"  \n\n");
    for extra in
        [&["--explain"][..], &["--compress", "gz", "--drop-empty"], &["--drop-empty", "--explain"]]
    {
        let mut results = Vec::new();
        for j in ["1", "2", "3"] {
            let out = t.path().join(format!("out-{}-{j}", extra.join("")));
            let mut args = vec!["clean", s(&input), "-o", s(&out), "-j", j];
            args.extend_from_slice(&["--chunk-bytes", "5000", "-q"]);
            args.extend_from_slice(extra);
            let r = deboil(&args);
            assert_eq!(r.code, 0, "{extra:?}: {}", r.stderr);
            let files: Vec<(String, Vec<u8>)> = files_under(&out)
                .into_iter()
                .map(|f| (f.clone(), fs::read(out.join(&f)).unwrap()))
                .collect();
            results.push(files);
        }
        let names: Vec<&str> = results[0].iter().map(|f| f.0.as_str()).collect();
        let explain = extra.contains(&"--explain");
        let drop = extra.contains(&"--drop-empty");
        let outputs = 34 - 2 * usize::from(drop);
        assert_eq!(names.len(), outputs + if explain { 34 } else { 0 }, "{extra:?}: {names:?}");
        assert_eq!(names.contains(&"empty.txt"), !drop, "{extra:?}");
        assert_eq!(names.contains(&"empty.txt.explain.jsonl"), explain, "{extra:?}");
        for r in &results[1..] {
            assert!(r == &results[0], "{extra:?}: outputs differ between thread counts");
        }
        let get = |name: &str| &results[0].iter().find(|f| f.0 == name).unwrap().1;
        if extra.contains(&"gz") {
            assert_bytes(&gunzip(get("d1/05.txt.gz")), &clean(page(5).as_bytes()), "d1/05");
            assert_bytes(&gunzip(get("g.txt.gz")), &clean(page(40).as_bytes()), "g.txt.gz");
            assert_bytes(&gunzip(get("z.txt.gz")), &clean(page(41).as_bytes()), "z.txt.gz");
        } else {
            assert_bytes(get("d1/05.txt"), &clean(page(5).as_bytes()), "d1/05.txt");
            assert_bytes(&unzstd(get("z.txt.zst")), &clean(page(41).as_bytes()), "z.txt.zst");
        }
        if explain {
            let lines = LineIter::new(page(5).as_bytes()).count();
            let text = String::from_utf8(get("d1/05.txt.explain.jsonl").clone()).unwrap();
            assert_eq!(text.lines().count(), lines, "{extra:?}");
        }
    }
}

/// A reporter that cancels the run once the first chunk is written.
struct CancelAfterFirst(Arc<AtomicBool>);

impl Reporter for CancelAfterFirst {
    fn advance(&self, _bytes: u64, _documents: u64) {
        self.0.store(true, Ordering::SeqCst);
    }
}

#[test]
fn cancelled_tree_leaves_only_complete_outputs() {
    let t = TempDir::new().unwrap();
    let input = t.path().join("in");
    for i in 0..40 {
        write(&input.join(format!("{i:02}.txt")), page(i).as_bytes());
    }
    let out = t.path().join("out");
    let cleaner = Cleaner::new(Config::default());
    for (threads, chunk_bytes) in [(1, 1), (2, 1), (2, 3000), (3, 5000)] {
        let _ = fs::remove_dir_all(&out);
        let cancel = Arc::new(AtomicBool::new(false));
        let options = BatchOptions {
            inputs: vec![input.clone()],
            output: Output::Dir(out.clone()),
            explain: Explain::Beside,
            threads: Some(threads),
            chunk_bytes,
            cancel: cancel.clone(),
            ..BatchOptions::default()
        };
        let summary = run_batch(&cleaner, &options, &CancelAfterFirst(cancel)).unwrap();
        assert!(summary.interrupted);
        let files = files_under(&out);
        assert!(files.len() < 80, "-j {threads}: not interrupted: {}", files.len());
        for f in &files {
            assert!(!f.contains("deboil-tmp"), "-j {threads}: {f} left behind");
            let Some(stem) = f.strip_suffix(".explain.jsonl") else {
                let i: usize = f.trim_end_matches(".txt").parse().unwrap();
                assert_bytes(&fs::read(out.join(f)).unwrap(), &clean(page(i).as_bytes()), f);
                assert!(files.contains(&format!("{f}.explain.jsonl")), "{f} without explanation");
                continue;
            };
            let i: usize = stem.trim_end_matches(".txt").parse().unwrap();
            let lines = fs::read_to_string(out.join(f)).unwrap().lines().count();
            assert_eq!(lines, LineIter::new(page(i).as_bytes()).count(), "{f}");
        }
    }
}

// ---------------------------------------------------------------------------
// Safety, resume, interruption

#[test]
fn outputs_over_inputs_are_refused() {
    let t = TempDir::new().unwrap();
    let input = t.path().join("in");
    write(&input.join("a.txt"), page(1).as_bytes());
    let file = input.join("a.txt");
    for args in [
        vec!["clean", s(&input), "-o", s(&input)],
        vec!["clean", s(&input), "-o", s(&input.join("sub"))],
        vec!["clean", s(&file), "-o", s(&input)],
        vec!["clean", s(&file), "--format", "jsonl", "-o", s(&file)],
        vec!["clean", s(&file), "--explain-file", s(&file)],
        vec!["clean", s(&file), "-o", s(&t.path().join("out")), "--report", s(&file)],
    ] {
        let r = deboil(&args);
        assert_eq!(r.code, 2, "{args:?}: {}", r.stderr);
        assert!(r.stderr.contains("refusing"), "{args:?}: {}", r.stderr);
    }
    assert_eq!(fs::read(&file).unwrap(), page(1).as_bytes());
    assert_eq!(files_under(&input), ["a.txt"]);
    let r = deboil(&["clean", "--bogus"]);
    assert_eq!(r.code, 2);
}

#[test]
fn two_inputs_mapping_to_one_output_is_an_error() {
    let t = TempDir::new().unwrap();
    write(&t.path().join("x/a.txt"), page(1).as_bytes());
    write(&t.path().join("y/a.txt"), page(2).as_bytes());
    let out = t.path().join("out");
    let r = deboil(&[
        "clean",
        s(&t.path().join("x/a.txt")),
        s(&t.path().join("y/a.txt")),
        "-o",
        s(&out),
        "-q",
    ]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stderr.contains("would overwrite the output of an earlier input"), "{}", r.stderr);
    assert_bytes(&fs::read(out.join("a.txt")).unwrap(), &clean(page(1).as_bytes()), "first wins");
}

#[test]
fn resume_skips_complete_outputs_only() {
    let t = TempDir::new().unwrap();
    let input = t.path().join("in");
    for i in 0..4 {
        write(&input.join(format!("{i}.txt")), page(i).as_bytes());
    }
    write(&input.join("s.jsonl.gz"), &gz(jsonl_record(9).as_bytes()));
    let out = t.path().join("out");
    // Simulate an interrupted run: two outputs complete (one marked so we
    // can see it is not rewritten), a leftover temp file for a third.
    write(&out.join("0.txt"), b"SENTINEL: complete from the first run\n");
    write(&out.join("1.txt"), &clean(page(1).as_bytes()));
    write(&out.join(".2.txt.4242.deboil-tmp"), b"half-writ");
    let r = deboil(&["clean", s(&input), "-o", s(&out), "--resume", "--explain"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    // With --explain, an output without its explanation is not complete.
    assert!(r.stderr.contains("files      5 read"), "{}", r.stderr);
    let r = deboil(&["clean", s(&input), "-o", s(&out), "--resume", "--stats"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stderr.contains("5 skipped (complete)"), "{}", r.stderr);

    let out = t.path().join("out2");
    write(&out.join("0.txt"), b"SENTINEL\n");
    write(&out.join(".2.txt.4242.deboil-tmp"), b"half-writ");
    let r = deboil(&["clean", s(&input), "-o", s(&out), "--resume"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stderr.contains("1 skipped (complete)"), "{}", r.stderr);
    assert_eq!(fs::read(out.join("0.txt")).unwrap(), b"SENTINEL\n");
    for i in 1..4 {
        let got = fs::read(out.join(format!("{i}.txt"))).unwrap();
        assert_bytes(&got, &clean(page(i).as_bytes()), "resumed output");
    }
    let got = gunzip(&fs::read(out.join("s.jsonl.gz")).unwrap());
    assert_bytes(&got, expected_jsonl_line(&jsonl_record(9)).as_bytes(), "s.jsonl.gz");
}

#[test]
fn ctrl_c_stops_cleanly() {
    let t = TempDir::new().unwrap();
    let fifo = t.path().join("feed.jsonl");
    let status = Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(status.success());
    let out = t.path().join("out");
    let mut child = Command::new(env!("CARGO_BIN_EXE_deboil"))
        .args(["clean", s(&fifo), "-o", s(&out), "--chunk-bytes", "1", "-q"])
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut feed = fs::OpenOptions::new().write(true).open(&fifo).unwrap();
    for i in 0..20 {
        feed.write_all(jsonl_record(i).as_bytes()).unwrap();
    }
    feed.flush().unwrap();
    std::thread::sleep(std::time::Duration::from_millis(500));
    let kill = Command::new("kill").args(["-INT", &child.id().to_string()]).status().unwrap();
    assert!(kill.success());
    std::thread::sleep(std::time::Duration::from_millis(200));
    let _ = feed.write_all(jsonl_record(20).as_bytes());
    drop(feed);
    let status = child.wait().unwrap();
    let mut err = String::new();
    child.stderr.take().unwrap().read_to_string(&mut err).unwrap();
    assert_eq!(status.code(), Some(130), "{err}");
    assert!(files_under(&out).is_empty(), "left behind: {:?}", files_under(&out));
}

// ---------------------------------------------------------------------------
// Explain, determinism, pipes

#[test]
fn explain_accounts_for_every_line_once() {
    let t = TempDir::new().unwrap();
    let input = t.path().join("in");
    write(&input.join("a.txt"), page(1).as_bytes());
    write(
        &input.join("b.jsonl"),
        (jsonl_record(2) + "{\"bad\":1}\n" + &jsonl_record(3)).as_bytes(),
    );
    write(&input.join("c.wet"), &gunzip(&wet_gz(4..6)));
    let out = t.path().join("out");
    let r = deboil(&["clean", s(&input), "-o", s(&out), "--explain", "-q"]);
    assert_eq!(r.code, 1, "the bad record is still an error: {}", r.stderr);
    let docs: Vec<(&str, Option<u64>, String)> = vec![
        ("a.txt", None, page(1)),
        ("b.jsonl", Some(1), page(2)),
        ("b.jsonl", Some(3), page(3)),
        ("c.wet", Some(2), page(4)),
        ("c.wet", Some(3), page(5)),
    ];
    for name in ["a.txt", "b.jsonl", "c.wet"] {
        let explain = fs::read_to_string(out.join(format!("{name}.explain.jsonl"))).unwrap();
        let recs: Vec<Value> = explain.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
        let mut at = 0;
        for (_, record, text) in docs.iter().filter(|d| d.0 == name) {
            let lines: Vec<_> = LineIter::new(text.as_bytes()).collect();
            let cleaned = Cleaner::new(Config::default()).clean(text.as_bytes());
            for (i, (span, v)) in lines.iter().zip(cleaned.verdicts()).enumerate() {
                let rec = &recs[at];
                at += 1;
                assert_eq!(rec["line"], i + 1, "{name}");
                assert_eq!(rec["record"].as_u64(), *record, "{name}");
                assert_eq!(rec["keep"], v.keep);
                assert_eq!(rec["label"], v.label.as_str());
                assert_eq!(rec["rule"], v.rule.as_str());
                assert_eq!(
                    rec["text"].as_str().unwrap().as_bytes(),
                    &text.as_bytes()[span.content()]
                );
                assert!(rec["features"].is_object() && rec["score"].is_number());
                assert!(rec.get("ref").is_some());
            }
        }
        assert_eq!(at, recs.len(), "{name}: every line exactly once, nothing more");
    }
    // stdin: explanations replace the text on stdout.
    let r = deboil_in(None, &["clean", "--explain"], page(8).as_bytes());
    assert_eq!(r.code, 0, "{}", r.stderr);
    let n = String::from_utf8(r.stdout).unwrap().lines().count();
    assert_eq!(n, LineIter::new(page(8).as_bytes()).count());
}

#[test]
fn explain_file_with_an_output_directory_gets_every_file() {
    // Text files in directory mode are cleaned and written by the workers;
    // their explanations must still reach `--explain-file`, in input order,
    // whatever the thread count, and be what `--explain` writes beside them.
    let t = TempDir::new().unwrap();
    let input = t.path().join("in");
    let names: Vec<String> = (0..12).map(|i| format!("d{}/{i:02}.txt", i % 3)).collect();
    for (i, name) in names.iter().enumerate() {
        write(&input.join(name), page(i).as_bytes());
    }
    let beside = t.path().join("beside");
    let r = deboil(&["clean", s(&input), "-o", s(&beside), "--explain", "-q"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let mut want = Vec::new();
    let mut sorted = names.clone();
    sorted.sort();
    for name in &sorted {
        want.extend(fs::read(beside.join(format!("{name}.explain.jsonl"))).unwrap());
    }
    let lines: usize = (0..12).map(|i| LineIter::new(page(i).as_bytes()).count()).sum();
    assert_eq!(want.iter().filter(|&&b| b == b'\n').count(), lines);
    for threads in ["1", "2"] {
        let out = t.path().join(format!("out{threads}"));
        let file = t.path().join(format!("why{threads}.jsonl"));
        let r = deboil(&[
            "clean",
            s(&input),
            "-o",
            s(&out),
            "--explain-file",
            s(&file),
            "-j",
            threads,
            "-q",
        ]);
        assert_eq!(r.code, 0, "{}", r.stderr);
        // The records name their file, so compare them without it.
        let strip = |data: &[u8]| -> Vec<Value> {
            String::from_utf8(data.to_vec())
                .unwrap()
                .lines()
                .map(|l| {
                    let mut v: Value = serde_json::from_str(l).unwrap();
                    v.as_object_mut().unwrap().remove("file");
                    v
                })
                .collect()
        };
        let got = fs::read(&file).unwrap();
        assert_eq!(strip(&got), strip(&want), "-j {threads}");
        assert!(!out.join("d0/00.txt.explain.jsonl").exists(), "nothing beside the outputs");
    }
}

#[test]
fn output_is_identical_for_any_thread_count() {
    let t = TempDir::new().unwrap();
    let input = t.path().join("in");
    let shard: String = (0..300).map(jsonl_record).collect();
    write(&input.join("big.jsonl.gz"), &gz(shard.as_bytes()));
    write(&input.join("big.jsonl.zst"), &zst(shard.as_bytes()));
    write(&input.join("wet.warc.wet.gz"), &wet_gz(0..120));
    for i in 0..40 {
        write(&input.join(format!("t/{i:02}.txt")), page(i).as_bytes());
    }
    let mut results = Vec::new();
    for j in ["1", "2", "3"] {
        let out = t.path().join(format!("out{j}"));
        let r =
            deboil(&["clean", s(&input), "-o", s(&out), "-j", j, "--chunk-bytes", "20000", "-q"]);
        assert_eq!(r.code, 0, "{}", r.stderr);
        let stream =
            deboil(&["clean", s(&input), "-j", j, "--chunk-bytes", "20000", "--compress", "gz"]);
        assert_eq!(stream.code, 0, "{}", stream.stderr);
        let files: Vec<(String, Vec<u8>)> = files_under(&out)
            .into_iter()
            .map(|f| (f.clone(), fs::read(out.join(&f)).unwrap()))
            .collect();
        results.push((files, stream.stdout));
    }
    assert_eq!(results[0].0.len(), 43);
    for r in &results[1..] {
        assert_eq!(r.0.len(), results[0].0.len());
        for ((name, a), (_, b)) in results[0].0.iter().zip(&r.0) {
            assert!(a == b, "{name} differs between thread counts");
        }
        assert!(r.1 == results[0].1, "stdout stream differs between thread counts");
    }
    let want: String = (0..300).map(|i| expected_jsonl_line(&jsonl_record(i))).collect();
    let got = gunzip(&results[0].0.iter().find(|f| f.0 == "big.jsonl.gz").unwrap().1);
    assert_bytes(&got, want.as_bytes(), "big.jsonl.gz");
}

#[test]
fn broken_pipe_ends_quietly() {
    let shard: String = (0..3000).map(jsonl_record).collect();
    let mut child = Command::new(env!("CARGO_BIN_EXE_deboil"))
        .args(["clean", "--chunk-bytes", "10000"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let feeder = std::thread::spawn(move || {
        let _ = stdin.write_all(shard.as_bytes());
    });
    let mut stdout = child.stdout.take().unwrap();
    let mut first = [0u8; 100];
    stdout.read_exact(&mut first).unwrap();
    drop(stdout);
    let status = child.wait().unwrap();
    feeder.join().unwrap();
    let mut err = String::new();
    child.stderr.take().unwrap().read_to_string(&mut err).unwrap();
    assert_eq!(status.code(), Some(0), "{err}");
    assert!(err.is_empty(), "{err}");
}

#[test]
fn glob_restricts_walked_files() {
    let t = TempDir::new().unwrap();
    let corpus = t.path().join("corpus");
    write(&corpus.join("en/a.input.txt"), page(1).as_bytes());
    write(&corpus.join("en/a.gold.txt"), b"gold\n");
    write(&corpus.join("ru/b.input.txt"), page(2).as_bytes());
    write(&corpus.join("README.md"), b"# corpus\n");
    let r = deboil_in(
        Some(t.path()),
        &["clean", "corpus/", "--glob", "*.input.txt", "-o", "cleaned/", "-q"],
        b"",
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(files_under(&t.path().join("cleaned")), ["en/a.input.txt", "ru/b.input.txt"]);
}

#[test]
fn report_and_stats_count_everything() {
    let t = TempDir::new().unwrap();
    let input = t.path().join("in");
    write(&input.join("a.txt"), page(1).as_bytes());
    write(&input.join("b.jsonl"), (jsonl_record(2) + "{}\n").as_bytes());
    let report = t.path().join("report.json");
    let r = deboil(&["clean", s(&input), "--stats", "--report", s(&report)]);
    assert_eq!(r.code, 1);
    let v: Value = serde_json::from_slice(&fs::read(&report).unwrap()).unwrap();
    let lines_in = |p: &str| LineIter::new(p.as_bytes()).count() as u64;
    assert_eq!(v["files"], 2);
    assert_eq!(v["records"], 3);
    assert_eq!(v["documents"], 2);
    assert_eq!(v["errors"], 1);
    assert_eq!(v["files_failed"], 1);
    assert_eq!(v["lines_in"].as_u64().unwrap(), lines_in(&page(1)) + lines_in(&page(2)));
    assert_eq!(v["bytes_in"].as_u64().unwrap(), (page(1).len() + page(2).len()) as u64);
    let kept = (clean(page(1).as_bytes()).len() + clean(page(2).as_bytes()).len()) as u64;
    assert_eq!(v["bytes_out"].as_u64().unwrap(), kept);
    assert!(v["dropped_lines"].is_object());
    assert_eq!(v["failures"][0]["file"], s(&input.join("b.jsonl")));
    assert_eq!(v["failures"][0]["record"], 2);
    for key in ["documents", "lines", "text", "time", "errors"] {
        assert!(r.stderr.contains(key), "{key} missing from summary:\n{}", r.stderr);
    }
}
