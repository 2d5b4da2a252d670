//! Statistical process control the NHS way (NHS England's "Making Data Count"): XmR (individuals) charts with
//! process limits, the four special-cause rules, variation and assurance icons, computed as NHS-R's
//! `NHSRplotthedots` computes them (docs/methods.md §6.10 says what is validated against what).
//!
//! The maths (`limits`, `rule_hits`, `variation`, `assurance`) reads a plain series of `Option<f64>` (None: no
//! value, which breaks moving ranges, runs and trends) and never knows the dataset. `Engine::spc` and
//! `Engine::spc_summary` feed it an indicator's series for one frame, one slot per period with periods missing from
//! the source as None. It never invents a target, never hides a flagged or estimated point (they are plotted,
//! marked and tested against the rules; flagged ones are kept out of the limits unless asked), and never panics
//! on a short, empty or constant series.

use super::trend::{label_of, period_ordinal};
use super::values::FlagNote;
use super::{Engine, EngineError};
use ics_data::dataset::{PeriodKind, Polarity};
use serde::Serialize;

/// Process limits are the mean ± 2.66 × the mean moving range (2.66 = 3 / d₂, d₂ = 1.128).
pub const LIMIT: f64 = 2.66;
/// Moving ranges above 3.267 × their mean (the upper range limit) are screened out before the limits, as
/// NHSRplotthedots does by default (NHS England's Excel tool does not).
pub const SCREEN: f64 = 3.267;
/// Fewer baseline points than this and the limits are provisional (Making Data Count asks for 15 to 20).
pub const MIN_POINTS: usize = 15;
/// The run length of the shift and trend rules (Making Data Count's 7), and the range a user may choose.
pub const DEFAULT_RUN: usize = 7;
pub const RUNS: std::ops::RangeInclusive<usize> = 5..=12;

/// The limits of a baseline: its mean, mean moving range and the process limits and "near a limit" lines.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Limits {
    pub mean: f64,
    pub mean_moving_range: f64,
    pub lower: f64,
    pub upper: f64,
    /// Two sigma: mean ± (2/3) × 2.66 × mean moving range; a point beyond one (but inside the limit) is near it.
    pub lower_near: f64,
    pub upper_near: f64,
    /// Values in the baseline, moving ranges between consecutive ones, and how many ranges were screened out.
    pub points: usize,
    pub moving_ranges: usize,
    pub screened_out: usize,
}

