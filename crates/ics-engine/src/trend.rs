//! Trends: one indicator over all its periods, for a selected ICS against England, the mean of its peers and
//! the spread of all ICSs, with every flagged point's caveats, gaps in the series, and change since a base that by
//! default never crosses a break in the series. Estimated values are marked; with estimates hidden they are left
//! out of every figure.

use super::compare::summarise;
use super::values::FlagNote;
use super::Engine;
use ics_data::dataset::PeriodKind;
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TrendPoint {
    pub period: String,
    /// The selected ICS's value and its caveats (None without a selection).
    pub value: Option<f64>,
    pub flags: Vec<FlagNote>,
    /// Whether the selected ICS's value is an apportioned estimate (see `Value::estimate`); with estimates hidden,
    /// its value is then None.
    pub estimate: bool,
    pub england: Option<f64>,
    pub england_flags: Vec<FlagNote>,
    /// Mean of the peers' values (peers without a value are left out).
    pub peers_mean: Option<f64>,
    /// Spread of all ICSs: lowest, quartiles, highest.
    pub min: Option<f64>,
    pub q1: Option<f64>,
    pub median: Option<f64>,
    pub q3: Option<f64>,
    pub max: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Change {
    pub base: String,
    pub to: String,
    pub from_value: f64,
    pub to_value: f64,
    pub absolute: f64,
    /// Percentage change; None when the base value is 0.
    pub relative: Option<f64>,
    /// Whether the base is the default (not chosen by the user).
    pub default_base: bool,
    /// Whether the two values are on the same basis: both unflagged, or both within the same break in the series.
    pub comparable: bool,
    /// Periods between the base and the end (inclusive) where the ICS's series breaks (the first value of each
    /// run flagged as a break).
    pub breaks: Vec<String>,
}

/// Which basis a point's value is on, for "change since".
#[derive(Debug, Clone, PartialEq)]
enum Basis<'a> {
    /// Unflagged.
    Usual,
    /// After (or, for an odd early stretch, before) a break in the series: the break's note identifies the run.
    Break(&'a str),
    /// Incomplete or missing for a known reason: comparable with nothing.
    Flagged,
}

fn basis(p: &TrendPoint) -> Basis<'_> {
    use ics_data::dataset::FlagKind;
    if let Some(f) = p.flags.iter().find(|f| f.kind == FlagKind::Break) {
        Basis::Break(&f.note)
    } else if p.flags.iter().any(|f| f.kind != FlagKind::Note) {
        Basis::Flagged
    } else {
        Basis::Usual
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Trend {
    pub indicator: usize,
    pub ics: Option<usize>,
    pub period_kind: PeriodKind,
    pub points: Vec<TrendPoint>,
    /// Periods missing from the source between the first and last (e.g. "2023-04").
    pub gaps: Vec<String>,
    pub change: Option<Change>,
}

impl Engine {
    /// The trend of indicator `ind_index` for `ics` (if any) with `peers`; change from `base` (default: the first
    /// period with a value) to period index `to`. With `hide_estimates`, estimated values are left out of
    /// everything: the ICS's own points, its peers' mean and the spread.
    pub fn trend(&self, ind_index: usize, ics: Option<usize>, peers: &[usize], base: Option<&str>, to: usize, hide_estimates: bool) -> Trend {
        let ind = &self.catalogue().indicators[ind_index];
        let (kind, periods) = self.periods(ind);
        let points: Vec<TrendPoint> = (0..periods.len())
            .map(|p| {
                let v = self.values_at(ind, p);
                let v = if hide_estimates { v.without_estimates() } else { v };
                let s = summarise(v.icss.iter().enumerate().filter_map(|(i, x)| x.value.map(|y| (i, y))));
                let peer_values: Vec<f64> = peers.iter().filter_map(|&j| v.icss.get(j).and_then(|x| x.value)).collect();
                let own = ics.and_then(|i| v.icss.get(i));
                TrendPoint {
                    period: v.period.clone(),
                    value: own.and_then(|x| x.value),
                    flags: own.map(|x| x.flags.clone()).unwrap_or_default(),
                    estimate: own.is_some_and(|x| x.estimate),
                    england: v.england.value,
                    england_flags: v.england.flags.clone(),
                    peers_mean: (!peer_values.is_empty()).then(|| peer_values.iter().sum::<f64>() / peer_values.len() as f64),
                    min: s.min.map(|m| m.1),
                    q1: s.q1,
                    median: s.median,
                    q3: s.q3,
                    max: s.max.map(|m| m.1),
                }
            })
            .collect();
        let change = ics.and_then(|_| {
            let to_point = points.get(to)?;
            to_point.value?;
            let to_basis = basis(to_point);
            // By default the base is the first period on the same basis as the end: the first unflagged value for an
            // unflagged end, the start of the break's run for an end after a break.
            let base_index = match base {
                Some(b) => points.iter().position(|p| p.period == b)?,
                None => match &to_basis {
                    Basis::Usual => points[..=to].iter().position(|p| p.value.is_some() && basis(p) == Basis::Usual)?,
                    Basis::Break(_) => (0..=to).rev().take_while(|&k| basis(&points[k]) == to_basis).last()?,
                    Basis::Flagged => points[..=to].iter().position(|p| p.value.is_some())?,
                },
            };
            let base_point = &points[base_index];
            let (from_value, to_value) = (base_point.value?, to_point.value?);
            let (lo, hi) = (base_index.min(to), base_index.max(to));
            let breaks = (lo..=hi)
                .filter(|&k| matches!(basis(&points[k]), Basis::Break(_)) && (k == 0 || basis(&points[k - 1]) != basis(&points[k])))
                .map(|k| points[k].period.clone())
                .collect();
            Some(Change {
                base: base_point.period.clone(),
                to: to_point.period.clone(),
                from_value,
                to_value,
                absolute: to_value - from_value,
                relative: (from_value != 0.0).then(|| 100.0 * (to_value - from_value) / from_value),
                default_base: base.is_none(),
                comparable: basis(base_point) == to_basis && to_basis != Basis::Flagged,
                breaks,
            })
        });
        Trend { indicator: ind_index, ics, period_kind: kind, gaps: gaps(kind, &periods), points, change }
    }
}

/// The number of a period on a continuous scale (months since year 0, or years), if it parses.
pub fn period_ordinal(kind: PeriodKind, p: &str) -> Option<i64> {
    let year: i64 = p.get(0..4)?.parse().ok()?;
    match kind {
        PeriodKind::Month => Some(year * 12 + p.get(5..7)?.parse::<i64>().ok()? - 1),
        PeriodKind::FinancialYear | PeriodKind::Year => Some(year),
        PeriodKind::Label => None,
    }
}

pub(crate) fn label_of(kind: PeriodKind, ordinal: i64) -> String {
    match kind {
        PeriodKind::Month => format!("{:04}-{:02}", ordinal.div_euclid(12), ordinal.rem_euclid(12) + 1),
        PeriodKind::FinancialYear => format!("{ordinal}/{:02}", (ordinal + 1) % 100),
        PeriodKind::Year | PeriodKind::Label => ordinal.to_string(),
    }
}

fn gaps(kind: PeriodKind, periods: &[String]) -> Vec<String> {
    let ords: Vec<i64> = periods.iter().filter_map(|p| period_ordinal(kind, p)).collect();
    ords.windows(2).flat_map(|w| (w[0] + 1..w[1]).map(|o| label_of(kind, o))).collect()
}

#[cfg(test)]
mod tests {
    use super::super::fixture;
    use super::*;

    #[test]
    fn trend_with_peers_range_and_change() {
        let e = fixture::engine();
        let (i, _) = e.indicator("within_pct").unwrap();
        let t = e.trend(i, Some(0), &[1, 3], None, 2, false);
        assert_eq!(t.points.len(), 3);
        // Alpha: 90%, 90%, 95% within; peers Beta (90, 85, 90) and Delta (90, 80, no data in March).
        assert_eq!(t.points.iter().map(|p| p.value.unwrap()).collect::<Vec<_>>(), [90.0, 90.0, 95.0]);
        assert_eq!(t.points[1].peers_mean, Some(82.5));
        assert_eq!(t.points[2].peers_mean, Some(90.0));
        assert_eq!(t.points[0].min, Some(75.0));
        assert_eq!(t.points[0].max, Some(90.0));
        assert_eq!(t.points[0].england_flags.len(), 1);
        let c = t.change.unwrap();
        assert_eq!((c.base.as_str(), c.to.as_str(), c.absolute), ("2024-01", "2024-03", 5.0));
        assert!((c.relative.unwrap() - 100.0 * 5.0 / 90.0).abs() < 1e-12);
        assert!(t.gaps.is_empty());
    }

    #[test]
    fn gaps_are_the_missing_periods() {
        let p = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(gaps(PeriodKind::Month, &p(&["2023-03", "2023-05", "2023-06"])), ["2023-04"]);
        assert_eq!(gaps(PeriodKind::Month, &p(&["2024-11", "2025-02"])), ["2024-12", "2025-01"]);
        assert_eq!(gaps(PeriodKind::FinancialYear, &p(&["2021/22", "2023/24"])), ["2022/23"]);
        assert!(gaps(PeriodKind::Year, &p(&["2015", "2016"])).is_empty());
    }
}
