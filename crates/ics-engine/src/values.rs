//! Indicator values: for one indicator and period, every ICS's value with its numerator, denominator, 95% and
//! 99.8% confidence intervals and data-quality flags, plus England's. The one place formulas are evaluated.

use super::aggregate::Level;
use super::stats::{self, Interval};
use super::{Engine, EngineError};
use ics_data::dataset::{CiMethod, FlagKind, Formula, Indicator, Measure, OrgCount, PeriodKind, ValueType};
use serde::Serialize;

/// A caveat attached to a value, copied from the measure flags that touch it, with everything it affects in
/// that period (so a page can say "affects Frimley, Greater Manchester and England", whoever it is shown on).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FlagNote {
    pub kind: FlagKind,
    pub note: String,
    /// The ICSs whose values it affects in this period (dataset order).
    pub icss: Vec<usize>,
    /// Whether England's value is affected too.
    pub england: bool,
}

/// One value with everything needed to read it fairly.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Value {
    pub value: Option<f64>,
    pub numerator: Option<f64>,
    pub denominator: Option<f64>,
    pub ci95: Option<Interval>,
    pub ci998: Option<Interval>,
    pub flags: Vec<FlagNote>,
    /// An apportioned estimate (an area made with part of a July 2022 ICB): see the indicator's caveats.
    pub estimate: bool,
}

impl Value {
    fn of(value: f64) -> Value {
        Value { value: value.is_finite().then_some(value), ..Value::default() }
    }

    /// Flagged as incomplete, missing for a known reason, or on the far side of a break in the series: a value
    /// to compare with care, left out of fits and the default period's count unless asked for.
    pub fn is_flagged(&self) -> bool {
        self.flags.iter().any(|f| f.kind != FlagKind::Note)
    }

    /// A value that is present and not flagged.
    pub fn is_usable(&self) -> bool {
        self.value.is_some() && !self.is_flagged()
    }
}

/// Every ICS's value and England's for one indicator and period.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Values {
    pub period: String,
    /// In ICS order (`Frame::icss`).
    pub icss: Vec<Value>,
    pub england: Value,
}

impl Values {
    /// With every estimated ICS's value left out ("hide estimated values"): no value, interval or counts, still
    /// marked as an estimate so a view can say why it has none. England's value is published, so it stays.
    pub fn without_estimates(mut self) -> Values {
        for v in self.icss.iter_mut().filter(|v| v.estimate) {
            *v = Value { estimate: true, flags: std::mem::take(&mut v.flags), ..Value::default() };
        }
        self
    }
}

impl Engine {
    /// The periods an indicator has, oldest first, and their kind.
    pub fn periods(&self, ind: &Indicator) -> (PeriodKind, Vec<String>) {
        let ms = self.catalogue().measures;
        match &ind.formula {
            Formula::Stored { measure } => (ms[*measure].period_kind, ms[*measure].periods.clone()),
            Formula::Ratio { num, .. } => (ms[*num].period_kind, ms[*num].periods.clone()),
            Formula::Lsoa { period, .. } | Formula::Org { period, .. } => (PeriodKind::Year, vec![period.clone()]),
            Formula::Given { value, .. } => (ms[*value].period_kind, ms[*value].periods.clone()),
        }
    }

    /// Resolves a requested period ("latest", a period string, or none for the default) for indicator number
    /// `k` to a period index, or explains the choices.
    pub fn period_index(&self, k: usize, requested: Option<&str>) -> Result<usize, EngineError> {
        let Some(ind) = self.catalogue().indicators.get(k) else { return Err(EngineError(format!("no indicator number {k}"))) };
        let (_, periods) = self.periods(ind);
        match requested {
            None | Some("") => Ok(self.default_period_cached(k)),
            Some("latest") => Ok(periods.len().saturating_sub(1)),
            Some(p) => periods.iter().position(|x| x == p).ok_or_else(|| {
                let shown: Vec<&str> = periods.iter().map(String::as_str).collect();
                EngineError(format!("indicator \"{}\" has no period \"{p}\"; it has: {}", ind.id, shown.join(", ")))
            }),
        }
    }

    /// How many ICSs must have a usable value (present and not flagged) for a period to be the default: all but
    /// two (40 of the 42 ICBs; 34 of 36).
    pub fn default_threshold(&self) -> usize {
        self.ds.icss.len().saturating_sub(2).max(1)
    }

