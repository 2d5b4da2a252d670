//! Comparison for one indicator and period: ranks, quartiles, the spread across ICSs, the England value, and
//! the Fingertips-style comparison of each ICS's confidence interval with England (better / similar / worse,
//! or higher / similar / lower where the indicator has no "better").

use super::stats::{self, Interval};
use super::values::{Value, Values};
use super::Engine;
use ics_data::dataset::{Indicator, Polarity, ValueType};
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Significance {
    Better,
    Similar,
    Worse,
    Higher,
    Lower,
    /// No confidence interval (not a sampled count, or no comparator): not tested.
    NotCompared,
}

impl Significance {
    pub fn label(self) -> &'static str {
        match self {
            Significance::Better => "better than England",
            Significance::Similar => "similar to England",
            Significance::Worse => "worse than England",
            Significance::Higher => "higher than England",
            Significance::Lower => "lower than England",
            Significance::NotCompared => "not compared",
        }
    }
}

/// Where a confidence interval lies relative to a comparator, read through the indicator's polarity.
pub fn significance(ci: Option<Interval>, comparator: Option<f64>, polarity: Polarity) -> Significance {
    let (Some(ci), Some(c)) = (ci, comparator) else { return Significance::NotCompared };
    let side = if ci.lower > c {
        1
    } else if ci.upper < c {
        -1
    } else {
        0
    };
    match (side, polarity) {
        (0, _) => Significance::Similar,
        (1, Polarity::HigherIsBetter) | (-1, Polarity::LowerIsBetter) => Significance::Better,
        (1, Polarity::LowerIsBetter) | (-1, Polarity::HigherIsBetter) => Significance::Worse,
        (1, _) => Significance::Higher,
        _ => Significance::Lower,
    }
}

/// The spread of a set of values.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Summary {
    pub n: usize,
    /// (ICS index, value) of the lowest and highest.
    pub min: Option<(usize, f64)>,
    pub max: Option<(usize, f64)>,
    pub q1: Option<f64>,
    pub median: Option<f64>,
    pub q3: Option<f64>,
}

pub fn summarise(values: impl Iterator<Item = (usize, f64)>) -> Summary {
    let v: Vec<(usize, f64)> = values.filter(|(_, x)| x.is_finite()).collect();
    let v = ics_data::sort::apply(&v, &ics_data::sort::order(v.len(), &|a, b| v[a].1.total_cmp(&v[b].1).then(v[a].0.cmp(&v[b].0))));
    let sorted: Vec<f64> = v.iter().map(|(_, x)| *x).collect();
    Summary {
        n: v.len(),
        min: v.first().copied(),
        max: v.last().copied(),
        q1: stats::quantile_sorted(&sorted, 0.25),
        median: stats::quantile_sorted(&sorted, 0.5),
        q3: stats::quantile_sorted(&sorted, 0.75),
    }
}

/// One ICS in a comparison.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Ranked {
    pub ics: usize,
    pub value: Value,
    /// 1 = highest value (lowest, for lower-is-better indicators) among all ICSs with a value; ties share.
    pub rank: Option<usize>,
    /// 1 = the quarter of ICSs with the lowest values … 4 = the highest.
    pub quartile: Option<u8>,
    /// Comparison of the 95% and 99.8% intervals with the comparator.
    pub significance: Significance,
    pub significance_998: Significance,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Comparison {
    pub indicator: usize,
    pub period: String,
    /// Every ICS, in dataset order.
    pub rows: Vec<Ranked>,
    pub england: Value,
    /// What significance is judged against: England where it has a value, else the median ICS.
    pub comparator_label: String,
    pub comparator: Option<f64>,
    /// How to read `rank`.
    pub rank_note: String,
    pub summary: Summary,
    /// Ranks and spread among the ICSs that pass the filters, when they do not all pass.
    pub filtered: Option<Filtered>,
}

/// A comparison read among the ICSs a filter shows: ranks 1..n among them, and their spread.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Filtered {
    /// How many ICSs the filter shows (with or without a value).
    pub shown: usize,
    pub summary: Summary,
    /// In dataset order: the rank among the shown ICSs with a value (1 = best, read as `rank_note`); None for
    /// ICSs outside the filter or without a value.
    pub ranks: Vec<Option<usize>>,
}

/// Ranks of `values` (None = no value), 1 = the highest (or, with `descending` false, the lowest); ties share.
fn ranks(values: &[Option<f64>], descending: bool) -> Vec<Option<usize>> {
    let present: Vec<f64> = values.iter().flatten().copied().collect();
    values.iter().map(|v| v.map(|x| 1 + present.iter().filter(|&&y| if descending { y > x } else { y < x }).count())).collect()
}

impl Comparison {
    /// Adds ranks and the spread among the ICSs with `included[i]`, unless every ICS is included.
    pub fn restrict(&mut self, included: &[bool], polarity: Polarity) {
        if included.iter().all(|&x| x) {
            self.filtered = None;
            return;
        }
        let shown = |i: usize| included.get(i).copied().unwrap_or(false);
        let values: Vec<Option<f64>> = self.rows.iter().map(|r| r.value.value.filter(|_| shown(r.ics))).collect();
        self.filtered = Some(Filtered {
            shown: (0..self.rows.len()).filter(|&i| shown(i)).count(),
            summary: summarise(values.iter().enumerate().filter_map(|(i, v)| v.map(|x| (i, x)))),
            ranks: ranks(&values, polarity != Polarity::LowerIsBetter),
        });
    }

    /// The spread of the ICSs shown: all of them, or those passing the filters.
    pub fn shown_summary(&self) -> &Summary {
        self.filtered.as_ref().map_or(&self.summary, |f| &f.summary)
    }
}

