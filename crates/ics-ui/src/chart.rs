//! Drawing helpers shared by the SVG charts: linear scales, "nice" axis ticks, the colour palettes (GOV.UK
//! Analysis Function and NHS colours, colour-blind safe, ≥ 3:1 against white), the marks of estimates (hatching
//! over any colour, a dashed ring round a point), legends, and small SVG builders.
//!
//! Layout arithmetic only; no figures are computed here beyond positions on the page.

use crate::node::{s, Element, Node};
use crate::Msg;
use ics_data::format;
use ics_engine::compare::Significance;

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
pub const SEQUENTIAL_10: [&str; 10] = ["#440154", "#482878", "#3e4989", "#31688e", "#26828e", "#1f9e89", "#35b779", "#6ece58", "#b5de2b", "#fde725"];

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

/// The vertical domain of a line chart, and whether it starts at zero. It does when the values would still
/// fill at least half the height; otherwise a zero baseline would flatten the series, so the domain hugs the
/// values (padded a little) and the chart must say that its axis does not start at zero.
pub fn line_domain(lo: f64, hi: f64) -> (f64, f64, bool) {
    if !(lo.is_finite() && hi.is_finite()) || hi < lo {
        return (0.0, 1.0, true);
    }
    if lo <= 0.0 || hi - lo >= lo {
        let (a, b) = domain_with_zero(lo, hi);
        return (a, b, true);
    }
    let pad = ((hi - lo) * 0.08).max(hi.abs() * 0.01);
    (lo - pad, hi + pad, false)
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

/// A chart's `<svg>`: its class, and its size in CSS pixels as both its width and height and its view box.
pub fn svg(class: &str, width: f64, height: f64) -> Element<Msg> {
    s("svg").class(class).attr("width", px(width)).attr("height", px(height)).attr("viewBox", format!("0 0 {} {}", px(width), px(height)))
}

pub fn svg_text(x: f64, y: f64, t: impl Into<String>) -> Element<Msg> {
    s("text").attr("x", px(x)).attr("y", px(y)).text(t)
}

/// A vertical axis's title, centred on `mid` and turned to read upwards, `x` from the chart's left edge.
pub fn y_title(x: f64, mid: f64, t: impl Into<String>) -> Element<Msg> {
    svg_text(x, mid, t)
        .attr("text-anchor", "middle")
        .attr("font-weight", "700")
        .attr("transform", format!("rotate(-90 {} {})", format::plain(x, 0), px(mid)))
}

/// A horizontal gridline across `left..right` at height `y`, with its value written to the left of it.
pub fn y_tick(g: Element<Msg>, left: f64, right: f64, y: f64, label: String) -> Element<Msg> {
    g.child(line(left, y, right, y, LIGHT_GREY)).child(svg_text(left - 6.0, y + 4.0, label).attr("text-anchor", "end"))
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

/// Roughly how wide `text` is drawn at `font_px` (average glyph widths of Arial and the system sans-serif fonts;
/// on the wide side, so text fitted with it fits).
pub fn text_width(text: &str, font_px: f64) -> f64 {
    text.chars().count() as f64 * font_px * 0.56
}

/// Breaks `text` into lines no wider than `max_px` at `font_px`, at spaces (a word longer than a line gets a
/// line of its own). Labels wrap rather than lose their ends.
pub fn wrap(text: &str, max_px: f64, font_px: f64) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && text_width(&line, font_px) + text_width(" ", font_px) + text_width(word, font_px) > max_px {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
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

/// What a mark in a chart looks like, for its legend entry.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Key {
    /// A filled block (bars, bands, map classes).
    Fill(&'static str),
    /// A line, dashed with an SVG dash pattern ("" for solid).
    Line(&'static str, &'static str),
    /// A dot, filled, or hollow with a dark ring.
    Dot(&'static str),
    /// A dot ringed in dark (the selected ICS).
    Ringed(&'static str),
    /// A hollow dot, its ring solid or dashed (an SVG dash pattern).
    Hollow(&'static str),
    /// A diamond (peers).
    Diamond(&'static str),
    /// A text symbol drawn as it is in the chart (▶ your ICS, ! flagged).
    Symbol(&'static str),
    /// A confidence interval's whisker.
    Whisker,
    /// A hatched block (an estimated value's bar or area: see [`hatch`]).
    Hatch,
    /// A dot in a dashed ring (an estimated value's point: see [`halo`]).
    Halo(&'static str),
}

/// Legend rows across the top of a chart: each entry its mark and words, flowing onto as many rows as the
/// width needs (nothing is dropped). Returns the legend and its height.
pub fn legend(items: &[(Key, String)], x0: f64, width: f64) -> (Element<Msg>, f64) {
    const ROW: f64 = 20.0;
    let mut g = s("g").class("ics-legend");
    let (mut x, mut y) = (x0, 0.0);
    for (key, label) in items {
        let w = 26.0 + text_width(label, 12.0);
        if x > x0 && x + w > width {
            x = x0;
            y += ROW;
        }
        let mid = y + ROW / 2.0;
        let mark: Element<Msg> = match *key {
            Key::Fill(c) => rect(x, mid - 6.0, 18.0, 12.0, c).attr("stroke", MID_GREY).attr("stroke-width", "0.5"),
            Key::Line(c, dash) => {
                let l = line(x, mid, x + 18.0, mid, c).attr("stroke-width", "2.5");
                if dash.is_empty() {
                    l
                } else {
                    l.attr("stroke-dasharray", dash)
                }
            }
            Key::Dot(c) => s("circle").attr("cx", px(x + 9.0)).attr("cy", px(mid)).attr("r", "5").attr("fill", c),
            Key::Ringed(c) => s("circle")
                .attr("cx", px(x + 9.0))
                .attr("cy", px(mid))
                .attr("r", "6")
                .attr("fill", c)
                .attr("stroke", TEXT)
                .attr("stroke-width", "2.5"),
            Key::Hollow(dash) => {
                let ring = s("circle")
                    .attr("cx", px(x + 9.0))
                    .attr("cy", px(mid))
                    .attr("r", "5")
                    .attr("fill", "#ffffff")
                    .attr("stroke", TEXT)
                    .attr("stroke-width", "2");
                if dash.is_empty() {
                    ring
                } else {
                    ring.attr("stroke-dasharray", dash)
                }
            }
            Key::Diamond(c) => s("path").attr("d", format!("M{},{}l5,5l-5,5l-5,-5Z", px(x + 9.0), px(mid - 5.0))).attr("fill", c),
            Key::Symbol(t) => svg_text(x + 9.0, mid + 4.0, t).attr("text-anchor", "middle").attr("font-weight", "700"),
            Key::Hatch => rect(x, mid - 6.0, 18.0, 12.0, &hatch(WHITE)).attr("stroke", TEXT).attr("stroke-width", "1"),
            Key::Halo(c) => {
                s("g").child(s("circle").attr("cx", px(x + 9.0)).attr("cy", px(mid)).attr("r", "3.5").attr("fill", c)).child(halo(x + 9.0, mid, 3.5))
            }
            Key::Whisker => s("path")
                .attr(
                    "d",
                    format!(
                        "M{a},{m}H{b}M{a},{t}V{u}M{b},{t}V{u}",
                        a = px(x + 2.0),
                        b = px(x + 16.0),
                        m = px(mid),
                        t = px(mid - 4.0),
                        u = px(mid + 4.0)
                    ),
                )
                .attr("stroke", TEXT)
                .attr("stroke-width", "1.5")
                .attr("fill", "none"),
        };
        g = g.child(mark).child(svg_text(x + 24.0, mid + 4.0, label.clone()));
        x += w + 14.0;
    }
    if items.iter().any(|(k, _)| *k == Key::Hatch) {
        g = g.child(hatch_defs(&[WHITE]));
    }
    (g, y + ROW)
}

const WHITE: &str = "#ffffff";

/// The id of the hatching over `base` (a colour such as "#12436d").
fn hatch_id(base: &str) -> String {
    let hex: String = base.chars().filter(char::is_ascii_alphanumeric).collect();
    format!("ics-hatch-{hex}")
}

/// The fill that marks an estimated value's bar or area: `base` crossed by diagonal stripes, each a white line
/// beside a dark one, so that whatever the colour underneath one of the two contrasts with it by at least 3:1.
/// The chart must hold [`hatch_defs`] for `base`.
pub fn hatch(base: &str) -> String {
    format!("url(#{})", hatch_id(base))
}

/// The patterns behind [`hatch`] for each colour in `bases` (each once).
pub fn hatch_defs(bases: &[&str]) -> Element<Msg> {
    let mut seen: Vec<&str> = Vec::new();
    let mut defs = s("defs");
    for &b in bases {
        if seen.contains(&b) {
            continue;
        }
        seen.push(b);
        defs = defs.child(
            s("pattern")
                .id(hatch_id(b))
                .attr("patternUnits", "userSpaceOnUse")
                .attr("width", "8")
                .attr("height", "8")
                .attr("patternTransform", "rotate(45)")
                .child(rect(0.0, 0.0, 8.0, 8.0, b))
                .child(rect(0.0, 0.0, 2.5, 8.0, WHITE))
                .child(rect(2.5, 0.0, 1.5, 8.0, TEXT)),
        );
    }
    defs
}

/// The dashed ring drawn around an estimated value's point (a dot of radius `r` at x, y): dark on the chart's
/// light ground, whatever the dot's colour.
pub fn halo(x: f64, y: f64, r: f64) -> Element<Msg> {
    s("circle")
        .class("ics-estimate")
        .attr("cx", px(x))
        .attr("cy", px(y))
        .attr("r", px(r + 3.0))
        .attr("fill", "none")
        .attr("stroke", TEXT)
        .attr("stroke-width", "1.5")
        .attr("stroke-dasharray", "2 1.5")
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

    #[test]
    fn line_charts_start_at_zero_unless_that_flattens_them() {
        assert!(line_domain(40.0, 90.0).2, "a 50-point spread fills over half of 0–90");
        let (a, b, zero) = line_domain(70.0, 82.0);
        assert!(!zero && a < 70.0 && a > 60.0 && b > 82.0, "{a} {b}");
        assert!(line_domain(-5.0, 3.0).2);
        assert!(!line_domain(5.0, 5.0).2);
        assert!(line_domain(5.0, 5.0).1 > line_domain(5.0, 5.0).0);
    }

    #[test]
    fn legends_wrap_instead_of_dropping_entries() {
        let items: Vec<(Key, String)> = ["Better than England", "Similar", "Worse than England", "England", "Your ICS", "Peer"]
            .iter()
            .map(|l| (Key::Fill(DARK_BLUE), l.to_string()))
            .collect();
        let (wide, wide_h) = legend(&items, 0.0, 1000.0);
        let (narrow, narrow_h) = legend(&items, 0.0, 300.0);
        assert_eq!(Node::from(wide).text_content(), Node::from(narrow).text_content(), "every entry on a phone too");
        assert_eq!(wide_h, 20.0);
        assert!(narrow_h >= 60.0, "{narrow_h}");
    }

    #[test]
    fn wrapping_keeps_every_word_and_fits_the_width() {
        let name = "Bath and North East Somerset, Swindon and Wiltshire";
        let lines = wrap(name, 150.0, 12.0);
        assert_eq!(lines.join(" "), name);
        assert!(lines.len() > 1 && lines.iter().all(|l| text_width(l, 12.0) <= 150.0), "{lines:?}");
        assert_eq!(wrap("Devon", 150.0, 12.0), ["Devon"]);
        assert_eq!(wrap("", 150.0, 12.0), [""]);
        assert_eq!(wrap("Supercalifragilistic word", 20.0, 12.0), ["Supercalifragilistic", "word"]);
    }
}
