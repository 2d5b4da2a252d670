//! Statistics used across the engine, following the PHE/OHID methods (PHEindicatormethods, Fingertips):
//! Wilson score intervals for proportions, Byar's method (exact Poisson below 10 events) for counts and rates,
//! distribution quantiles, quantiles of a sample, and weighted least squares.
//!
//! Pure numerics on `f64`: no dataset types, no allocation beyond results, no panics on any input (degenerate
//! inputs give `None` or NaN, which callers report as "no data").

use ics_data::num::clamp;

/// Two-sided confidence levels used throughout: 95% and 99.8% (Fingertips' "2 and 3 standard deviations").
pub const Z95: f64 = 1.959_963_984_540_054;
pub const Z998: f64 = 3.090_232_306_167_813_5;

/// Standard normal quantile (Wichura's AS 241, accurate to about 1e-16).
pub fn normal_quantile(p: f64) -> f64 {
    if !(0.0..=1.0).contains(&p) || p.is_nan() {
        return f64::NAN;
    }
    if p == 0.0 {
        return f64::NEG_INFINITY;
    }
    if p == 1.0 {
        return f64::INFINITY;
    }
    let q = p - 0.5;
    if q.abs() <= 0.425 {
        let r = 0.180625 - q * q;
        return q
            * (((((((2_509.080_928_730_122_7 * r + 33_430.575_583_588_128) * r + 67_265.770_927_008_7) * r + 45_921.953_931_549_87) * r
                + 13_731.693_765_509_461)
                * r
                + 1_971.590_950_306_551_3)
                * r
                + 133.141_667_891_784_38)
                * r
                + 3.387_132_872_796_366_5)
            / (((((((5_226.495_278_852_545 * r + 28_729.085_735_721_943) * r + 39_307.895_800_092_71) * r + 21_213.794_301_586_597) * r
                + 5_394.196_021_424_751)
                * r
                + 687.187_007_492_057_9)
                * r
                + 42.313_330_701_600_91)
                * r
                + 1.0);
    }
    let r = if q < 0.0 { p } else { 1.0 - p };
    let r = (-r.ln()).sqrt();
    let x = if r <= 5.0 {
        let r = r - 1.6;
        (((((((7.745_450_142_783_414e-4 * r + 0.022_723_844_989_269_184) * r + 0.241_780_725_177_450_6) * r + 1.270_458_252_452_368_4) * r
            + 3.647_848_324_763_204_5)
            * r
            + 5.769_497_221_460_691)
            * r
            + 4.630_337_846_156_546)
            * r
            + 1.423_437_110_749_683_5)
            / (((((((1.050_750_071_644_416_9e-9 * r + 5.475_938_084_995_345e-4) * r + 0.015_198_666_563_616_457) * r + 0.148_103_976_427_480_08)
                * r
                + 0.689_767_334_985_1)
                * r
                + 1.676_384_830_183_803_8)
                * r
                + 2.053_191_626_637_759)
                * r
                + 1.0)
    } else {
        let r = r - 5.0;
        (((((((2.010_334_399_292_288_1e-7 * r + 2.711_555_568_743_487_6e-5) * r + 0.001_242_660_947_388_078_4) * r + 0.026_532_189_526_576_124)
            * r
            + 0.296_560_571_828_504_9)
            * r
            + 1.784_826_539_917_291_3)
            * r
            + 5.463_784_911_164_114)
            * r
            + 6.657_904_643_501_103)
            / (((((((2.044_263_103_389_939_7e-15 * r + 1.421_511_758_316_446e-7) * r + 1.846_318_317_510_054_8e-5) * r + 7.868_691_311_456_133e-4)
                * r
                + 0.014_875_361_290_850_615)
                * r
                + 0.136_929_880_922_735_8)
                * r
                + 0.599_832_206_555_888)
                * r
                + 1.0)
    };
    if q < 0.0 {
        -x
    } else {
        x
    }
}

