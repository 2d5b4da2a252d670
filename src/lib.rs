//! ICS Explorer: compare England's Integrated Care Boards side by side, fairly.
//!
//! The `ics-explorer` package: the native tools ([`build`], [`cli`], [`serve`], [`dist`], [`bench`](mod@bench)) over the
//! layer crates of the workspace (`ics-data` → `ics-engine` → `ics-ui` → `ics-web`, see ARCHITECTURE.md). It never
//! reaches the browser: the wasm is built from `ics-web`. The re-exports below keep the old paths for the tests.

// The layers already split into crates, re-exported so `ics_explorer::dataset`, `ics_explorer::engine` (tests,
// the CLI) keep working.
pub use ics_data::{csv, dataset, format, json, sort};
pub use ics_engine as engine;
pub use ics_engine::import;
pub use ics_ui as ui;

pub mod bench;
pub mod build;
pub mod cli;
pub mod dist;
pub mod serve;
