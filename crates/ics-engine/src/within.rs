//! Variation inside one ICS: how its neighbourhoods spread across England's deprivation deciles, how its
//! local authorities and sub-ICB locations differ, and the slope and relative indices of inequality of the
//! LSOA-level variables across its own (local) deprivation deciles.
//!
//! Local deciles: the ICS's LSOAs ranked by their national IMD 2019 rank (most deprived first; LSOAs sharing a
//! rank in LSOA code order) and cut into ten groups of equal LSOA counts (the k-th of n, from 0, is in group
//! ⌊10k/n⌋ + 1, so group sizes differ by at most one), as PHE's local deciles are. National deciles would leave
//! some groups empty in most ICSs and the fitted line would then run far beyond the ICS's own range.

use super::aggregate::{self, AreaStats, Keys, Level, Rows};
use super::stats;
use super::{Engine, EngineError};
use ics_data::dataset::{AgeBand, Deprivation, Polarity, Score, Weight};
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

/// A gradient across the ICS's local deprivation deciles.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Inequality {
    pub variable: String,
    pub unit: String,
    /// The variable in each local decile (1 = the ICS's most deprived tenth of neighbourhoods; None where a
    /// decile has no residents, which only an ICS of fewer than ten LSOAs can have).
    pub by_decile: [Option<f64>; 10],
    /// Slope index of inequality (PHE method): the modelled gap between the most and least deprived ends of the
    /// ICS's population; positive means worse (or, for neutral variables, higher) in more deprived areas.
    pub sii: Option<f64>,
    /// Why there is no SII (PHE's rules: residents in every decile, at least 5 deciles).
    pub sii_problem: Option<stats::SlopeIndexProblem>,
    /// The modelled values at the most and least deprived extremes (the ends of the fitted line).
    pub modelled_ends: Option<[f64; 2]>,
    /// Relative index: the ratio of the modelled values at the two ends, oriented like the SII (> 1 = worse or
    /// higher in more deprived areas).
    pub rii: Option<f64>,
    /// Why there is no RII although there is an SII (see `stats::relative_index`).
    pub rii_problem: Option<stats::RelativeIndexProblem>,
}

/// The ICS's two population figures and England's, which count different things: people living in its
/// neighbourhoods (ONS mid-2020 estimates, the base of every LSOA figure) and NHS England's projection of the
/// population its GP practices serve in 2022/23 (from registrations in October 2021; the denominator of
/// per-head rates).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Populations {
    pub residents: f64,
    pub projected: Option<f64>,
    pub registered: Option<f64>,
    pub england_residents: f64,
    pub england_projected: Option<f64>,
}

