//! The dataset's wire format, table by table, each table's reader beside its writer: [`measure`] (fixed-point
//! differences), [`boundary`] (delta-coded rings), [`edition`] and its packed LSOA table [`lsoa`] (predictors,
//! residuals, [`super::codec`]). The other tables are plain JSON objects: `load` reads them, and their derived
//! `Serialize` writes them.
//!
//! Readers are total (every defect a [`super::Problem`], never a panic). Every writer, and the encoder behind it
//! (least squares, Zopfli), is behind the `write` feature: the browser's build must never enable it, so the
//! wasm holds readers only.

pub mod boundary;
pub mod edition;
pub mod lsoa;
pub mod measure;

#[cfg(feature = "write")]
use super::model::{Dataset, Edition, SCHEMA_VERSION};

#[cfg(feature = "write")]
impl Dataset {
    /// The shipped files' JSON: the core (everything but the editions in `apart`, each of which gets a file of
    /// its own, `{"schema_version": 3, "edition": {…}}`, for the page to load when it is needed). Fields are in
    /// declaration order, so the output is byte-stable.
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
