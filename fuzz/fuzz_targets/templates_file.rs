//! Fuzz target `templates_file`: see `deboil_fuzz::targets::templates_file` for what it checks.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| deboil_fuzz::targets::templates_file(data));
