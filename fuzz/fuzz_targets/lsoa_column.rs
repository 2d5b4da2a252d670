//! The packed LSOA column decoder (base64 → inflate → byte planes → integers) on arbitrary input.
#![no_main]
use ics_data::dataset::codec::{decode_column, Packing};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if data.len() < 3 {
        return;
    }
    let packing = [Packing::U4, Packing::U8, Packing::U16, Packing::U24, Packing::DeltaVarint][data[0] as usize % 5];
    let n = u16::from_le_bytes([data[1], data[2]]) as usize;
    if let Ok(text) = std::str::from_utf8(&data[3..]) {
        let _ = decode_column(text, packing, n);
    }
});