fn ln_gamma(x: f64) -> f64 {
    // Lanczos approximation (g = 7, n = 9), accurate to ~1e-15 for x > 0.
    const G: [f64; 9] = [
        0.999_999_999_999_809_9,
        676.520_368_121_885_1,
        -1_259.139_216_722_402_8,
        771.323_428_777_653_1,
        -176.615_029_162_140_6,
        12.507_343_278_686_905,
        -0.138_571_095_265_720_12,
        9.984_369_578_019_572e-6,
        1.505_632_735_149_311_6e-7,
    ];
    // Below 0.5 (chi-squared on fewer than 1 degree of freedom, exact Poisson limits of counts under 0.5),
    // Γ(x) = Γ(x + 1) / x rather than the reflection formula (no sine, which would add 6 KB of wasm).
    if !(x > 0.0) || !x.is_finite() {
        return f64::NAN;
    }
    if x < 0.5 {
        return ln_gamma(x + 1.0) - x.ln();
    }
    let x = x - 1.0;
    let mut a = G[0];
    let t = x + 7.5;
    for (i, g) in G.iter().enumerate().skip(1) {
        a += g / (x + i as f64);
    }
    0.918_938_533_204_672_7 + (x + 0.5) * t.ln() - t + a.ln() // ½ ln 2π
}

/// Regularised lower incomplete gamma P(a, x).
pub fn gamma_p(a: f64, x: f64) -> f64 {
    if x <= 0.0 {
        return 0.0;
    }
    if x < a + 1.0 {
        let (mut sum, mut term, mut n) = (1.0 / a, 1.0 / a, a);
        for _ in 0..500 {
            n += 1.0;
            term *= x / n;
            sum += term;
            if term.abs() < sum.abs() * 1e-16 {
                break;
            }
        }
        (sum.ln() - x + a * x.ln() - ln_gamma(a)).exp()
    } else {
        // Continued fraction for Q (Lentz).
        let tiny = 1e-300;
        let mut b = x + 1.0 - a;
        let mut c = 1.0 / tiny;
        let mut d = 1.0 / b;
        let mut h = d;
        for i in 1..500 {
            let an = -(i as f64) * (i as f64 - a);
            b += 2.0;
            d = an * d + b;
            if d.abs() < tiny {
                d = tiny;
            }
            c = b + an / c;
            if c.abs() < tiny {
                c = tiny;
            }
            d = 1.0 / d;
            let del = d * c;
            h *= del;
            if (del - 1.0).abs() < 1e-16 {
                break;
            }
        }
        1.0 - (-x + a * x.ln() - ln_gamma(a)).exp() * h
    }
}

/// Regularised incomplete beta I_x(a, b) (continued fraction, Numerical Recipes' betacf).
fn beta_i(a: f64, b: f64, x: f64) -> f64 {
    if x <= 0.0 {
        return 0.0;
    }
    if x >= 1.0 {
        return 1.0;
    }
    let bt = (ln_gamma(a + b) - ln_gamma(a) - ln_gamma(b) + a * x.ln() + b * (1.0 - x).ln()).exp();
    let cf = |a: f64, b: f64, x: f64| {
        let tiny = 1e-300;
        let (qab, qap, qam) = (a + b, a + 1.0, a - 1.0);
        let mut c = 1.0;
        let mut d = 1.0 - qab * x / qap;
        if d.abs() < tiny {
            d = tiny;
        }
        d = 1.0 / d;
        let mut h = d;
        for m in 1..500 {
            let m = m as f64;
            let m2 = 2.0 * m;
            let aa = m * (b - m) * x / ((qam + m2) * (a + m2));
            d = 1.0 + aa * d;
            if d.abs() < tiny {
                d = tiny;
            }
            c = 1.0 + aa / c;
            if c.abs() < tiny {
                c = tiny;
            }
            d = 1.0 / d;
            h *= d * c;
            let aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
            d = 1.0 + aa * d;
            if d.abs() < tiny {
                d = tiny;
            }
            c = 1.0 + aa / c;
            if c.abs() < tiny {
                c = tiny;
            }
            d = 1.0 / d;
            let del = d * c;
            h *= del;
            if (del - 1.0).abs() < 1e-15 {
                break;
            }
        }
        h
    };
    if x < (a + 1.0) / (a + b + 2.0) {
        bt * cf(a, b, x) / a
    } else {
        1.0 - bt * cf(b, a, 1.0 - x) / b
    }
}

/// Solves `f(x) = target` for increasing `f` on [lo, hi] by bisection, to a relative tolerance (a few units in
/// the last place of the answer), so tiny quantiles keep their precision: an absolute tolerance would stop at
/// 1e-15 whatever the size of the answer. 1,200 halvings reach any f64 from a bracket of width 2^100.
fn invert(f: impl Fn(f64) -> f64, target: f64, mut lo: f64, mut hi: f64) -> f64 {
    for _ in 0..1200 {
        let mid = 0.5 * (lo + hi);
        if mid <= lo || mid >= hi {
            break;
        }
        if f(mid) < target {
            lo = mid;
        } else {
            hi = mid;
        }
        if hi - lo <= 4.0 * f64::EPSILON * lo.abs().min(hi.abs()) {
            break;
        }
    }
    0.5 * (lo + hi)
}

