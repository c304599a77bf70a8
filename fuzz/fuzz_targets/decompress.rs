//! Fuzz target `decompress`: see `deboil_fuzz::targets::decompress` for what it checks.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| deboil_fuzz::targets::decompress(data));
