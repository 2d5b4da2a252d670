//! The small parsers under everything else: CSV, JSON, numbers, period labels.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = ics_data::csv::Table::parse(text);
        let _ = ics_data::json::parse(text);
        if let Some(x) = ics_data::format::parse_number(text) {
            let _ = ics_data::format::number(x, 3);
            let _ = ics_data::format::plain(x, 2);
        }
        for kind in [ics_data::dataset::PeriodKind::Month, ics_data::dataset::PeriodKind::FinancialYear, ics_data::dataset::PeriodKind::Year] {
            let _ = ics_data::dataset::period_is_valid(kind, text);
            let _ = ics_data::format::period(kind, text);
        }
    }
});
