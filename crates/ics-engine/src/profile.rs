//! One ICS's profile: every indicator at once, at its default period, against the spread of all ICSs and
//! England (the data behind a Fingertips-style spine chart), with or without estimated values.

use super::compare::{Significance, Summary};
use super::values::Value;
use super::{Engine, EngineError};
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SpineRow {
    pub indicator: usize,
    pub period: String,
    pub value: Value,
    pub england: Option<f64>,
    pub comparator: Option<f64>,
    pub comparator_label: String,
    pub summary: Summary,
    pub rank: Option<usize>,
    pub significance: Significance,
}

impl Engine {
    /// Every indicator for ICS `ics`, in dataset order.
    pub fn profile(&self, ics: usize) -> Result<Vec<SpineRow>, EngineError> {
        self.profile_with(ics, false)
    }

    /// As [`Engine::profile`]; with `hide_estimates`, estimated values are left out of everything (the ICS's own
    /// values, the spreads and the ranks).
    pub fn profile_with(&self, ics: usize, hide_estimates: bool) -> Result<Vec<SpineRow>, EngineError> {
        if ics >= self.ds.icss.len() {
            return Err(EngineError(format!("no ICS number {ics}")));
        }
        Ok((0..self.catalogue().indicators.len())
            .map(|k| {
                let ind = &self.catalogue().indicators[k];
                let values = self.values_at(ind, self.default_period_cached(k));
                let mut c = self.compare(k, if hide_estimates { values.without_estimates() } else { values });
                let row = c.rows.swap_remove(ics);
                SpineRow {
                    indicator: k,
                    period: c.period,
                    value: row.value,
                    england: c.england.value,
                    comparator: c.comparator,
                    comparator_label: c.comparator_label,
                    summary: c.summary,
                    rank: row.rank,
                    significance: row.significance,
                }
            })
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::super::fixture;

    #[test]
    fn a_profile_has_every_indicator() {
        let e = fixture::engine();
        let p = e.profile(1).unwrap();
        assert_eq!(p.len(), e.catalogue().indicators.len());
        let pop = &p[0];
        assert_eq!(pop.value.value, Some(2000.0));
        assert_eq!(pop.england, Some(10_000.0));
        assert_eq!(pop.summary.n, 4);
        assert_eq!(pop.rank, Some(3));
        let within = p.iter().find(|r| e.catalogue().indicators[r.indicator].id == "within_pct").unwrap();
        assert_eq!(within.period, "2024-03");
        assert!(e.profile(4).is_err());
    }
}
