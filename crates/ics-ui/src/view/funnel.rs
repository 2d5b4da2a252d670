//! Funnel plot: each ICS's value against its denominator, with the engine's centre line and 95% / 99.8% control
//! limits (adjusted for overdispersion when asked), so "different" can be told from "small". ICSs outside the
//! 99.8% limits are named; estimates have a dashed ring and "≈"; a "How to read a funnel plot" disclosure says
//! what the lines mean and what the method was validated against. Renders only the engine's `Funnel`: it
//! computes no figure of its own, and an indicator without counts gets the engine's message, never a panic.

use super::item::{group, Item};
use super::notes::{estimates_note, flag_notes};
use super::widgets::{prompt, select};
use super::{Chart, Content, Ctx};
use crate::chart::{self, Key, Scale};
use crate::node::{h, s, Node};
use crate::table::{col, Cell, DataTable, Row, ESTIMATE};
use crate::Msg;
use ics_data::format;
use ics_data::num::clamp;
use ics_engine::funnel::{Funnel, FunnelPoint, LimitPoint, Overdispersion, Side};

/// The two limits' line styles (dashes; colour `LIMIT`), shared by the chart and its legend.
const DASH95: &str = "6 4";
const LIMIT: &str = chart::DARK_GREY;
const HIGH: &str = chart::ORANGE;
const LOW: &str = chart::DARK_BLUE;
const WITHIN: &str = chart::LIGHT_PURPLE;

fn side_words(s: Side, level: &str) -> String {
    match s {
        Side::High => format!("above the {level} limit"),
        Side::Low => format!("below the {level} limit"),
        Side::Within => format!("within the {level} limits"),
    }
}

/// Where a point stands, in words: its outermost limit crossed.
fn position(p: &FunnelPoint) -> String {
    match (p.adjusted998, p.adjusted95) {
        (Side::Within, Side::Within) => "within the 95% limits".into(),
        (Side::Within, s) => side_words(s, "95%"),
        (s, _) => side_words(s, "99.8%"),
    }
}

fn colour(p: &FunnelPoint) -> &'static str {
    match p.adjusted95 {
        Side::High => HIGH,
        Side::Low => LOW,
        Side::Within => WITHIN,
    }
}

pub fn content(cx: &Ctx) -> Content {
    let (ind, st) = (cx.ind, cx.st);
    let mut c = Content::new(
        format!("{}: funnel plot, {}{}", ind.name, cx.scope().map(|s| format!("{s}, ")).unwrap_or_default(), cx.period()),
        format!("funnel-{}-{}-{}", ind.id, st.settings.overdispersion.key(), cx.r.comparison.period.replace('/', "-")),
    );
    let options = Overdispersion::ALL
        .map(|o| h("option").attr("value", o.key()).attr_if(o == st.settings.overdispersion, "selected", "selected").text(o.label()).into());
    c.controls = vec![h("div")
        .class("ics-field")
        .child(h("label").class("ics-label").attr("for", "ics-od").text("Overdispersion adjustment"))
        .child(select(
            "ics-od",
            st.settings.overdispersion.key(),
            |v| Msg::SetOverdispersion(Overdispersion::from_key(&v).unwrap_or_default()),
            Vec::from(options),
        ))
        .into()];
    let f = match &cx.r.funnel {
        Some(Ok(f)) => f,
        Some(Err(e)) => {
            c.notes.push(prompt("No funnel plot for this indicator", e));
            c.notes.push(how_to_read());
            return c;
        }
        None => return c,
    };
    c.subtitle = format!(
        "Each dot is an ICS: its value against its denominator. Centre line: {}. Dashed: 95% control limits; solid: 99.8%{}.",
        if f.centre_source == ics_engine::funnel::CentreSource::England { "England" } else { "the pooled value of the ICSs shown" },
        if f.dispersion.applied {
            format!(", adjusted for overdispersion ({})", st.settings.overdispersion.label().to_ascii_lowercase())
        } else {
            String::new()
        }
    );
    let (svg, w, height) = draw(cx, f);
    let outside = f.outliers(true).len();
    c.chart = Some(Chart {
        svg,
        width: w,
        height,
        description: format!(
            "Funnel plot of {} against the denominator, {}, for {} ICSs{}: {} outside the 99.8% limits, {} outside the 95% limits.{}",
            ind.name,
            denominator_label(cx),
            f.points.len(),
            if f.log_x { " (denominator on a log scale)" } else { "" },
            outside,
            f.outliers(false).len(),
            match f.points.iter().filter(|p| p.estimate).count() {
                0 => String::new(),
                1 => " 1 value is an estimate (in a dashed ring).".into(),
                n => format!(" {n} values are estimates (in dashed rings)."),
            }
        ),
    });
    c.notes.push(h("div").class("ics-callout ics-funnel-notes").children(f.notes().into_iter().map(|n| h("p").text(n).into())).into());
    c.notes.extend(estimates_note(cx));
    let flagged: Vec<&ics_engine::values::FlagNote> = f.points.iter().flat_map(|p| cx.r.comparison.rows[p.ics].value.flags.iter()).collect();
    c.notes.extend(flag_notes(cx, &flagged));
    c.notes.push(how_to_read());
    c.table = Some(table(cx, f));
    c
}

