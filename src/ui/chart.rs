//! Drawing helpers shared by the SVG charts: linear scales, "nice" axis ticks, the colour palettes (GOV.UK
//! Analysis Function and NHS colours, colour-blind safe, ≥ 3:1 against white), and small SVG builders.
//!
//! Layout arithmetic only; no figures are computed here beyond positions on the page.

use super::node::{s, Element, Node};
use super::Msg;
use crate::engine::compare::Significance;
use crate::format;

pub const DARK_BLUE: &str = "#12436d";
pub const TURQUOISE: &str = "#28a197";
pub const DARK_PINK: &str = "#801650";
pub const ORANGE: &str = "#f46a25";
pub const DARK_GREY: &str = "#3d3d3d";
pub const LIGHT_PURPLE: &str = "#a285d1";
pub const NHS_BLUE: &str = "#005eb8";
pub const TEXT: &str = "#212b32";
pub const MID_GREY: &str = "#505a5f";
pub const LIGHT_GREY: &str = "#d8dde0";

/// Five ordered classes, colour-blind safe (viridis), darkest first.
pub const SEQUENTIAL_5: [&str; 5] = ["#440154", "#3b528b", "#21918c", "#5ec962", "#fde725"];
/// Ten ordered classes (viridis), darkest first.
pub const SEQUENTIAL_10: [&str; 10] =
    ["#440154", "#482878", "#3e4989", "#31688e", "#26828e", "#1f9e89", "#35b779", "#6ece58", "#b5de2b", "#fde725"];

pub fn significance_colour(sig: Significance) -> &'static str {
    match sig {
        Significance::Better => DARK_BLUE,
        Significance::Similar => LIGHT_PURPLE,
        Significance::Worse => ORANGE,
        Significance::Higher => TURQUOISE,
        Significance::Lower => DARK_PINK,
        Significance::NotCompared => NHS_BLUE,
    }
}

/// The short word shown next to a bar, so significance never relies on colour alone.
pub fn significance_word(sig: Significance) -> &'static str {
    match sig {
        Significance::Better => "Better",
        Significance::Similar => "Similar",
        Significance::Worse => "Worse",
        Significance::Higher => "Higher",
        Significance::Lower => "Lower",
        Significance::NotCompared => "",
    }
}

/// A linear map from a data domain to pixels.
#[derive(Debug, Clone, Copy)]
pub struct Scale {
    pub d0: f64,
    pub d1: f64,
    pub r0: f64,
    pub r1: f64,
}

impl Scale {
    pub fn new(domain: (f64, f64), range: (f64, f64)) -> Scale {
        let (mut d0, mut d1) = domain;
        if !(d1 > d0) {
            d0 -= 1.0;
            d1 = d0 + 2.0;
        }
        Scale { d0, d1, r0: range.0, r1: range.1 }
    }

    pub fn at(&self, v: f64) -> f64 {
        self.r0 + (v - self.d0) / (self.d1 - self.d0) * (self.r1 - self.r0)
    }
}

/// About `n` round tick values covering [lo, hi] (1, 2, 2.5 or 5 × a power of ten apart).
pub fn ticks(lo: f64, hi: f64, n: usize) -> Vec<f64> {
    if !(hi > lo) || !lo.is_finite() || !hi.is_finite() {
        return vec![lo];
    }
    let raw = (hi - lo) / n.max(1) as f64;
    // The power of ten at or below `raw`, by steps (powf and log10 would cost wasm).
    let mut mag = 1.0;
    while mag > raw {
        mag /= 10.0;
    }
    while mag * 10.0 <= raw {
        mag *= 10.0;
    }
    let step = [1.0, 2.0, 2.5, 5.0, 10.0].iter().map(|m| m * mag).find(|s| *s >= raw).unwrap_or(10.0 * mag);
    let start = (lo / step).ceil() * step;
    let mut out = Vec::new();
    let mut k = 0.0;
    while start + k * step <= hi + step * 1e-9 && out.len() < 50 {
        let t = start + k * step;
        out.push(if t.abs() < step * 1e-9 { 0.0 } else { t });
        k += 1.0;
    }
    out
}

/// Expands [lo, hi] to include zero when the data are all of one sign and not far from it (bars need a zero
/// baseline), and pads a little.
pub fn domain_with_zero(lo: f64, hi: f64) -> (f64, f64) {
    let lo = lo.min(0.0);
    let hi = hi.max(0.0);
    if hi > lo {
        (lo, hi + (hi - lo) * 0.02)
    } else {
        (0.0, 1.0)
    }
}

