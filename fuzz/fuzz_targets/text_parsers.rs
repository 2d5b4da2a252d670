//! The small parsers under everything else: CSV, JSON, numbers, period labels.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = ics_explorer::csv::Table::parse(text);
        let _ = ics_explorer::json::parse(text);
        if let Some(x) = ics_explorer::format::parse_number(text) {
            let _ = ics_explorer::format::number(x, 3);
            let _ = ics_explorer::format::plain(x, 2);
        }
        for kind in [ics_explorer::dataset::PeriodKind::Month, ics_explorer::dataset::PeriodKind::FinancialYear, ics_explorer::dataset::PeriodKind::Year] {
            let _ = ics_explorer::dataset::period_is_valid(kind, text);
            let _ = ics_explorer::format::period(kind, text);
        }
    }
});