/// What the x axis counts: the indicator's denominator, by name where the dataset gives it.
fn denominator_label(cx: &Ctx) -> String {
    match &cx.ind.denominator {
        Some(d) if !d.is_empty() => d.clone(),
        _ => "Denominator".into(),
    }
}

fn how_to_read() -> Node<Msg> {
    h("details")
        .class("ics-funnel-help")
        .child(h("summary").text("How to read a funnel plot"))
        .child(h("p").text("Small areas' values vary more by chance than large areas'. A funnel plot puts each ICS's value against its size (the denominator, such as attendances or residents): the lines narrow as size grows, showing how far from the centre chance alone would usually take a value of that size."))
        .child(h("p").text("A dot between the dashed lines (95% limits) is consistent with the centre. Beyond a dashed line, a value that far out would happen by chance about 1 time in 20; beyond a solid line (99.8%), about 1 time in 500. Those ICSs are named: they differ from the centre by more than their size explains. Being outside is a prompt to look closer, not a verdict on quality; being inside does not mean the same as England."))
        .child(h("p").text("Overdispersion: when ICSs differ for real reasons the funnel does not model (case mix, recording), many fall outside the limits. The adjustment widens the limits, either multiplying the spread by √φ or adding the between-ICS variance τ², both estimated from the ICSs' z-scores after pulling in the most extreme 10% at each end (Spiegelhalter, 2005). With 36 or 42 ICSs the estimate is rough."))
        .child(h("p").text("Validated: the limits reproduce Public Health England's PHEindicatormethods test data (proportion limits at populations 1 to 110,000, and its significance for 19 areas; exact Poisson rate limits for 1 to 9 events) and NHS-R FunnelPlotR's published Poisson limits and φ (2.948033); the method is in docs/methods.md §6.8."))
        .into()
}