/// Decimal places for tick labels given the step between ticks.
pub fn tick_decimals(ticks: &[f64]) -> u8 {
    let step = if ticks.len() > 1 { (ticks[1] - ticks[0]).abs() } else { 1.0 };
    match step {
        s if s >= 1.0 => 0,
        s if s >= 0.1 => 1,
        s if s >= 0.01 => 2,
        _ => 3,
    }
}

pub fn px(v: f64) -> String {
    format::plain(v, 1)
}

pub fn svg_text(x: f64, y: f64, t: impl Into<String>) -> Element<Msg> {
    s("text").attr("x", px(x)).attr("y", px(y)).text(t)
}

pub fn line(x1: f64, y1: f64, x2: f64, y2: f64, stroke: &str) -> Element<Msg> {
    s("line").attr("x1", px(x1)).attr("y1", px(y1)).attr("x2", px(x2)).attr("y2", px(y2)).attr("stroke", stroke)
}

pub fn rect(x: f64, y: f64, w: f64, h: f64, fill: &str) -> Element<Msg> {
    s("rect").attr("x", px(x)).attr("y", px(y)).attr("width", px(w.max(0.0))).attr("height", px(h.max(0.0))).attr("fill", fill)
}

/// An SVG path through points, starting a new segment wherever `None` breaks the series.
pub fn polyline_path(points: &[Option<(f64, f64)>]) -> String {
    let mut d = String::new();
    let mut pen_down = false;
    for p in points {
        match p {
            Some((x, y)) => {
                d.push(if pen_down { 'L' } else { 'M' });
                d.push_str(&px(*x));
                d.push(',');
                d.push_str(&px(*y));
                pen_down = true;
            }
            None => pen_down = false,
        }
    }
    d
}

/// Truncates a label to `max` characters with an ellipsis (full names are in titles and tables).
pub fn clip(label: &str, max: usize) -> String {
    if label.chars().count() <= max {
        label.to_string()
    } else {
        let mut s: String = label.chars().take(max.saturating_sub(1)).collect();
        s.push('…');
        s
    }
}

/// The keyboard-reachable tooltip drawn inside an SVG: a box of text lines near (x, y), kept inside the chart.
pub fn tooltip(x: f64, y: f64, width: f64, lines: &[String]) -> Node<Msg> {
    let w = lines.iter().map(|l| l.chars().count()).max().unwrap_or(0) as f64 * 7.0 + 16.0;
    let h = lines.len() as f64 * 18.0 + 10.0;
    let tx = if x + 12.0 + w > width { (x - 12.0 - w).max(0.0) } else { x + 12.0 };
    let ty = (y - h / 2.0).max(0.0);
    s("g")
        .class("ics-tooltip")
        .attr("role", "status")
        .child(rect(tx, ty, w, h, "#ffffff").attr("stroke", TEXT).attr("rx", "3"))
        .children(lines.iter().enumerate().map(|(i, l)| {
            let t = svg_text(tx + 8.0, ty + 20.0 + 18.0 * i as f64, l.clone());
            if i == 0 {
                t.attr("font-weight", "700").into()
            } else {
                t.into()
            }
        }))
        .into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nice_ticks() {
        assert_eq!(ticks(0.0, 10.0, 5), [0.0, 2.0, 4.0, 6.0, 8.0, 10.0]);
        assert_eq!(ticks(0.0, 7.51, 4), [0.0, 2.0, 4.0, 6.0]);
        assert_eq!(ticks(-3.0, 3.0, 3), [-2.0, 0.0, 2.0]);
        assert_eq!(ticks(1.0, 1.0, 5), [1.0]);
        assert_eq!(tick_decimals(&[0.0, 0.25]), 1);
    }

    #[test]
    fn scales_and_paths() {
        let s = Scale::new((0.0, 10.0), (100.0, 200.0));
        assert_eq!(s.at(5.0), 150.0);
        assert_eq!(polyline_path(&[Some((0.0, 1.0)), Some((2.0, 3.0)), None, Some((4.0, 5.0))]), "M0.0,1.0L2.0,3.0M4.0,5.0");
        assert_eq!(clip("Bath and North East Somerset", 10), "Bath and …");
    }
}
