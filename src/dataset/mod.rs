//! The shipped dataset: its typed model, its loader/validator, and the problems it reports.
//!
//! Data comes in as JSON text (`www/data/dataset.json`, or the same text inside `dataset.js` for file://) and
//! leaves as a trusted [`Dataset`]. This module must never import web-sys, js-sys or gloo, and must never panic
//! on outside data: every defect becomes a [`Problem`] naming table, row and field.

pub mod codec;
mod load;
mod lsoa_wire;
mod model;
mod problem;

pub use load::{load, period_is_valid};
pub use model::*;
pub use problem::{Problem, Problems};

impl Dataset {
    /// Serialises the dataset in the shipped JSON form (fields in declaration order, so the output is byte-stable).
    #[cfg(not(target_arch = "wasm32"))]
    pub fn to_json(&self) -> String {
        // Serialising plain data with finite floats cannot fail; fall back to an empty object to stay panic-free.
        serde_json::to_string(self).unwrap_or_else(|_| String::from("{}"))
    }

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