/// The chart: axes, limits, centre line, points, names, tooltip.
fn draw(cx: &Ctx, f: &Funnel) -> (crate::node::Element<Msg>, f64, f64) {
    let st = cx.st;
    let w = cx.width.min(900.0);
    let mut keys: Vec<(Key, String)> = Vec::new();
    for (colour, label) in [(HIGH, "Above the 95% limit"), (WITHIN, "Within the 95% limits"), (LOW, "Below the 95% limit")] {
        if f.points.iter().any(|p| self::colour(p) == colour) {
            keys.push((Key::Dot(colour), label.into()));
        }
    }
    if st.settings.selected.is_some_and(|i| f.points.iter().any(|p| p.ics == i)) {
        keys.push((Key::Ringed(WITHIN), "Your ICS (ringed)".into()));
    }
    if f.points.iter().any(|p| p.estimate) {
        keys.push((Key::Halo(WITHIN), format!("≈ Estimate (dashed ring): {}", cx.estimate_words())));
    }
    let centre_name = if f.centre_source == ics_engine::funnel::CentreSource::England { "England" } else { "Pooled value" };
    keys.push((Key::Line(chart::TEXT, ""), format!("Centre: {centre_name} ({})", cx.value(Some(f.centre)))));
    let adj = if f.dispersion.applied { "adjusted " } else { "" };
    keys.push((Key::Line(LIMIT, DASH95), format!("95% {adj}limits")));
    keys.push((Key::Line(LIMIT, ""), format!("99.8% {adj}limits")));
    if f.dispersion.applied {
        keys.push((Key::Line(chart::MID_GREY, "2 3"), "Unadjusted 99.8% limits".into()));
    }
    let (legend, legend_h) = chart::legend(&keys, 8.0, w);
    let x_title = chart::wrap(&format!("{}{}", denominator_label(cx), if f.log_x { " (log scale)" } else { "" }), w - 80.0, 12.0);
    let (left, right, top, bottom) = (64.0, 16.0, legend_h + 16.0, 34.0 + 16.0 * x_title.len() as f64);
    let height = clamp(w * 0.62, 300.0, 520.0) + legend_h + 16.0 * (x_title.len() as f64 - 1.0);
    // x: the limits' grid spans the points; on a log scale, positions are ln(denominator).
    let tx = |n: f64| if f.log_x { n.ln() } else { n };
    let (g0, g1) = (f.limits.first().map_or(1.0, |l| l.denominator), f.limits.last().map_or(10.0, |l| l.denominator));
    let x = Scale::new((tx(g0), tx(g1)), (left, w - right));
    // y: the points and the limits at the smallest ICS's denominator (wider limits off to the left are clipped).
    let n_min = f.points.iter().map(|p| p.denominator).fold(f64::INFINITY, f64::min);
    let near: Vec<&LimitPoint> = f.adjusted_limits.iter().filter(|l| l.denominator >= n_min).collect();
    let (mut y0, mut y1) = (f.centre, f.centre);
    for v in f.points.iter().map(|p| p.value).chain(near.first().into_iter().flat_map(|l| [l.lower998, l.upper998])) {
        y0 = y0.min(v);
        y1 = y1.max(v);
    }
    let pad = (y1 - y0).max(f.centre.abs() * 0.01).max(1e-9) * 0.05;
    let (y0, y1) = ((y0 - pad).max(if f.centre >= 0.0 { 0.0 } else { f64::NEG_INFINITY }), y1 + pad);
    let y = Scale::new((y0, y1), (height - bottom, top));
    let clamp_y = |v: f64| clamp(y.at(v), top, height - bottom);
    let mut axes_g = s("g").class("ics-axis");
    let xt: Vec<f64> = if f.log_x {
        log_ticks(g0, g1)
    } else {
        chart::ticks(g0, g1, ((w - left - right) / 90.0) as usize).into_iter().filter(|t| *t >= g0 && *t <= g1).collect()
    };
    for &t in &xt {
        let px = x.at(tx(t));
        axes_g = axes_g
            .child(chart::line(px, top, px, height - bottom, chart::LIGHT_GREY))
            .child(chart::svg_text(px, height - bottom + 16.0, format::number(t, 0)).attr("text-anchor", "middle"));
    }
    let yt = chart::ticks(y0, y1, 6);
    let yd = chart::tick_decimals(&yt);
    for &t in yt.iter().filter(|t| **t >= y0 && **t <= y1) {
        axes_g = chart::y_tick(axes_g, left, w - right, y.at(t), format::number(t, yd));
    }
    axes_g = axes_g
        .children(x_title.iter().enumerate().map(|(k, line)| {
            chart::svg_text((left + w - right) / 2.0, height - bottom + 36.0 + 16.0 * k as f64, line.clone())
                .attr("text-anchor", "middle")
                .attr("font-weight", "700")
                .into()
        }))
        .child(chart::y_title(12.0, (top + height - bottom) / 2.0, format::upper_first(&cx.ind.unit)));
    let curve = |ls: &[LimitPoint], pick: fn(&LimitPoint) -> f64| {
        chart::polyline_path(&ls.iter().map(|l| Some((x.at(tx(l.denominator)), clamp_y(pick(l))))).collect::<Vec<_>>())
    };
    let path = |d: String, stroke: &str, dash: &str, width: &str| {
        s("path")
            .attr("d", d)
            .attr("stroke", stroke)
            .attr("stroke-width", width)
            .attr_if(!dash.is_empty(), "stroke-dasharray", dash.to_string())
            .attr("fill", "none")
    };
    let mut lines = s("g").attr("aria-hidden", "true");
    if f.dispersion.applied {
        lines = lines.child(path(curve(&f.limits, |l| l.lower998), chart::MID_GREY, "2 3", "1")).child(path(
            curve(&f.limits, |l| l.upper998),
            chart::MID_GREY,
            "2 3",
            "1",
        ));
    }
    let ls = &f.adjusted_limits;
    lines = lines
        .child(path(curve(ls, |l| l.lower998), LIMIT, "", "1.5"))
        .child(path(curve(ls, |l| l.upper998), LIMIT, "", "1.5"))
        .child(path(curve(ls, |l| l.lower95), LIMIT, DASH95, "1.5"))
        .child(path(curve(ls, |l| l.upper95), LIMIT, DASH95, "1.5"))
        .child(chart::line(left, y.at(f.centre), w - right, y.at(f.centre), chart::TEXT).attr("stroke-width", "2"));
    let named: Vec<usize> = {
        let o = f.outliers(true);
        if o.len() <= 10 {
            o.iter().map(|(p, _)| p.ics).collect()
        } else {
            vec![]
        }
    };
    let active = st.settings.selected.filter(|i| f.points.iter().any(|p| p.ics == *i)).or(f.points.first().map(|p| p.ics));
    let points = f.points.iter().map(|p| {
        let selected = st.settings.selected == Some(p.ics);
        let (px, py) = (x.at(tx(p.denominator)), y.at(p.value));
        let r = if selected { 7.5 } else { 5.5 };
        let sel = if selected { " (your ICS; press Enter to clear)" } else { " (press Enter to select)" };
        let label = format!(
            "{}: {}{}, denominator {}; {}{sel}",
            p.name,
            cx.value(Some(p.value)),
            if p.estimate { ", estimate" } else { "" },
            format::number(p.denominator, 0),
            position(p)
        );
        let mut g = Item::new(p.ics, label).selected(selected).code(p.code.clone()).tab_stop(Some(p.ics) == active).tooltip().on(s("g")).child(
            s("circle")
                .attr("cx", chart::px(px))
                .attr("cy", chart::px(py))
                .attr("r", chart::px(r))
                .attr("fill", colour(p))
                .attr("stroke", if selected { chart::TEXT } else { "#ffffff" })
                .attr("stroke-width", if selected { "2.5" } else { "1" }),
        );
        if p.estimate {
            g = g.child(chart::halo(px, py, r));
        }
        let label = (selected || named.contains(&p.ics)).then(|| {
            let name = format!("{}{}", if p.estimate { "≈ " } else { "" }, p.name);
            let t = if px + 8.0 + chart::text_width(&name, 12.0) > w {
                chart::svg_text(px - 8.0, py - 8.0, name).attr("text-anchor", "end")
            } else {
                chart::svg_text(px + 8.0, py - 8.0, name)
            };
            t.attr("aria-hidden", "true").attr_if(selected, "font-weight", "700").into()
        });
        s("g").child(g).children(label).into()
    });
    let mut svg = chart::svg("ics-chart", w, height)
        .on_leave(Msg::Hover(None))
        .child(legend.attr("aria-hidden", "true").attr("transform", "translate(0 4)"))
        .child(axes_g)
        .child(lines)
        .child(group(points));
    if let Some(p) = cx.hover().and_then(|i| f.points.iter().find(|p| p.ics == i)) {
        let mut tip = vec![p.name.clone(), format!("{}: {}{}", cx.ind.unit, if p.estimate { "≈ " } else { "" }, cx.value(Some(p.value)))];
        if p.estimate {
            tip.push(super::notes::estimate_tip(&cx.estimate_words()).split(" (").next().unwrap_or_default().to_string());
        }
        tip.push(format!("Denominator: {}", format::number(p.denominator, 0)));
        tip.push(format!("z = {}; {}", format::number(p.z_adjusted, 2), position(p)));
        svg = svg.child(chart::tooltip(x.at(tx(p.denominator)), y.at(p.value), w, &tip));
    }
    (svg, w, height)
}

