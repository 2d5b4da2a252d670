//! The shipped dataset for the engine's and the importers' unit tests: `www/data/` as built, both editions.
//! Test-only; it reads files, so it must never be compiled into the browser build.

use ics_data::dataset::{self, Dataset};

/// The core file with IMD 2019 loaded too, as the page holds it once a view has needed it.
pub fn shipped() -> Dataset {
    let read = |f: &str| std::fs::read_to_string(format!("{}/../../www/data/{f}", env!("CARGO_MANIFEST_DIR"))).unwrap();
    let mut ds = dataset::load(&read("dataset.json")).unwrap();
    ds.load_edition(&read("imd2019.json")).unwrap();
    ds
}