impl Populations {
    /// How much larger the projection is than the resident estimate, in per cent (ICS, England).
    pub fn excess(&self) -> (Option<f64>, Option<f64>) {
        let pct = |p: Option<f64>, r: f64| p.filter(|_| r > 0.0).map(|p| 100.0 * (p / r - 1.0));
        (pct(self.projected, self.residents), pct(self.england_projected, self.england_residents))
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Within {
    pub ics: usize,
    pub lsoas: u32,
    pub population: f64,
    /// LSOAs and residents in each national IMD decile.
    pub decile_lsoas: [f64; 10],
    pub decile_population: [f64; 10],
    /// LSOAs and residents in each local IMD decile (the groups of the inequality gradients).
    pub local_decile_lsoas: [f64; 10],
    pub local_decile_population: [f64; 10],
    pub areas: Vec<WithinArea>,
    pub inequality: Vec<Inequality>,
    pub populations: Populations,
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
        let order = ics_data::sort::order(residents.len(), &|a, b| residents[b].cmp(&residents[a]).then(a.cmp(&b)));
        let places: Vec<&str> =
            order.iter().filter(|&&u| residents[u] > 0 && residents[u] * 10 >= total).map(|&u| ds.utlas[u].name.as_str()).collect();
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
            let parts = aggregate::aggregate_rows(
                &aggregate::columns(&ds.lsoas),
                Rows::Only(&rows),
                aggregate::keys(ds, index, level),
                aggregate::area_count(ds, level),
            );
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
        // The ICS's LSOAs grouped by local IMD decile (see the module header for the rule).
        let l = &ds.lsoas;
        let order =
            ics_data::sort::order(rows.len(), &|a, b| l.imd_rank[rows[a]].cmp(&l.imd_rank[rows[b]]).then(l.code[rows[a]].cmp(&l.code[rows[b]])));
        let mut keys = vec![u8::MAX; l.len()];
        for (k, &o) in order.iter().enumerate() {
            keys[rows[o]] = (10 * k / rows.len()) as u8;
        }
        let by_decile = aggregate::aggregate_rows(&aggregate::columns(l), Rows::Only(&rows), Keys::U8(&keys), 10);
        let populations: Vec<f64> = by_decile.iter().map(AreaStats::total_population).collect();
        let variables: [(&str, &str, Polarity, fn(&AreaStats) -> f64); 4] = [
            ("Income deprivation rate", "% of residents", Polarity::LowerIsBetter, |a| a.mean_score(Score::IncomeRate)),
            ("Employment deprivation rate", "% of residents", Polarity::LowerIsBetter, |a| a.mean_score(Score::EmploymentRate)),
            // From the 65–74 band upwards: 65–74, 75–84 and 85+.
            ("Aged 65 and over", "% of residents", Polarity::Neutral, |a| a.age_share(AgeBand::Age65To74)),
            ("Aged 85 and over", "% of residents", Polarity::Neutral, |a| a.age_share(AgeBand::Age85Plus)),
        ];
        let inequality = variables
            .iter()
            .map(|(name, unit, polarity, f)| {
                let vals: Vec<f64> = by_decile.iter().map(|a| if a.lsoas > 0 { f(a) } else { f64::NAN }).collect();
                let higher_is_better = *polarity == Polarity::HigherIsBetter;
                let mut q = Inequality {
                    variable: name.to_string(),
                    unit: unit.to_string(),
                    by_decile: std::array::from_fn(|d| vals[d].is_finite().then_some(vals[d])),
                    sii: None,
                    sii_problem: None,
                    modelled_ends: None,
                    rii: None,
                    rii_problem: None,
                };
                match stats::slope_index(&populations, &vals) {
                    Ok(fit) => {
                        q.sii = Some(if higher_is_better { fit.slope } else { -fit.slope });
                        q.modelled_ends = Some([fit.predict(0.0), fit.predict(1.0)]);
                        match stats::relative_index(&fit) {
                            Ok(r) => q.rii = Some(if higher_is_better { 1.0 / r } else { r }),
                            Err(p) => q.rii_problem = Some(p),
                        }
                    }
                    Err(p) => q.sii_problem = Some(p),
                }
                q
            })
            .collect();
        Ok(Within {
            ics,
            lsoas: own.lsoas,
            population: pop,
            decile_lsoas: std::array::from_fn(|d| own.deciles[0][d][0]),
            decile_population: std::array::from_fn(|d| own.deciles[0][d][1]),
            local_decile_lsoas: std::array::from_fn(|d| f64::from(by_decile[d].lsoas)),
            local_decile_population: std::array::from_fn(|d| populations[d]),
            areas,
            inequality,
            populations: self.populations(ics, pop),
        })
    }
}

impl Engine {
    fn populations(&self, ics: usize, residents: f64) -> Populations {
        let stored = |id: &str| match self.indicator(id) {
            Ok((_, ind)) => {
                let v = self.values_at(ind, 0);
                (v.icss.get(ics).and_then(|x| x.value), v.england.value)
            }
            Err(_) => (None, None),
        };
        let (projected, england_projected) = stored("population");
        Populations {
            residents,
            projected,
            registered: stored("registered_patients").0,
            england_residents: self.england_area().total_population(),
            england_projected,
        }
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
        let ltla: Vec<(&str, Option<f64>, f64)> =
            w.areas.iter().filter(|a| a.level == Level::Ltla).map(|a| (a.name.as_str(), a.share_inside, a.share_of_ics)).collect();
        assert_eq!(ltla, [("Lower Zero", Some(100.0), 75.0), ("Lower One", Some(50.0), 25.0)]);
        // Alpha has 3 LSOAs, so only 3 local deciles have residents (r0, r1 and r2 in IMD rank order, in deciles
        // 1, 4 and 7): PHE's rules (residents in every decile, at least 5) give no index, and say why.
        let inc = &w.inequality[0];
        assert_eq!(w.local_decile_lsoas, [1.0, 0.0, 0.0, 1.0, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0]);
        assert_eq!((inc.by_decile[0], inc.by_decile[3], inc.by_decile[6], inc.by_decile[1]), (Some(30.0), Some(25.0), Some(10.0), None));
        assert_eq!((inc.sii, inc.rii), (None, None));
        assert_eq!(inc.sii_problem, Some(stats::SlopeIndexProblem::NoResidents { usable: 3, groups: 10 }));
        // Two populations: 400 residents in the LSOA table, 1,000 in the stored projection (England 10,000
        // against 1,800 residents): 150% and 455.6% more.
        let (ics, england) = w.populations.excess();
        assert_eq!(ics, Some(150.0));
        assert!((england.unwrap() - 100.0 * (10_000.0 / 1_800.0 - 1.0)).abs() < 1e-9);
        assert!(e.within(9).is_err());
        // Sub-ICB locations are named by the authorities their residents live in.
        let sub: Vec<&str> = w.areas.iter().filter(|a| a.level == Level::Sicbl).map(|a| a.name.as_str()).collect();
        assert!(sub.iter().all(|n| n.starts_with("Upper Zero") && n.ends_with(')')), "{sub:?}");
    }
}
