//! Deprivation-adjusted comparison: fits an indicator against deprivation across ICSs by least squares
//! (optionally weighted by population) and says, for each ICS, what its deprivation predicts, how far it is
//! from that, and whether the gap is beyond the 95% or 99.8% prediction band. Flagged values (incomplete,
//! missing for a reason, or after a break in the series) are left out of the fit, and so get no verdict, unless
//! the caller includes them.

use super::aggregate::Level;
use super::stats::{self, LinearFit};
use super::values::Values;
use super::Engine;
use ics_data::dataset::{Deprivation, Score, Weight};
use serde::Serialize;

/// The deprivation measure on the x axis.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Axis {
    /// Core20: % of residents in England's 20% most deprived LSOAs.
    #[default]
    Core20,
    /// Population-weighted mean IMD 2019 score.
    ImdScore,
}

names!(Axis {
    Core20 => "core20", "Core20: % of residents in the most deprived 20% of neighbourhoods",
    ImdScore => "imd", "Average IMD 2019 score",
});

/// Where an ICS sits relative to what its deprivation predicts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// Within the 95% prediction band.
    AsExpected,
    /// Above the 95% band (but within 99.8%).
    Above,
    /// Above the 99.8% band.
    FarAbove,
    Below,
    FarBelow,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FitPoint {
    pub ics: usize,
    pub x: f64,
    pub y: f64,
    pub expected: f64,
    pub residual: f64,
    /// Residual divided by its standard error (internally studentised).
    pub standardised: f64,
    pub verdict: Verdict,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BandPoint {
    pub x: f64,
    pub fitted: f64,
    pub lower95: f64,
    pub upper95: f64,
    pub lower998: f64,
    pub upper998: f64,
}

/// An ICS with a value that the fit left out because the value is flagged.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LeftOut {
    pub ics: usize,
    pub x: f64,
    pub y: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Fit {
    pub axis: Axis,
    pub weighted: bool,
    /// Whether flagged values were included on request.
    pub include_flagged: bool,
    pub line: LinearFit,
    pub points: Vec<FitPoint>,
    /// Flagged values left out of the fit (empty when they are included).
    pub left_out: Vec<LeftOut>,
    /// The fitted line and prediction bands at 21 points across the observed x range.
    pub bands: Vec<BandPoint>,
}

impl Engine {
    /// Each ICS's deprivation on `axis`.
    pub fn deprivation_axis(&self, axis: Axis) -> Vec<f64> {
        self.areas(Level::Ics)
            .iter()
            .map(|a| match axis {
                Axis::Core20 => a.deprived_share(Deprivation::Imd, 2, Weight::Population),
                Axis::ImdScore => a.mean_score(Score::Imd),
            })
            .collect()
    }

    /// Fits `values` on deprivation, leaving flagged values out unless `include_flagged`. None when fewer than
    /// three ICSs have values or x does not vary.
    pub fn fit(&self, values: &Values, axis: Axis, weighted: bool, include_flagged: bool) -> Option<Fit> {
        let xs = self.deprivation_axis(axis);
        let pop = self.population();
        let mut pts: Vec<(usize, f64, f64, f64)> = Vec::new();
        let mut left_out = Vec::new();
        for (i, v) in values.icss.iter().enumerate() {
            let w = if weighted { pop[i].unwrap_or(f64::NAN) } else { 1.0 };
            if let (Some(y), true, true) = (v.value, xs[i].is_finite(), w > 0.0) {
                if v.is_flagged() && !include_flagged {
                    left_out.push(LeftOut { ics: i, x: xs[i], y });
                } else {
                    pts.push((i, xs[i], y, w));
                }
            }
        }
        let x: Vec<f64> = pts.iter().map(|p| p.1).collect();
        let y: Vec<f64> = pts.iter().map(|p| p.2).collect();
        let w: Vec<f64> = pts.iter().map(|p| p.3).collect();
        let line = stats::weighted_fit(&x, &y, &w)?;
        let n = pts.len() as f64;
        let w_mean = line.w_sum / n;
        let df = n - 2.0;
        let (t95, t998) = (stats::t_quantile(0.975, df), stats::t_quantile(0.999, df));
        let points = pts
            .iter()
            .map(|&(ics, x, y, w)| {
                let expected = line.predict(x);
                let residual = y - expected;
                let wn = w / w_mean;
                let h = line.leverage(x, wn).min(0.999_999);
                let standardised = if line.sigma > 0.0 { residual * wn.sqrt() / (line.sigma * (1.0 - h).sqrt()) } else { 0.0 };
                let verdict = match standardised {
                    z if z > t998 => Verdict::FarAbove,
                    z if z > t95 => Verdict::Above,
                    z if z < -t998 => Verdict::FarBelow,
                    z if z < -t95 => Verdict::Below,
                    _ => Verdict::AsExpected,
                };
                FitPoint { ics, x, y, expected, residual, standardised, verdict }
            })
            .collect();
        let (lo, hi) = x.iter().fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), &v| (a.min(v), b.max(v)));
        let bands = (0..=20)
            .map(|k| {
                let x = lo + (hi - lo) * f64::from(k) / 20.0;
                let fitted = line.predict(x);
                let (h95, h998) = (line.prediction_half_width(x, 0.95), line.prediction_half_width(x, 0.998));
                BandPoint { x, fitted, lower95: fitted - h95, upper95: fitted + h95, lower998: fitted - h998, upper998: fitted + h998 }
            })
            .collect();
        Some(Fit { axis, weighted, include_flagged, line, points, left_out, bands })
    }
}