/// Chi-squared quantile with `df` (> 0, not necessarily whole) degrees of freedom; 0 at p = 0, ∞ at p = 1.
pub fn chi2_quantile(p: f64, df: f64) -> f64 {
    if !(df > 0.0) || !df.is_finite() || !(0.0..=1.0).contains(&p) {
        return f64::NAN;
    }
    if p == 0.0 {
        return 0.0;
    }
    if p == 1.0 {
        return f64::INFINITY;
    }
    let mut hi = df.max(1.0);
    while gamma_p(df / 2.0, hi / 2.0) < p && hi < 1e300 {
        hi *= 2.0;
    }
    invert(|x| gamma_p(df / 2.0, x / 2.0), p, 0.0, hi)
}

/// Student's t quantile with `df` (> 0) degrees of freedom; −∞ at p = 0, ∞ at p = 1.
pub fn t_quantile(p: f64, df: f64) -> f64 {
    if !(df > 0.0) || !df.is_finite() || !(0.0..=1.0).contains(&p) {
        return f64::NAN;
    }
    match p {
        0.0 => return f64::NEG_INFINITY,
        1.0 => return f64::INFINITY,
        0.5 => return 0.0,
        _ => {}
    }
    // Solve in the tail the answer lies in (|t| by symmetry), so a tiny p keeps its relative precision.
    let tail = p.min(1.0 - p);
    let upper = |t: f64| 0.5 * beta_i(df / 2.0, 0.5, df / (df + t * t)); // P(T > t), t ≥ 0, decreasing
    let mut hi = 1.0;
    while upper(hi) > tail && hi < 1e300 {
        hi *= 2.0;
    }
    let t = invert(|t| -upper(t), -tail, 0.0, hi);
    if p < 0.5 {
        -t
    } else {
        t
    }
}

/// A two-sided interval.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct Interval {
    pub lower: f64,
    pub upper: f64,
}

/// Wilson score interval for `x` successes out of `n`, as a proportion (0–1).
pub fn wilson(x: f64, n: f64, z: f64) -> Option<Interval> {
    if !(n > 0.0) || !(0.0..=n).contains(&x) {
        return None;
    }
    let z2 = z * z;
    let centre = 2.0 * x + z2;
    let spread = z * (z2 + 4.0 * x * (1.0 - x / n)).sqrt();
    let den = 2.0 * (n + z2);
    Some(Interval { lower: ((centre - spread) / den).max(0.0), upper: ((centre + spread) / den).min(1.0) })
}

/// Confidence limits for a Poisson count `o`: Byar's approximation for o ≥ 10, exact (chi-squared) below.
pub fn poisson_limits(o: f64, z: f64) -> Option<Interval> {
    if !(o >= 0.0) || !o.is_finite() {
        return None;
    }
    if o < 10.0 {
        let half_alpha = normal_cdf(-z); // not 1 − Φ(z), which loses the tail's digits
        let lower = if o == 0.0 { 0.0 } else { chi2_quantile(half_alpha, 2.0 * o) / 2.0 };
        let upper = chi2_quantile(1.0 - half_alpha, 2.0 * o + 2.0) / 2.0;
        return Some(Interval { lower, upper });
    }
    let lower = o * (1.0 - 1.0 / (9.0 * o) - z / (3.0 * o.sqrt())).powi(3);
    let o1 = o + 1.0;
    let upper = o1 * (1.0 - 1.0 / (9.0 * o1) + z / (3.0 * o1.sqrt())).powi(3);
    Some(Interval { lower, upper })
}

/// Standard normal CDF (via the complementary error function).
pub fn normal_cdf(x: f64) -> f64 {
    0.5 * erfc(-x / std::f64::consts::SQRT_2)
}

fn erfc(x: f64) -> f64 {
    // erfc via the regularised incomplete gamma: erfc(x) = Q(1/2, x²) for x ≥ 0.
    if x >= 0.0 {
        1.0 - gamma_p(0.5, x * x)
    } else {
        1.0 + gamma_p(0.5, x * x)
    }
}

