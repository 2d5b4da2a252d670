//! ICS Explorer: compare England's Integrated Care Boards side by side, fairly.
//!
//! The `ics-explorer` package: the native tools ([`build`], [`cli`], [`dist`], [`prerender`], [`bench`](mod@bench)) over the
//! layer crates of the workspace (`ics-data` → `ics-engine` → `ics-ui` → `ics-web`, see ARCHITECTURE.md). It never
//! reaches the browser: the wasm is built from `ics-web`.

pub mod bench;
pub mod build;
pub mod cli;
pub mod dist;
pub mod prerender;
