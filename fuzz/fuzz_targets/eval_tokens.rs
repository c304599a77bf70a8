//! Fuzz target `eval_tokens`: see `deboil_fuzz::targets::eval_tokens` for what it checks.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| deboil_fuzz::targets::eval_tokens(data));
