//! Funnel plots: for an indicator with a numerator and a denominator (a ratio formula with Wilson or Byar
//! intervals), every ICS's value against its denominator, a centre (England's value where England's counts are
//! published, else the pooled mean Σx/Σn), and control limits at 95% and 99.8% as curves over denominators,
//! so "different" can be told from "small". Limits invert the same exact intervals the rest of the engine uses
//! (Wilson for proportions, as PHEindicatormethods' `calculate_funnel_limits`; Byar's method, exact Poisson below
//! 10 events, for rates): a point lies outside a limit exactly when its own interval excludes the centre.
//! Optional overdispersion (Spiegelhalter 2005, as NHS-R's FunnelPlotR): z-scores on a variance-stabilising
//! scale (arcsine square root for proportions, square root of observed/expected for rates), winsorised at the
//! 10th and 90th percentiles, give a multiplicative φ or an additive τ², and widened limits.
//!
//! Pure: reads `Values` from the engine, never invents a figure, never panics on any dataset (degenerate
//! inputs give an `EngineError` or no point).

use super::stats::{self, Z95, Z998};
use super::{Engine, EngineError};
use ics_data::dataset::{CiMethod, Formula};
use ics_data::num::clamp;
use serde::Serialize;

/// The overdispersion adjustment asked for (URL key `od`, CLI `--overdispersion`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Overdispersion {
    #[default]
    None,
    /// Spiegelhalter's multiplicative φ: the limits' spread on the transformed scale times √φ (when φ > 1).
    Phi,
    /// The additive random-effects τ²: the spread √(s² + τ²).
    Tau,
}

names!(Overdispersion {
    None => "none", "No adjustment",
    Phi => "phi", "Multiplicative (φ)",
    Tau => "tau", "Additive (τ²)",
});

/// Which interval the limits invert.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Method {
    /// A proportion: Wilson score limits.
    Wilson,
    /// A rate: Byar's method, exact Poisson below 10 events.
    Byar,
}

/// Where the centre line comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CentreSource {
    /// England's published (or summed) numerator over its denominator.
    England,
    /// The pooled mean of the ICSs plotted, Σ numerators / Σ denominators.
    Pooled,
}

/// A point's place relative to one pair of limits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Side {
    Low,
    Within,
    High,
}

impl Side {
    pub fn label(self) -> &'static str {
        match self {
            Side::Low => "low",
            Side::Within => "within",
            Side::High => "high",
        }
    }

    fn of(value: f64, lower: f64, upper: f64) -> Side {
        if value < lower {
            Side::Low
        } else if value > upper {
            Side::High
        } else {
            Side::Within
        }
    }
}

/// One ICS on the funnel.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FunnelPoint {
    /// Index into the frame's ICSs.
    pub ics: usize,
    pub code: String,
    pub name: String,
    /// On the indicator's scale (e.g. % or per 1,000).
    pub value: f64,
    /// The numerator the limits use (for a complemented proportion, the complement's count).
    pub numerator: f64,
    pub denominator: f64,
    /// The unadjusted z-score on the transformed scale.
    pub z: f64,
    /// With the overdispersion adjustment (equal to `z` when none is asked for or none is found).
    pub z_adjusted: f64,
    pub p95: Side,
    pub p998: Side,
    pub adjusted95: Side,
    pub adjusted998: Side,
    /// An apportioned estimate (marked "≈" in the page).
    pub estimate: bool,
    /// Flagged as incomplete or broken in this period.
    pub flagged: bool,
}

/// The limits at one denominator, on the indicator's scale.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct LimitPoint {
    pub denominator: f64,
    pub lower95: f64,
    pub upper95: f64,
    pub lower998: f64,
    pub upper998: f64,
}

/// The overdispersion estimate (always computed, so a reader can see it before choosing to adjust).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Dispersion {
    /// The adjustment asked for.
    pub method: Overdispersion,
    /// Mean of the squared winsorised z-scores.
    pub phi: f64,
    /// Between-area variance on the transformed scale (0 when kφ < k − 1).
    pub tau2: f64,
    /// Areas the estimate uses.
    pub k: usize,
    /// Whether the asked-for adjustment changes the limits (φ > 1, or τ² > 0).
    pub applied: bool,
    /// Fewer than 50 areas: φ and τ² are rough, so the adjusted limits are approximate.
    pub approximate: bool,
}

