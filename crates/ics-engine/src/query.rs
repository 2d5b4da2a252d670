//! The page's one question and one answer: a [`Query`] (indicator, period, filters, selected ICS, peer and fit
//! settings, which view) gives a [`QueryResult`] with everything that view renders. The CLI and the JS API use
//! the same types, so every consumer sees the same figures.

use super::adjust::{Axis, Fit};
use super::aggregate::Level;
use super::compare::Comparison;
use super::filter::Filters;
use super::funnel::{Funnel, Overdispersion};
use super::peers::{PeerSettings, Peers};
use super::profile::SpineRow;
use super::spc::{Spc, SpcSettings, SpcSummaryRow};
use super::trend::Trend;
use super::within::Within;
use super::{Engine, EngineError};
use ics_data::dataset::{Deprivation, PeriodKind, Weight};
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum View {
    #[default]
    Rankings,
    Deprivation,
    Scatter,
    Funnel,
    Map,
    Trends,
    Profile,
    About,
}

names!(View {
    Rankings => "rankings",
    Deprivation => "deprivation",
    Scatter => "scatter",
    Funnel => "funnel",
    Map => "map",
    Trends => "trends",
    Profile => "profile",
    About => "about",
});

/// Settings of the deprivation-profile chart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct DeprivationSettings {
    pub index: Deprivation,
    /// `lsoas` (share of neighbourhoods) or `population` (share of residents).
    pub weight: Weight,
    /// Deciles rather than quintiles.
    pub deciles: bool,
}

