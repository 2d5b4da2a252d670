//! The URL hash through the whole page: apply any hash, then render every view. Must never panic.
#![no_main]
use ics_ui::{self as ui, Msg, Options, State};
use libfuzzer_sys::fuzz_target;
use std::cell::RefCell;

thread_local! {
    static STATE: RefCell<State> = RefCell::new({
        let mut ds = ics_data::dataset::load(include_str!("../../www/data/dataset.json")).expect("valid");
        ds.load_edition(include_str!("../../www/data/imd2019.json")).expect("valid");
        State::new(ds, Options::default()).expect("today's map")
    });
}

fuzz_target!(|data: &[u8]| {
    let hash = String::from_utf8_lossy(data).into_owned();
    STATE.with(|s| {
        let mut st = s.borrow_mut();
        ui::update(&mut st, Msg::HashChanged(hash));
        let _ = ui::view(&st).to_markup();
        let round = ui::url::to_hash(&st);
        ui::update(&mut st, Msg::HashChanged(round));
    });
});