/// The limits of `values` (None breaks the moving ranges): None with fewer than two values or no moving range.
pub fn limits(values: &[Option<f64>], screen: bool) -> Option<Limits> {
    let xs: Vec<f64> = values.iter().flatten().copied().collect();
    let mean_of = |v: &[f64]| v.iter().sum::<f64>() / v.len() as f64;
    let mut ranges: Vec<f64> = values.windows(2).filter_map(|w| Some((w[1]? - w[0]?).abs())).collect();
    if xs.len() < 2 || ranges.is_empty() {
        return None;
    }
    let (mean, all) = (mean_of(&xs), ranges.len());
    let mut mr = mean_of(&ranges);
    // A constant series has every range 0: nothing to screen (NHSRplotthedots would drop them all and give NaN).
    if screen && mr > 0.0 {
        ranges.retain(|&r| r < SCREEN * mr);
        mr = mean_of(&ranges);
    }
    let near = 2.0 * LIMIT / 3.0;
    Some(Limits {
        mean,
        mean_moving_range: mr,
        lower: mean - LIMIT * mr,
        upper: mean + LIMIT * mr,
        lower_near: mean - near * mr,
        upper_near: mean + near * mr,
        points: xs.len(),
        moving_ranges: ranges.len(),
        screened_out: all - ranges.len(),
    })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Rule {
    /// A point beyond a process limit.
    Beyond,
    /// A run of points (7 by default) all above or all below the mean; a point on the mean breaks it.
    Shift,
    /// A run of points (7 by default) each higher, or each lower, than the one before; a repeat breaks it.
    Trend,
    /// Two of three consecutive points near a limit (beyond two sigma, inside the limit), all three on its side.
    TwoOfThree,
}

impl Rule {
    pub fn label(self, run: usize) -> String {
        match self {
            Rule::Beyond => "Beyond a process limit".into(),
            Rule::Shift => format!("Shift: {run} or more points on one side of the mean"),
            Rule::Trend => format!("Trend: {run} or more points rising or falling"),
            Rule::TwoOfThree => "2 of 3 points near a limit".into(),
        }
    }
}

/// Which way a rule points: above the mean or rising (`High`), below or falling (`Low`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Side {
    High,
    Low,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Hit {
    pub rule: Rule,
    pub side: Side,
}

impl Hit {
    /// "Shift: 7 or more points on one side of the mean (above)".
    pub fn label(self, run: usize) -> String {
        let way = match (self.rule, self.side) {
            (Rule::Trend, Side::High) => "rising",
            (Rule::Trend, Side::Low) => "falling",
            (_, Side::High) => "above",
            (_, Side::Low) => "below",
        };
        format!("{} ({way})", self.rule.label(run))
    }
}

/// The rules each point breaks against `l`, in the order beyond, trend, two of three, shift (NHSRplotthedots'
/// priority when it names one). Every point of a qualifying run is marked, as NHSRplotthedots does.
pub fn rule_hits(values: &[Option<f64>], l: &Limits, run: usize) -> Vec<Vec<Hit>> {
    let n = values.len();
    let run = run.max(2);
    let mut hits: Vec<Vec<Hit>> = vec![Vec::new(); n];
    let side_of = |v: f64| {
        if v > l.mean {
            Some(Side::High)
        } else if v < l.mean {
            Some(Side::Low)
        } else {
            None
        }
    };
    for (k, v) in values.iter().enumerate() {
        match v {
            Some(v) if *v > l.upper => hits[k].push(Hit { rule: Rule::Beyond, side: Side::High }),
            Some(v) if *v < l.lower => hits[k].push(Hit { rule: Rule::Beyond, side: Side::Low }),
            _ => {}
        }
    }
    // Trend: runs of steps between consecutive values, all rising or all falling; `run` points are `run - 1` steps.
    // A point at the end of one trend and the start of another takes the later one's direction.
    let steps: Vec<Option<Side>> = (0..n).map(|k| if k == 0 { None } else { side_of_step(values[k - 1], values[k]) }).collect();
    let mut trend: Vec<Option<Side>> = vec![None; n];
    for (start, end, side) in runs(&steps) {
        if end - start + 1 >= run - 1 {
            for t in trend.iter_mut().take(end + 1).skip(start - 1) {
                *t = Some(side);
            }
        }
    }
    for (k, t) in trend.iter().enumerate() {
        if let Some(side) = t {
            hits[k].push(Hit { rule: Rule::Trend, side: *side });
        }
    }
    // Two of three: every window of three consecutive values on one side of the mean with two or more near a limit
    // marks those near it (a point beyond the limit is not "near" it).
    let sides: Vec<Option<Side>> = values.iter().map(|v| v.and_then(side_of)).collect();
    let near = |v: Option<f64>| v.is_some_and(|v| (v > l.upper_near && v <= l.upper) || (v < l.lower_near && v >= l.lower));
    let mut two: Vec<Option<Side>> = vec![None; n];
    for j in 0..n.saturating_sub(2) {
        let Some(side) = sides[j] else { continue };
        if sides[j + 1] == Some(side) && sides[j + 2] == Some(side) && (j..j + 3).filter(|&k| near(values[k])).count() >= 2 {
            for k in (j..j + 3).filter(|&k| near(values[k])) {
                two[k] = Some(side);
            }
        }
    }
    for (k, t) in two.iter().enumerate() {
        if let Some(side) = t {
            hits[k].push(Hit { rule: Rule::TwoOfThree, side: *side });
        }
    }
    // Shift: runs of values on one side of the mean.
    for (start, end, side) in runs(&sides) {
        if end - start + 1 >= run {
            for h in hits.iter_mut().take(end + 1).skip(start) {
                h.push(Hit { rule: Rule::Shift, side });
            }
        }
    }
    hits
}

fn side_of_step(a: Option<f64>, b: Option<f64>) -> Option<Side> {
    let (a, b) = (a?, b?);
    if b > a {
        Some(Side::High)
    } else if b < a {
        Some(Side::Low)
    } else {
        None
    }
}

/// Maximal runs of equal, present entries: (first index, last index, side).
fn runs(xs: &[Option<Side>]) -> Vec<(usize, usize, Side)> {
    let mut out: Vec<(usize, usize, Side)> = Vec::new();
    for (k, x) in xs.iter().enumerate() {
        let Some(s) = x else { continue };
        match out.last_mut() {
            Some(last) if last.1 + 1 == k && last.2 == *s => last.1 = k,
            _ => out.push((k, k, *s)),
        }
    }
    out
}

/// Which way is better, from the indicator's polarity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Better {
    Higher,
    Lower,
    Neither,
}

impl From<Polarity> for Better {
    fn from(p: Polarity) -> Better {
        match p {
            Polarity::HigherIsBetter => Better::Higher,
            Polarity::LowerIsBetter => Better::Lower,
            Polarity::Neutral => Better::Neither,
        }
    }
}

/// A point's variation, the Making Data Count variation icon.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Variation {
    CommonCause,
    Improvement,
    Concern,
    /// Special cause where neither direction is better: higher, or lower.
    NeitherHigh,
    NeitherLow,
}

impl Variation {
    /// The icon's text equivalent.
    pub fn label(self) -> &'static str {
        match self {
            Variation::CommonCause => "Common cause variation",
            Variation::Improvement => "Special cause variation: improvement",
            Variation::Concern => "Special cause variation: concern",
            Variation::NeitherHigh => "Special cause variation: higher (neither better nor worse)",
            Variation::NeitherLow => "Special cause variation: lower (neither better nor worse)",
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            Variation::CommonCause => "common_cause",
            Variation::Improvement => "improvement",
            Variation::Concern => "concern",
            Variation::NeitherHigh => "neither_high",
            Variation::NeitherLow => "neither_low",
        }
    }
}

