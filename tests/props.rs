//! Property tests for deboil (issue 7): the cleaner never panics, never
//! invents text, covers every line once and is deterministic, whatever the
//! bytes and whatever the configuration; each stage agrees with a slow,
//! obviously correct reference; and the work grows linearly with the input.
//!
//! * `props/check.rs`: the structural oracle (also used by the fuzz targets
//!   and `tests/fuzz_replay.rs`);
//! * `props/gen.rs`: generators biased toward CR, CRLF, NUL, invalid UTF-8,
//!   CJK, long lines, marker phrases, list/timestamp shapes and repeats,
//!   mixed with real prose from `corpus/`;
//! * `props/clean.rs`: `Cleaner::clean` properties, any `Config`, limits,
//!   determinism across runs, threads and order;
//! * `props/oracles.rs`: line splitter, repeat normaliser and eval scorers
//!   against reference implementations;
//! * `props/linear.rs`: `n` versus `8n` timings on adversarial inputs;
//! * `props/batch.rs`: the batch engine end to end: JSONL and WET round
//!   trips, the same text from a file, a JSONL record or a WET record,
//!   compressed outputs.
//!
//! Case counts are modest (32–512 per property, a few seconds in all); set
//! `PROPTEST_CASES=N` to run every property N times. Failures are saved to
//! `proptest-regressions/props/*.txt` and replayed first on the next run:
//! commit them.

#[path = "props/batch.rs"]
mod batch;
#[path = "props/check.rs"]
mod check;
#[path = "props/clean.rs"]
mod clean;
#[path = "props/gen.rs"]
mod gen;
#[path = "props/linear.rs"]
mod linear;
#[path = "props/oracles.rs"]
mod oracles;
