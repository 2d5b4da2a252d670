//! The shipped dataset against the raw sources: it loads, it is what `build-data` makes from `data/` (byte
//! for byte, twice), and hand-checked values from the source CSVs come through unchanged.

use ics_explorer::{build, dataset};
use std::path::Path;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn shipped() -> dataset::Dataset {
    let json = std::fs::read_to_string(root().join(build::DATASET_JSON)).unwrap();
    dataset::load(&json).unwrap_or_else(|p| panic!("{p}"))
}

#[test]
fn build_is_byte_identical_and_matches_the_shipped_files() {
    let a = build::render(&build::build(&root().join("data")).unwrap());
    let b = build::render(&build::build(&root().join("data")).unwrap());
    assert!(a == b, "two builds differ");
    let json = std::fs::read_to_string(root().join(build::DATASET_JSON)).unwrap();
    let js = std::fs::read_to_string(root().join(build::DATASET_JS)).unwrap();
    assert!(a.0 == json, "www/data/dataset.json is stale: run `cargo run -- build-data`");
    assert!(a.1 == js, "www/data/dataset.js is stale: run `cargo run -- build-data`");
    assert_eq!(build::dataset_js(&json), js, "dataset.js must carry exactly the JSON of dataset.json");
}

#[test]
fn icss_and_regions_match_the_ons_lookup() {
    let ds = shipped();
    assert_eq!(ds.icss.len(), 42);
    assert_eq!(ds.regions.len(), 7);
    // data/icb22.csv row 4: E54000011,QOC,"NHS Shropshire, Telford and Wrekin Integrated Care Board",…,Midlands
    let i = ds.ics_index("QOC").unwrap();
    assert_eq!(ds.icss[i].code, "E54000011");
    assert_eq!(ds.icss[i].short_name, "Shropshire, Telford and Wrekin");
    assert_eq!(ds.regions[ds.icss[i].region].name, "Midlands");
    // Region sizes from data/SOURCES.md §2: London 5, South East 6, South West 7, East 6, North West 3,
    // Midlands 11, North East and Yorkshire 4.
    let count = |name: &str| ds.icss.iter().filter(|x| ds.regions[x.region].name == name).count();
    let sizes = [("London", 5), ("South East", 6), ("South West", 7), ("East of England", 6), ("North West", 3), ("Midlands", 11), ("North East and Yorkshire", 4)];
    for (name, n) in sizes {
        assert_eq!(count(name), n, "{name}");
    }
}

#[test]
fn populations_match_the_allocations_file() {
    let ds = shipped();
    let pop = ds.measure("projected_population").unwrap();
    let get = |ods: &str| pop.values[0][ds.ics_index(ods).unwrap()].unwrap();
    // data/ics/icb22_population_allocations_2022_23.csv, projected_population_2022_23.
    assert_eq!(get("QOC"), 521391.2);
    assert_eq!(get("QOP"), 3146943.3);
    assert_eq!(get("QYG"), 2714167.0);
    let total: f64 = pop.values[0].iter().flatten().sum();
    assert_eq!(total.round(), 61_498_822.0, "England total from data/ics/SOURCES.md §2");
    let reg = ds.measure("registered_patients").unwrap();
    assert_eq!(reg.values[0].iter().flatten().sum::<f64>(), 61_194_033.0);
}