/// A funnel plot's figures.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Funnel {
    pub indicator: String,
    pub name: String,
    pub unit: String,
    pub period: String,
    pub method: Method,
    /// The value scale's multiplier (100 for %, 1,000 for per 1,000).
    pub multiplier: f64,
    pub centre: f64,
    pub centre_source: CentreSource,
    pub points: Vec<FunnelPoint>,
    /// ICSs with no numerator or denominator in this period (dataset order), by short name.
    pub missing: Vec<String>,
    /// Unadjusted (exact) limits over a geometric grid of denominators spanning the points.
    pub limits: Vec<LimitPoint>,
    /// The adjusted limits on the same grid: equal to `limits` when no adjustment is asked for or applied.
    pub adjusted_limits: Vec<LimitPoint>,
    pub dispersion: Dispersion,
    /// Denominators span a factor of 10 or more: draw x on a log scale.
    pub log_x: bool,
}

impl Funnel {
    /// The ICSs outside the (adjusted, when asked for) 99.8% or 95% limits, with their side: what the page names.
    pub fn outliers(&self, level998: bool) -> Vec<(&FunnelPoint, Side)> {
        self.points.iter().map(|p| (p, if level998 { p.adjusted998 } else { p.adjusted95 })).filter(|(_, s)| *s != Side::Within).collect()
    }
}

impl Funnel {
    /// What the plot shows and how it was made, in sentences (the page's notes and the CLI's footer).
    pub fn notes(&self) -> Vec<String> {
        use ics_data::format::number;
        let mut out = vec![match self.centre_source {
            CentreSource::England => format!("Centre: England's value, {} ({}).", number(self.centre, 2), self.unit),
            CentreSource::Pooled => format!("Centre: the pooled value of the ICSs shown (all numerators over all denominators), {} ({}); England's counts are not in the dataset.", number(self.centre, 2), self.unit),
        }];
        out.push(match self.method {
            Method::Wilson => "Limits: 95% and 99.8% control limits from Wilson score intervals (as Public Health England's PHEindicatormethods): a point lies outside a limit when its own interval excludes the centre.".into(),
            Method::Byar => "Limits: 95% and 99.8% control limits from Byar's method (exact Poisson below 10 events), as Public Health England's: a point lies outside a limit when its own interval excludes the centre.".into(),
        });
        let d = &self.dispersion;
        let scale = if self.method == Method::Wilson { "arcsine square-root" } else { "square root of observed over expected" };
        let mut od = format!(
            "Overdispersion (z-scores on the {scale} scale, winsorised at the 10th and 90th percentiles, {} areas): φ = {}, τ² = {}.",
            d.k,
            number(d.phi, 2),
            if d.tau2 > 0.0 && d.tau2 < 0.001 { ics_data::format::scientific(d.tau2, 2) } else { number(d.tau2, 4) }
        );
        od.push_str(match (d.method, d.applied) {
            (Overdispersion::None, _) => " Not applied.",
            (Overdispersion::Phi, true) => " Limits widened by √φ (Spiegelhalter's multiplicative adjustment, normal approximation on that scale).",
            (Overdispersion::Tau, true) => " Limits widened by τ² (additive random effects, normal approximation on that scale).",
            (_, false) => " No overdispersion found (φ ≤ 1 or τ² = 0): the limits are unadjusted.",
        });
        if d.method != Overdispersion::None && d.approximate {
            od.push_str(&format!(" With only {} areas the estimate is rough: treat the adjusted limits as approximate.", d.k));
        }
        out.push(od);
        let names = |level998: bool| -> String {
            let o = self.outliers(level998);
            if o.is_empty() {
                return "none".into();
            }
            o.iter().map(|(p, s)| format!("{}{} ({})", if p.estimate { "≈ " } else { "" }, p.name, s.label())).collect::<Vec<_>>().join(", ")
        };
        let adj = if d.applied { " adjusted" } else { "" };
        out.push(format!("Outside the{adj} 99.8% limits: {}.", names(true)));
        out.push(format!("Outside the{adj} 95% limits: {}.", names(false)));
        if !self.missing.is_empty() {
            out.push(format!("No numerator or denominator for {} in this period: {}.", self.period, self.missing.join(", ")));
        }
        if self.points.iter().any(|p| p.estimate) {
            out.push("≈ marks an estimate: the board's counts are apportioned from a July 2022 ICB by residents.".into());
        }
        out
    }
}

/// Points on the limit curves.
pub const GRID: usize = 120;