#[cfg(test)]
mod tests {
    use super::super::fixture;
    use super::*;

    #[test]
    fn fit_on_the_fixture_matches_a_hand_computed_line() {
        let e = fixture::engine();
        let (_, ind) = e.indicator("population").unwrap();
        let v = e.values_at(ind, 0);
        let f = e.fit(&v, Axis::ImdScore, false, false).unwrap();
        // x = IMD means (37.5, 20, 6.5, 15), y = populations (1000, 2000, 4000, 3000).
        let (x, y) = ([37.5, 20.0, 6.5, 15.0], [1000.0, 2000.0, 4000.0, 3000.0]);
        let (xm, ym) = (x.iter().sum::<f64>() / 4.0, y.iter().sum::<f64>() / 4.0);
        let sxy: f64 = x.iter().zip(&y).map(|(a, b)| (a - xm) * (b - ym)).sum();
        let sxx: f64 = x.iter().map(|a| (a - xm).powi(2)).sum();
        assert!((f.line.slope - sxy / sxx).abs() < 1e-9);
        assert!((f.line.intercept - (ym - sxy / sxx * xm)).abs() < 1e-6);
        for p in &f.points {
            assert!((p.expected + p.residual - p.y).abs() < 1e-9);
        }
        assert_eq!(f.bands.len(), 21);
        assert!(f.bands.iter().all(|b| b.lower998 < b.lower95 && b.lower95 < b.fitted && b.fitted < b.upper95 && b.upper95 < b.upper998));
        // Residuals of an unweighted least-squares fit sum to zero.
        assert!(f.points.iter().map(|p| p.residual).sum::<f64>().abs() < 1e-6);
    }

    #[test]
    fn too_few_points_give_no_fit() {
        let e = fixture::engine();
        let (_, ind) = e.indicator("within_pct").unwrap();
        let mut v = e.values_at(ind, 1);
        for x in v.icss.iter_mut().skip(2) {
            x.value = None;
        }
        assert!(e.fit(&v, Axis::Core20, false, false).is_none());
    }

    #[test]
    fn flagged_values_are_left_out_unless_included() {
        let e = fixture::engine();
        let (_, ind) = e.indicator("within_pct").unwrap();
        // January 2024: Gamma's value is flagged incomplete ("Gamma's big trust did not report").
        let v = e.values_at(ind, 0);
        let f = e.fit(&v, Axis::ImdScore, false, false).unwrap();
        assert_eq!(f.points.iter().map(|p| p.ics).collect::<Vec<_>>(), [0, 1, 3]);
        assert_eq!(f.left_out, [LeftOut { ics: 2, x: 6.5, y: 75.0 }]);
        let f = e.fit(&v, Axis::ImdScore, false, true).unwrap();
        assert_eq!((f.points.len(), f.left_out.len(), f.include_flagged), (4, 0, true));
    }
}