    /// The latest period in which at least `default_threshold` ICSs have a usable value; the latest period with
    /// any value if there is none such. One ICS missing from a source (or one break) no longer sends the default
    /// years back; the views name the ICSs without data.
    pub fn default_period(&self, ind: &Indicator) -> usize {
        let n = self.periods(ind).1.len();
        let need = self.default_threshold();
        let enough = |p: usize| self.values_at(ind, p).icss.iter().filter(|x| x.is_usable()).count() >= need;
        (0..n)
            .rev()
            .find(|&p| enough(p))
            .or_else(|| (0..n).rev().find(|&p| self.values_at(ind, p).icss.iter().any(|x| x.value.is_some())))
            .unwrap_or(n.saturating_sub(1))
    }

    /// Every ICS's value and England's at period index `p` (clamped to the indicator's periods).
    pub fn values_at(&self, ind: &Indicator, p: usize) -> Values {
        let (_, periods) = self.periods(ind);
        let p = p.min(periods.len().saturating_sub(1));
        let n = self.ds.icss.len();
        let ms = self.catalogue().measures;
        let (icss, england) = match &ind.formula {
            Formula::Stored { measure } => {
                let m = &ms[*measure];
                let icss = (0..n)
                    .map(|i| Value { value: m.values[p][i], flags: flags(m, p, Some(i)), estimate: m.is_estimated(i), ..Value::default() })
                    .collect();
                let england = match england_total(m, p, ind.value_type != ValueType::Score) {
                    Some(v) => Value { value: Some(v), flags: flags(m, p, None), ..Value::default() },
                    None => Value::default(),
                };
                (icss, england)
            }
            Formula::Ratio { num, den, multiplier, ci, complement } => {
                let (nm, dm) = (&ms[*num], &ms[*den]);
                let dp = if dm.periods.len() == 1 { 0 } else { p };
                let ratio = |x: Option<f64>, d: Option<f64>, mut flags: Vec<FlagNote>| {
                    let mut v = ratio_value(x, d, *multiplier, *ci, *complement);
                    v.flags.append(&mut flags);
                    v
                };
                let icss = (0..n)
                    .map(|i| {
                        let mut f = flags(nm, p, Some(i));
                        merge(&mut f, flags(dm, dp, Some(i)));
                        Value { estimate: nm.is_estimated(i) || dm.is_estimated(i), ..ratio(nm.values[p][i], dm.values[dp][i], f) }
                    })
                    .collect();
                let mut f = flags(nm, p, None);
                merge(&mut f, flags(dm, dp, None));
                let england = ratio(england_total(nm, p, true), england_total(dm, dp, true), f);
                (icss, england)
            }
            Formula::Lsoa { stat, .. } => {
                let icss = self.areas(Level::Ics).iter().map(|a| Value::of(a.stat(*stat))).collect();
                (icss, Value::of(self.england_area().stat(*stat)))
            }
            Formula::Given { value, lower, upper } => {
                let m = &ms[*value];
                let limits = |i: Option<usize>, p: usize, k: Option<usize>| -> Option<f64> {
                    let l = &ms[k?];
                    match i {
                        Some(i) => l.values[p][i],
                        None => l.england.as_ref()?[p],
                    }
                };
                let value_with_ci = |v: Option<f64>, i: Option<usize>, flags: Vec<FlagNote>| {
                    let ci95 = match (v, limits(i, p, *lower), limits(i, p, *upper)) {
                        (Some(_), Some(l), Some(u)) if l <= u => Some(Interval { lower: l, upper: u }),
                        _ => None,
                    };
                    Value { value: v, ci95, flags, ..Value::default() }
                };
                let icss =
                    (0..n).map(|i| Value { estimate: m.is_estimated(i), ..value_with_ci(m.values[p][i], Some(i), flags(m, p, Some(i))) }).collect();
                let england = value_with_ci(m.england.as_ref().and_then(|e| e[p]), None, flags(m, p, None));
                (icss, england)
            }
            Formula::Org { count, .. } => {
                let (icss, england, estimated) = self.org_counts(count);
                (icss.into_iter().zip(estimated).map(|(v, estimate)| Value { estimate, ..Value::of(v) }).collect(), Value::of(england))
            }
        };
        Values { period: periods.get(p).cloned().unwrap_or_default(), icss, england }
    }

