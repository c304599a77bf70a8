//! Fuzz target `normalise`: see `deboil_fuzz::targets::normalise` for what it checks.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| deboil_fuzz::targets::normalise(data));
