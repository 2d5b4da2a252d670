//! `ics_fuzz::url_hash` under libFuzzer (see crates/ics-fuzz for what it feeds and what it checks).
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| ics_fuzz::url_hash(data));