    /// Organisational counts per ICS, England's total (distinct organisations, not a sum of overlaps), and which
    /// areas' counts are apportioned estimates (trusts are placed by their July 2022 ICB: an area with part of
    /// one gets that share of its trusts).
    pub fn org_counts(&self, count: &OrgCount) -> (Vec<f64>, f64, Vec<bool>) {
        let ds = &self.ds;
        let n = ds.icss.len();
        let mut per = vec![0.0; n];
        let england;
        match count {
            OrgCount::Lsoas => {
                for &i in &self.index.ics {
                    per[i as usize] += 1.0;
                }
                england = ds.lsoas.len() as f64;
            }
            OrgCount::Sicbls => {
                for s in &ds.sicbls {
                    per[s.ics] += 1.0;
                }
                england = ds.sicbls.len() as f64;
            }
            OrgCount::Utlas { min_pct } | OrgCount::Ltlas { min_pct } => {
                let utla = matches!(count, OrgCount::Utlas { .. });
                let areas = if utla { ds.utlas.len() } else { ds.ltlas.len() };
                // LSOAs of each authority, in total and inside each ICS.
                let mut total = vec![0u32; areas];
                let mut inside = vec![vec![0u32; areas]; n];
                for r in 0..ds.lsoas.len() {
                    let a = if utla { self.index.utla[r] as usize } else { ds.lsoas.ltla[r] as usize };
                    total[a] += 1;
                    inside[self.index.ics[r] as usize][a] += 1;
                }
                for (i, row) in inside.iter().enumerate() {
                    per[i] = row.iter().zip(&total).filter(|(k, t)| **k > 0 && f64::from(**k) * 100.0 >= min_pct * f64::from(**t)).count() as f64;
                }
                england = total.iter().filter(|t| **t > 0).count() as f64;
            }
            OrgCount::Trusts { on } => {
                // Trusts are placed by their July 2022 ICB; in another set, through its pieces of those.
                let mut base = Vec::new();
                let mut all = 0.0;
                for t in &ds.trusts {
                    let open = t.opened.as_str() <= on.as_str() && t.closed.as_deref().is_none_or(|c| c > on.as_str());
                    if let (true, Some(i)) = (open, t.ics) {
                        if base.len() <= i {
                            base.resize(i + 1, 0.0);
                        }
                        base[i] += 1.0;
                        all += 1.0;
                    }
                }
                england = all;
                if ds.parts.is_empty() {
                    for (i, c) in base.into_iter().enumerate().take(n) {
                        per[i] = c;
                    }
                } else {
                    let mut estimated = vec![false; n];
                    for p in &ds.parts {
                        let c = base.get(p.base).copied().unwrap_or(0.0);
                        if let Some(x) = per.get_mut(p.area) {
                            *x += p.share * c;
                            estimated[p.area] |= !p.is_whole() && c > 0.0;
                        }
                    }
                    return (per, england, estimated);
                }
            }
        }
        (per, england, vec![false; n])
    }
}

/// England's value of a measure: the published one if any, else the sum of the ICSs (when summing makes sense).
fn england_total(m: &Measure, p: usize, summable: bool) -> Option<f64> {
    if let Some(e) = m.england.as_ref().and_then(|e| e[p]) {
        return Some(e);
    }
    if !summable {
        return None;
    }
    let present: Vec<f64> = m.values[p].iter().flatten().copied().collect();
    (!present.is_empty()).then(|| present.iter().sum())
}

/// The flags of measure `m` at period `p` touching ICS `ics` (or England for None).
fn flags(m: &Measure, p: usize, ics: Option<usize>) -> Vec<FlagNote> {
    m.flags
        .iter()
        .filter(|f| f.period == p && ics.map_or(f.england, |i| f.icss.contains(&i)))
        .map(|f| FlagNote { kind: f.kind, note: f.note.clone(), icss: f.icss.clone(), england: f.england })
        .collect()
}

fn merge(into: &mut Vec<FlagNote>, more: Vec<FlagNote>) {
    for f in more {
        if !into.contains(&f) {
            into.push(f);
        }
    }
}

fn is_count(x: f64) -> bool {
    x >= 0.0 && x.fract() == 0.0
}

