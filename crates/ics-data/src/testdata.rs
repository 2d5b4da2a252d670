//! The shipped dataset (`www/data/` as built) for every crate's tests, read and validated once per test binary.
//! Behind the `testdata` feature, which only dev-dependencies enable: it reads files and panics if they are
//! broken, so it must never be compiled into the browser build or the CLI.

use crate::dataset::{self, Dataset};
use std::sync::OnceLock;

fn read(file: &str) -> String {
    let path = format!("{}/../../www/data/{file}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The text of the core file, `dataset.json`.
pub fn core_json() -> &'static str {
    static TEXT: OnceLock<String> = OnceLock::new();
    TEXT.get_or_init(|| read("dataset.json"))
}

/// The core file (`dataset.json`) only, as the page starts: IMD 2025, and IMD 2019 not yet loaded.
pub fn core() -> &'static Dataset {
    static CORE: OnceLock<Dataset> = OnceLock::new();
    CORE.get_or_init(|| dataset::load(core_json()).unwrap_or_else(|p| panic!("dataset.json: {p}")))
}

/// The text of `imd2019.json`, the edition shipped apart (what the page receives as `Msg::EditionLoaded`).
pub fn imd2019_json() -> &'static str {
    static TEXT: OnceLock<String> = OnceLock::new();
    TEXT.get_or_init(|| read("imd2019.json"))
}

/// The core file with IMD 2019 loaded too, as the page holds it once a view has needed it: every edition shipped.
pub fn shipped() -> &'static Dataset {
    static ALL: OnceLock<Dataset> = OnceLock::new();
    ALL.get_or_init(|| {
        let mut ds = core().clone();
        ds.load_edition(imd2019_json()).unwrap_or_else(|p| panic!("imd2019.json: {p}"));
        ds
    })
}