/// The variation of a point with `hits`: the first hit in the order beyond, trend, two of three, shift (as
/// NHSRplotthedots names a point's special cause) read through the polarity.
pub fn variation(hits: &[Hit], better: Better) -> Variation {
    let first = [Rule::Beyond, Rule::Trend, Rule::TwoOfThree, Rule::Shift].iter().find_map(|r| hits.iter().find(|h| h.rule == *r));
    match (first.map(|h| h.side), better) {
        (None, _) => Variation::CommonCause,
        (Some(Side::High), Better::Higher) | (Some(Side::Low), Better::Lower) => Variation::Improvement,
        (Some(Side::Low), Better::Higher) | (Some(Side::High), Better::Lower) => Variation::Concern,
        (Some(Side::High), Better::Neither) => Variation::NeitherHigh,
        (Some(Side::Low), Better::Neither) => Variation::NeitherLow,
    }
}

/// The Making Data Count assurance icon: where a target lies against the process limits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Assurance {
    /// The target lies beyond the limits on the bad side: the process will consistently pass it.
    Pass,
    /// The target lies beyond the limits on the good side: the process will consistently fail it.
    Fail,
    /// The target lies between the limits: the process will sometimes meet it, by chance.
    HitAndMiss,
}

impl Assurance {
    pub fn label(self) -> &'static str {
        match self {
            Assurance::Pass => "Assurance: consistently passing the target",
            Assurance::Fail => "Assurance: consistently failing the target",
            Assurance::HitAndMiss => "Assurance: hit and miss (the target lies within the process limits)",
        }
    }
}

/// Assurance against `target` (as NHSRplotthedots' `ptd_calculate_assurance_type`): None where neither direction
/// is better.
pub fn assurance(target: f64, l: &Limits, better: Better) -> Option<Assurance> {
    let (above, below) = (target > l.upper, target < l.lower);
    match better {
        Better::Neither => None,
        Better::Higher if above => Some(Assurance::Fail),
        Better::Higher if below => Some(Assurance::Pass),
        Better::Lower if above => Some(Assurance::Pass),
        Better::Lower if below => Some(Assurance::Fail),
        _ => Some(Assurance::HitAndMiss),
    }
}

/// What an SPC chart is asked for.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SpcSettings {
    /// The baseline's first and last periods (default: every period).
    pub baseline_from: Option<String>,
    pub baseline_to: Option<String>,
    /// The run length of the shift and trend rules (5 to 12; default 7).
    pub run: usize,
    /// Screen moving ranges above 3.267 × their mean out of the limits (default, as NHSRplotthedots).
    pub screen: bool,
    /// Use flagged values (incomplete, missing for a reason, after a break) in the limits too.
    pub include_flagged: bool,
    /// Leave estimated values out (they become gaps).
    pub hide_estimates: bool,
}

impl Default for SpcSettings {
    fn default() -> Self {
        SpcSettings { baseline_from: None, baseline_to: None, run: DEFAULT_RUN, screen: true, include_flagged: false, hide_estimates: false }
    }
}

/// "2023-04..2024-03" as the baseline's first and last periods (either may be empty: from the start, to the end).
pub fn parse_baseline(text: &str) -> Option<(Option<String>, Option<String>)> {
    let (a, b) = text.split_once("..")?;
    let part = |s: &str| (!s.trim().is_empty()).then(|| s.trim().to_string());
    Some((part(a), part(b)))
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SpcPoint {
    pub period: String,
    pub value: Option<f64>,
    /// The period is missing from the source (a gap between published periods).
    pub missing: bool,
    pub estimate: bool,
    /// The value has a flag other than a note (incomplete, missing for a reason, after a break in the series).
    pub flagged: bool,
    pub flags: Vec<FlagNote>,
    /// The value is one of those the limits were computed from.
    pub in_baseline: bool,
    pub hits: Vec<Hit>,
    pub variation: Variation,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Spc {
    pub indicator: usize,
    pub ics: usize,
    pub period_kind: PeriodKind,
    pub settings: SpcSettings,
    pub better: Better,
    /// The baseline's first and last periods.
    pub baseline: (String, String),
    pub limits: Option<Limits>,
    pub points: Vec<SpcPoint>,
    /// The latest period with a value and its variation: the chart's variation icon.
    pub latest: Option<String>,
    pub variation: Option<Variation>,
    /// The variation icon's text equivalent.
    pub variation_label: Option<&'static str>,
    /// The indicator's published standards (NHS Constitution, planning guidance), each with the assurance the
    /// limits give against it (none without limits, or where neither direction is better).
    pub standards: Vec<Assured>,
    /// What to bear in mind: provisional limits, screened ranges, flagged points left out of the limits.
    pub warnings: Vec<String>,
}

/// A published standard and the Making Data Count assurance icon against it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Assured {
    pub value: f64,
    pub label: String,
    pub source: String,
    pub assurance: Option<Assurance>,
    /// The assurance icon's text equivalent.
    pub assurance_label: Option<&'static str>,
}

/// One ICS's line in the summary across ICSs: its latest variation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SpcSummaryRow {
    pub ics: usize,
    pub latest: Option<String>,
    pub value: Option<f64>,
    pub estimate: bool,
    pub variation: Option<Variation>,
    pub variation_label: Option<&'static str>,
    pub hits: Vec<Hit>,
    pub baseline_points: usize,
}