impl Engine {
    /// The funnel plot of indicator number `k` at period index `p`, with the overdispersion adjustment `od`,
    /// leaving estimated values out when `hide_estimates`, and the ICSs not `included` (the page's filters) when
    /// given. An indicator without a numerator and a denominator
    /// (and Wilson or Byar intervals) has no funnel: the error lists those that have one.
    pub fn funnel(&self, k: usize, p: usize, od: Overdispersion, hide_estimates: bool, included: Option<&[bool]>) -> Result<Funnel, EngineError> {
        let ds = self.catalogue();
        let Some(ind) = ds.indicators.get(k) else { return Err(EngineError(format!("no indicator number {k}"))) };
        let (multiplier, method) = match funnel_method(&ind.formula) {
            Some(m) => m,
            None => {
                let with: Vec<&str> = ds.indicators.iter().filter(|i| funnel_method(&i.formula).is_some()).map(|i| i.id.as_str()).collect();
                return Err(EngineError(format!(
                    "no funnel: \"{}\" has no numerator and denominator. These indicators have one: {}",
                    ind.id,
                    if with.is_empty() { "none".to_string() } else { with.join(", ") }
                )));
            }
        };
        let mut values = self.values_at(ind, p);
        if hide_estimates {
            values = values.without_estimates();
        }
        let mut points = Vec::new();
        let mut missing = Vec::new();
        for (i, v) in values.icss.iter().enumerate() {
            if included.is_some_and(|inc| !inc.get(i).copied().unwrap_or(false)) {
                continue;
            }
            match (v.value, v.numerator, v.denominator) {
                (Some(value), Some(x), Some(n)) if n > 0.0 && x >= 0.0 && (method == Method::Byar || x <= n) => points.push(FunnelPoint {
                    ics: i,
                    code: ds.icss[i].code.clone(),
                    name: ds.icss[i].short_name.clone(),
                    value,
                    numerator: x,
                    denominator: n,
                    z: 0.0,
                    z_adjusted: 0.0,
                    p95: Side::Within,
                    p998: Side::Within,
                    adjusted95: Side::Within,
                    adjusted998: Side::Within,
                    estimate: v.estimate,
                    flagged: v.is_flagged(),
                }),
                _ => missing.push(ds.icss[i].short_name.clone()),
            }
        }
        if points.is_empty() {
            return Err(EngineError(format!("no funnel: no ICS has both a numerator and a denominator for \"{}\" in {}", ind.id, values.period)));
        }
        let e = &values.england;
        let (share, centre_source) = match (e.numerator, e.denominator) {
            (Some(x), Some(n)) if n > 0.0 && x >= 0.0 => (x / n, CentreSource::England),
            _ => {
                let (x, n) = points.iter().fold((0.0, 0.0), |(a, b), q| (a + q.numerator, b + q.denominator));
                (x / n, CentreSource::Pooled)
            }
        };
        // A complemented proportion's value is (1 − x/n)·k while its numerator is already the complement's count,
        // so the value scale is always numerator/denominator × k.
        let model = Model { method, share };
        let (zs, ss): (Vec<f64>, Vec<f64>) = points.iter().map(|q| model.z(q.numerator, q.denominator)).unzip();
        let dispersion = dispersion(&zs, &ss, od);
        let adjust = |s2: f64| -> f64 {
            match (od, dispersion.applied) {
                (Overdispersion::Phi, true) => s2 * dispersion.phi,
                (Overdispersion::Tau, true) => s2 + dispersion.tau2,
                _ => s2,
            }
        };
        for (q, (z, s)) in points.iter_mut().zip(zs.iter().zip(&ss)) {
            let lim = model.exact_limits(q.denominator);
            let share = q.numerator / q.denominator;
            q.z = *z;
            q.p95 = Side::of(share, lim.lower95, lim.upper95);
            q.p998 = Side::of(share, lim.lower998, lim.upper998);
            if dispersion.applied {
                q.z_adjusted = z * s / adjust(s * s).sqrt();
                let side = |zc: f64| {
                    if q.z_adjusted < -zc {
                        Side::Low
                    } else if q.z_adjusted > zc {
                        Side::High
                    } else {
                        Side::Within
                    }
                };
                (q.adjusted95, q.adjusted998) = (side(Z95), side(Z998));
            } else {
                (q.z_adjusted, q.adjusted95, q.adjusted998) = (q.z, q.p95, q.p998);
            }
        }
        let (lo, hi) = points.iter().fold((f64::INFINITY, 0.0f64), |(a, b), q| (a.min(q.denominator), b.max(q.denominator)));
        let log_x = hi >= 10.0 * lo;
        let (from, to) = if log_x { (lo / 1.5, hi * 1.5) } else { (lo * 0.5, hi * 1.1) };
        let grid: Vec<f64> = (0..GRID).map(|j| from * (to / from).powf(j as f64 / (GRID - 1) as f64)).collect();
        let scale = |l: LimitPoint| LimitPoint {
            denominator: l.denominator,
            lower95: l.lower95 * multiplier,
            upper95: l.upper95 * multiplier,
            lower998: l.lower998 * multiplier,
            upper998: l.upper998 * multiplier,
        };
        let limits: Vec<LimitPoint> = grid.iter().map(|&n| scale(model.exact_limits(n))).collect();
        let adjusted_limits = if dispersion.applied {
            grid.iter().map(|&n| scale(model.approximate_limits(n, adjust(model.s(n).powi(2))))).collect()
        } else {
            limits.clone()
        };
        Ok(Funnel {
            indicator: ind.id.clone(),
            name: ind.name.clone(),
            unit: ind.unit.clone(),
            period: values.period.clone(),
            method,
            multiplier,
            centre: share * multiplier,
            centre_source,
            points,
            missing,
            limits,
            adjusted_limits,
            dispersion,
            log_x,
        })
    }
}

