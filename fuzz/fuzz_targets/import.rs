//! "Bring your own data" on arbitrary files: an import or a list of problems, never a panic.
#![no_main]
use ics_data::dataset::{self, Frame};
use ics_engine::import::{Places, Target};
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn ds() -> &'static Frame {
    static DS: OnceLock<Frame> = OnceLock::new();
    DS.get_or_init(|| {
        let ds = dataset::load(include_str!("../../www/data/dataset.json")).expect("the shipped dataset is valid");
        ds.default_frame(ds.today()).expect("today's map")
    })
}

/// Every area set's sub-ICB locations and ICBs.
fn places() -> &'static Places {
    static P: OnceLock<Places> = OnceLock::new();
    P.get_or_init(|| Places::new(&dataset::load(include_str!("../../www/data/dataset.json")).expect("the shipped dataset is valid")))
}

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        if let Ok(imp) = ics_engine::import::import_in("fuzz.csv", text, ds(), places(), &[]) {
            for ind in &imp.indicators {
                let _ = ics_engine::import::measures(ind, "user_1", 0, 1);
            }
            // Sub-ICB files, summed to both area sets.
            for ind in &imp.sub_icb {
                for set in 0..2 {
                    let _ = ics_engine::import::ratio_measures(ind, &ind.sum(places(), set), "user_1", 0, set);
                }
            }
            // The user's answers for unmatched rows: each row given its first suggestion, or England.
            let fixes: Vec<(usize, Target)> =
                imp.unmatched.iter().map(|u| (u.line, u.suggestions.first().map_or(Target::England, |&i| Target::Ics(i)))).collect();
            let _ = ics_engine::import::import_in("fuzz.csv", text, ds(), places(), &fixes);
        }
    }
});
