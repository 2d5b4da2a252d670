//! Variation inside one ICS: how its neighbourhoods spread across England's deprivation deciles, how its
//! local authorities and sub-ICB locations differ, and the slope index of inequality of the LSOA-level
//! variables across its deprivation deciles.

use super::aggregate::{self, AreaStats, Keys, Level, Rows};
use super::stats;
use super::{Engine, EngineError};
use crate::dataset::{AgeBand, Deprivation, Polarity, Score, Weight};
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WithinArea {
    pub level: Level,
    pub code: String,
    pub name: String,
    pub lsoas: u32,
    pub population: f64,
    /// % of the ICS's residents who live in this part.
    pub share_of_ics: f64,
    /// For local authorities: % of the authority's LSOAs that are inside the ICS.
    pub share_inside: Option<f64>,
    pub core20_pop_share: f64,
    pub imd_score_mean: f64,
    /// % of residents in each national IMD quintile (1 = most deprived).
    pub quintiles: [f64; 5],
}

/// A gradient across the ICS's deprivation deciles.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Inequality {
    pub variable: String,
    pub unit: String,
    /// The variable in each national IMD decile within the ICS (None where the ICS has no LSOAs).
    pub by_decile: [Option<f64>; 10],
    /// Slope index of inequality: the modelled gap between the most and least deprived ends of the ICS's
    /// population; positive means worse (or, for neutral variables, higher) in more deprived areas.
    pub sii: Option<f64>,
    /// Relative index: the ratio of the modelled values at the two ends, oriented like the SII (> 1 = worse or
    /// higher in more deprived areas).
    pub rii: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Within {
    pub ics: usize,
    pub lsoas: u32,
    pub population: f64,
    /// LSOAs and residents in each national IMD decile.
    pub decile_lsoas: [f64; 10],
    pub decile_population: [f64; 10],
    pub areas: Vec<WithinArea>,
    pub inequality: Vec<Inequality>,
}