/// The value scale's multiplier and the limits' method, for an indicator that can have a funnel.
pub fn funnel_method(f: &Formula) -> Option<(f64, Method)> {
    match f {
        Formula::Ratio { multiplier, ci: CiMethod::Wilson, .. } => Some((*multiplier, Method::Wilson)),
        Formula::Ratio { multiplier, ci: CiMethod::Byar, .. } => Some((*multiplier, Method::Byar)),
        _ => None,
    }
}

/// The centre as a share (x/n) and the method: limits and z-scores on the share scale.
struct Model {
    method: Method,
    share: f64,
}

impl Model {
    /// Exact limits (as shares) at denominator `n`: the shares whose own 95% and 99.8% intervals just touch the
    /// centre.
    fn exact_limits(&self, n: f64) -> LimitPoint {
        let pair = |z: f64| match self.method {
            Method::Wilson => wilson_limits(self.share, n, z),
            Method::Byar => {
                let c = self.share * n;
                (poisson_count_limit(c, z, false) / n, poisson_count_limit(c, z, true) / n)
            }
        };
        let ((lower95, upper95), (lower998, upper998)) = (pair(Z95), pair(Z998));
        LimitPoint { denominator: n, lower95, upper95, lower998, upper998 }
    }

    /// The standard error on the transformed scale at denominator `n`.
    fn s(&self, n: f64) -> f64 {
        match self.method {
            Method::Wilson => 0.5 / n.sqrt(),
            Method::Byar => 0.5 / (self.share * n).sqrt(),
        }
    }

    /// The transformed value of share `q`, and the centre's.
    fn transform(&self, q: f64) -> (f64, f64) {
        match self.method {
            Method::Wilson => (clamp(q, 0.0, 1.0).sqrt().asin(), clamp(self.share, 0.0, 1.0).sqrt().asin()),
            Method::Byar => ((q / self.share).sqrt(), 1.0),
        }
    }

    fn back(&self, y: f64) -> f64 {
        match self.method {
            Method::Wilson => clamp(y, 0.0, std::f64::consts::FRAC_PI_2).sin().powi(2),
            Method::Byar => y.max(0.0).powi(2) * self.share,
        }
    }

    /// The z-score of `x` out of `n` on the transformed scale, and its standard error there.
    fn z(&self, x: f64, n: f64) -> (f64, f64) {
        let s = self.s(n);
        let (y, t) = self.transform(x / n);
        let z = (y - t) / s;
        (if z.is_finite() { z } else { 0.0 }, s)
    }

    /// Normal-approximation limits on the transformed scale with variance `var`, back-transformed (as shares).
    fn approximate_limits(&self, n: f64, var: f64) -> LimitPoint {
        let (_, t) = self.transform(self.share);
        let sd = var.sqrt();
        let at = |z: f64| self.back(t + z * sd);
        LimitPoint { denominator: n, lower95: at(-Z95), upper95: at(Z95), lower998: at(-Z998), upper998: at(Z998) }
    }
}

/// The proportions whose Wilson interval at `z` out of `n` has its upper bound (lower limit) or lower bound
/// (upper limit) at `p0`: the roots of (1 + a)q² − (2d + a)q + d² − a²/4 = 0, with a = z²/n and
/// d = p0(1 + a) − a/2 (PHEindicatormethods' `sigma_adjustment` in closed form), clamped to 0–1.
pub fn wilson_limits(p0: f64, n: f64, z: f64) -> (f64, f64) {
    let a = z * z / n;
    let d = p0 * (1.0 + a) - a / 2.0;
    let b = 2.0 * d + a;
    let disc = (b * b - 4.0 * (1.0 + a) * (d * d - a * a / 4.0)).max(0.0).sqrt();
    let (lo, hi) = ((b - disc) / (2.0 * (1.0 + a)), (b + disc) / (2.0 * (1.0 + a)));
    // A root on the wrong side of d solves the squared equation only: no share that low (or high) is possible.
    let lower = if lo <= d { clamp(lo, 0.0, 1.0) } else { 0.0 };
    let upper = if hi >= d { clamp(hi, 0.0, 1.0) } else { 1.0 };
    (lower, upper)
}