/// The `q` quantile (0–1) of sorted `v`, linear interpolation between order statistics (R type 7).
pub fn quantile_sorted(v: &[f64], q: f64) -> Option<f64> {
    if v.is_empty() {
        return None;
    }
    let h = (v.len() - 1) as f64 * clamp(q, 0.0, 1.0);
    let lo = h.floor() as usize;
    let hi = (lo + 1).min(v.len() - 1);
    Some(v[lo] + (h - lo as f64) * (v[hi] - v[lo]))
}

/// Weighted least squares of y on x.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct LinearFit {
    pub intercept: f64,
    pub slope: f64,
    pub r_squared: f64,
    /// Residual standard error (weighted), on n − 2 degrees of freedom.
    pub sigma: f64,
    pub n: usize,
    /// Weighted mean of x and the weighted sum of squares of x about it (for bands).
    pub x_mean: f64,
    pub sxx: f64,
    pub w_sum: f64,
}

pub fn weighted_fit(x: &[f64], y: &[f64], w: &[f64]) -> Option<LinearFit> {
    let n = x.len();
    if n < 3 || y.len() != n || w.len() != n || w.iter().any(|&w| !(w > 0.0)) {
        return None;
    }
    let w_sum: f64 = w.iter().sum();
    let xm = x.iter().zip(w).map(|(x, w)| x * w).sum::<f64>() / w_sum;
    let ym = y.iter().zip(w).map(|(y, w)| y * w).sum::<f64>() / w_sum;
    let sxx: f64 = x.iter().zip(w).map(|(x, w)| w * (x - xm).powi(2)).sum();
    let sxy: f64 = x.iter().zip(y).zip(w).map(|((x, y), w)| w * (x - xm) * (y - ym)).sum();
    let syy: f64 = y.iter().zip(w).map(|(y, w)| w * (y - ym).powi(2)).sum();
    if !(sxx > 0.0) {
        return None;
    }
    let slope = sxy / sxx;
    let intercept = ym - slope * xm;
    let rss: f64 = x.iter().zip(y).zip(w).map(|((x, y), w)| w * (y - intercept - slope * x).powi(2)).sum();
    let r_squared = if syy > 0.0 { 1.0 - rss / syy } else { 0.0 };
    // Weights are normalised to mean 1 so sigma is on the scale of an average-weight observation.
    let sigma = (rss / (w_sum / n as f64) / (n as f64 - 2.0)).sqrt();
    Some(LinearFit { intercept, slope, r_squared, sigma, n, x_mean: xm, sxx: sxx / (w_sum / n as f64), w_sum })
}

impl LinearFit {
    pub fn predict(&self, x: f64) -> f64 {
        self.intercept + self.slope * x
    }

    /// Leverage of a point at `x` with (normalised) weight `w`.
    pub fn leverage(&self, x: f64, w: f64) -> f64 {
        w * (1.0 / self.n as f64 + (x - self.x_mean).powi(2) / self.sxx)
    }

    /// Half-width of the confidence interval of the fitted line at `x`, at two-sided `level`.
    pub fn confidence_half_width(&self, x: f64, level: f64) -> f64 {
        let t = t_quantile(0.5 + level / 2.0, self.n as f64 - 2.0);
        t * self.sigma * (1.0 / self.n as f64 + (x - self.x_mean).powi(2) / self.sxx).sqrt()
    }

    /// Half-width of the prediction band at `x` for a new average-weight observation, at two-sided `level`.
    pub fn prediction_half_width(&self, x: f64, level: f64) -> f64 {
        let t = t_quantile(0.5 + level / 2.0, self.n as f64 - 2.0);
        t * self.sigma * (1.0 + 1.0 / self.n as f64 + (x - self.x_mean).powi(2) / self.sxx).sqrt()
    }
}

