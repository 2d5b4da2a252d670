//! Filters on ICSs: NHS region, population band, deprivation group and a range on any indicator. Bands and
//! groups have fixed, published thresholds so that a filtered view is reproducible and explainable. Two filters
//! depend on the query (the selected ICS's peers, and leaving out estimated values): `Engine::query` applies them.

use super::{Engine, EngineError};
use ics_data::dataset::{Deprivation, Weight};
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PopulationBand {
    Under1m,
    From1mTo1_5m,
    From1_5mTo2m,
    Over2m,
}

names!(PopulationBand {
    Under1m => "under_1m", "Under 1 million",
    From1mTo1_5m => "1m_to_1_5m", "1 to 1.5 million",
    From1_5mTo2m => "1_5m_to_2m", "1.5 to 2 million",
    Over2m => "over_2m", "2 million or more",
});

impl PopulationBand {
    pub fn contains(self, population: f64) -> bool {
        let (lo, hi) = match self {
            PopulationBand::Under1m => (0.0, 1.0e6),
            PopulationBand::From1mTo1_5m => (1.0e6, 1.5e6),
            PopulationBand::From1_5mTo2m => (1.5e6, 2.0e6),
            PopulationBand::Over2m => (2.0e6, f64::INFINITY),
        };
        population >= lo && population < hi
    }
}

/// Groups by Core20 population share (residents in England's 20% most deprived LSOAs; England: 20%).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DeprivationGroup {
    Low,
    BelowAverage,
    AboveAverage,
    High,
}

names!(DeprivationGroup {
    Low => "low", "Low: under 10% in the most deprived fifth",
    BelowAverage => "below_average", "Below average: 10% to 20%",
    AboveAverage => "above_average", "Above average: 20% to 30%",
    High => "high", "High: 30% or more",
});

impl DeprivationGroup {
    pub fn contains(self, core20_pct: f64) -> bool {
        let (lo, hi) = match self {
            DeprivationGroup::Low => (0.0, 10.0),
            DeprivationGroup::BelowAverage => (10.0, 20.0),
            DeprivationGroup::AboveAverage => (20.0, 30.0),
            DeprivationGroup::High => (30.0, f64::INFINITY),
        };
        core20_pct >= lo && core20_pct < hi
    }
}

/// Keep ICSs whose value of `indicator` (at its default period) lies in [min, max].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RangeFilter {
    pub indicator: String,
    pub min: Option<f64>,
    pub max: Option<f64>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Filters {
    /// NHS region codes (ONS E40… or ODS Y..); empty = all regions.
    pub regions: Vec<String>,
    pub population: Option<PopulationBand>,
    pub deprivation: Option<DeprivationGroup>,
    pub range: Option<RangeFilter>,
    /// Only the selected ICS and its peers (applied by the query, which knows them; no effect without a
    /// selection).
    pub peers_only: bool,
    /// Leave out ICSs whose value of the queried indicator is an apportioned estimate (applied by the query,
    /// which knows the values; see `Value::estimate`).
    pub hide_estimates: bool,
}

impl Filters {
    pub fn is_empty(&self) -> bool {
        *self == Filters::default()
    }
}

impl Engine {
    /// Which ICSs pass the filters, in dataset order.
    pub fn included(&self, f: &Filters) -> Result<Vec<bool>, EngineError> {
        let ds = &self.ds;
        let mut regions = Vec::new();
        for code in &f.regions {
            let r = ds.regions.iter().position(|r| r.code.eq_ignore_ascii_case(code) || r.ods.eq_ignore_ascii_case(code)).ok_or_else(|| {
                let valid: Vec<String> = ds.regions.iter().map(|r| format!("{} ({})", r.ods, r.name)).collect();
                EngineError(format!("unknown NHS region \"{code}\"; use one of: {}", valid.join(", ")))
            })?;
            regions.push(r);
        }
        let population = self.population();
        let core20: Vec<f64> =
            self.areas(super::aggregate::Level::Ics).iter().map(|a| a.deprived_share(Deprivation::Imd, 2, Weight::Population)).collect();
        let range = match &f.range {
            Some(r) => {
                let (k, ind) = self.indicator(&r.indicator)?;
                Some((self.values_at(ind, self.default_period_cached(k)), r.min, r.max))
            }
            None => None,
        };
        Ok((0..ds.icss.len())
            .map(|i| {
                (regions.is_empty() || regions.contains(&ds.icss[i].region))
                    && f.population.is_none_or(|b| population[i].is_some_and(|p| b.contains(p)))
                    && f.deprivation.is_none_or(|g| g.contains(core20[i]))
                    && range
                        .as_ref()
                        .is_none_or(|(v, lo, hi)| v.icss[i].value.is_some_and(|x| lo.is_none_or(|lo| x >= lo) && hi.is_none_or(|hi| x <= hi)))
            })
            .collect())
    }

    /// Each area's population of record (the frame's: NHS England's projection for 2022/23 for the July 2022
    /// ICSs, ONS mid-2022 for the April 2026 ICBs), if the frame has one.
    pub fn population(&self) -> Vec<Option<f64>> {
        match self.ds.population.and_then(|k| self.catalogue().measures.get(k)) {
            Some(m) => m.values.first().cloned().unwrap_or_else(|| vec![None; self.ds.icss.len()]),
            None => vec![None; self.ds.icss.len()],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::fixture;
    use super::*;

    #[test]
    fn filters_combine() {
        let e = fixture::engine();
        let f = |filters: Filters| e.included(&filters).unwrap();
        assert_eq!(f(Filters::default()), [true; 4]);
        assert_eq!(f(Filters { regions: vec!["Y02".into()], ..Filters::default() }), [false, false, true, true]);
        assert_eq!(f(Filters { regions: vec!["e40000001".into()], ..Filters::default() }), [true, true, false, false]);
        // Core20 population shares: A 75% (deciles 1 and 2 hold 300 of 400 people); B, C and D 0%.
        assert_eq!(f(Filters { deprivation: Some(DeprivationGroup::High), ..Filters::default() }), [true, false, false, false]);
        let range = RangeFilter { indicator: "population".into(), min: Some(1500.0), max: Some(3500.0) };
        assert_eq!(f(Filters { range: Some(range), ..Filters::default() }), [false, true, false, true]);
        let err = e.included(&Filters { regions: vec!["Y99".into()], ..Filters::default() }).unwrap_err();
        assert!(err.0.contains("unknown NHS region \"Y99\"; use one of: Y01 (North), Y02 (South)"), "{err}");
    }

    #[test]
    fn bands_have_half_open_edges() {
        assert!(PopulationBand::Under1m.contains(999_999.0) && !PopulationBand::Under1m.contains(1.0e6));
        assert!(PopulationBand::From1mTo1_5m.contains(1.0e6));
        assert!(DeprivationGroup::AboveAverage.contains(20.0) && !DeprivationGroup::BelowAverage.contains(20.0));
        for b in PopulationBand::ALL {
            assert_eq!(PopulationBand::from_key(b.key()), Some(b));
        }
    }
}