/// For an expected count `c`, the observed count whose Byar/exact Poisson interval at `z` has its lower bound
/// at `c` (`upper`: the upper control limit) or its upper bound at `c` (the lower control limit, 0 when even no
/// event's interval reaches up to `c`). Bisection on the count (the exact branch through the incomplete gamma,
/// so no quantile is inverted inside the loop).
pub fn poisson_count_limit(c: f64, z: f64, upper: bool) -> f64 {
    if !(c > 0.0) || !c.is_finite() {
        return 0.0;
    }
    let half_alpha = stats::normal_cdf(-z);
    // Whether the interval of count o lies wholly below c (lower control limit side) or reaches c.
    let lower_bound_below = |o: f64| -> bool {
        if o <= 0.0 {
            return true;
        }
        if o < 10.0 {
            // lower(o) = qchisq(α/2, 2o)/2 < c  ⇔  P(o, c) > α/2
            stats::gamma_p(o, c) > half_alpha
        } else {
            o * (1.0 - 1.0 / (9.0 * o) - z / (3.0 * o.sqrt())).powi(3) < c
        }
    };
    let upper_bound_below = |o: f64| -> bool {
        if o < 10.0 {
            // upper(o) = qchisq(1 − α/2, 2o + 2)/2 < c  ⇔  P(o + 1, c) > 1 − α/2
            stats::gamma_p(o + 1.0, c) > 1.0 - half_alpha
        } else {
            let o1 = o + 1.0;
            o1 * (1.0 - 1.0 / (9.0 * o1) + z / (3.0 * o1.sqrt())).powi(3) < c
        }
    };
    let below = |o: f64| if upper { lower_bound_below(o) } else { upper_bound_below(o) };
    if !upper && !below(0.0) {
        return 0.0;
    }
    let (mut lo, mut hi) = (0.0, c + 10.0 * z * c.sqrt() + 10.0 * z * z + 10.0);
    while below(hi) && hi < 1e300 {
        hi *= 2.0;
    }
    for _ in 0..200 {
        let mid = 0.5 * (lo + hi);
        if below(mid) {
            lo = mid;
        } else {
            hi = mid;
        }
        if hi - lo <= 1e-13 * hi {
            break;
        }
    }
    0.5 * (lo + hi)
}

/// φ and τ² from z-scores `z` with standard errors `s` (Spiegelhalter 2005, as FunnelPlotR's `winsorisation`,
/// then `phi_func` and `tau_func`).
pub fn dispersion(z: &[f64], s: &[f64], method: Overdispersion) -> Dispersion {
    let (phi, tau2) = phi_tau(&winsorise(z), s);
    let applied = match method {
        Overdispersion::None => false,
        Overdispersion::Phi => phi > 1.0,
        Overdispersion::Tau => tau2 > 0.0,
    };
    Dispersion { method, phi, tau2, k: z.len(), applied, approximate: z.len() < 50 }
}

/// z-scores below their 10th percentile (R's default, type 7) set to it, and above the 90th to it.
pub fn winsorise(z: &[f64]) -> Vec<f64> {
    let mut sorted = z.to_vec();
    ics_data::sort::floats(&mut sorted);
    let (lz, uz) = (stats::quantile_sorted(&sorted, 0.1).unwrap_or(0.0), stats::quantile_sorted(&sorted, 0.9).unwrap_or(0.0));
    z.iter().map(|z| clamp(*z, lz, uz)).collect()
}