/// `num / den × k` (or its complement) with confidence intervals where the method and the data allow.
fn ratio_value(num: Option<f64>, den: Option<f64>, k: f64, ci: CiMethod, complement: bool) -> Value {
    let (Some(x), Some(d)) = (num, den) else {
        return Value { numerator: num, denominator: den, ..Value::default() };
    };
    if !(d > 0.0) {
        return Value { numerator: num, denominator: den, ..Value::default() };
    }
    let share = x / d;
    let value = if complement { (1.0 - share) * k } else { share * k };
    let counts = is_count(x) && is_count(d);
    let interval = |z: f64| -> Option<Interval> {
        if !counts {
            return None;
        }
        match ci {
            CiMethod::None => None,
            CiMethod::Wilson => {
                let successes = if complement { d - x } else { x };
                stats::wilson(successes, d, z).map(|i| Interval { lower: i.lower * k, upper: i.upper * k })
            }
            CiMethod::Byar => stats::poisson_limits(x, z).map(|i| Interval { lower: i.lower / d * k, upper: i.upper / d * k }),
        }
    };
    let numerator = if complement { Some(d - x) } else { Some(x) };
    Value {
        value: Some(value),
        numerator,
        denominator: Some(d),
        ci95: interval(stats::Z95),
        ci998: interval(stats::Z998),
        flags: vec![],
        estimate: false,
    }
}

#[cfg(test)]
mod tests {
    use super::super::fixture;
    use ics_data::dataset::FlagKind;

    #[test]
    fn stored_ratio_lsoa_and_org_values_on_the_fixture() {
        let e = fixture::engine();
        let val = |id: &str, p: Option<&str>| {
            let (k, ind) = e.indicator(id).unwrap();
            let p = e.period_index(k, p).unwrap();
            e.values_at(ind, p)
        };
        // Stored: populations as given; England is their sum.
        let v = val("population", None);
        assert_eq!(v.icss.iter().map(|x| x.value.unwrap()).collect::<Vec<_>>(), [1000.0, 2000.0, 4000.0, 3000.0]);
        assert_eq!(v.england.value, Some(10_000.0));
        // Ratio per 1,000 with Byar limits: A has 20 events / 1,000 people in 2024-02 = 20 per 1,000.
        let v = val("events_per_1000", Some("2024-02"));
        assert_eq!(v.icss[0].value, Some(20.0));
        let ci = v.icss[0].ci95.unwrap();
        // PHStatsMethods ph_rate(20, 1000, multiplier=1000): 12.211429 to 30.889880.
        assert!((ci.lower - 12.211_429).abs() < 1e-5 && (ci.upper - 30.889_880).abs() < 1e-5, "{ci:?}");
        // England: published 150 events over 10,000 people (the ICSs sum to 140).
        assert_eq!(v.england.value, Some(15.0));
        // Complement proportion with Wilson: B has 30 of 200 over target, so 85% within.
        let v = val("within_pct", Some("2024-02"));
        assert_eq!(v.icss[1].value, Some(85.0));
        assert_eq!(v.icss[1].numerator, Some(170.0));
        let ci = v.icss[1].ci95.unwrap();
        assert!(ci.lower < 85.0 && ci.upper > 85.0);
        // Flags travel: 2024-01 is incomplete for ICS C and for England.
        let v = val("within_pct", Some("2024-01"));
        assert_eq!(v.icss[2].flags.len(), 1);
        assert_eq!(v.icss[2].flags[0].kind, FlagKind::Incomplete);
        assert!(v.icss[0].flags.is_empty());
        assert_eq!(v.england.flags.len(), 1);
        // LSOA aggregation: Core20 population share of A = 300 / 400 people.
        let v = val("core20_pop_share", None);
        assert_eq!(v.icss[0].value, Some(75.0));
        // Org count: upper-tier authorities with ≥ 5% of their LSOAs in the ICS.
        let v = val("utla_count", None);
        assert_eq!(v.icss.iter().map(|x| x.value.unwrap()).collect::<Vec<_>>(), [1.0, 2.0, 1.0, 1.0]);
        assert_eq!(v.england.value, Some(2.0));
    }

    #[test]
    fn the_default_period_is_the_latest_with_all_but_two_icss() {
        let e = fixture::engine();
        let (k, ind) = e.indicator("within_pct").unwrap();
        // 2024-03 has no value for Delta, but 3 of the 4 ICSs (at least all but two) are enough: it is the default.
        assert_eq!(e.default_threshold(), 2);
        assert_eq!(e.values_at(ind, e.default_period(ind)).period, "2024-03");
        assert_eq!(e.period_index(k, None).unwrap(), 2);
        assert_eq!(e.period_index(k, Some("latest")).unwrap(), 2);
        let err = e.period_index(k, Some("2030-01")).unwrap_err();
        assert!(err.0.contains("has no period \"2030-01\"; it has: 2024-01, 2024-02, 2024-03"), "{err}");
    }
}
