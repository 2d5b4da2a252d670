//! ICS Explorer: compare England's 42 Integrated Care Systems side by side, fairly.
//!
//! One crate, three faces. The pure-Rust core ([`dataset`], [`engine`], [`ui`], [`format`], [`csv`]) compiles
//! everywhere and is tested natively. On wasm32, [`web`] mounts the page into the browser DOM. Natively,
//! [`build`], [`cli`] and [`serve`] build the dataset from raw sources and answer questions in a terminal.
//! See ARCHITECTURE.md for the map.

// The layers already split into crates, re-exported so `ics_explorer::dataset`, `ics_explorer::engine` (tests,
// the CLI) keep working.
pub use ics_data::{csv, dataset, format, json, sort};
pub use ics_engine as engine;
pub use ics_engine::import;
pub use ics_ui as ui;

#[cfg(not(target_arch = "wasm32"))]
pub mod bench;
#[cfg(not(target_arch = "wasm32"))]
pub mod build;
#[cfg(not(target_arch = "wasm32"))]
pub mod cli;
#[cfg(not(target_arch = "wasm32"))]
pub mod dist;
#[cfg(not(target_arch = "wasm32"))]
pub mod serve;

#[cfg(target_arch = "wasm32")]
pub use ics_web as web;
