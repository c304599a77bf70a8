//! Odd input never panics and kept lines stay byte-exact: invalid UTF-8,
//! NUL bytes, lone CR, CRLF, no final newline, empty input, a 100 MB line.

use deboil::{Cleaner, Config, Rule};

/// Check the structural contract on one input: one verdict per line, the
/// spans tile the input, and the output is exactly the kept lines' bytes.
fn check(input: &[u8]) -> Vec<u8> {
    let cleaner = Cleaner::new(Config::default());
    let cleaned = cleaner.clean(input);
    let mut pos = 0;
    let mut expected = Vec::new();
    for v in cleaned.verdicts() {
        assert_eq!(v.span.start, pos, "spans must tile the input");
        assert!(v.span.start <= v.span.content_end && v.span.content_end <= v.span.end);
        if v.keep {
            expected.extend_from_slice(&input[v.span.range()]);
        }
        pos = v.span.end;
    }
    assert_eq!(pos, input.len(), "spans must cover the whole input");
    let out = cleaned.to_vec();
    assert_eq!(out, expected, "output must be the kept lines, byte for byte");
    out
}

const PROSE: &str = "The council approved the new budget on Tuesday after a long debate about \
    school funding, which had divided the members of the council for months.";
const PROSE2: &str = "Officials said that the plan would take effect in January and that the \
    first payments would reach the districts before the start of the spring term.";

const PROSE3: &str = "Parents at the meeting asked whether the money would also cover the \
    repairs to the old gymnasium, and the mayor promised an answer within a week.";

#[test]
fn empty_input_has_no_lines() {
    let cleaned = Cleaner::new(Config::default()).clean(b"");
    assert!(cleaned.verdicts().is_empty());
    assert!(cleaned.to_vec().is_empty());
}

#[test]
fn crlf_lone_cr_and_missing_final_newline_are_kept_exactly() {
    let input = format!("Share this\r\n{PROSE}\r\n\r\n{PROSE2}\rMenu\r{PROSE3}");
    let out = check(input.as_bytes());
    let expected = format!("{PROSE}\r\n\r\n{PROSE2}\r{PROSE3}");
    assert_eq!(String::from_utf8(out).unwrap(), expected);
}

#[test]
fn invalid_utf8_and_nul_bytes_pass_through_unchanged() {
    let mut input = Vec::new();
    input.extend_from_slice(PROSE.as_bytes());
    input.extend_from_slice(b" caf\xe9 \x00 \xff\xfe end.\n");
    input.extend_from_slice(PROSE2.as_bytes());
    input.extend_from_slice(b"\n\x00\x00\x00\n\xc3\x28\n");
    let out = check(&input);
    // The prose line with invalid bytes is kept whole, bytes intact.
    assert!(out.windows(4).any(|w| w == b"\xff\xfe e"));
    assert!(out.contains(&0u8));
}

#[test]
fn only_garbage_does_not_panic() {
    let garbage: Vec<u8> = (0..=255u8).cycle().take(10_000).collect();
    check(&garbage);
    check(b"\r\r\r\n\n\n\r");
    check(b"\n");
    check(b"\xff");
}

#[test]
fn a_100_mb_line_does_not_panic() {
    let mut input = Vec::with_capacity(100 << 20);
    while input.len() < 100 << 20 {
        input.extend_from_slice(PROSE.as_bytes());
        input.push(b' ');
    }
    let cleaned = Cleaner::new(Config::default()).clean(&input);
    assert_eq!(cleaned.verdicts().len(), 1);
    // Under the default 64 MiB limit the document passes through whole.
    assert_eq!(cleaned.verdicts()[0].rule, Rule::Limit);
    assert_eq!(cleaned.kept_bytes(), input.len());
    // With a higher limit the line is actually scored (one long prose line).
    let big = Config::builder().max_document_bytes(200 << 20).build();
    let cleaned = Cleaner::new(big).clean(&input);
    assert_eq!(cleaned.verdicts().len(), 1);
    assert_ne!(cleaned.verdicts()[0].rule, Rule::Limit);
}