impl Engine {
    pub fn compare(&self, ind_index: usize, values: Values) -> Comparison {
        let ind: &Indicator = &self.catalogue().indicators[ind_index];
        let summary = summarise(values.icss.iter().enumerate().filter_map(|(i, v)| v.value.map(|x| (i, x))));
        // England's count is the sum of its ICSs, so an ICS is compared with the median ICS instead; likewise
        // for scores where England has no value.
        let (comparator_label, comparator) = match values.england.value {
            Some(e) if ind.value_type != ValueType::Count => ("England".to_string(), Some(e)),
            _ => ("the median ICS".to_string(), summary.median),
        };
        let descending = ind.polarity != Polarity::LowerIsBetter;
        let rank_note = match ind.polarity {
            Polarity::HigherIsBetter => "1 = best (highest)",
            Polarity::LowerIsBetter => "1 = best (lowest)",
            Polarity::Neutral => "1 = highest",
        }
        .to_string();
        let rank = ranks(&values.icss.iter().map(|v| v.value).collect::<Vec<_>>(), descending);
        let rows = values
            .icss
            .into_iter()
            .enumerate()
            .map(|(i, v)| {
                let rank = rank[i];
                let quartile = v.value.map(|x| match (summary.q1, summary.median, summary.q3) {
                    (Some(q1), Some(m), Some(q3)) => {
                        if x < q1 {
                            1
                        } else if x < m {
                            2
                        } else if x < q3 {
                            3
                        } else {
                            4
                        }
                    }
                    _ => 1,
                });
                Ranked {
                    ics: i,
                    rank,
                    quartile,
                    significance: significance(v.ci95, comparator, ind.polarity),
                    significance_998: significance(v.ci998, comparator, ind.polarity),
                    value: v,
                }
            })
            .collect();
        Comparison {
            indicator: ind_index,
            period: values.period,
            rows,
            england: values.england,
            comparator_label,
            comparator,
            rank_note,
            summary,
            filtered: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::fixture;
    use super::*;

    #[test]
    fn significance_follows_polarity() {
        let ci = |l, u| Some(Interval { lower: l, upper: u });
        let cases = [
            (ci(11.0, 12.0), Polarity::HigherIsBetter, Significance::Better),
            (ci(11.0, 12.0), Polarity::LowerIsBetter, Significance::Worse),
            (ci(11.0, 12.0), Polarity::Neutral, Significance::Higher),
            (ci(8.0, 9.0), Polarity::HigherIsBetter, Significance::Worse),
            (ci(8.0, 9.0), Polarity::Neutral, Significance::Lower),
            (ci(9.0, 11.0), Polarity::LowerIsBetter, Significance::Similar),
            (ci(10.0, 11.0), Polarity::HigherIsBetter, Significance::Similar),
            (None, Polarity::HigherIsBetter, Significance::NotCompared),
        ];
        for (ci, pol, want) in cases {
            assert_eq!(significance(ci, Some(10.0), pol), want, "{ci:?} {pol:?}");
        }
        assert_eq!(significance(ci(1.0, 2.0), None, Polarity::Neutral), Significance::NotCompared);
    }

    #[test]
    fn ranks_quartiles_and_summary_on_the_fixture() {
        let e = fixture::engine();
        let (i, ind) = e.indicator("events_per_1000").unwrap();
        let c = e.compare(i, e.values_at(ind, 1));
        // 2024-02: A 20/1000 = 20, B 30/2000 = 15, C 40/4000 = 10, D 50/3000 = 16.67; lower is better.
        let ranks: Vec<usize> = c.rows.iter().map(|r| r.rank.unwrap()).collect();
        assert_eq!(ranks, [4, 2, 1, 3]);
        assert_eq!(c.rank_note, "1 = best (lowest)");
        assert_eq!(c.summary.min, Some((2, 10.0)));
        assert_eq!(c.summary.max, Some((0, 20.0)));
        assert_eq!(c.summary.median, Some((15.0 + 50.0 / 3.0) / 2.0));
        assert_eq!(c.comparator_label, "England");
        assert_eq!(c.comparator, Some(15.0));
        // C: 40 events, Byar 95% 28.58 to 54.47 per 4,000 → 7.14 to 13.62 per 1,000, below England's 15: better.
        assert_eq!(c.rows[2].significance, Significance::Better);
        // A: 20 events → 12.2 to 30.9 per 1,000, above 15? No: it contains 15, so similar.
        assert_eq!(c.rows[0].significance, Significance::Similar);
        assert_eq!(c.rows.iter().map(|r| r.quartile.unwrap()).collect::<Vec<_>>(), [4, 2, 1, 3]);
    }

    #[test]
    fn scores_without_england_are_compared_with_the_median_ics() {
        let e = fixture::engine();
        let (i, ind) = e.indicator("score").unwrap();
        let c = e.compare(i, e.values_at(ind, 1));
        assert_eq!(c.england.value, None);
        assert_eq!(c.comparator_label, "the median ICS");
        assert_eq!(c.comparator, Some(103.0));
        assert!(c.rows.iter().all(|r| r.significance == Significance::NotCompared));
        assert_eq!(c.rows[3].rank, Some(1));
    }

    #[test]
    fn counts_are_compared_with_the_median_ics_not_the_england_total() {
        let e = fixture::engine();
        let (i, ind) = e.indicator("population").unwrap();
        let c = e.compare(i, e.values_at(ind, 0));
        assert_eq!(c.england.value, Some(10_000.0));
        assert_eq!((c.comparator_label.as_str(), c.comparator), ("the median ICS", Some(2500.0)));
    }
}
