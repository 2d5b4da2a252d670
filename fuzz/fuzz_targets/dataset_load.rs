//! The dataset loader and validator on arbitrary text: it must return problems, never panic.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = ics_data::dataset::load(text);
    }
});
