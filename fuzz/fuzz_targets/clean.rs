//! Fuzz target `clean`: see `deboil_fuzz::targets::clean` for what it checks.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| deboil_fuzz::targets::clean(data));
