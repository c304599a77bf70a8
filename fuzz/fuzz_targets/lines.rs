//! Fuzz target `lines`: see `deboil_fuzz::targets::lines` for what it checks.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| deboil_fuzz::targets::lines(data));
