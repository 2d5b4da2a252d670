//! The bodies of ICS Explorer's fuzz targets: each takes arbitrary bytes, feeds them to a door that outside
//! data comes through (the dataset loader, the packed LSOA columns, a user's file, the URL hash, the page's
//! messages, the small text parsers), and panics only when the product is wrong: a panic inside the product,
//! or an invariant that `update` must keep and did not.
//!
//! cargo-fuzz (`fuzz/`, `scripts/fuzz.sh`) runs them at depth; this crate's tests run each briefly in the
//! default test run, on seeds, on every crash kept from earlier runs, and on inputs from a fixed-seed generator.
//! Native only: it reads the shipped dataset from `www/data/` (`ics_data::testdata`) and must never be a
//! dependency of the page or the command line.

mod bytes;
mod messages;
mod tree;

use bytes::Bytes;
use ics_data::dataset::{self, codec, Frame, PeriodKind};
use ics_data::testdata;
use ics_engine::import::{self, Places, Target};
use ics_engine::query::View;
use ics_ui::{self as ui, Options, State};
use std::cell::RefCell;
use std::sync::OnceLock;

/// Every target by name, for `scripts/fuzz.sh` and the tests.
pub const TARGETS: [(&str, fn(&[u8])); 9] = [
    ("text_parsers", text_parsers),
    ("lsoa_column", lsoa_column),
    ("wire_tables", wire_tables),
    ("edition_tree", edition_tree),
    ("import", import),
    ("dataset_text", dataset_text),
    ("dataset_tree", dataset_tree),
    ("url_hash", url_hash),
    ("url_update", url_update),
];

/// The small parsers under everything else: CSV, JSON, numbers, period labels.
pub fn text_parsers(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let _ = ics_data::csv::Table::parse(text);
    let _ = ics_data::json::parse(text);
    if let Some(x) = ics_data::format::parse_number(text) {
        let _ = ics_data::format::number(x, 3);
        let _ = ics_data::format::plain(x, 2);
    }
    for kind in [PeriodKind::Month, PeriodKind::FinancialYear, PeriodKind::Year] {
        let _ = dataset::period_is_valid(kind, text);
        let _ = ics_data::format::period(kind, text);
    }
}

/// One packed LSOA column (base64 → inflate → byte planes → integers): the first byte picks the packing, the
/// next two the row count.
pub fn lsoa_column(data: &[u8]) {
    let [p, a, b, rest @ ..] = data else { return };
    let packing = [codec::Packing::U4, codec::Packing::U8, codec::Packing::U16, codec::Packing::U24, codec::Packing::DeltaVarint][*p as usize % 5];
    if let Ok(text) = std::str::from_utf8(rest) {
        let _ = codec::decode_column(text, packing, u16::from_le_bytes([*a, *b]) as usize);
    }
}

/// A measure's or a boundary's table of the wire format read on its own (`Dataset::read_wire_table`): the first
/// byte picks the table, the rest is its JSON. (An edition's table holds all of England's LSOAs, ~500 KB of
/// JSON, so raw bytes would crawl: `edition_tree` changes it in its structure instead.)
pub fn wire_tables(data: &[u8]) {
    let [k, rest @ ..] = data else { return };
    let Ok(text) = std::str::from_utf8(rest) else { return };
    if let Ok(tree) = ics_data::json::parse(text) {
        let _ = testdata::core().read_wire_table(["measure", "boundary"][usize::from(*k) % 2], &tree);
    }
}

/// The IMD 2019 edition (the layout the core file does not hold) changed in its structure (see `tree`) and read
/// against the shipped area sets.
pub fn edition_tree(data: &[u8]) {
    let _ = testdata::core().read_wire_table("edition", &tree::mutated(tree::edition_2019(), &mut Bytes::new(data)));
}

fn today() -> &'static Frame {
    static FRAME: OnceLock<Frame> = OnceLock::new();
    FRAME.get_or_init(|| {
        let ds = testdata::core();
        ds.default_frame(ds.today()).expect("the shipped dataset has today's map")
    })
}

fn places() -> &'static Places {
    static PLACES: OnceLock<Places> = OnceLock::new();
    PLACES.get_or_init(|| Places::new(testdata::shipped()))
}

/// "Add your own data" on any file: an import or a list of problems. An import's indicators become measures;
/// sub-ICB files are summed to both area sets; the import is run again with each unmatched row given its first
/// suggestion, as the user's choices would.
pub fn import(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(imp) = import::import_in("fuzz.csv", text, today(), places(), &[]) else { return };
    for ind in &imp.indicators {
        let _ = import::measures(ind, "user_1", 0, 1);
    }
    for ind in &imp.sub_icb {
        for set in 0..2 {
            let _ = import::ratio_measures(ind, &ind.sum(places(), set), "user_1", 0, set);
        }
    }
    let fixes: Vec<(usize, Target)> =
        imp.unmatched.iter().map(|u| (u.line, u.suggestions.first().map_or(Target::England, |&i| Target::Ics(i)))).collect();
    let _ = import::import_in("fuzz.csv", text, today(), places(), &fixes);
}

/// The dataset loader on any text: problems, never a panic.
pub fn dataset_text(data: &[u8]) {
    if let Ok(text) = std::str::from_utf8(data) {
        if let Ok(ds) = dataset::load(text) {
            show_every_view(ds);
        }
    }
}