/// An indicator's series for every ICS on a continuous period scale: the periods, whether each is missing from
/// the source, and every ICS's value, flags and estimate at each.
struct Series {
    kind: PeriodKind,
    periods: Vec<String>,
    missing: Vec<bool>,
    values: Vec<Option<super::values::Values>>,
}

impl Engine {
    fn spc_series(&self, k: usize, hide_estimates: bool) -> Series {
        let ind = &self.catalogue().indicators[k];
        let (kind, published) = self.periods(ind);
        let mut s = Series { kind, periods: vec![], missing: vec![], values: vec![] };
        let mut last: Option<i64> = None;
        for (p, period) in published.iter().enumerate() {
            let ord = period_ordinal(kind, period);
            if let (Some(a), Some(b)) = (last, ord) {
                // A gap of more than a few years is not filled (a user's odd labels): it still breaks runs.
                for o in (a + 1..b).take(240) {
                    s.periods.push(label_of(kind, o));
                    s.missing.push(true);
                    s.values.push(None);
                }
            }
            last = ord.or(last);
            let v = self.values_at(ind, p);
            s.periods.push(period.clone());
            s.missing.push(false);
            s.values.push(Some(if hide_estimates { v.without_estimates() } else { v }));
        }
        s
    }

    /// The SPC chart of indicator `k` for ICS `ics`.
    pub fn spc(&self, k: usize, ics: usize, settings: &SpcSettings) -> Result<Spc, EngineError> {
        let s = self.spc_series(k, settings.hide_estimates);
        self.spc_of(k, ics, settings, &s)
    }

    /// Every ICS's latest variation for indicator `k` (dataset order; ICSs without a chart have no variation).
    pub fn spc_summary(&self, k: usize, settings: &SpcSettings) -> Result<Vec<SpcSummaryRow>, EngineError> {
        let s = self.spc_series(k, settings.hide_estimates);
        (0..self.ds.icss.len())
            .map(|i| {
                let c = self.spc_of(k, i, settings, &s)?;
                let last = c.points.iter().rev().find(|p| p.value.is_some());
                Ok(SpcSummaryRow {
                    ics: i,
                    latest: c.latest.clone(),
                    value: last.and_then(|p| p.value),
                    estimate: last.is_some_and(|p| p.estimate),
                    variation: c.variation,
                    variation_label: c.variation_label,
                    hits: last.map(|p| p.hits.clone()).unwrap_or_default(),
                    baseline_points: c.limits.as_ref().map_or(0, |l| l.points),
                })
            })
            .collect()
    }

