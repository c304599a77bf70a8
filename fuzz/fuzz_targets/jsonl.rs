//! Fuzz target `jsonl`: see `deboil_fuzz::targets::jsonl` for what it checks.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| deboil_fuzz::targets::jsonl(data));
