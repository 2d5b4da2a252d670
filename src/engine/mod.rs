//! The comparison and aggregation engine: the single source of truth for every figure ICS Explorer shows.
//!
//! It takes a validated [`Dataset`] and answers questions: indicator values with confidence intervals and
//! flags ([`values`]), rankings and comparisons with England ([`compare`]), deprivation peers ([`peers`]),
//! deprivation-adjusted fits ([`adjust`]), within-ICS variation ([`within`]), trends ([`trend`]), one ICS's
//! spine chart ([`profile`]), and the page's single [`query`]. Pure Rust: it never imports web-sys, js-sys or
//! gloo, never panics on a valid dataset, and reports unknown ids and codes as [`EngineError`]s.

pub mod adjust;
pub mod aggregate;
pub mod compare;
pub mod filter;
pub mod peers;
pub mod profile;
pub mod query;
pub mod stats;
pub mod trend;
pub mod values;
pub mod within;

use crate::dataset::{Dataset, Indicator};
use aggregate::{AreaIndex, AreaStats, Level};
use std::cell::OnceCell;
use std::fmt;

/// An engine question that cannot be answered, with what to do instead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EngineError(pub String);

impl fmt::Display for EngineError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for EngineError {}

pub struct Engine {
    ds: Dataset,
    index: AreaIndex,
    /// Aggregations by level, computed on first use (`Level::ALL` order).
    areas: [OnceCell<Vec<AreaStats>>; 6],
    /// Each indicator's default period index, computed on first use.
    defaults: Vec<OnceCell<usize>>,
}

impl Engine {
    pub fn new(ds: Dataset) -> Engine {
        let index = AreaIndex::new(&ds);
        let defaults = (0..ds.indicators.len()).map(|_| OnceCell::new()).collect();
        Engine { ds, index, areas: Default::default(), defaults }
    }

    pub fn dataset(&self) -> &Dataset {
        &self.ds
    }

    pub fn area_index(&self) -> &AreaIndex {
        &self.index
    }

    /// LSOA sums for every area of `level` (cached).
    pub fn areas(&self, level: Level) -> &[AreaStats] {
        let slot = Level::ALL.iter().position(|l| *l == level).unwrap_or(0);
        self.areas[slot].get_or_init(|| aggregate::aggregate(&self.ds, &self.index, level))
    }

    pub fn england_area(&self) -> &AreaStats {
        &self.areas(Level::England)[0]
    }

    /// The default period of indicator number `k` (cached; see `default_period`).
    pub fn default_period_cached(&self, k: usize) -> usize {
        match (self.defaults.get(k), self.ds.indicators.get(k)) {
            (Some(cell), Some(ind)) => *cell.get_or_init(|| self.default_period(ind)),
            _ => 0,
        }
    }

    /// The LSOA rows of one ICS.
    pub fn ics_rows(&self, ics: usize) -> Vec<usize> {
        (0..self.ds.lsoas.len()).filter(|&r| self.index.ics[r] as usize == ics).collect()
    }

    /// Looks up an indicator by id, or explains how to find valid ids.
    pub fn indicator(&self, id: &str) -> Result<(usize, &Indicator), EngineError> {
        self.ds.indicators.iter().enumerate().find(|(_, i)| i.id == id).ok_or_else(|| {
            let close: Vec<&str> = self
                .ds
                .indicators
                .iter()
                .map(|i| i.id.as_str())
                .filter(|i| i.contains(id) || id.contains(*i))
                .take(5)
                .collect();
            let hint = if close.is_empty() { String::new() } else { format!(" Did you mean: {}?", close.join(", ")) };
            EngineError(format!("unknown indicator \"{id}\".{hint} List them with `ics-explorer indicators`."))
        })
    }

    /// Looks up an ICS by ONS code (E54…), ODS code (Q..) or exact short name, case-insensitively.
    pub fn ics(&self, code: &str) -> Result<usize, EngineError> {
        let c = code.trim();
        self.ds
            .ics_index(c)
            .or_else(|| self.ds.icss.iter().position(|i| i.short_name.eq_ignore_ascii_case(c)))
            .ok_or_else(|| {
                EngineError(format!(
                    "unknown ICS \"{code}\": use an ICB code such as E54000008 or QYG (list them with `ics-explorer table population`)"
                ))
            })
    }
}

#[cfg(test)]
pub(crate) mod fixture;