    fn spc_of(&self, k: usize, ics: usize, settings: &SpcSettings, s: &Series) -> Result<Spc, EngineError> {
        let ind = self.catalogue().indicators.get(k).ok_or_else(|| EngineError(format!("no indicator number {k}")))?;
        if ics >= self.ds.icss.len() {
            return Err(EngineError(format!("no ICS number {ics}")));
        }
        if !RUNS.contains(&settings.run) {
            return Err(EngineError(format!("the run length must be {} to {}, not {}", RUNS.start(), RUNS.end(), settings.run)));
        }
        let n = s.periods.len();
        let find = |p: &Option<String>, default: usize, what: &str| -> Result<usize, EngineError> {
            match p {
                None => Ok(default),
                Some(p) => s.periods.iter().position(|x| x == p).filter(|&i| !s.missing[i]).ok_or_else(|| {
                    EngineError(format!(
                        "indicator \"{}\" has no period \"{p}\" for the baseline's {what}; it has {} to {}",
                        ind.id,
                        s.periods.first().cloned().unwrap_or_default(),
                        s.periods.last().cloned().unwrap_or_default()
                    ))
                }),
            }
        };
        let from = find(&settings.baseline_from, 0, "start")?;
        let to = find(&settings.baseline_to, n.saturating_sub(1), "end")?;
        if from > to {
            return Err(EngineError(format!("the baseline starts ({}) after it ends ({})", s.periods[from], s.periods[to])));
        }
        let own = |p: usize| s.values[p].as_ref().and_then(|v| v.icss.get(ics));
        let values: Vec<Option<f64>> = (0..n).map(|p| own(p).and_then(|v| v.value)).collect();
        let flagged: Vec<bool> = (0..n).map(|p| own(p).is_some_and(|v| v.is_flagged())).collect();
        let in_baseline: Vec<bool> =
            (0..n).map(|p| (from..=to).contains(&p) && values[p].is_some() && (settings.include_flagged || !flagged[p])).collect();
        let base: Vec<Option<f64>> = (0..n).map(|p| values[p].filter(|_| in_baseline[p])).collect();
        let limits = limits(&base[from..=to.min(n.saturating_sub(1))], settings.screen);
        let hits = limits.as_ref().map(|l| rule_hits(&values, l, settings.run)).unwrap_or_else(|| vec![Vec::new(); n]);
        let better = Better::from(ind.polarity);
        let points: Vec<SpcPoint> = (0..n)
            .map(|p| SpcPoint {
                period: s.periods[p].clone(),
                value: values[p],
                missing: s.missing[p],
                estimate: own(p).is_some_and(|v| v.estimate),
                flagged: flagged[p],
                flags: own(p).map(|v| v.flags.clone()).unwrap_or_default(),
                in_baseline: in_baseline[p],
                variation: variation(&hits[p], better),
                hits: hits[p].clone(),
            })
            .collect();
        let last = points.iter().rev().find(|p| p.value.is_some());
        let mut warnings = Vec::new();
        let used = in_baseline.iter().filter(|&&b| b).count();
        match &limits {
            None => warnings.push(format!(
                "No limits: the baseline has {used} value{} with a moving range (at least 2 consecutive values are needed).",
                if used == 1 { "" } else { "s" }
            )),
            Some(l) if l.points < MIN_POINTS => warnings.push(format!(
                "The limits rest on {} points, fewer than the {MIN_POINTS} to 20 Making Data Count asks for: treat them as provisional.",
                l.points
            )),
            Some(_) => {}
        }
        let left_out = (from..=to).filter(|&p| values[p].is_some() && flagged[p] && !in_baseline[p]).count();
        if left_out > 0 {
            warnings.push(format!("{left_out} flagged value{} in the baseline period {} left out of the limits (they are still plotted, marked and tested against the rules).", if left_out == 1 { "" } else { "s" }, if left_out == 1 { "is" } else { "are" }));
        }
        if let Some(l) = limits.as_ref().filter(|l| l.screened_out > 0) {
            warnings.push(format!(
                "{} moving range{} above {} × the mean moving range {} screened out of the limits.",
                l.screened_out,
                ics_data::format::number(SCREEN, 3),
                if l.screened_out == 1 { "" } else { "s" },
                if l.screened_out == 1 { "was" } else { "were" }
            ));
        }
        Ok(Spc {
            indicator: k,
            ics,
            period_kind: s.kind,
            settings: settings.clone(),
            better,
            baseline: (s.periods.get(from).cloned().unwrap_or_default(), s.periods.get(to).cloned().unwrap_or_default()),
            latest: last.map(|p| p.period.clone()),
            variation: last.filter(|_| limits.is_some()).map(|p| p.variation),
            variation_label: last.filter(|_| limits.is_some()).map(|p| p.variation.label()),
            standards: ind
                .standards
                .iter()
                .map(|t| {
                    let a = limits.as_ref().and_then(|l| assurance(t.value, l, better));
                    Assured {
                        value: t.value,
                        label: t.label.clone(),
                        source: t.source.clone(),
                        assurance: a,
                        assurance_label: a.map(Assurance::label),
                    }
                })
                .collect(),
            limits,
            points,
            warnings,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64, tol: f64) -> bool {
        (a - b).abs() <= tol
    }

    /// `rnorm(20)` after `set.seed(123)` in R, the data of NHSRplotthedots' tests/testthat/test-ptd_spc_standard.R
    /// (the snapshot in tests/testthat/_snaps/ptd_spc_standard.md shows its first values and the limits below).
    const RNORM_123: [f64; 20] = [
        -0.56047565,
        -0.23017749,
        1.55870831,
        0.07050839,
        0.12928774,
        1.71506499,
        0.46091621,
        -1.26506123,
        -0.68685285,
        -0.44566197,
        1.22408180,
        0.35981383,
        0.40077145,
        0.11068272,
        -0.55584113,
        1.78691314,
        0.49785048,
        -1.96661716,
        0.70135832,
        -0.47279141,
    ];

    #[test]
    fn limits_match_nhsrplotthedots_snapshots() {
        // test-ptd_spc_standard.R, "it returns expected values": r1 (screened, the data as is), r2 (y[15] <- 10,
        // screened) and r3 (y[15] <- 10, not screened). Snapshot values to 7 significant figures.
        let series = |y15: Option<f64>| -> Vec<Option<f64>> {
            let mut v: Vec<Option<f64>> = RNORM_123.iter().map(|&x| Some(x)).collect();
            if let Some(y) = y15 {
                v[14] = Some(y);
            }
            v
        };
        let cases = [
            (None, true, 0.1416238, -3.01138, 3.294627),
            (Some(10.0), true, 0.6694159, -2.383666, 3.722497),
            (Some(10.0), false, 0.6694159, -4.596625, 5.935457),
        ];
        for (y15, screen, mean, lpl, upl) in cases {
            let l = limits(&series(y15), screen).unwrap();
            assert!(close(l.mean, mean, 5e-7) && close(l.lower, lpl, 5e-6) && close(l.upper, upl, 5e-6), "{y15:?} {screen}: {l:?}");
        }
        // The r1 snapshot's relative_to_mean, first 15 points.
        let l = limits(&series(None), true).unwrap();
        let rel: Vec<i8> = RNORM_123[..15].iter().map(|&x| if x > l.mean { 1 } else { -1 }).collect();
        assert_eq!(rel, [-1, -1, 1, -1, -1, 1, 1, -1, -1, -1, 1, 1, 1, -1, -1]);
        // Screening dropped exactly the two ranges next to the outlier (|10 − (−0.56)| and |1.79 − 10|).
        assert_eq!(limits(&series(Some(10.0)), true).unwrap().screened_out, 2);
        // ptd_spc's summary snapshot (_snaps/ptd_spc.md): 20 points, all common cause.
        let hits = rule_hits(&series(None), &l, 7);
        assert!(hits.iter().all(|h| h.is_empty()));
    }

    #[test]
    fn hand_computed_limits_and_gaps() {
        // 5, 7, 6, 8, 7, 9, 8: mean 50/7; moving ranges 2,1,2,1,2,1 → 1.5; limits 50/7 ± 3.99; near ± 2.66.
        let v: Vec<Option<f64>> = [5.0, 7.0, 6.0, 8.0, 7.0, 9.0, 8.0].map(Some).to_vec();
        let l = limits(&v, true).unwrap();
        let m = 50.0 / 7.0;
        assert!(close(l.mean, m, 1e-12) && close(l.mean_moving_range, 1.5, 1e-12));
        assert!(close(l.lower, m - 3.99, 1e-12) && close(l.upper, m + 3.99, 1e-12));
        assert!(close(l.lower_near, m - 2.66, 1e-12) && close(l.upper_near, m + 2.66, 1e-12));
        assert_eq!((l.points, l.moving_ranges, l.screened_out), (7, 6, 0));
        // A gap breaks the moving ranges: 5, 7, _, 6, 8 has ranges 2 and 2 only; mean 6.5.
        let l = limits(&[Some(5.0), Some(7.0), None, Some(6.0), Some(8.0)], true).unwrap();
        assert_eq!((l.mean, l.mean_moving_range, l.moving_ranges), (6.5, 2.0, 2));
        // Screening: 1, 2, 1, 2, 1, 2, 1, 2, 1, 20 has ranges 1 (×8) and 19: mean 27/9 = 3; 19 > 3.267 × 3 is dropped
        // → m̄R 1; unscreened, 3. Mean 33/10.
        let v: Vec<Option<f64>> = [1.0, 2.0, 1.0, 2.0, 1.0, 2.0, 1.0, 2.0, 1.0, 20.0].map(Some).to_vec();
        let (a, b) = (limits(&v, true).unwrap(), limits(&v, false).unwrap());
        assert_eq!((a.mean_moving_range, a.screened_out, b.mean_moving_range), (1.0, 1, 3.0));
        assert!(close(a.upper, 3.3 + 2.66, 1e-12) && close(b.upper, 3.3 + 7.98, 1e-12));
        let h = rule_hits(&v, &a, 7);
        assert_eq!(h[9], [Hit { rule: Rule::Beyond, side: Side::High }]);
        // Too little or constant: no limits, or zero-width ones without NaN.
        assert!(limits(&[Some(1.0)], true).is_none() && limits(&[Some(1.0), None, Some(2.0)], true).is_none() && limits(&[], false).is_none());
        let c = limits(&[Some(4.0); 5], true).unwrap();
        assert_eq!((c.lower, c.upper), (4.0, 4.0));
    }

    /// Limits with mean 0, near lines at ±2, process limits at ±3, for testing the rules on chosen points.
    fn unit() -> Limits {
        Limits {
            mean: 0.0,
            mean_moving_range: 3.0 / LIMIT,
            lower: -3.0,
            upper: 3.0,
            lower_near: -2.0,
            upper_near: 2.0,
            points: 20,
            moving_ranges: 19,
            screened_out: 0,
        }
    }

    fn rule_points(v: &[Option<f64>], rule: Rule, run: usize) -> Vec<usize> {
        rule_hits(v, &unit(), run).iter().enumerate().filter(|(_, h)| h.iter().any(|x| x.rule == rule)).map(|(k, _)| k).collect()
    }

    #[test]
    fn shift_and_trend_runs_as_nhsrplotthedots() {
        let s = |v: &[f64]| v.iter().map(|&x| Some(x)).collect::<Vec<_>>();
        // test-ptd_calculate_point_type.R, ptd_seven_point_one_side_mean + ptd_part_of_seven_trend: 6 above is no
        // shift; 8 above then 1 below marks the 8.
        assert!(rule_points(&s(&[1.0; 6]), Rule::Shift, 7).is_empty());
        assert!(rule_points(&s(&[1.0, 1.0, 1.0, 1.0, 1.0, 1.0, -1.0]), Rule::Shift, 7).is_empty());
        assert_eq!(rule_points(&s(&[1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, -1.0]), Rule::Shift, 7), (0..8).collect::<Vec<_>>());
        assert_eq!(rule_points(&s(&[-1.0, -1.0, -1.0, -1.0, -1.0, -1.0, -1.0, -1.0, 1.0]), Rule::Shift, 7), (0..8).collect::<Vec<_>>());
        // A point on the mean or a missing month breaks a shift; a run of 5 counts when the run length is 5.
        let on_mean = s(&[1.0, 1.0, 1.0, 0.0, 1.0, 1.0, 1.0, 1.0]);
        assert!(rule_points(&on_mean, Rule::Shift, 7).is_empty());
        let gap = [Some(1.0), Some(1.0), Some(1.0), None, Some(1.0), Some(1.0), Some(1.0), Some(1.0)];
        assert!(rule_points(&gap, Rule::Shift, 7).is_empty());
        assert_eq!(rule_points(&gap, Rule::Shift, 4), [4, 5, 6, 7]);
        // ptd_seven_point_trend: 1:6 no; c(1:3, 3:6) no (a repeat breaks it); 1:7 yes; c(2, 1:7, 3) marks 1:7;
        // c(2, 7:1, 3) marks 7:1 (falling).
        let small = |v: &[f64]| s(&v.iter().map(|x| x / 10.0).collect::<Vec<_>>());
        assert!(rule_points(&small(&[1.0, 2.0, 3.0, 4.0, 5.0, 6.0]), Rule::Trend, 7).is_empty());
        assert!(rule_points(&small(&[1.0, 2.0, 3.0, 3.0, 4.0, 5.0, 6.0]), Rule::Trend, 7).is_empty());
        assert_eq!(rule_points(&small(&[1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0]), Rule::Trend, 7), (0..7).collect::<Vec<_>>());
        let up = rule_hits(&small(&[2.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 3.0]), &unit(), 7);
        assert_eq!(
            up.iter().map(|h| h.contains(&Hit { rule: Rule::Trend, side: Side::High })).collect::<Vec<_>>(),
            [false, true, true, true, true, true, true, true, false]
        );
        let down = rule_hits(&small(&[2.0, 7.0, 6.0, 5.0, 4.0, 3.0, 2.0, 1.0, 3.0]), &unit(), 7);
        assert_eq!(
            down.iter().map(|h| h.contains(&Hit { rule: Rule::Trend, side: Side::Low })).collect::<Vec<_>>(),
            [false, true, true, true, true, true, true, true, false]
        );
        // A missing month breaks a trend.
        let gap = [Some(0.1), Some(0.2), Some(0.3), None, Some(0.4), Some(0.5), Some(0.6), Some(0.7)];
        assert!(rule_points(&gap, Rule::Trend, 7).is_empty());
    }

    #[test]
    fn two_of_three_as_nhsrplotthedots() {
        // test-ptd_calculate_point_type.R, ptd_two_in_three and ptd_part_of_two_in_three: `near` marks points near
        // a limit, `side` their side of the mean; only the points near the limit are marked.
        let pts = |near: &[u8], side: &[i8]| -> Vec<Option<f64>> {
            near.iter().zip(side).map(|(&c, &s)| Some(f64::from(s) * if c == 1 { 2.5 } else { 0.5 })).collect()
        };
        let cases: [(&[u8], &[i8], &[usize]); 9] = [
            (&[1, 0, 1], &[1, 1, 1], &[0, 2]),
            (&[0, 1, 1], &[1, 1, 1], &[1, 2]),
            (&[1, 1, 0], &[1, 1, 1], &[0, 1]),
            (&[0, 0, 1, 0, 1, 0, 0], &[1, 1, 1, 1, 1, 1, 1], &[2, 4]),
            (&[0, 0, 1, 1, 0, 0, 0], &[1, 1, 1, 1, 1, 1, 1], &[2, 3]),
            (&[1, 0, 0, 1], &[1, 1, 1, 1], &[]),
            (&[1, 0, 0, 1, 1], &[1, 1, 1, 1, 1], &[3, 4]),
            // "when points are on opposite sides of the mean": nothing.
            (&[1, 0, 1], &[1, -1, 1], &[]),
            (&[0, 0, 1, 1, 0, 0, 0], &[-1, 1, -1, 1, -1, 1, -1], &[]),
        ];
        for (near, side, want) in cases {
            assert_eq!(rule_points(&pts(near, side), Rule::TwoOfThree, 7), want, "{near:?} {side:?}");
        }
        // A point beyond the limit is not "near" it: beyond, near, inside → no 2 of 3.
        assert!(rule_points(&[Some(3.5), Some(2.5), Some(0.5)], Rule::TwoOfThree, 7).is_empty());
        // test-ptd_spc_standard.R, "it only reports special cause for 2of3 points close to limits when they are on
        // the same side of the mean": 1, −1, … (16), with 5.5 and −5.5 last: both common cause.
        let mut v: Vec<Option<f64>> = (0..16).map(|k| Some(if k % 2 == 0 { 1.0 } else { -1.0 })).collect();
        v[14] = Some(5.5);
        v[15] = Some(-5.5);
        let l = limits(&v, true).unwrap();
        // Hand check: mean 0; ranges 2 (×13), 6.5, 11 → 43.5/15 = 2.9; 11 ≥ 3.267 × 2.9 is screened → 32.5/14.
        assert!(close(l.mean, 0.0, 1e-12) && close(l.mean_moving_range, 32.5 / 14.0, 1e-12));
        let h = rule_hits(&v, &l, 7);
        assert_eq!((variation(&h[14], Better::Higher), variation(&h[15], Better::Higher)), (Variation::CommonCause, Variation::CommonCause));
    }

    #[test]
    fn variation_and_assurance_icons() {
        let hit = |rule, side| Hit { rule, side };
        // test-ptd_calculate_point_type.R, ptd_special_cause_type: beyond wins over trend, trend over two of
        // three, two of three over shift.
        let mixed = [hit(Rule::Shift, Side::High), hit(Rule::Beyond, Side::Low)];
        assert_eq!(variation(&mixed, Better::Higher), Variation::Concern);
        assert_eq!(variation(&[hit(Rule::Shift, Side::Low), hit(Rule::Trend, Side::High)], Better::Lower), Variation::Concern);
        assert_eq!(variation(&[hit(Rule::Shift, Side::Low)], Better::Lower), Variation::Improvement);
        assert_eq!(variation(&[hit(Rule::TwoOfThree, Side::High)], Better::Neither), Variation::NeitherHigh);
        assert_eq!(variation(&[], Better::Higher), Variation::CommonCause);
        // test-ptd_calculate_assurance_type.R: limits (1, 3), (5, 7), (1, 5) and target 4.
        let lim = |lower, upper| Limits { lower, upper, ..unit() };
        let got = |b| [lim(1.0, 3.0), lim(5.0, 7.0), lim(1.0, 5.0)].map(|l| assurance(4.0, &l, b));
        assert_eq!(got(Better::Higher), [Some(Assurance::Fail), Some(Assurance::Pass), Some(Assurance::HitAndMiss)]);
        assert_eq!(got(Better::Lower), [Some(Assurance::Pass), Some(Assurance::Fail), Some(Assurance::HitAndMiss)]);
        assert_eq!(got(Better::Neither), [None, None, None]);
    }

    #[test]
    fn baselines_parse() {
        assert_eq!(parse_baseline("2023-04..2024-03"), Some((Some("2023-04".into()), Some("2024-03".into()))));
        assert_eq!(parse_baseline("..2024-03"), Some((None, Some("2024-03".into()))));
        assert_eq!(parse_baseline("2024-03"), None);
    }

    #[test]
    fn an_indicator_chart_and_summary() {
        let e = super::super::fixture::engine();
        let (k, _) = e.indicator("within_pct").unwrap();
        // Alpha: 90, 90, 95: mean 275/3; ranges 0, 5 → 2.5 (5 < 3.267 × 2.5 is kept).
        let c = e.spc(k, 0, &SpcSettings::default()).unwrap();
        let l = c.limits.as_ref().unwrap();
        assert!(close(l.mean, 275.0 / 3.0, 1e-9) && close(l.upper, 275.0 / 3.0 + 6.65, 1e-9));
        assert_eq!(c.points.iter().map(|p| p.value).collect::<Vec<_>>(), [Some(90.0), Some(90.0), Some(95.0)]);
        assert!(c.warnings[0].contains("rest on 3 points"));
        assert_eq!((c.latest.as_deref(), c.variation), (Some("2024-03"), Some(Variation::CommonCause)));
        let bad = |s: SpcSettings| e.spc(k, 0, &s).unwrap_err().0;
        assert!(bad(SpcSettings { run: 3, ..SpcSettings::default() }).contains("run length must be 5 to 12"));
        assert!(bad(SpcSettings { baseline_from: Some("1999-01".into()), ..SpcSettings::default() }).contains("no period \"1999-01\""));
        assert!(bad(SpcSettings { baseline_from: Some("2024-03".into()), baseline_to: Some("2024-01".into()), ..SpcSettings::default() })
            .contains("starts"));
        // The fixture's test standard, 95%, lies between the limits (85.02 to 98.32): hit and miss.
        assert_eq!(c.standards.iter().map(|t| (t.value, t.assurance)).collect::<Vec<_>>(), [(95.0, Some(Assurance::HitAndMiss))]);
        let rows = e.spc_summary(k, &SpcSettings::default()).unwrap();
        assert_eq!(rows.len(), e.frame().icss.len());
        assert_eq!(rows[0].variation, Some(Variation::CommonCause));
    }
}