impl Engine {
    /// A sub-ICB location's name as people know it: the upper-tier local authorities where at least a tenth
    /// of its residents live, largest first, then its NHS code ("Birmingham and Solihull (15E)"). The official
    /// names ("NHS Birmingham and Solihull ICB - 15E") repeat the ICB; these come from the LSOA lookups.
    pub fn sicbl_label(&self, s: usize) -> String {
        let ds = &self.ds;
        let Some(sicbl) = ds.sicbls.get(s) else { return String::new() };
        let mut residents = vec![0u64; ds.utlas.len()];
        for r in 0..ds.lsoas.len() {
            if usize::from(ds.lsoas.sicbl[r]) == s {
                residents[usize::from(self.index.utla[r])] += u64::from(ds.lsoas.total_population(r));
            }
        }
        let total: u64 = residents.iter().sum();
        let order = crate::sort::order(residents.len(), &|a, b| residents[b].cmp(&residents[a]).then(a.cmp(&b)));
        let places: Vec<&str> = order.iter().filter(|&&u| residents[u] > 0 && residents[u] * 10 >= total).map(|&u| ds.utlas[u].name.as_str()).collect();
        let named = match places.as_slice() {
            [] => return sicbl.name.clone(),
            [one] => one.to_string(),
            [a, b, c, more @ ..] if !more.is_empty() => format!("{a}, {b}, {c} and {} more", more.len()),
            [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
        };
        format!("{named} ({})", sicbl.ods)
    }

    pub fn within(&self, ics: usize) -> Result<Within, EngineError> {
        let ds = &self.ds;
        if ics >= ds.icss.len() {
            return Err(EngineError(format!("no ICS number {ics}")));
        }
        let index = &self.index;
        let rows = self.ics_rows(ics);
        let own = &self.areas(Level::Ics)[ics];
        let pop = own.total_population();
        let mut areas = Vec::new();
        for level in [Level::Utla, Level::Ltla, Level::Sicbl] {
            let parts = aggregate::aggregate_rows(&ds.lsoas.columns(), Rows::Only(&rows), aggregate::keys(ds, index, level), aggregate::area_count(ds, level));
            let totals = self.areas(level);
            for (a, (part, total)) in parts.iter().zip(totals).enumerate() {
                if part.lsoas == 0 {
                    continue;
                }
                let (code, name) = match level {
                    Level::Utla => (&ds.utlas[a].code, ds.utlas[a].name.clone()),
                    Level::Ltla => (&ds.ltlas[a].code, ds.ltlas[a].name.clone()),
                    _ => (&ds.sicbls[a].code, self.sicbl_label(a)),
                };
                areas.push(WithinArea {
                    level,
                    code: code.clone(),
                    name,
                    lsoas: part.lsoas,
                    population: part.total_population(),
                    share_of_ics: 100.0 * part.total_population() / pop,
                    share_inside: (level != Level::Sicbl).then(|| 100.0 * f64::from(part.lsoas) / f64::from(total.lsoas)),
                    core20_pop_share: part.deprived_share(Deprivation::Imd, 2, Weight::Population),
                    imd_score_mean: part.mean_score(Score::Imd),
                    quintiles: part.quintile_shares(Deprivation::Imd, Weight::Population),
                });
            }
        }
        // The ICS's LSOAs grouped by national IMD decile.
        let by_decile = aggregate::aggregate_rows(&ds.lsoas.columns(), Rows::Only(&rows), Keys::DecileOf(&ds.lsoas.deciles[0]), 10);
        let shares: Vec<f64> = by_decile.iter().map(AreaStats::total_population).collect();
        let variables: [(&str, &str, Polarity, fn(&AreaStats) -> f64); 4] = [
            ("Income deprivation rate", "% of residents", Polarity::LowerIsBetter, |a| a.mean_score(Score::IncomeRate)),
            ("Employment deprivation rate", "% of residents", Polarity::LowerIsBetter, |a| a.mean_score(Score::EmploymentRate)),
            ("Aged 65 and over", "% of residents", Polarity::Neutral, |a| a.age_share(AgeBand::Age65To74)),
            ("Aged 85 and over", "% of residents", Polarity::Neutral, |a| a.age_share(AgeBand::Age85Plus)),
        ];
        let inequality = variables
            .iter()
            .map(|(name, unit, polarity, f)| {
                let vals: Vec<f64> = by_decile.iter().map(|a| if a.lsoas > 0 { f(a) } else { f64::NAN }).collect();
                let fit = stats::slope_index(&shares, &vals);
                let sign = if *polarity == Polarity::HigherIsBetter { 1.0 } else { -1.0 };
                let (sii, rii) = match fit {
                    Some((alpha, beta)) => {
                        let (deprived, least) = (alpha, alpha + beta);
                        let rii = if *polarity == Polarity::HigherIsBetter { least / deprived } else { deprived / least };
                        (Some(sign * beta), rii.is_finite().then_some(rii))
                    }
                    None => (None, None),
                };
                Inequality {
                    variable: name.to_string(),
                    unit: unit.to_string(),
                    by_decile: std::array::from_fn(|d| vals[d].is_finite().then_some(vals[d])),
                    sii,
                    rii,
                }
            })
            .collect();
        Ok(Within {
            ics,
            lsoas: own.lsoas,
            population: pop,
            decile_lsoas: std::array::from_fn(|d| own.deciles[0][d][0]),
            decile_population: std::array::from_fn(|d| own.deciles[0][d][1]),
            areas,
            inequality,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::super::fixture;
    use super::*;

    #[test]
    fn within_alpha() {
        let e = fixture::engine();
        let w = e.within(0).unwrap();
        assert_eq!(w.lsoas, 3);
        assert_eq!(w.population, 400.0);
        assert_eq!(w.decile_population, [100.0, 200.0, 0.0, 0.0, 100.0, 0.0, 0.0, 0.0, 0.0, 0.0]);
        // Alpha holds all of Upper Zero's r0–r2 (3 of its 4 LSOAs), Lower Zero wholly, and r2 of Lower One's 2.
        let utla: Vec<&WithinArea> = w.areas.iter().filter(|a| a.level == Level::Utla).collect();
        assert_eq!(utla.len(), 1);
        assert_eq!(utla[0].share_inside, Some(75.0));
        let ltla: Vec<(&str, Option<f64>, f64)> = w.areas.iter().filter(|a| a.level == Level::Ltla).map(|a| (a.name.as_str(), a.share_inside, a.share_of_ics)).collect();
        assert_eq!(ltla, [("Lower Zero", Some(100.0), 75.0), ("Lower One", Some(50.0), 25.0)]);
        // Income deprivation by decile: 30% (decile 1), 25% (2), 10% (5): falls with less deprivation, so the
        // SII (lower is better) is positive: worse in more deprived areas.
        let inc = &w.inequality[0];
        assert_eq!(inc.by_decile[0], Some(30.0));
        assert_eq!(inc.by_decile[4], Some(10.0));
        assert_eq!(inc.by_decile[2], None);
        assert!(inc.sii.unwrap() > 0.0 && inc.rii.unwrap() > 1.0, "{inc:?}");
        assert!(e.within(9).is_err());
        // Sub-ICB locations are named by the authorities their residents live in.
        let sub: Vec<&str> = w.areas.iter().filter(|a| a.level == Level::Sicbl).map(|a| a.name.as_str()).collect();
        assert!(sub.iter().all(|n| n.starts_with("Upper Zero") && n.ends_with(')')), "{sub:?}");
    }
}
