//! Native only: builds the shipped dataset from the raw public extracts under `data/`.
//!
//! `ics-explorer build-data` runs this and writes `www/data/dataset.json` and `dataset.js` (the core: both area
//! sets, the series, and the edition today's map opens with) and a `.json` and `.js` for each edition shipped
//! apart (`imd2019`), which the page loads only when a view needs it. The output
//! is a pure function of the files under `data/` (no clocks, no randomness, no hash-map iteration order), so
//! running it twice gives byte-identical files and `build-data --check` can detect a stale dataset. Every
//! figure it writes is read from a named source file; nothing is typed in here except metadata (definitions,
//! provenance) in `catalogue.rs`.

mod catalogue;
mod geography;
mod indicators;
mod raw;
mod series;
mod today;

use ics_data::dataset::{self, Dataset};
use std::path::{Path, PathBuf};

pub use raw::RawDir;

/// Where the shipped dataset lives, relative to the repository root: the core file, and one file per edition
/// shipped apart (`www/data/<edition>.json` and `.js`), loaded by the page only when a view needs it.
pub const DATASET_JSON: &str = "www/data/dataset.json";
pub const DATASET_JS: &str = "www/data/dataset.js";
pub const DATA_DIR: &str = "www/data";

/// The shipped core file under `root` (`dataset.json`, as the page starts: the editions shipped apart not loaded),
/// or what is wrong with it.
pub fn load_core(root: &Path) -> Result<Dataset, String> {
    dataset::load(&read_shipped(root, DATASET_JSON)?).map_err(|p| format!("{DATASET_JSON}: {p}"))
}

/// The shipped dataset under `root` (what `build-data` wrote there), with every edition shipped apart loaded
/// too, or what is wrong with it.
pub fn load_shipped(root: &Path) -> Result<Dataset, String> {
    let mut ds = load_core(root)?;
    for id in ["imd2019"] {
        if ds.edition_index(id).is_none() {
            let rel = format!("{DATA_DIR}/{id}.json");
            ds.load_edition(&read_shipped(root, &rel)?).map_err(|p| format!("{rel}: {p}"))?;
        }
    }
    Ok(ds)
}

fn read_shipped(root: &Path, rel: &str) -> Result<String, String> {
    let path = root.join(rel);
    std::fs::read_to_string(&path).map_err(|e| format!("cannot read {}: {e} (run from the repository folder, or pass --root)", path.display()))
}

/// Builds the dataset from `data_dir` and checks it with the same validator the page uses.
pub fn build(data_dir: &Path) -> Result<Dataset, String> {
    let raw = RawDir::new(data_dir);
    let ds = catalogue::assemble(&raw)?;
    // Round-trip through the loader: what we ship must pass the checks users' browsers run, and the compact
    // encodings (predicted LSOA columns, fixed-point differences) must give back exactly what was built.
    let (core, apart) = ds.to_json_parts(&apart(&ds));
    let mut loaded = dataset::load(&core).map_err(|p| format!("the built dataset fails validation:\n{p}"))?;
    for (id, json) in &apart {
        loaded.load_edition(json).map_err(|p| format!("the built edition {id} fails validation:\n{p}"))?;
    }
    // The editions shipped apart come back after the core's: compare them in the built order.
    let same_editions =
        loaded.editions().len() == ds.editions().len() && ds.editions().iter().all(|e| loaded.editions().iter().find(|x| x.id == e.id) == Some(e));
    let what = if !same_editions {
        Some("an LSOA table")
    } else if loaded.measures() != ds.measures() {
        Some("the measures")
    } else {
        fn rest(
            d: &Dataset,
        ) -> (&dataset::Meta, &[dataset::Source], &[dataset::AreaSet], &[dataset::Trust], &[dataset::Indicator], &[dataset::Unavailable]) {
            (d.meta(), d.sources(), d.area_sets(), d.trusts(), d.indicators(), d.unavailable())
        }
        (rest(&loaded) != rest(&ds)).then_some("a table")
    };
    if let Some(what) = what {
        return Err(format!(
            "{what} does not survive its own encoding: the loader reads back different values (a bug in crates/ics-data/src/dataset)"
        ));
    }
    // Table for table what the loader read back (and validated), in the built order.
    Ok(ds)
}