/// The dataset loader on the shipped dataset changed in its structure (see `tree`), read behind the JSON parser
/// (`dataset::load_tree`: writing 1 MB out and parsing it again took half the time). A dataset the loader
/// accepts is trusted by everything after it, so it is then shown in every view and imported into.
pub fn dataset_tree(data: &[u8]) {
    if let Ok(ds) = dataset::load_tree(&tree::mutated(tree::dataset(), &mut Bytes::new(data))) {
        show_every_view(ds);
    }
}

/// Every view of an accepted dataset, then a sub-ICB file imported into it (which matches places across its
/// area sets: a dataset with a sub-ICB code twice once crashed that).
fn show_every_view(ds: dataset::Dataset) {
    let Ok(mut st) = State::new(ds, Options::default()) else { return };
    for v in View::ALL {
        ui::update(&mut st, ui::Msg::SetView(v));
        draw(&st);
    }
    ui::update(&mut st, ui::Msg::ImportLoaded("sub-icb.csv".into(), messages::SUB_ICB_FILE.into()));
    assert_invariants(&st, "a sub-ICB import");
    draw(&st);
}

/// The URL codec alone, without asking the engine anything: any text read as a hash in one of the three frames
/// (today's map; July 2022's with IMD 2019 or IMD 2025; the first byte picks), the settings it gives in range,
/// and the hash written from them reading back to the same settings.
pub fn url_hash(data: &[u8]) {
    thread_local! {
        static STATES: RefCell<Vec<State>> = RefCell::new({
            let states = ["", "g=icb22", "g=icb22&imd=2025"].map(|frame| {
                let mut st = State::new(testdata::shipped().clone(), Options::default()).expect("the shipped dataset has today's map");
                ui::update(&mut st, ui::Msg::HashChanged(frame.to_string()));
                st
            });
            let frames: Vec<(usize, usize)> = states.iter().map(|st| (st.engine.frame().area_set, st.engine.frame().edition)).collect();
            assert!((1..3).all(|k| !frames[..k].contains(&frames[k])), "the fuzzer's three frames did not open: {frames:?}");
            states.into()
        });
    }
    let [k, rest @ ..] = data else { return };
    let Ok(hash) = std::str::from_utf8(rest) else { return };
    STATES.with_borrow_mut(|states| {
        let st = &mut states[usize::from(*k) % 3];
        st.settings = ui::url::parse(st, hash).0;
        assert_invariants(st, "the hash");
        let written = ui::url::to_hash(st);
        let (again, problems) = ui::url::parse(st, &written);
        assert!(problems.is_empty(), "the hash the state wrote, {written}, has problems: {problems:?}");
        assert_eq!(again, st.settings, "the hash the state wrote, {written}, did not read back to the same settings");
    });
}

/// The page's state machine: a URL hash, then a sequence of messages (`messages`) such as the page's controls,
/// links, files and editions send, from a fresh state on the shipped dataset. After every message the state's
/// invariants must hold; the current view is drawn where the bytes ask; and at the end the URL hash the state
/// writes must read back to itself.
pub fn url_update(data: &[u8]) {
    thread_local! {
        // The page as a visitor leaves it after looking at every view once and going back to the start: the
        // engine's caches (each level's sums, each indicator's default period) are filled.
        static FRESH: State = {
            let mut st = State::new(testdata::core().clone(), Options::default()).expect("the shipped dataset has today's map");
            for v in View::ALL {
                ui::update(&mut st, ui::Msg::SetView(v));
            }
            ui::update(&mut st, ui::Msg::ResetAll);
            assert_eq!(ui::url::to_hash(&st), "", "ResetAll did not go back to the starting view");
            st
        };
    }
    let mut b = Bytes::new(data);
    // A copy of that state (~0.5 ms; making one is 4 ms): each input starts from the same state.
    let mut st = FRESH.with(State::clone);
    let hash = b.text(&["", "v=profile&s=QOP", "g=icb22&imd=2019&v=deprivation", "v=trends&i=ae_4hr_pct&spc=1"]);
    let mut effects = Vec::new();
    effects.extend(ui::update(&mut st, ui::Msg::HashChanged(hash)));
    assert_invariants(&st, "the first hash");
    let mut steps = 0;
    while !b.is_empty() && steps < 32 {
        steps += 1;
        let (msg, to_draw) = messages::next(&mut b, &st);
        let shown = format!("{msg:?}");
        effects.extend(ui::update(&mut st, msg));
        assert_invariants(&st, &shown);
        if to_draw {
            draw(&st);
        }
    }
    let _ = effects;
    if st.loading.is_none() {
        let hash = ui::url::to_hash(&st);
        ui::update(&mut st, ui::Msg::HashChanged(hash.clone()));
        if st.loading.is_none() {
            assert_eq!(ui::url::to_hash(&st), hash, "the hash the state wrote did not read back to itself");
        }
    }
}

/// Draws the view, and checks what only the drawing shows: a chart of the ICSs shown that leaves out the user's
/// ICS says so (`notes::selected_hidden_note`).
fn draw(st: &State) {
    let markup = ui::view(st).to_markup();
    if let (true, Ok(r)) = (ui::view::charts_the_shown(st.settings.view), &st.result) {
        if r.selected.is_some_and(|s| !r.included.get(s).copied().unwrap_or(true)) {
            assert!(markup.contains("ics-selected-hidden"), "the {:?} view leaves out the user's ICS without a word", st.settings.view);
        }
    }
}

fn assert_invariants(st: &State, after: &str) {
    let broken = st.invariant_violations();
    assert!(broken.is_empty(), "after {after}: {}", broken.join("; "));
}
