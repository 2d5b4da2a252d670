//! The shipped dataset: its typed model, its loader/validator, the frames the engine reads, and the problems
//! it reports.
//!
//! Data comes in as JSON text (`www/data/dataset.json`, or the same text inside `dataset.js` for file://; an
//! edition shipped apart, such as `imd2019.json`, through `Dataset::load_edition`) and leaves as a trusted
//! [`Dataset`]; `Dataset::frame` gives the engine one area set seen through one edition. This module must never
//! import web-sys, js-sys or gloo, and must never panic on outside data: every defect becomes a [`Problem`]
//! naming table, row and field.

pub mod codec;
mod frame;
mod load;
mod lsoa_wire;
mod model;
mod problem;

pub use load::{load, period_is_valid};
pub use model::*;
pub use problem::{Problem, Problems};

impl Dataset {
    /// The shipped files' JSON: the core (everything but the editions in `apart`, each of which gets a file of
    /// its own, `{"schema_version": 3, "edition": {…}}`, for the page to load when it is needed). Fields are in
    /// declaration order, so the output is byte-stable.
    #[cfg(feature = "write")]
    pub fn to_json_parts(&self, apart: &[&str]) -> (String, Vec<(String, String)>) {
        let mut core = self.clone();
        core.editions.retain(|e| !apart.contains(&e.id.as_str()));
        let parts = self
            .editions
            .iter()
            .filter(|e| apart.contains(&e.id.as_str()))
            .map(|e| (e.id.clone(), to_json(&EditionFile { schema_version: SCHEMA_VERSION, edition: e })))
            .collect();
        (to_json(&core), parts)
    }

    /// The base area set's index (0): the set the series are published on.
    pub const BASE: usize = 0;

    /// Today's area set: the last, which the page and the CLI open on.
    pub fn today(&self) -> usize {
        self.area_sets.len().saturating_sub(1)
    }

    pub fn indicator(&self, id: &str) -> Option<&Indicator> {
        self.indicators.iter().find(|i| i.id == id)
    }

    pub fn measure(&self, id: &str) -> Option<&Measure> {
        self.measures.iter().find(|m| m.id == id)
    }
}

/// An edition shipped in a file of its own.
#[cfg(feature = "write")]
#[derive(serde::Serialize)]
struct EditionFile<'a> {
    schema_version: u32,
    edition: &'a Edition,
}

/// Serialising plain data with finite floats cannot fail; an empty object stands in to stay panic-free.
#[cfg(feature = "write")]
fn to_json<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_string(v).unwrap_or_else(|_| String::from("{}"))
}

impl Frame {
    pub fn ics_index(&self, code: &str) -> Option<usize> {
        let code = code.trim();
        self.icss.iter().position(|i| i.code.eq_ignore_ascii_case(code) || i.ods.eq_ignore_ascii_case(code))
    }

    pub fn indicator(&self, id: &str) -> Option<&Indicator> {
        self.indicators.iter().find(|i| i.id == id)
    }

    pub fn measure(&self, id: &str) -> Option<&Measure> {
        self.measures.iter().find(|m| m.id == id)
    }
}