impl Default for DeprivationSettings {
    fn default() -> Self {
        DeprivationSettings { index: Deprivation::Imd, weight: Weight::Lsoas, deciles: false }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Query {
    pub indicator: String,
    /// A period of the indicator, "latest", or none for the default period (the latest with unflagged values for
    /// all but two ICSs).
    pub period: Option<String>,
    pub filters: Filters,
    /// An ICS code (E54…, Q..) or short name.
    pub selected: Option<String>,
    pub peers: PeerSettings,
    pub axis: Axis,
    /// Weight the deprivation fit by population.
    pub weighted: bool,
    /// Include flagged values (incomplete, missing for a reason, after a break in the series) in the fit.
    pub include_flagged: bool,
    /// The base period for "change since".
    pub base_period: Option<String>,
    pub view: View,
    pub deprivation: DeprivationSettings,
    /// The trends view as an SPC chart (Making Data Count), with these settings.
    pub spc: Option<SpcSettings>,
    /// The funnel plot's overdispersion adjustment.
    pub overdispersion: Overdispersion,
}

impl Query {
    pub fn new(indicator: &str) -> Query {
        Query {
            indicator: indicator.to_string(),
            period: None,
            filters: Filters::default(),
            selected: None,
            peers: PeerSettings::default(),
            axis: Axis::default(),
            weighted: false,
            include_flagged: false,
            base_period: None,
            view: View::default(),
            deprivation: DeprivationSettings::default(),
            spc: None,
            overdispersion: Overdispersion::None,
        }
    }
}

/// One ICS's deprivation profile.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DeprivationRow {
    pub ics: usize,
    /// % in each national quintile or decile, most deprived first.
    pub shares: Vec<f64>,
    /// % in the most deprived fifth with the chart's weight: the sort key.
    pub core20: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DeprivationProfiles {
    pub settings: DeprivationSettings,
    /// All ICSs, most deprived (highest Core20 share) first.
    pub rows: Vec<DeprivationRow>,
    pub england: Vec<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QueryResult {
    pub indicator: usize,
    pub period_kind: PeriodKind,
    pub periods: Vec<String>,
    pub period_index: usize,
    pub comparison: Comparison,
    /// Which ICSs pass the filters (dataset order).
    pub included: Vec<bool>,
    /// The ICSs that passed the other filters but are left out because their value is an estimate (with
    /// `filters.hide_estimates`), in dataset order.
    pub hidden_estimates: Vec<usize>,
    pub selected: Option<usize>,
    pub peers: Option<Peers>,
    pub fit: Option<Fit>,
    pub trend: Option<Trend>,
    pub profile: Option<Vec<SpineRow>>,
    pub within: Option<Within>,
    pub deprivation: Option<DeprivationProfiles>,
    /// The SPC chart of the selected ICS and every ICS's latest variation (trends view with `spc`).
    pub spc: Option<Spc>,
    pub spc_summary: Option<Vec<SpcSummaryRow>>,
    /// The funnel plot (funnel view), or why there is none (an indicator without counts).
    pub funnel: Option<Result<Funnel, String>>,
}

impl Engine {
    pub fn query(&self, q: &Query) -> Result<QueryResult, EngineError> {
        let (k, ind) = self.indicator(&q.indicator)?;
        let (period_kind, periods) = self.periods(ind);
        let p = self.period_index(k, q.period.as_deref())?;
        if let Some(b) = &q.base_period {
            if !periods.contains(b) {
                return Err(EngineError(format!("indicator \"{}\" has no base period \"{b}\"", ind.id)));
            }
        }
        let mut included = self.included(&q.filters)?;
        let selected = q.selected.as_deref().map(|c| self.ics(c)).transpose()?;
        let peers = selected.map(|i| self.peers(i, &q.peers)).transpose()?;
        if let (true, Some(s), Some(p)) = (q.filters.peers_only, selected, &peers) {
            for (i, inc) in included.iter_mut().enumerate() {
                *inc &= i == s || p.peers.iter().any(|x| x.ics == i);
            }
        }
        let values = self.values_at(ind, p);
        let fit = if !matches!(q.view, View::Scatter) {
            None
        } else if q.filters.hide_estimates {
            // Hidden estimates are left out of the fit too: the line is drawn through exact values only.
            self.fit(&values.clone().without_estimates(), q.axis, q.weighted, q.include_flagged)
        } else {
            self.fit(&values, q.axis, q.weighted, q.include_flagged)
        };
        let mut hidden_estimates = Vec::new();
        // The deprivation profile is counted from neighbourhoods, exactly for every ICS: nothing to hide there.
        if q.filters.hide_estimates && q.view != View::Deprivation {
            for (i, (inc, v)) in included.iter_mut().zip(&values.icss).enumerate() {
                if *inc && v.estimate {
                    *inc = false;
                    hidden_estimates.push(i);
                }
            }
        }
        let mut comparison = self.compare(k, values);
        comparison.restrict(&included, ind.polarity);
        let trend = matches!(q.view, View::Trends | View::Profile).then(|| {
            let peer_ids: Vec<usize> = peers.iter().flat_map(|p| p.peers.iter().map(|x| x.ics)).collect();
            self.trend(k, selected, &peer_ids, q.base_period.as_deref(), p, q.filters.hide_estimates)
        });
        let (profile, within) = match (q.view, selected) {
            (View::Profile, Some(i)) => (Some(self.profile_with(i, q.filters.hide_estimates)?), Some(self.within(i)?)),
            _ => (None, None),
        };
        let deprivation = (q.view == View::Deprivation).then(|| self.deprivation_profiles(q.deprivation));
        let spc_settings = q.spc.clone().filter(|_| q.view == View::Trends).map(|s| SpcSettings { hide_estimates: q.filters.hide_estimates, ..s });
        let spc = match (&spc_settings, selected) {
            (Some(s), Some(i)) => Some(self.spc(k, i, s)?),
            _ => None,
        };
        let spc_summary = spc_settings.as_ref().map(|s| self.spc_summary(k, s)).transpose()?;
        let funnel =
            (q.view == View::Funnel).then(|| self.funnel(k, p, q.overdispersion, q.filters.hide_estimates, Some(&included)).map_err(|e| e.0));
        Ok(QueryResult {
            indicator: k,
            period_kind,
            periods,
            period_index: p,
            comparison,
            included,
            hidden_estimates,
            selected,
            peers,
            fit,
            trend,
            profile,
            within,
            deprivation,
            spc,
            spc_summary,
            funnel,
        })
    }

    /// Every ICS's share of LSOAs (or residents) in each national quintile or decile of an index, most
    /// deprived systems first.
    pub fn deprivation_profiles(&self, s: DeprivationSettings) -> DeprivationProfiles {
        let shares = |a: &super::aggregate::AreaStats| -> Vec<f64> {
            if s.deciles {
                a.decile_shares(s.index, s.weight).to_vec()
            } else {
                a.quintile_shares(s.index, s.weight).to_vec()
            }
        };
        let rows: Vec<DeprivationRow> = self
            .areas(Level::Ics)
            .iter()
            .enumerate()
            .map(|(ics, a)| DeprivationRow { ics, shares: shares(a), core20: a.deprived_share(s.index, 2, s.weight) })
            .collect();
        let order = ics_data::sort::order(rows.len(), &|a, b| rows[b].core20.total_cmp(&rows[a].core20).then(rows[a].ics.cmp(&rows[b].ics)));
        let rows = ics_data::sort::apply(&rows, &order);
        DeprivationProfiles { settings: s, rows, england: shares(self.england_area()) }
    }
}

#[cfg(test)]
mod tests {
    use super::super::fixture;
    use super::*;

    #[test]
    fn a_query_gives_what_its_view_needs() {
        let e = fixture::engine();
        let mut q = Query::new("within_pct");
        let r = e.query(&q).unwrap();
        assert_eq!(r.periods[r.period_index], "2024-03");
        assert!(r.fit.is_none() && r.trend.is_none() && r.peers.is_none() && r.deprivation.is_none());
        q.view = View::Scatter;
        q.selected = Some("QBB".into());
        let r = e.query(&q).unwrap();
        assert_eq!(r.selected, Some(1));
        assert_eq!(r.peers.as_ref().unwrap().peers.len(), 3, "k = 5 but only 3 other ICSs exist");
        assert!(r.fit.is_some());
        q.view = View::Profile;
        let r = e.query(&q).unwrap();
        assert_eq!(r.profile.as_ref().unwrap().len(), 7);
        assert_eq!(r.within.as_ref().unwrap().ics, 1);
        q.view = View::Deprivation;
        let r = e.query(&q).unwrap();
        let d = r.deprivation.unwrap();
        assert_eq!(d.rows[0].ics, 0, "Alpha is the most deprived");
        assert_eq!(d.rows[0].shares.len(), 5);
        // Alpha: 1 of 3 LSOAs in decile 1 and 1 in decile 2 → quintile 1 = 66.7%; decile 5 → quintile 3.
        assert!((d.rows[0].shares[0] - 200.0 / 3.0).abs() < 1e-9);
    }

    #[test]
    fn bad_questions_get_clear_errors() {
        let e = fixture::engine();
        let err = |q: Query| e.query(&q).unwrap_err().0;
        assert!(err(Query::new("nope")).contains("unknown indicator \"nope\""));
        assert!(err(Query { selected: Some("QZZ".into()), ..Query::new("population") }).contains("unknown ICS \"QZZ\""));
        assert!(err(Query { period: Some("1999".into()), ..Query::new("population") }).contains("has no period \"1999\""));
        assert!(err(Query { base_period: Some("1999".into()), ..Query::new("population") }).contains("no base period"));
    }
}