/// The slope index of inequality by Public Health England's method (PHEindicatormethods `phe_sii`): across
/// ordered groups (most deprived first), fits y = α + β·x by least squares weighted by population share, where
/// a group's x is the midpoint of its range in the cumulative population (0 = the most deprived extreme, 1 = the
/// least). PHE's input rules, checked in this order, each with its own reason when broken: 5 to 100 groups
/// ("Number of quantiles must be between 5 and 100"), every group with a positive population ("some groups have
/// a zero, negative or missing population"), every group with a value (areas with a missing quantile are
/// removed), and no negative value (PHE's proportions lie in 0–1 and its counts are positive).
/// The fit's `predict(0.0)` and `predict(1.0)` are the modelled values at the two extremes; their difference is
/// the SII (callers set its sign) and their ratio the RII.
pub fn slope_index(populations: &[f64], values: &[f64]) -> Result<LinearFit, SlopeIndexProblem> {
    let groups = populations.len().min(values.len());
    let (populations, values) = (&populations[..groups], &values[..groups]);
    if !(MIN_QUANTILES..=MAX_QUANTILES).contains(&groups) {
        return Err(SlopeIndexProblem::Groups { groups });
    }
    let usable = populations.iter().filter(|p| **p > 0.0 && p.is_finite()).count();
    if usable < groups {
        return Err(SlopeIndexProblem::NoResidents { usable, groups });
    }
    let usable = values.iter().filter(|v| v.is_finite()).count();
    if usable < groups {
        return Err(SlopeIndexProblem::MissingValues { usable, groups });
    }
    let negative = values.iter().filter(|v| **v < 0.0).count();
    if negative > 0 {
        return Err(SlopeIndexProblem::NegativeValues { negative, groups });
    }
    let total: f64 = populations.iter().sum();
    let mut cum = 0.0;
    let mut x = Vec::with_capacity(groups);
    let mut w = Vec::with_capacity(groups);
    for p in populations {
        let a = p / total;
        x.push(cum + a / 2.0);
        w.push(a);
        cum += a;
    }
    weighted_fit(&x, values, &w).ok_or(SlopeIndexProblem::NoGradient)
}

/// PHE's limits on the number of groups (quantiles) for a slope index.
pub const MIN_QUANTILES: usize = 5;
pub const MAX_QUANTILES: usize = 100;

/// Why there is no slope index (PHE's input rules, in the order `slope_index` checks them).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SlopeIndexProblem {
    /// Fewer than `MIN_QUANTILES` or more than `MAX_QUANTILES` groups.
    Groups { groups: usize },
    /// Only `usable` of the groups have a positive population.
    NoResidents { usable: usize, groups: usize },
    /// Only `usable` of the groups have a value.
    MissingValues { usable: usize, groups: usize },
    /// `negative` groups have a value below zero.
    NegativeValues { negative: usize, groups: usize },
    /// The groups' positions do not vary (cannot happen with residents in two or more groups).
    NoGradient,
}

/// The relative index of inequality from a slope-index fit: the modelled value at the most deprived extreme
/// divided by the one at the least deprived (`Ok`), or why it is withheld (`Err`): PHE gives no RII where a
/// modelled end is zero or below; ICS Explorer also withholds it where the 95% confidence interval of a modelled
/// end (from the scatter of the groups about the line, t on n − 2 degrees of freedom) includes zero, because the
/// ratio then has no upper limit.
pub fn relative_index(fit: &LinearFit) -> Result<f64, RelativeIndexProblem> {
    let (deprived, least) = (fit.predict(0.0), fit.predict(1.0));
    for (end, x, value) in [(End::LeastDeprived, 1.0, least), (End::MostDeprived, 0.0, deprived)] {
        if !(value > 0.0) {
            return Err(RelativeIndexProblem::NotPositive { end, value });
        }
        let half = fit.confidence_half_width(x, 0.95);
        if value - half <= 0.0 {
            return Err(RelativeIndexProblem::NearZero { end, value, lower: value - half, upper: value + half });
        }
    }
    Ok(deprived / least)
}

/// An extreme of the deprivation scale.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum End {
    MostDeprived,
    LeastDeprived,
}