/// φ = Σ z² / k; τ² = (kφ − (k − 1)) / (Σw − Σw²/Σw) with w = 1/s², or 0 when kφ < k − 1 (DerSimonian–Laird).
pub fn phi_tau(z: &[f64], s: &[f64]) -> (f64, f64) {
    let k = z.len() as f64;
    if z.is_empty() {
        return (1.0, 0.0);
    }
    let phi = z.iter().map(|z| z * z).sum::<f64>() / k;
    let w: Vec<f64> = s.iter().map(|s| 1.0 / (s * s)).collect();
    let (sw, sw2) = (w.iter().sum::<f64>(), w.iter().map(|w| w * w).sum::<f64>());
    let tau2 = if k * phi < k - 1.0 || !(sw > 0.0) { 0.0 } else { (k * phi - (k - 1.0)) / (sw - sw2 / sw) };
    (phi, if tau2.is_finite() { tau2.max(0.0) } else { 0.0 })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixture;

    fn rel(a: f64, b: f64) -> f64 {
        ((a - b) / b).abs()
    }

    // PHEindicatormethods (github ukhsa-collaboration/PHEindicatormethods, commit at fetch), tests/testthat/
    // testFunnels.R "confidence limits calculate correctly for proportions": testdata_funnel_prop_outputs.csv
    // holds the limits (%, 6 decimals) for the 303 PCTs of testdata_funnel_prop_inputs.csv, whose pooled mean
    // Σnumerator/Σdenominator = 10325813.8504/12804440 = 0.806424478571495 (summed from that file).
    const PHE_AV: f64 = 0.806_424_478_571_495;

    #[test]
    fn wilson_limits_reproduce_phe_funnel_limits() {
        let rows = [
            // Population, Lower2s0025limit, Upper2s0025limit, Lower3s0001limit, Upper3s0001limit
            (1.0, 3.204264, 100.0, 0.0, 100.0),
            (3.0, 35.933491, 100.0, 10.150815, 100.0),
            (7.0, 51.373565, 100.0, 34.494842, 100.0),
            (539.0, 77.306949, 83.977947, 75.38344, 85.901456),
            (58842.0, 80.323212, 80.961684, 80.139116, 81.14578),
            (110000.0, 80.408963, 80.875933, 80.274317, 81.010578),
        ];
        for (n, l95, u95, l998, u998) in rows {
            let (a, b) = (wilson_limits(PHE_AV, n, Z95), wilson_limits(PHE_AV, n, Z998));
            for (got, want) in [(a.0, l95), (a.1, u95), (b.0, l998), (b.1, u998)] {
                assert!((got * 100.0 - want).abs() < 1.5e-6, "n {n}: {} vs {want}", got * 100.0);
            }
        }
    }

    #[test]
    fn significance_matches_phe_assign_funnel_significance() {
        // testdata_funnel_prop_inputs.csv: every "High (0.025)" and "Low (0.025)" row (the ones nearest a limit)
        // and some of the others, with PHE's significance (testFunnels.R, assign_funnel_significance).
        let rows = [
            ("West Norfolk", 26789.2380, 33012.0, "High (0.025)"),
            ("North Tees", 36850.0492, 45449.0, "High (0.025)"),
            ("Mid-Hampshire", 34502.0685, 42485.0, "High (0.025)"),
            ("Sheffield West", 23910.2469, 29457.0, "High (0.025)"),
            ("East Devon", 21139.2936, 25992.0, "High (0.025)"),
            ("South East Hertfordshire", 38045.3716, 46958.0, "High (0.025)"),
            ("Royston, Buntingford and Bishop's Stortford", 16924.1296, 20776.0, "High (0.025)"),
            ("North Norfolk", 18504.9982, 22739.0, "High (0.025)"),
            ("South Tyneside", 29709.0543, 36583.0, "High (0.025)"),
            ("Witham, Braintree and Halstead", 28537.4507, 35201.0, "High (0.025)"),
            ("North Devon", 30277.5312, 37828.0, "Low (0.025)"),
            ("South Gloucestershire", 50050.7443, 61921.0, "Not significant"),
            ("Central Derby", 24648.7596, 30521.0, "Not significant"),
            ("North East Lincolnshire", 31759.3850, 39350.0, "Not significant"),
            ("Blackburn with Darwen", 29561.6517, 36627.0, "Not significant"),
            ("New Forest", 35078.4880, 41980.0, "High (0.001)"),
            ("Havering", 48686.4364, 59804.0, "High (0.001)"),
            ("Norwich", 24803.6256, 31824.0, "Low (0.001)"),
            ("Barnet", 70670.2858, 93122.0, "Low (0.001)"),
        ];
        for (area, x, n, want) in rows {
            let q = x / n;
            let (a, b) = (wilson_limits(PHE_AV, n, Z95), wilson_limits(PHE_AV, n, Z998));
            let got = match (Side::of(q, a.0, a.1), Side::of(q, b.0, b.1)) {
                (_, Side::High) => "High (0.001)",
                (_, Side::Low) => "Low (0.001)",
                (Side::High, _) => "High (0.025)",
                (Side::Low, _) => "Low (0.025)",
                _ => "Not significant",
            };
            assert_eq!(got, want, "{area}");
        }
    }

    #[test]
    fn poisson_limits_reproduce_phe_rate_funnels_below_ten_events() {
        // testdata_funnel_rate_outputs.csv (rates, 3 years of data, baseline 116.1720835 per 100,000): the
        // population-years at which 1–9 events sit on each limit. Expected count there c = population × 3 ×
        // baseline / 100,000; the count our limit gives for that c must be the events (PHE's poisson_funnel
        // bisects to 1e-7, and populations are printed to 6 decimals, hence 1e-5). From 10 events PHE stays exact
        // where the engine uses Byar's approximation, so only the exact range is compared.
        let av = 116.172_083_5e-5 * 3.0;
        let rows = [
            // events, lower_2s_population_1_year, upper_2s_population_1_year, lower_3s_…, upper_3s_…
            (1.0, 1598.675694, 7.264481402, 2649.348525, 0.287087625),
            (2.0, 2072.984403, 69.49732367, 3221.906682, 13.02722321),
            (5.0, 3348.002593, 465.8280129, 4721.370883, 212.14848),
            (9.0, 4902.152951, 1180.827018, 6501.096999, 703.6760012),
        ];
        for (e, l95, u95, l998, u998) in rows {
            // On the lower limit, the events' interval reaches up to c; on the upper, its lower bound is c.
            for (pop, z, upper) in [(l95, Z95, false), (u95, Z95, true), (l998, Z998, false), (u998, Z998, true)] {
                let got = poisson_count_limit(pop * av, z, upper);
                assert!(rel(got, e) < 1e-5, "{e} events at {pop}: {got}");
            }
        }
        // No count is low enough when even 0 events' interval lies above c: the lower limit is 0.
        assert_eq!(poisson_count_limit(1.0, Z95, false), 0.0);
        // FunnelPlotR tests/testthat/test-poisson_limits.R: exact limits for expected 15, 20, 30 (target 1),
        // qchisq(0.025, 2n)/2/n and qchisq(0.975, 2n + 2)/2/n (and 0.001/0.999), to 7 significant digits.
        let fpr = [
            (15.0, 0.5596924, 1.649348, 0.3862650, 2.082907),
            (20.0, 0.6108260, 1.544419, 0.4479107, 1.902094),
            (30.0, 0.6746958, 1.427562, 0.5289724, 1.702771),
        ];
        for (n, l95, u95, l998, u998) in fpr {
            let got = [
                stats::chi2_quantile(0.025, 2.0 * n),
                stats::chi2_quantile(0.975, 2.0 * n + 2.0),
                stats::chi2_quantile(0.001, 2.0 * n),
                stats::chi2_quantile(0.999, 2.0 * n + 2.0),
            ];
            for (g, want) in got.iter().zip([l95, u95, l998, u998]) {
                assert!((g / 2.0 / n - want).abs() < 6e-7, "{n}: {} vs {want}", g / 2.0 / n);
            }
        }
    }

    #[test]
    fn overdispersion_reproduces_funnelplotr() {
        // FunnelPlotR tests/testthat/test-classes_methods.R: num 100, 150, 180, 80, 120, 225 over expected 108,
        // 112, 165, 95, 100, 220 (SHMI z = √E·ln(O/E), none truncated with 6 groups): phi 2.948033. τ² by
        // FunnelPlotR's tau_func by hand: (6φ − 5)/(Σw − Σw²/Σw) with w = E: 12.688199/651.4 = 0.0194775.
        let (o, e) = ([100.0, 150.0, 180.0, 80.0, 120.0, 225.0], [108.0, 112.0, 165.0, 95.0, 100.0, 220.0]);
        let z: Vec<f64> = o.iter().zip(&e).map(|(o, e): (&f64, &f64)| e.sqrt() * (o / e).ln()).collect();
        let s: Vec<f64> = e.iter().map(|e| 1.0 / e.sqrt()).collect();
        let (phi, tau2) = phi_tau(&z, &s);
        assert!((phi - 2.948033).abs() < 5e-7 && rel(tau2, 0.019_477_530_578) < 1e-9, "{phi} {tau2}");
        // Winsorising at R type 7 10th/90th percentiles by hand: sorted −4, −2, −1, 0, 0.5, 1, 1.5, 2, 3, 10 give
        // −4 + 0.9·2 = −2.2 and 3 + 0.1·7 = 3.7; φ = (2.2² + 1 + 0 + 0.25 + 1 + 4 + 9 + 3.7² + 2.25 + 4)/10 = 4.003.
        let z = [-4.0, -1.0, 0.0, 0.5, 1.0, 2.0, 3.0, 10.0, 1.5, -2.0];
        let w = winsorise(&z);
        assert!((w[0] + 2.2).abs() < 1e-12 && (w[7] - 3.7).abs() < 1e-12 && w[1..7] == z[1..7]);
        let d = dispersion(&z, &[0.1; 10], Overdispersion::Phi);
        assert!((d.phi - 4.003).abs() < 1e-12 && d.applied && d.approximate && d.k == 10, "{d:?}");
        // Under-dispersed: kφ < k − 1 gives τ² = 0 and nothing to apply.
        let d = dispersion(&[0.1, -0.1, 0.2, 0.0], &[0.1; 4], Overdispersion::Tau);
        assert_eq!((d.tau2, d.applied), (0.0, false));
    }

    #[test]
    fn funnel_of_a_rate_on_the_fixture() {
        // events_per_1000 in 2024-02: events 20, 30, 40, 50 over 1,000, 2,000, 4,000, 3,000; England 150 events
        // over the summed 10,000: centre 15 per 1,000. Gamma (40 of 4,000, expected 60): Byar's 95% upper bound
        // 41(1 − 1/369 + 1.96/(3√41))³ = 54.47 < 60, low; its 99.8% one 41(1 − 1/369 + 3.0902/(3√41))³ = 63.69,
        // within. Alpha (20, expected 15): 95% lower bound 20(1 − 1/180 − 1.96/(3√20))³ = 12.21, within.
        let e = fixture::engine();
        let (k, _) = e.indicator("events_per_1000").unwrap();
        let f = e.funnel(k, 1, Overdispersion::None, false, None).unwrap();
        assert_eq!((f.centre, f.centre_source, f.method, f.period.as_str()), (15.0, CentreSource::England, Method::Byar, "2024-02"));
        let sides: Vec<(&str, Side, Side)> = f.points.iter().map(|p| (p.name.as_str(), p.p95, p.p998)).collect();
        assert_eq!(
            sides,
            [
                ("Alpha", Side::Within, Side::Within),
                ("Beta", Side::Within, Side::Within),
                ("Gamma", Side::Low, Side::Within),
                ("Delta", Side::Within, Side::Within)
            ]
        );
        // z on the square-root scale: 2(√O − √E); Gamma 2(√40 − √60) = −2.8426.
        assert!((f.points[2].z - 2.0 * (40f64.sqrt() - 60f64.sqrt())).abs() < 1e-12);
        assert_eq!(f.outliers(false).iter().map(|(p, s)| (p.name.as_str(), *s)).collect::<Vec<_>>(), [("Gamma", Side::Low)]);
        // The curves: at Gamma's denominator the 95% lower limit is the rate whose upper bound is 60 events.
        let l = Model { method: Method::Byar, share: 0.015 }.exact_limits(4000.0);
        assert!(l.lower95 * 4000.0 > 40.0 && l.lower998 * 4000.0 < 40.0);
        assert_eq!((f.limits.len(), f.adjusted_limits, f.log_x), (GRID, f.limits.clone(), false));
        assert!(f.limits.windows(2).all(|w| w[0].denominator < w[1].denominator && w[0].upper95 >= w[1].upper95 && w[0].upper998 >= w[0].upper95));
    }

    #[test]
    fn funnel_of_a_complemented_proportion_and_without_counts() {
        // within_pct = 1 − over/attendances (%), 2024-03: Delta has no "over" (missing).
        // England's counts are the sums of what is present (values.rs england_total): 105 over of all four's 1,000
        // attendances → centre 89.5%.
        let e = fixture::engine();
        let (k, _) = e.indicator("within_pct").unwrap();
        let f = e.funnel(k, 2, Overdispersion::Tau, false, None).unwrap();
        assert_eq!(f.missing, ["Delta"]);
        assert_eq!(
            f.points.iter().map(|p| (p.name.as_str(), p.numerator, p.denominator, p.flagged)).collect::<Vec<_>>(),
            [("Alpha", 95.0, 100.0, false), ("Beta", 180.0, 200.0, false), ("Gamma", 320.0, 400.0, false)]
        );
        assert!((f.centre - 89.5).abs() < 1e-12 && f.centre_source == CentreSource::England && f.method == Method::Wilson);
        // Alpha 95%: Wilson lower bound of 95/100 is 88.82% < 89.5: within; Gamma 80%, upper bound 83.63% < 89.5: low (by hand: centre
        // (640 + 1.96²)/(2·403.8416) = 0.79715, half-width 1.96·√(1.96² + 4·320·0.2)/807.683 = 0.03912).
        assert_eq!(f.points.iter().map(|p| p.p95).collect::<Vec<_>>(), [Side::Within, Side::Within, Side::Low]);
        let s = e.funnel(e.indicator("score").unwrap().0, 0, Overdispersion::None, false, None).unwrap_err();
        assert_eq!(s.0, "no funnel: \"score\" has no numerator and denominator. These indicators have one: events_per_1000, within_pct");
        assert!(e.funnel(99, 0, Overdispersion::None, false, None).is_err());
        assert_eq!(Overdispersion::ALL.map(|o| Overdispersion::from_key(o.key())), Overdispersion::ALL.map(Some));
        assert_eq!(Overdispersion::from_key("<script>"), None);
    }
}
