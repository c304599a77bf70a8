//! The bodies of deboil's fuzz targets, one function per target, each
//! taking the raw fuzz input and panicking (with a reproducer) when a
//! property breaks. The `fuzz_targets/*.rs` binaries call them, and
//! `tests/fuzz_replay.rs` in the main crate includes this same code to
//! replay `fuzz/regressions/<target>/*` as ordinary tests.

#[path = "../../tests/props/check.rs"]
pub mod check;
pub mod targets;
