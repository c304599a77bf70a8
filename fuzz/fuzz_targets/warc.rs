//! Fuzz target `warc`: see `deboil_fuzz::targets::warc` for what it checks.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| deboil_fuzz::targets::warc(data));