/// The editions shipped apart: all but the one today's area set opens with (the page's first view).
pub fn apart(ds: &Dataset) -> Vec<&str> {
    let today = &ds.area_sets()[ds.today()].edition;
    ds.editions().iter().map(|e| e.id.as_str()).filter(|id| id != today).collect()
}

/// The shipped files (path relative to the repository root, contents): for the core and for each edition
/// shipped apart, the JSON and a classic script carrying the same JSON text for file://.
pub fn render(ds: &Dataset) -> Vec<(String, String)> {
    let (core, apart) = ds.to_json_parts(&apart(ds));
    let mut out = vec![(DATASET_JS.to_string(), dataset_js(&core)), (DATASET_JSON.to_string(), core)];
    for (id, json) in apart {
        out.push((format!("{DATA_DIR}/{id}.js"), edition_js(&id, &json)));
        out.push((format!("{DATA_DIR}/{id}.json"), json));
    }
    out
}

/// A JSON text as a JavaScript string literal that no "</script" can end early.
fn js_string(json: &str) -> String {
    serde_json::to_string(json).unwrap_or_default().replace('<', "\\u003c")
}

/// Wraps dataset JSON text in a classic script. The text is kept as a string (parsed by the engine), which is
/// both faster than a JS object literal and guarantees the page sees exactly the bytes of `dataset.json`.
pub fn dataset_js(json: &str) -> String {
    format!(
        "// ICS Explorer dataset (schema {}), generated by `ics-explorer build-data`: do not edit.\n\
         // The same JSON as dataset.json, as a string, so the page works from file:// without fetch().\n\
         window.ICS_EXPLORER_DATASET = {};\n",
        dataset::SCHEMA_VERSION,
        js_string(json)
    )
}

/// Wraps an edition shipped apart in a classic script that adds it to `window.ICS_EXPLORER_EDITIONS`.
pub fn edition_js(id: &str, json: &str) -> String {
    format!(
        "// ICS Explorer dataset edition {id} (schema {}), generated by `ics-explorer build-data`: do not edit.\n\
         // Loaded by the page only when a view needs it; the same JSON as {id}.json, as a string.\n\
         (window.ICS_EXPLORER_EDITIONS = window.ICS_EXPLORER_EDITIONS || {{}})[{}] = {};\n",
        dataset::SCHEMA_VERSION,
        js_string(id),
        js_string(json)
    )
}

/// Wraps the optimised WebAssembly in a classic script (file:// pages cannot fetch it), deflated with Zopfli:
/// the page inflates it with the browser's DecompressionStream. 40% fewer bytes to download and parse than
/// plain base64.
pub fn wasm_js(wasm: &[u8]) -> String {
    let packed = ics_data::dataset::codec::base64_encode(&ics_data::dataset::codec::deflate(wasm));
    format!(
        "// ICS Explorer engine: the WebAssembly, deflated, as base64. Generated by scripts/build.sh: do not edit.\n\
         window.ICS_EXPLORER_WASM = {{\"encoding\":\"deflate-raw\",\"bytes\":{},\"base64\":\"{packed}\"}};\n",
        wasm.len()
    )
}

/// Writes (or with `check`, compares) the shipped files under `root`. Returns the paths that changed.
pub fn write(ds: &Dataset, root: &Path, check: bool) -> Result<Vec<PathBuf>, String> {
    let mut stale = Vec::new();
    for (rel, text) in render(ds) {
        let path = root.join(&rel);
        let current = std::fs::read(&path).ok();
        if current.as_deref() == Some(text.as_bytes()) {
            continue;
        }
        stale.push(path.clone());
        if !check {
            if let Some(dir) = path.parent() {
                std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
            }
            std::fs::write(&path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        }
    }
    Ok(stale)
}