/// Why there is no relative index.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RelativeIndexProblem {
    /// The modelled value at `end` is zero or below.
    NotPositive { end: End, value: f64 },
    /// The 95% confidence interval of the modelled value at `end` includes zero.
    NearZero { end: End, value: f64, lower: f64, upper: f64 },
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64, tol: f64) -> bool {
        (a - b).abs() <= tol
    }

    #[test]
    fn quantiles_match_tables() {
        assert!(close(normal_quantile(0.975), 1.959_963_984_540_054, 1e-12));
        assert!(close(normal_quantile(0.999), 3.090_232_306_167_813, 1e-12));
        assert!(close(normal_quantile(0.5), 0.0, 1e-15));
        assert!(close(normal_cdf(1.96), 0.975_002_104_851_780, 1e-10));
        // scipy.stats: chi2.ppf(0.025, 10), chi2.ppf(0.975, 22), t.ppf(0.975, 40), t.ppf(0.999, 10), t.ppf(0.025, 5).
        assert!(close(chi2_quantile(0.025, 10.0), 3.246_972_780_236_841, 1e-9));
        assert!(close(chi2_quantile(0.975, 22.0), 36.780_712_084_035_56, 1e-8));
        assert!(close(t_quantile(0.975, 40.0), 2.021_075_390_306_273, 1e-9));
        assert!(close(t_quantile(0.999, 10.0), 4.143_700_494_046_589, 1e-9));
        assert!(close(t_quantile(0.025, 5.0), -2.570_581_835_636_315_5, 1e-9));
    }

    fn rel(a: f64, b: f64) -> f64 {
        ((a - b) / b).abs()
    }

    #[test]
    fn quantiles_below_one_degree_of_freedom_and_in_tiny_tails() {
        // Closed forms: χ² on 1 df is Z², so qchisq(1e-12, 1) = Φ⁻¹(0.5 + 0.5e-12)² = (√(π/2)·1e-12)²·(1 + O(1e-24))
        // = 1.5707963267948966e-24; t on 1 df is Cauchy, qt(0.999, 1) = tan(0.499π) = 318.30883898555016 (the
        // published t table's 318.31). The others: mpmath 1.3.0 at 40 digits, bisecting its regularised
        // gammainc/betainc (R's qchisq and qt agree to the digits printed by R).
        let chi2 = [
            (1e-12, 1.0, 1.570_796_326_794_896_6e-24),
            (0.025, 0.5, 5.273_202_591_259_993_6e-7),
            (0.975, 0.5, 3.433_235_299_960_774_4),
            (0.05, 0.2, 1.186_142_258_282_856_1e-13),
            (0.001, 0.8, 4.689_882_169_532_953_7e-8),
            (1e-10, 3.0, 5.209_397_621_434_480_3e-7),
            (1e-6, 10.0, 0.338_126_003_242_954_5),
        ];
        for (p, df, want) in chi2 {
            let got = chi2_quantile(p, df);
            assert!(rel(got, want) < 1e-9, "qchisq({p}, {df}) = {got}, want {want}");
        }
        let t = [
            (0.999, 1.0, 318.308_838_985_550_16),
            (1e-10, 5.0, -156.825_592_708_894_3),
            (1.0 - 1e-9, 3.0, 1_033.109_684_243_275_5),
            (1e-6, 0.5, -102_849_115_631.634),
        ];
        for (p, df, want) in t {
            let got = t_quantile(p, df);
            // 1 − 1e-9 is itself rounded in f64 (by ~1e-17, relative 1e-8 of the tail), so 1e-7 there.
            assert!(rel(got, want) < 1e-7, "qt({p}, {df}) = {got}, want {want}");
        }
        // The ends: R's qt(0, df) = -Inf and qt(1, df) = Inf; qchisq(0) = 0 and qchisq(1) = Inf.
        assert_eq!((t_quantile(0.0, 4.0), t_quantile(1.0, 4.0)), (f64::NEG_INFINITY, f64::INFINITY));
        assert_eq!((chi2_quantile(0.0, 0.3), chi2_quantile(1.0, 0.3)), (0.0, f64::INFINITY));
        for bad in [(0.5, 0.0), (0.5, -1.0), (1.5, 2.0), (f64::NAN, 2.0), (0.5, f64::NAN), (0.5, f64::INFINITY)] {
            assert!(chi2_quantile(bad.0, bad.1).is_nan() && t_quantile(bad.0, bad.1).is_nan(), "{bad:?}");
        }
        // ln Γ below 0.5 (mpmath loggamma): ln Γ(0.1) = 2.2527126517342060, ln Γ(0.3) = 1.0957979948180755.
        assert!(rel(ln_gamma(0.1), 2.252_712_651_734_206) < 1e-13 && rel(ln_gamma(0.3), 1.095_797_994_818_075_5) < 1e-13);
        assert!(ln_gamma(0.0).is_nan() && ln_gamma(-0.5).is_nan());
    }

    #[test]
    fn exact_poisson_limits_of_counts_below_half() {
        // Non-integer counts (restated estimates) under 0.5: lower = qchisq(α/2, 2o)/2, upper = qchisq(1 − α/2,
        // 2o + 2)/2, from mpmath 1.3.0 at 40 digits as above. Tiny lower limits keep their relative precision.
        let cases = [
            (0.3, Z95, 3.185_679_031_739_171_4e-6, 4.293_777_110_863_578),
            (0.3, Z998, 6.972_699_096_783_347e-11, 7.662_362_885_177_724),
            (0.05, Z95, 5.315_661_889_914_361e-33, 3.793_225_256_088_419),
            (0.05, Z998, 5.844_632_057_286_561e-61, 7.038_495_225_875_78),
        ];
        for (o, z, lower, upper) in cases {
            let i = poisson_limits(o, z).unwrap();
            assert!(rel(i.lower, lower) < 1e-8 && rel(i.upper, upper) < 1e-10, "{o} at {z}: {i:?}");
        }
        assert_eq!(poisson_limits(-0.1, Z95), None);
        assert_eq!(poisson_limits(f64::INFINITY, Z95), None);
    }

    #[test]
    fn slope_index_follows_phe_input_rules() {
        use SlopeIndexProblem::*;
        let five = [1.0; 5];
        let cases: [(&[f64], &[f64], SlopeIndexProblem); 7] = [
            // "Number of quantiles must be between 5 and 100"
            (&[0.25; 4], &[4.0, 3.0, 2.0, 1.0], Groups { groups: 4 }),
            (&[1.0; 101], &[1.0; 101], Groups { groups: 101 }),
            // "some groups have a zero, negative or missing population"
            (&[1.0, 1.0, 0.0, 1.0, 1.0], &[5.0; 5], NoResidents { usable: 4, groups: 5 }),
            (&[1.0, -2.0, 1.0, f64::NAN, 1.0], &[5.0; 5], NoResidents { usable: 3, groups: 5 }),
            // a quantile without a value: PHE drops the area
            (&five, &[5.0, 4.0, f64::NAN, 2.0, 1.0], MissingValues { usable: 4, groups: 5 }),
            (&five, &[5.0, f64::INFINITY, 3.0, 2.0, 1.0], MissingValues { usable: 4, groups: 5 }),
            // negative values
            (&five, &[5.0, 4.0, 3.0, -0.5, -1.0], NegativeValues { negative: 2, groups: 5 }),
        ];
        for (pops, vals, want) in cases {
            assert_eq!(slope_index(pops, vals), Err(want));
        }
        // 100 groups is allowed, and zero values are not negative.
        assert!(slope_index(&[1.0; 100], &[0.0; 100]).is_ok());
        assert!(slope_index(&five, &[0.0, 1.0, 2.0, 3.0, 4.0]).is_ok());
    }

    // Expected values below come from PHStatsMethods 0.1.16 (DHSC's Python port of PHEindicatormethods, the
    // Fingertips methods), run independently: ph_proportion(…, confidence=[0.95, 0.998], multiplier=100) and
    // ph_rate(…, multiplier=1000).

    #[test]
    fn wilson_matches_phe_methods() {
        let cases = [
            // x, n, 95% lower, 95% upper, 99.8% lower, 99.8% upper (percentages)
            (65.0, 100.0, 55.254443, 73.635752, 49.549466, 77.835406),
            (0.0, 10.0, 0.0, 27.753280, 0.0, 48.847890),
            (20.0, 1000.0, 1.298368, 3.069001, 1.018717, 3.889367),
            (40.0, 4000.0, 0.735251, 1.358774, 0.617296, 1.616111),
        ];
        for (x, n, l95, u95, l998, u998) in cases {
            let a = wilson(x, n, Z95).unwrap();
            let b = wilson(x, n, Z998).unwrap();
            for (got, want) in [(a.lower, l95), (a.upper, u95), (b.lower, l998), (b.upper, u998)] {
                assert!(close(got * 100.0, want, 1e-5), "{x}/{n}: {got} vs {want}");
            }
        }
        assert!(wilson(11.0, 10.0, Z95).is_none());
        assert!(wilson(1.0, 0.0, Z95).is_none());
    }

    #[test]
    fn poisson_limits_match_phe_methods() {
        let cases = [
            // events, denominator, rate limits per 1,000: 95% lower, upper, 99.8% lower, upper
            (100.0, 100_000.0, 0.813621, 1.216279, 0.719037, 1.349436), // Byar
            (5.0, 100_000.0, 0.016235, 0.116683, 0.007394, 0.164547),   // exact (under 10 events)
            (10.0, 100_000.0, 0.047874, 0.183915, 0.029163, 0.241937),  // Byar from 10 events
            (20.0, 1000.0, 12.211429, 30.889880, 8.922802, 38.085036),
            (40.0, 4000.0, 7.143325, 13.617525, 5.808299, 15.923214),
        ];
        for (o, n, l95, u95, l998, u998) in cases {
            let a = poisson_limits(o, Z95).unwrap();
            let b = poisson_limits(o, Z998).unwrap();
            for (got, want) in [(a.lower, l95), (a.upper, u95), (b.lower, l998), (b.upper, u998)] {
                assert!(close(got / n * 1000.0, want, 1e-5), "{o}/{n}: {} vs {want}", got / n * 1000.0);
            }
        }
        // Zero events: exact upper limit 3.688879 (PHStatsMethods exact_upper(0, 0.95)).
        let z = poisson_limits(0.0, Z95).unwrap();
        assert_eq!(z.lower, 0.0);
        assert!(close(z.upper, 3.688_879_454, 1e-6));
    }

    #[test]
    fn sample_quantiles_follow_r_type_7() {
        let v = [1.0, 2.0, 3.0, 4.0, 10.0];
        assert_eq!(quantile_sorted(&v, 0.25), Some(2.0));
        assert_eq!(quantile_sorted(&v, 0.5), Some(3.0));
        assert!(close(quantile_sorted(&v, 0.9).unwrap(), 7.6, 1e-12));
        assert_eq!(quantile_sorted(&[], 0.5), None);
    }

    #[test]
    fn least_squares_recovers_a_known_line() {
        let x = [0.0, 1.0, 2.0, 3.0, 4.0];
        let y = [1.0, 3.1, 4.9, 7.0, 9.0];
        let f = weighted_fit(&x, &y, &[1.0; 5]).unwrap();
        assert!(close(f.slope, 1.99, 1e-9) && close(f.intercept, 1.02, 1e-9), "{f:?}");
        assert!(f.r_squared > 0.999);
        // Doubling every weight changes nothing.
        let g = weighted_fit(&x, &y, &[2.0; 5]).unwrap();
        assert!(close(f.sigma, g.sigma, 1e-12) && close(f.slope, g.slope, 1e-12));
        assert!(weighted_fit(&[1.0, 1.0, 1.0], &[1.0, 2.0, 3.0], &[1.0; 3]).is_none());
    }

    #[test]
    fn slope_index_of_a_linear_gradient() {
        // Five equal groups, values 50, 40, 30, 20, 10 from most to least deprived: a straight line in x
        // (0.1 … 0.9) with slope −50 and value 55 at the most deprived extreme, 5 at the least: RII 11.
        let f = slope_index(&[0.2; 5], &[50.0, 40.0, 30.0, 20.0, 10.0]).unwrap();
        assert!(close(f.intercept, 55.0, 1e-9) && close(f.slope, -50.0, 1e-9), "{f:?}");
        assert!(close(relative_index(&f).unwrap(), 11.0, 1e-9));
        // Unequal populations move the midpoints: groups of 10%, 20%, 30%, 20% and 20% sit at 0.05, 0.2, 0.45,
        // 0.7 and 0.9; y = 10 + 20x exactly.
        let f = slope_index(&[10.0, 20.0, 30.0, 20.0, 20.0], &[11.0, 14.0, 19.0, 24.0, 28.0]).unwrap();
        assert!(close(f.slope, 20.0, 1e-9) && close(f.intercept, 10.0, 1e-9), "{f:?}");
    }

    #[test]
    fn relative_index_needs_both_ends_clearly_above_zero() {
        // A line that reaches −5 at the least deprived end: no RII.
        let f = slope_index(&[1.0; 5], &[40.0, 30.0, 20.0, 10.0, 0.0]).unwrap();
        assert!(matches!(relative_index(&f), Err(RelativeIndexProblem::NotPositive { end: End::LeastDeprived, value }) if close(value, -5.0, 1e-9)));
        // A convex gradient whose straight line ends just above zero, with a wide interval there: no RII.
        let f = slope_index(&[1.0; 5], &[40.0, 25.0, 16.0, 11.0, 9.0]).unwrap();
        match relative_index(&f) {
            Err(RelativeIndexProblem::NearZero { end: End::LeastDeprived, value, lower, upper }) => {
                assert!(value > 0.0 && lower < 0.0 && upper > value, "{value} {lower} {upper}")
            }
            other => panic!("{other:?}"),
        }
    }
}
