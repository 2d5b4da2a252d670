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
mod model;
mod problem;
mod wire;

pub use load::{load, load_tree, period_is_valid};
pub use model::*;
pub use problem::{Problem, Problems};

impl Dataset {
    /// The build step's constructor: the tables as assembled from `data/`, given the whole-dataset checks
    /// (`load`'s last step: unique ids and codes, shares, populations). The row-level checks run when
    /// `build-data` loads what it wrote back, which must give this very dataset.
    #[cfg(feature = "write")]
    pub fn from_parts(
        meta: Meta,
        sources: Vec<Source>,
        area_sets: Vec<AreaSet>,
        editions: Vec<Edition>,
        trusts: Vec<Trust>,
        measures: Vec<Measure>,
        indicators: Vec<Indicator>,
        unavailable: Vec<Unavailable>,
    ) -> Result<Dataset, Problems> {
        let ds = Dataset { schema_version: SCHEMA_VERSION, meta, sources, area_sets, editions, trusts, measures, indicators, unavailable };
        load::checked(ds)
    }

    /// Always [`SCHEMA_VERSION`].
    pub fn schema_version(&self) -> u32 {
        self.schema_version
    }

    pub fn meta(&self) -> &Meta {
        &self.meta
    }

    pub fn sources(&self) -> &[Source] {
        &self.sources
    }

    /// The first is the base set: the one the series are published on.
    pub fn area_sets(&self) -> &[AreaSet] {
        &self.area_sets
    }

    /// The editions loaded so far (the page loads one more on demand: see `load_edition`).
    pub fn editions(&self) -> &[Edition] {
        &self.editions
    }

    /// NHS trusts; `Trust::ics` indexes the base set's areas.
    pub fn trusts(&self) -> &[Trust] {
        &self.trusts
    }

    pub fn measures(&self) -> &[Measure] {
        &self.measures
    }

    pub fn indicators(&self) -> &[Indicator] {
        &self.indicators
    }

    /// Indicators the brief asks for that no obtainable source provides, shown to users as missing.
    pub fn unavailable(&self) -> &[Unavailable] {
        &self.unavailable
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

impl Frame {
    pub fn ics_index(&self, code: &str) -> Option<usize> {
        let code = code.trim();
        self.icss.iter().position(|i| i.code.eq_ignore_ascii_case(code) || i.ods.eq_ignore_ascii_case(code))
    }

    /// The frame's own indicator `id` (an engine's `catalogue().indicator(id)` finds the user's too).
    pub fn indicator(&self, id: &str) -> Option<&Indicator> {
        self.indicators.iter().find(|i| i.id == id)
    }

    pub fn measure(&self, id: &str) -> Option<&Measure> {
        self.measures.iter().find(|m| m.id == id)
    }

    /// The frame's own indicators, as the dataset gave them (an engine reads them with the user's after them).
    pub fn shipped_indicators(&self) -> &[Indicator] {
        &self.indicators
    }

    pub fn shipped_measures(&self) -> &[Measure] {
        &self.measures
    }

    pub fn shipped_sources(&self) -> &[Source] {
        &self.sources
    }

    /// A hand-built frame's catalogues, for tests that make a frame of their own from `Frame::default()` (only with
    /// `testdata`: a frame the dataset made is never changed).
    #[cfg(feature = "testdata")]
    pub fn with_catalogues(self, sources: Vec<Source>, measures: Vec<Measure>, indicators: Vec<Indicator>) -> Frame {
        Frame { sources, measures, indicators, ..self }
    }
}