/// Ticks at 1, 2 and 5 × 10ᵏ inside [lo, hi] (or every power of ten when those are too many).
fn log_ticks(lo: f64, hi: f64) -> Vec<f64> {
    let mut out = Vec::new();
    let (a, b) = (lo.log10().floor() as i32, hi.log10().ceil() as i32);
    let steps: &[f64] = if b - a > 4 { &[1.0] } else { &[1.0, 2.0, 5.0] };
    for e in a.max(-300)..=b.min(300) {
        for m in steps {
            let t = m * 10f64.powi(e);
            if t >= lo && t <= hi {
                out.push(t);
            }
        }
    }
    out
}

/// The table twin: every figure the chart draws, and the positions it colours.
fn table(cx: &Ctx, f: &Funnel) -> DataTable {
    let d = cx.ind.decimals;
    let estimates = f.points.iter().any(|p| p.estimate);
    let adjusted = cx.st.settings.overdispersion != Overdispersion::None;
    let mut columns = vec![col("ICS", false), col(&format!("Value ({})", cx.ind.unit), true)];
    columns.extend(estimates.then(|| col(ESTIMATE, false)));
    columns.extend([col("Numerator", true), col("Denominator", true), col("z-score", true), col("95% limits", false), col("99.8% limits", false)]);
    if adjusted {
        columns.extend([col("Adjusted z-score", true), col("Adjusted 95% limits", false), col("Adjusted 99.8% limits", false)]);
    }
    let side = |s: Side| {
        Cell::text(match s {
            Side::High => "Above",
            Side::Low => "Below",
            Side::Within => "Within",
        })
    };
    DataTable {
        id: "ics-table-funnel",
        caption: format!(
            "{}: value, denominator, z-score and position against the funnel's control limits (centre {}), by ICS{}",
            cx.ind.name,
            cx.value(Some(f.centre)),
            super::notes::hidden_estimates_caption(cx)
        ),
        columns,
        rows: f
            .points
            .iter()
            .map(|p| {
                let mut cells = vec![Cell::text(p.name.clone()), Cell::estimated(Some(p.value), d, p.estimate)];
                cells.extend(estimates.then(|| Cell::estimate_flag(p.estimate)));
                cells.extend([
                    Cell::num(Some(p.numerator), if p.numerator.fract() == 0.0 { 0 } else { 1 }),
                    Cell::num(Some(p.denominator), if p.denominator.fract() == 0.0 { 0 } else { 1 }),
                    Cell::num(Some(p.z), 2),
                    side(p.p95),
                    side(p.p998),
                ]);
                if adjusted {
                    cells.extend([Cell::num(Some(p.z_adjusted), 2), side(p.adjusted95), side(p.adjusted998)]);
                }
                Row { cells, ics: Some(p.ics), class: "" }
            })
            .collect(),
        sortable: true,
    }
}
