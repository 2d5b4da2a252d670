//! ICS Explorer's data layer: the trusted dataset ([`dataset`]: model, validating loader, frames, problems, the
//! packed LSOA columns) and the small total readers and helpers every layer shares ([`csv`], [`json`],
//! [`format`], [`sort`], and [`export`], the CSV writer of downloads and the CLI).
//!
//! It never imports web-sys, js-sys or gloo and never knows about the engine or the page; it compiles for the
//! browser and natively alike. Writing the dataset (serde_json, Zopfli) is behind the `write` feature, which only
//! the native `ics-explorer` package enables; `testdata`, the shipped dataset cached for tests, is behind the
//! `testdata` feature, which only dev-dependencies enable. Nothing here panics on outside data.

pub mod csv;
pub mod dataset;
pub mod export;
pub mod format;
pub mod json;
pub mod num;
pub mod sort;
#[cfg(feature = "testdata")]
pub mod testdata;
