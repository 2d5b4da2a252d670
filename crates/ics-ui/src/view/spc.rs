//! The trends view as an SPC chart, the NHS way (NHS England's "Making Data Count"): the selected ICS's XmR chart
//! (points, mean, process limits, the near-limit lines, the baseline shaded, special-cause points by colour and
//! shape), its variation icon with its text, a table twin with each point's rule hits, every ICS's latest
//! variation, and "How to read an SPC chart". It only renders `Engine::spc`/`spc_summary` results; flagged and
//! estimated points are never hidden, only marked.

use super::notes::period_notes;
use super::widgets::{checkbox, prompt, select, toggle};
use super::{Chart, Content, Ctx};
use crate::chart::{self, Key, Scale};
use crate::node::{h, s, Element, Node};
use crate::table::{col, Cell, DataTable, Row, SortValue, ESTIMATE};
use crate::{Msg, State};
use ics_data::format;
use ics_data::num::clamp;
use ics_engine::spc::{Assurance, Better, Hit, Spc, SpcSettings, SpcSummaryRow, Variation, DEFAULT_RUN, LIMIT, RUNS, SCREEN};

/// Special cause colours: improvement blue, concern orange (colour-blind safe together), neither purple; common
/// cause grey. Each also has its own shape, and its words in the tooltip and table.
fn colour(v: Variation) -> &'static str {
    match v {
        Variation::CommonCause => chart::MID_GREY,
        Variation::Improvement => chart::NHS_BLUE,
        Variation::Concern => chart::ORANGE,
        Variation::NeitherHigh | Variation::NeitherLow => chart::DARK_PINK,
    }
}

/// A change to the SPC chart's settings.
#[derive(Debug, Clone, PartialEq)]
pub enum SpcMsg {
    /// Show the trends view as an SPC chart, with the default settings.
    On,
    /// Back to the trend chart.
    Off,
    /// Points in a shift or trend (one of `RUNS`; anything else is ignored).
    Run(usize),
    /// The baseline's first and last periods (None: the series' first or last; a period the indicator does not
    /// have is ignored).
    From(Option<String>),
    To(Option<String>),
    /// Screen out (or stop screening) large moving ranges.
    Screen,
}

/// Applies a `Msg::Spc`. A baseline end before its start clears the other end, so the engine is never asked
/// for an empty baseline.
pub fn update(st: &mut State, m: SpcMsg) {
    if m == SpcMsg::On {
        st.settings.spc.get_or_insert_with(SpcSettings::default);
        st.sort = None;
        return;
    }
    if m == SpcMsg::Off {
        st.settings.spc = None;
        st.sort = None;
        return;
    }
    let (_, periods) = st.engine.periods(&st.engine.catalogue().indicators[st.settings.indicator]);
    let Some(s) = st.settings.spc.as_mut() else { return };
    let at = |p: &Option<String>| p.as_ref().and_then(|p| periods.iter().position(|x| x == p));
    let known = |p: &Option<String>| p.as_ref().is_none_or(|p| periods.contains(p));
    match m {
        SpcMsg::Run(n) if RUNS.contains(&n) => s.run = n,
        SpcMsg::From(p) if known(&p) => {
            s.baseline_from = p;
            if matches!((at(&s.baseline_from), at(&s.baseline_to)), (Some(a), Some(b)) if a > b) {
                s.baseline_to = None;
            }
        }
        SpcMsg::To(p) if known(&p) => {
            s.baseline_to = p;
            if matches!((at(&s.baseline_from), at(&s.baseline_to)), (Some(a), Some(b)) if a > b) {
                s.baseline_from = None;
            }
        }
        SpcMsg::Screen => s.screen = !s.screen,
        _ => {}
    }
}

/// The trends view's switch to the SPC chart (and back).
pub fn switch(on: bool) -> Node<Msg> {
    toggle("Show as an SPC chart", on, Msg::Spc(if on { SpcMsg::Off } else { SpcMsg::On }))
}

pub fn content(cx: &Ctx) -> Content {
    let ind = cx.ind;
    let st = cx.st;
    let settings = st.settings.spc.clone().unwrap_or_default();
    let who = st.settings.selected.map(|i| cx.name(i).to_string());
    let slug_who = st.settings.selected.map(|i| cx.ds.icss[i].ods.clone()).unwrap_or_else(|| "all".into());
    let mut c = Content::new(
        match &who {
            Some(n) => format!("{n}: {}, SPC chart", ind.name),
            None => format!("{}: SPC summary of all ICSs", ind.name),
        },
        format!("spc-{}-{slug_who}", ind.id),
    );
    let (kind, periods) = cx.st.engine.periods(ind);
    let per = |p: &str| format::period(kind, p);
    // Controls: back to the trend chart, the baseline, the run length, screening, flagged values.
    c.controls.push(switch(true));
    let opts = |current: &Option<String>, first: &str| -> Vec<Node<Msg>> {
        let mut v: Vec<Node<Msg>> = vec![h("option").attr("value", "").attr_if(current.is_none(), "selected", "selected").text(first).into()];
        v.extend(periods.iter().map(|p| {
            h("option").attr("value", p.clone()).attr_if(current.as_deref() == Some(p.as_str()), "selected", "selected").text(per(p)).into()
        }));
        v
    };
    let field = |id: &str, label: &str, sel: Element<Msg>| -> Node<Msg> {
        h("div").class("ics-field").child(h("label").class("ics-label").attr("for", id.to_string()).text(label)).child(sel).into()
    };
    c.controls.push(field(
        "ics-spc-from",
        "Baseline from",
        select(
            "ics-spc-from",
            settings.baseline_from.as_deref().unwrap_or(""),
            |p| Msg::Spc(SpcMsg::From(super::widgets::some(p))),
            opts(&settings.baseline_from, "The first period"),
        ),
    ));
    c.controls.push(field(
        "ics-spc-to",
        "Baseline to",
        select(
            "ics-spc-to",
            settings.baseline_to.as_deref().unwrap_or(""),
            |p| Msg::Spc(SpcMsg::To(super::widgets::some(p))),
            opts(&settings.baseline_to, "The last period"),
        ),
    ));
    let runs: Vec<Node<Msg>> = RUNS
        .map(|n| {
            h("option")
                .attr("value", n.to_string())
                .attr_if(n == settings.run, "selected", "selected")
                .text(if n == DEFAULT_RUN { format!("{n} (Making Data Count)") } else { n.to_string() })
                .into()
        })
        .collect();
    c.controls.push(field(
        "ics-spc-run",
        "Points in a shift or trend",
        select("ics-spc-run", &settings.run.to_string(), |n| Msg::Spc(SpcMsg::Run(n.parse().unwrap_or(DEFAULT_RUN))), runs),
    ));
    c.controls.push(checkbox(
        "ics-spc-screen",
        &format!("Screen out moving ranges above {} × their mean", format::number(SCREEN, 3)),
        settings.screen,
        |_| Msg::Spc(SpcMsg::Screen),
    ));
    c.controls.push(checkbox("ics-spc-flagged", "Use flagged values in the limits", st.settings.include_flagged, |_| Msg::ToggleIncludeFlagged));
    let summary = cx.r.spc_summary.as_deref().unwrap_or(&[]);
    let Some(spc) = &cx.r.spc else {
        c.notes.push(prompt("Choose an ICS to see its SPC chart", "Use “Your ICS” above. The table below gives every ICS's latest variation."));
        c.notes.push(how_to_read());
        c.table = Some(summary_table(cx, summary));
        return c;
    };
    let n = who.clone().unwrap_or_default();
    match &spc.limits {
        Some(l) => {
            c.subtitle = format!(
                "{}; XmR chart. Limits from {} to {} ({} points; mean {}, process limits {} to {}; moving ranges {}).",
                ind.unit,
                per(&spc.baseline.0),
                per(&spc.baseline.1),
                l.points,
                cx.value(Some(l.mean)),
                cx.value(Some(l.lower)),
                cx.value(Some(l.upper)),
                if settings.screen { "screened" } else { "not screened" }
            );
        }
        None => c.subtitle = format!("{}; XmR chart: no limits (see below).", ind.unit),
    }
    // The variation icon of the latest point, with its words and why.
    if let (Some(v), Some(latest)) = (spc.variation, &spc.latest) {
        let point = spc.points.iter().find(|p| &p.period == latest);
        let why = point.map(|p| hits_text(&p.hits, settings.run)).filter(|t| !t.is_empty()).map(|t| format!(" ({t})")).unwrap_or_default();
        c.notes.push(
            h("div")
                .class("ics-spc-icons")
                .child(icon(v, spc.better, 48.0))
                .child(h("p").child(h("strong").text(format!("{}: ", per(latest)))).text(format!("{}{why}.", v.label())))
                .into(),
        );
    }
    if spc.standards.is_empty() {
        c.notes.push(
            h("p")
                .class("ics-hint")
                .text("No published standard is recorded for this indicator in ICS Explorer, so there is no assurance icon.")
                .into(),
        );
    }
    for t in &spc.standards {
        let said = match t.assurance_label {
            Some(a) => format!("{a}."),
            None if spc.better == Better::Neither => "No assurance: neither direction is better.".into(),
            None => "No assurance without limits.".into(),
        };
        c.notes.push(
            h("div")
                .class("ics-spc-icons")
                .children(t.assurance.map(|a| assurance_icon(a, 48.0)))
                .child(h("p").child(h("strong").text(format!("{}: ", t.label))).text(format!("{said} Source: {}.", t.source)))
                .into(),
        );
    }
    if spc.better == Better::Neither {
        c.notes.push(h("p").class("ics-hint").text("Neither higher nor lower is better for this indicator: special causes are shown in purple as “higher” or “lower”, never as improvement or concern.").into());
    }
    if !spc.warnings.is_empty() {
        c.notes.push(h("ul").class("ics-callout ics-spc-warnings").children(spc.warnings.iter().map(|w| h("li").text(w.clone()).into())).into());
    }
    let missing: Vec<String> = spc.points.iter().filter(|p| p.missing).map(|p| per(&p.period)).collect();
    if !missing.is_empty() {
        c.notes.push(
            h("p")
                .class("ics-hint")
                .text(format!(
                    "Missing from the source: {}. A missing period breaks shifts and trends, and the moving range across it is not used.",
                    missing.join(", ")
                ))
                .into(),
        );
    }
    if spc.points.iter().any(|p| p.estimate && p.value.is_some()) {
        c.notes.push(h("p").class("ics-callout ics-estimates").child(h("strong").text("≈ Estimates: ")).text(format!("{n}'s values are estimates ({}), in dashed rings in the chart and marked “(estimate)” in the table. Their limits and rule hits are only as good as the estimates.", cx.estimate_words())).into());
    } else if spc.settings.hide_estimates && spc.points.iter().any(|p| p.estimate) {
        c.notes.push(
            h("p")
                .class("ics-callout ics-estimates")
                .child(h("strong").text("≈ Estimates: "))
                .text(format!("{n}'s values are estimates, hidden by “Hide estimated values”, so there is nothing to chart."))
                .into(),
        );
    }
    let flagged: Vec<(&str, &ics_engine::values::FlagNote)> =
        spc.points.iter().flat_map(|p| p.flags.iter().map(move |f| (p.period.as_str(), f))).collect();
    c.notes.extend(period_notes(cx, &flagged, "Data quality notes for the periods shown", true));
    c.notes.push(how_to_read());
    if spc.points.iter().any(|p| p.value.is_some()) {
        c.chart = Some(spc_chart(cx, spc, &n));
        if let (Some(a), Some(b)) = (spc.points.first(), spc.points.last()) {
            c.source = Some(cx.source_for(&format!("{} to {}", per(&a.period), per(&b.period))));
        }
    }
    c.table = Some(point_table(cx, spc, &n));
    c.extra.push(
        h("section")
            .class("ics-subsection")
            .attr("aria-labelledby", "ics-spc-summary-title")
            .child(h("h3").id("ics-spc-summary-title").text("Which systems are improving? Every ICS's latest variation"))
            .child(summary_table(cx, summary).render(cx.st.sort, cx.st.settings.selected))
            .into(),
    );
    c
}

/// "Beyond a process limit (above); Shift: …".
fn hits_text(hits: &[Hit], run: usize) -> String {
    hits.iter().map(|h| h.label(run)).collect::<Vec<_>>().join("; ")
}

/// "H" or "L": which way the special cause points.
fn letter(v: Variation, better: Better) -> Option<&'static str> {
    match (v, better) {
        (Variation::CommonCause, _) => None,
        (Variation::NeitherHigh, _) | (Variation::Improvement, Better::Higher) | (Variation::Concern, Better::Lower) => Some("H"),
        _ => Some("L"),
    }
}

/// The Making Data Count variation icon: a ring in the variation's colour with H (higher) or L (lower) for a
/// special cause, a wavy line for common cause; its text equivalent is its accessible name and title.
pub fn icon(v: Variation, better: Better, size: f64) -> Node<Msg> {
    let c = colour(v);
    let mut g = s("svg")
        .class("ics-spc-icon")
        .attr("viewBox", "0 0 40 40")
        .attr("width", chart::px(size))
        .attr("height", chart::px(size))
        .attr("role", "img")
        .attr("aria-label", v.label())
        .child(s("title").text(v.label()))
        .child(s("circle").attr("cx", "20").attr("cy", "20").attr("r", "17").attr("fill", "#ffffff").attr("stroke", c).attr("stroke-width", "4"));
    g = match letter(v, better) {
        Some(l) => g.child(
            chart::svg_text(20.0, 27.0, l).attr("text-anchor", "middle").attr("font-size", "20").attr("font-weight", "700").attr("fill", chart::TEXT),
        ),
        None => g.child(
            s("path").attr("d", "M9,22L14,16L20,24L26,16L31,22").attr("fill", "none").attr("stroke", chart::MID_GREY).attr("stroke-width", "3"),
        ),
    };
    g.into()
}

/// The Making Data Count assurance icon: P (consistently passing, blue), F (consistently failing, orange) or ?
/// (hit and miss, grey) in a ring, with its text as its accessible name and title.
pub fn assurance_icon(a: Assurance, size: f64) -> Node<Msg> {
    let (c, l) = match a {
        Assurance::Pass => (chart::NHS_BLUE, "P"),
        Assurance::Fail => (chart::ORANGE, "F"),
        Assurance::HitAndMiss => (chart::MID_GREY, "?"),
    };
    s("svg")
        .class("ics-spc-icon")
        .attr("viewBox", "0 0 40 40")
        .attr("width", chart::px(size))
        .attr("height", chart::px(size))
        .attr("role", "img")
        .attr("aria-label", a.label())
        .child(s("title").text(a.label()))
        .child(
            s("rect")
                .attr("x", "3")
                .attr("y", "3")
                .attr("width", "34")
                .attr("height", "34")
                .attr("rx", "8")
                .attr("fill", "#ffffff")
                .attr("stroke", c)
                .attr("stroke-width", "4"),
        )
        .child(
            chart::svg_text(20.0, 27.0, l).attr("text-anchor", "middle").attr("font-size", "20").attr("font-weight", "700").attr("fill", chart::TEXT),
        )
        .into()
}

/// A point's mark: common cause a grey dot, improvement a blue square, concern an orange diamond, neither a purple
/// ringed dot (shape as well as colour), each with a dark outline.
fn mark(v: Variation, x: f64, y: f64) -> Element<Msg> {
    let c = colour(v);
    let e = match v {
        Variation::CommonCause => return s("circle").attr("cx", chart::px(x)).attr("cy", chart::px(y)).attr("r", "3.5").attr("fill", c),
        Variation::Improvement => chart::rect(x - 5.0, y - 5.0, 10.0, 10.0, c),
        Variation::Concern => s("path").attr("d", format!("M{},{}l6.5,6.5l-6.5,6.5l-6.5,-6.5Z", chart::px(x), chart::px(y - 6.5))).attr("fill", c),
        Variation::NeitherHigh | Variation::NeitherLow => {
            s("circle").attr("cx", chart::px(x)).attr("cy", chart::px(y)).attr("r", "5.5").attr("fill", c)
        }
    };
    e.attr("stroke", chart::TEXT).attr("stroke-width", "1.5")
}

fn spc_chart(cx: &Ctx, spc: &Spc, who: &str) -> Chart {
    let ind = cx.ind;
    let kind = spc.period_kind;
    let per = |p: &str| format::period(kind, p);
    let w = cx.width.min(1000.0);
    let used: Vec<Variation> = {
        let mut v: Vec<Variation> = Vec::new();
        for p in spc.points.iter().filter(|p| p.value.is_some()) {
            if !v.contains(&p.variation) {
                v.push(p.variation);
            }
        }
        v
    };
    let mut keys: Vec<(Key, String)> = vec![(Key::Line(chart::MID_GREY, ""), who.to_string())];
    if spc.limits.is_some() {
        keys.push((Key::Line(chart::DARK_BLUE, ""), "Mean".into()));
        keys.push((Key::Line(chart::TEXT, "6 4"), format!("Process limits (mean ± {} × mean moving range)", format::number(LIMIT, 2))));
        keys.push((Key::Line(chart::MID_GREY, "2 3"), "Near a limit (two sigma)".into()));
        keys.push((Key::Fill("#e8edee"), "Baseline (the limits' periods)".into()));
    }
    for v in [Variation::CommonCause, Variation::Improvement, Variation::Concern, Variation::NeitherHigh, Variation::NeitherLow] {
        if used.contains(&v) {
            let key = match v {
                Variation::CommonCause => Key::Dot(chart::MID_GREY),
                Variation::Improvement => Key::Fill(chart::NHS_BLUE),
                Variation::Concern => Key::Diamond(chart::ORANGE),
                _ => Key::Ringed(chart::DARK_PINK),
            };
            keys.push((key, v.label().replace("Special cause variation: ", "Special cause: ")));
        }
    }
    if spc.points.iter().any(|p| p.value.is_some() && p.flagged) {
        keys.push((Key::Symbol("!"), "Value with a data-quality flag".into()));
    }
    for t in &spc.standards {
        keys.push((Key::Line(chart::TURQUOISE, "8 3"), format!("{} (labelled on the line)", t.label)));
    }
    if spc.points.iter().any(|p| p.value.is_some() && p.estimate) {
        keys.push((Key::Halo(chart::MID_GREY), format!("≈ Estimate (dashed ring): {}", cx.estimate_words())));
    }
    // The variation and assurance icons sit at the top right, beside the legend.
    let icon_size = 40.0;
    let assured: Vec<Assurance> = spc.standards.iter().filter_map(|t| t.assurance).collect();
    let icons = spc.variation.iter().count() + assured.len();
    let (legend, legend_h) = chart::legend(&keys, 8.0, w - icons as f64 * (icon_size + 8.0) - 8.0);
    let (left, right, top, bottom) = (72.0, 16.0, legend_h.max(icon_size) + 24.0, 40.0);
    let height = clamp(w * 0.5, 280.0, 440.0) + legend_h;
    let n = spc.points.len();
    let mut lo = f64::INFINITY;
    let mut hi = f64::NEG_INFINITY;
    let lim = spc.limits.as_ref();
    // Standards widen the scale so that their lines are drawn (Making Data Count charts show the target).
    let standards = spc.standards.iter().map(|t| t.value);
    for v in spc.points.iter().filter_map(|p| p.value).chain(lim.iter().flat_map(|l| [l.lower, l.upper])).chain(standards) {
        lo = lo.min(v);
        hi = hi.max(v);
    }
    let (lo, hi, from_zero) = chart::line_domain(lo, hi);
    let x = Scale::new((0.0, (n.max(2) - 1) as f64), (left, w - right));
    let y = Scale::new((lo, hi), (height - bottom, top));
    let xs = |k: usize| x.at(k as f64);
    let mut svg = chart::svg("ics-chart ics-spc", w, height);
    // The baseline, shaded.
    if let (Some(a), Some(b)) =
        (spc.points.iter().position(|p| p.period == spc.baseline.0), spc.points.iter().position(|p| p.period == spc.baseline.1))
    {
        if lim.is_some() {
            let half = if n > 1 { (xs(1) - xs(0)) / 2.0 } else { 8.0 };
            let x0 = (xs(a) - half).max(left);
            let x1 = (xs(b) + half).min(w - right);
            svg = svg.child(chart::rect(x0, top, x1 - x0, height - bottom - top, "#e8edee"));
        }
    }
    let yt = chart::ticks(lo, hi, 5);
    let yd = chart::tick_decimals(&yt);
    let mid = (top + height - bottom) / 2.0;
    let mut g = s("g").class("ics-axis").child(chart::y_title(14.0, mid, format::upper_first(&ind.unit)));
    for &v in &yt {
        g = chart::y_tick(g, left, w - right, y.at(v), format::number(v, yd));
    }
    if !from_zero {
        g = g.child(chart::svg_text(left, height - 4.0, "The vertical axis does not start at zero").attr("font-style", "italic"));
    }
    let mut last_label = f64::NEG_INFINITY;
    for (k, p) in spc.points.iter().enumerate() {
        let first_of_year = k == 0 || p.period.get(0..4) != spc.points[k - 1].period.get(0..4);
        if (n <= 8 || first_of_year) && xs(k) - last_label > 64.0 {
            last_label = xs(k);
            g = g
                .child(chart::line(xs(k), height - bottom, xs(k), height - bottom + 4.0, chart::TEXT))
                .child(chart::svg_text(xs(k), height - bottom + 18.0, per(&p.period)).attr("text-anchor", "middle"));
        }
    }
    svg = svg.child(g);
    if let Some(l) = lim {
        let hline = |v: f64, c: &str, dash: &str, wd: &str| {
            chart::line(left, y.at(v), w - right, y.at(v), c).attr("stroke-width", wd.to_string()).attr("stroke-dasharray", dash.to_string())
        };
        svg = svg
            .child(hline(l.lower_near, chart::MID_GREY, "2 3", "1.5"))
            .child(hline(l.upper_near, chart::MID_GREY, "2 3", "1.5"))
            .child(hline(l.lower, chart::TEXT, "6 4", "2"))
            .child(hline(l.upper, chart::TEXT, "6 4", "2"))
            .child(hline(l.mean, chart::DARK_BLUE, "none", "2"));
    }
    for t in &spc.standards {
        svg = svg
            .child(
                chart::line(left, y.at(t.value), w - right, y.at(t.value), chart::TURQUOISE)
                    .attr("stroke-width", "2")
                    .attr("stroke-dasharray", "8 3"),
            )
            .child(
                chart::svg_text(w - right - 4.0, y.at(t.value) - 5.0, format!("Standard {}", cx.value(Some(t.value))))
                    .attr("text-anchor", "end")
                    .attr("font-weight", "700"),
            );
    }
    let line: Vec<Option<(f64, f64)>> = spc.points.iter().enumerate().map(|(k, p)| p.value.map(|v| (xs(k), y.at(v)))).collect();
    svg =
        svg.child(s("path").attr("d", chart::polyline_path(&line)).attr("fill", "none").attr("stroke", chart::MID_GREY).attr("stroke-width", "1.5"));
    for (k, p) in spc.points.iter().enumerate() {
        let Some(v) = p.value else { continue };
        let (px, py) = (xs(k), y.at(v));
        let mut tip = format!("{}: {}; {}", per(&p.period), cx.value(Some(v)), p.variation.label());
        if !p.hits.is_empty() {
            tip.push_str(&format!(" ({})", hits_text(&p.hits, spc.settings.run)));
        }
        if p.flagged {
            tip.push_str("; flagged (see data quality notes)");
        }
        if p.estimate {
            tip.push_str(&format!("; {}", super::notes::estimate_tip(&cx.estimate_words())));
        }
        svg = svg.child(mark(p.variation, px, py).child(s("title").text(tip)));
        if p.estimate {
            svg = svg.child(chart::halo(px, py, 5.0));
        }
        if p.flagged {
            svg = svg.child(chart::svg_text(px, py - 10.0, "!").attr("text-anchor", "middle").attr("font-weight", "700"));
        }
    }
    svg = svg.child(legend.attr("aria-hidden", "true").attr("transform", "translate(0 4)"));
    let mut at = w - icon_size - 8.0;
    if let Some(v) = spc.variation {
        svg = svg.child(s("g").attr("transform", format!("translate({} 4)", chart::px(at))).child(icon(v, spc.better, icon_size)));
        at -= icon_size + 8.0;
    }
    for a in assured {
        svg = svg.child(s("g").attr("transform", format!("translate({} 4)", chart::px(at))).child(assurance_icon(a, icon_size)));
        at -= icon_size + 8.0;
    }
    let (first, last) =
        (spc.points.first().map(|p| per(&p.period)).unwrap_or_default(), spc.points.last().map(|p| per(&p.period)).unwrap_or_default());
    Chart {
        svg,
        width: w,
        height,
        description: format!(
            "SPC (XmR) chart of {} for {who} from {first} to {last}: {}{}. The table below has every point, the limits and the rules each point breaks.",
            ind.name,
            match lim {
                Some(l) => format!("mean {}, process limits {} to {}", cx.value(Some(l.mean)), cx.value(Some(l.lower)), cx.value(Some(l.upper))),
                None => "no limits".into(),
            },
            spc.variation.map(|v| format!("; latest point: {}", v.label())).unwrap_or_default()
        ),
    }
}

fn point_table(cx: &Ctx, spc: &Spc, who: &str) -> DataTable {
    let d = cx.ind.decimals;
    let l = spc.limits.as_ref();
    let estimates = spc.points.iter().any(|p| p.estimate);
    let mut columns = vec![col("Period", false), col(who, true)];
    columns.extend(estimates.then(|| col(ESTIMATE, false)));
    columns.extend([
        col("Mean", true),
        col("Lower process limit", true),
        col("Upper process limit", true),
        col("In baseline", false),
        col("Rules broken", false),
        col("Variation", false),
        col("Notes", false),
    ]);
    DataTable {
        id: "ics-table-spc",
        caption: format!("{} ({}): {who}'s SPC chart, point by point", cx.ind.name, cx.ind.unit),
        columns,
        rows: spc
            .points
            .iter()
            .map(|p| {
                let mut period = Cell::text(format::period(spc.period_kind, &p.period));
                period.sort = SortValue::Text(p.period.clone());
                period.csv = p.period.clone();
                let value = if p.missing {
                    Cell { text: "missing from the source".into(), csv: String::new(), sort: SortValue::Missing }
                } else {
                    Cell::estimated(p.value, d, p.estimate)
                };
                let mut cells = vec![period, value];
                cells.extend(estimates.then(|| Cell::estimate_flag(p.estimate)));
                let notes: Vec<&str> = p.flags.iter().map(|f| f.note.as_str()).collect();
                cells.extend([
                    Cell::num(l.map(|l| l.mean), d + 1),
                    Cell::num(l.map(|l| l.lower), d + 1),
                    Cell::num(l.map(|l| l.upper), d + 1),
                    Cell::text(if p.in_baseline { "Yes" } else { "No" }),
                    Cell::text(hits_text(&p.hits, spc.settings.run)),
                    Cell::text(if p.value.is_some() && l.is_some() { p.variation.label() } else { "" }),
                    Cell::text(notes.join(" ")),
                ]);
                Row { cells, ics: None, class: "" }
            })
            .collect(),
        sortable: true,
    }
}

fn summary_table(cx: &Ctx, rows: &[SpcSummaryRow]) -> DataTable {
    let d = cx.ind.decimals;
    let kind = cx.r.period_kind;
    let estimates = rows.iter().any(|r| r.estimate);
    let mut columns = vec![col("ICS", false), col("Latest period", false), col("Latest value", true)];
    columns.extend(estimates.then(|| col(ESTIMATE, false)));
    columns.extend([col("Variation", false), col("Rules broken at the latest point", false), col("Points in the baseline", true)]);
    let run = cx.st.settings.spc.as_ref().map_or(DEFAULT_RUN, |s| s.run);
    DataTable {
        id: "ics-table-spc-summary",
        caption: format!("{} ({}): every ICS's latest variation on its SPC chart", cx.ind.name, cx.ind.unit),
        columns,
        rows: rows
            .iter()
            .map(|r| {
                let mut cells = vec![
                    Cell::text(cx.name(r.ics)),
                    Cell::text(r.latest.as_deref().map(|p| format::period(kind, p)).unwrap_or_default()),
                    Cell::estimated(r.value, d, r.estimate),
                ];
                cells.extend(estimates.then(|| Cell::estimate_flag(r.estimate)));
                cells.extend([
                    Cell::text(r.variation.map_or("No chart (too few values)", |v| v.label())),
                    Cell::text(hits_text(&r.hits, run)),
                    Cell::num(Some(r.baseline_points as f64), 0),
                ]);
                let class = match r.variation {
                    Some(Variation::Improvement) => "ics-spc-row--improvement",
                    Some(Variation::Concern) => "ics-spc-row--concern",
                    Some(Variation::NeitherHigh | Variation::NeitherLow) => "ics-spc-row--neither",
                    Some(Variation::CommonCause) => "ics-spc-row--common",
                    None => "",
                };
                Row { cells, ics: Some(r.ics), class }
            })
            .collect(),
        sortable: true,
    }
}

/// "How to read an SPC chart": a short disclosure.
fn how_to_read() -> Node<Msg> {
    let items = [
        format!("Each point is one period's value. The solid line is the mean of the baseline; the dashed lines are the process limits, the mean ± {} × the mean moving range (the average change from one period to the next). Values between the limits are what this process usually produces.", format::number(LIMIT, 2)),
        "Common cause variation (grey dots): the ups and downs are within what the process usually produces; no single point needs explaining.".to_string(),
        "Special cause variation (blue squares for improvement, orange diamonds for concern, purple for higher or lower where neither is better): a point beyond a limit; a shift (7 or more points in a row on one side of the mean, by default); a trend (7 or more points in a row each rising, or each falling); or 2 of 3 points in a row near a limit (beyond the dotted two-sigma lines) on the same side. A missing period breaks shifts and trends.".to_string(),
        "The icon gives the latest point's variation: H or L says whether the special cause is higher or lower. Limits need about 15 to 20 points; with fewer they are provisional.".to_string(),
        format!("Moving ranges above {} × their mean are screened out of the limits by default (as NHS-R's NHSRplotthedots does; NHS England's Excel tool does not): untick the box to keep them. Flagged values are plotted and tested, but kept out of the limits unless you tick “Use flagged values in the limits”.", format::number(SCREEN, 3)),
    ];
    h("details")
        .class("ics-details ics-spc-how")
        .child(h("summary").text("How to read an SPC chart"))
        .child(h("ul").children(items.into_iter().map(|t| h("li").text(t).into())))
        .child(h("p").class("ics-hint").text("Method: NHS England's Making Data Count, computed as NHS-R's NHSRplotthedots does; checked against its published tests and hand-worked examples (see docs/methods.md §6.10)."))
        .into()
}

#[cfg(test)]
mod tests {
    use super::SpcMsg;
    use crate::tests::{july_2022, today};
    use crate::{update, url, view, Download, Effect, Msg, State};
    use ics_engine::spc::{Assurance, Variation};

    fn csv(st: &mut State) -> String {
        match update(st, Msg::Download(Download::Csv)) {
            Some(Effect::Save { content, .. }) => content,
            other => panic!("{other:?}"),
        }
    }

    /// The SPC chart of Greater Manchester's A&E 4-hour performance: the page's chart, table twin and CSV carry the
    /// engine's limits and rule hits; the icon has its words; every mark drawn has a legend entry.
    #[test]
    fn the_chart_its_table_twin_and_csv_agree_with_the_engine() {
        let mut st = today();
        update(&mut st, Msg::HashChanged("v=trends&i=ae_4hr_pct&s=QOP&spc=1".into()));
        let r = st.result.clone().unwrap();
        let spc = r.spc.as_ref().expect("a chart for the selected ICS");
        let l = spc.limits.as_ref().unwrap();
        let html = view(&st).to_markup();
        assert!(html.contains("Greater Manchester: A&amp;E: seen within 4 hours, SPC chart"), "{:.400}", html);
        // The icon and its words (Jul 2025 is above the upper limit: higher is better, so improvement).
        assert_eq!(spc.variation, Some(Variation::Improvement));
        assert!(html.contains(r#"aria-label="Special cause variation: improvement""#));
        assert!(html.contains("Jul 2025: </strong>Special cause variation: improvement (Beyond a process limit (above))."));
        // Legend entries for each mark drawn: mean, limits, near lines, baseline, every variation, flags, gaps.
        for key in [
            "Mean",
            "Process limits",
            "Near a limit (two sigma)",
            "Baseline",
            "Common cause variation",
            "Special cause: improvement",
            "Special cause: concern",
            "Value with a data-quality flag",
        ] {
            assert!(html.contains(&format!(">{key}")), "legend: {key}");
        }
        assert!(html.contains("Missing from the source: Feb 2025, Mar 2025."));
        // Assurance against the published standards: 95% and 78% both lie above the upper limit (70.69), and higher
        // is better, so the process will consistently fail them; each has its icon, words, source and line.
        assert_eq!(
            spc.standards.iter().map(|t| (t.value, t.assurance)).collect::<Vec<_>>(),
            [(95.0, Some(Assurance::Fail)), (78.0, Some(Assurance::Fail))]
        );
        assert_eq!(html.matches(r#"aria-label="Assurance: consistently failing the target""#).count(), 4, "two in the notes, two in the chart");
        assert!(html.contains("NHS Constitution operational standard: 95% within 4 hours: </strong>Assurance: consistently failing the target. Source: Department of Health and Social Care"));
        assert!(
            html.contains(">2025/26 planning guidance: at least 78% within 4 hours in March 2026 (labelled on the line)</text>")
                && html.contains(">Standard 78.0%</text>")
        );
        assert!(html.contains("How to read an SPC chart"));
        assert!(html.contains("ics-table-spc-summary") && html.contains("Which systems are improving?"));
        // The CSV is the point table: one row per period, the limits as the engine gives them, the rule hits.
        let text = csv(&mut st);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), spc.points.len() + 1);
        assert!(
            lines[0].starts_with("Period,Greater Manchester,Mean,Lower process limit,Upper process limit,In baseline,Rules broken,Variation"),
            "{}",
            lines[0]
        );
        let d = usize::from(st.engine.catalogue().indicators[r.indicator].decimals) + 1;
        let last = lines.last().unwrap();
        for v in [l.mean, l.lower, l.upper] {
            assert!(last.contains(&format!("{v:.d$}")), "{last}");
        }
        assert!(last.starts_with("2025-07,71.4,") && last.contains("Beyond a process limit (above),Special cause variation: improvement"), "{last}");
        assert!(text.contains("2025-02,,"), "a missing month is a row with no value");
        // Flagged months are plotted (marked !) but left out of the limits by default; the link keeps the choice.
        assert!(html.contains("14 flagged values in the baseline period are left out of the limits"));
        update(&mut st, Msg::ToggleIncludeFlagged);
        let with = st.result.as_ref().unwrap().spc.as_ref().unwrap().limits.clone().unwrap();
        assert_eq!((with.points, l.points), (38, 24));
        assert!(url::to_hash(&st).contains("fl=1"));
    }

    #[test]
    fn without_an_ics_it_says_so_and_lists_every_ics() {
        for mut st in [today(), july_2022()] {
            update(&mut st, Msg::HashChanged("v=trends&i=rtt_within_18w_pct&spc=1".into()));
            let n = st.engine.frame().icss.len();
            let html = view(&st).to_markup();
            assert!(html.contains("Choose an ICS to see its SPC chart"));
            let rows = st.result.as_ref().unwrap().spc_summary.clone().unwrap();
            assert_eq!(rows.len(), n);
            let text = csv(&mut st);
            assert_eq!(text.lines().count(), n + 1);
            // Each ICS's latest variation in the summary is that of its own chart.
            for (i, row) in rows.iter().enumerate().step_by(7) {
                let own = st.engine.spc(st.settings.indicator, i, &Default::default()).unwrap();
                assert_eq!(row.variation, own.variation);
                assert!(text.contains(&st.engine.frame().icss[i].short_name));
            }
        }
    }

    #[test]
    fn settings_round_trip_through_the_link_and_hostile_values_give_notices() {
        let mut st = today();
        update(&mut st, Msg::HashChanged("v=trends&i=ae_4hr_pct&s=QOP".into()));
        assert!(view(&st).to_markup().contains("Show as an SPC chart"));
        update(&mut st, Msg::Spc(SpcMsg::On));
        update(&mut st, Msg::Spc(SpcMsg::From(Some("2023-06".into()))));
        update(&mut st, Msg::Spc(SpcMsg::To(Some("2025-01".into()))));
        update(&mut st, Msg::Spc(SpcMsg::Run(8)));
        update(&mut st, Msg::Spc(SpcMsg::Screen));
        // Out of range or unknown: ignored.
        update(&mut st, Msg::Spc(SpcMsg::Run(99)));
        update(&mut st, Msg::Spc(SpcMsg::From(Some("1999-01".into()))));
        let hash = url::to_hash(&st);
        assert!(hash.ends_with("spc=1&sb=2023-06..2025-01&sr=8&ss=0"), "{hash}");
        let c = st.result.as_ref().unwrap().spc.clone().unwrap();
        assert_eq!((c.baseline.0.as_str(), c.baseline.1.as_str(), c.settings.run, c.settings.screen), ("2023-06", "2025-01", 8, false));
        let mut again = today();
        assert!(url::apply(&mut again, &hash).is_empty());
        again.refresh();
        assert_eq!(again.settings.spc, st.settings.spc);
        assert_eq!(again.result.as_ref().unwrap().spc, st.result.as_ref().unwrap().spc);
        // A baseline end before its start clears the other end.
        update(&mut st, Msg::Spc(SpcMsg::From(Some("2025-04".into()))));
        assert_eq!(st.settings.spc.as_ref().map(|s| (s.baseline_from.as_deref(), s.baseline_to.as_deref())), Some((Some("2025-04"), None)));
        // A link without the SPC keys (Back, or another link) shows the ordinary trend chart.
        update(&mut st, Msg::HashChanged("v=trends&i=ae_4hr_pct&s=QOP".into()));
        assert!(st.settings.spc.is_none() && st.result.as_ref().unwrap().spc.is_none());
        update(&mut st, Msg::Spc(SpcMsg::On));
        update(&mut st, Msg::Spc(SpcMsg::Off));
        assert!(!url::to_hash(&st).contains("spc"));
        for (hash, notices) in [
            ("v=trends&spc=1&sb=zzz&sr=99&ss=7", 3),
            ("v=trends&i=ae_4hr_pct&spc=1&sb=2025-01..2023-06", 1),
            ("v=trends&i=ae_4hr_pct&spc=1&sb=2099-01..", 1),
            ("v=trends&i=ae_4hr_pct&spc=1&sb=2025-02..2025-03&sr=4", 2),
            ("v=trends&i=population&spc=1&s=QOP&sb=..&sr=%3Cb%3E", 1),
        ] {
            let mut st = today();
            update(&mut st, Msg::HashChanged(hash.into()));
            assert_eq!(st.notices.len(), notices, "{hash}: {:?}", st.notices);
            assert!(st.result.is_ok(), "{hash}: {:?}", st.result.as_ref().err());
            let html = view(&st).to_markup();
            assert!(!html.contains("<b>") && html.contains("ics-view__title"), "{hash}");
        }
    }

    /// Essex's waiting list is apportioned (an estimate) on today's map: every point ringed with ≈ in the legend,
    /// "(estimate)" in the table, yes in the CSV's estimate column; hidden, it is a gap, and the page says why.
    #[test]
    fn estimates_are_marked_or_hidden() {
        let mut st = today();
        update(&mut st, Msg::HashChanged("v=trends&i=rtt_waiting_list&s=D7T5G&spc=1".into()));
        let spc = st.result.as_ref().unwrap().spc.clone().unwrap();
        assert!(spc.points.iter().filter(|p| !p.missing).all(|p| p.estimate));
        let html = view(&st).to_markup();
        let rings = html.matches("class=\"ics-estimate\"").count();
        assert_eq!(rings, spc.points.iter().filter(|p| p.value.is_some()).count() + 1, "one per point, and the legend's");
        assert!(html.contains(">≈ Estimate (dashed ring): apportioned from July 2022 ICBs</text>"));
        assert!(html.contains("(estimate)</td><td data-label=\"Estimate\">Yes</td>"));
        assert!(csv(&mut st).lines().nth(1).is_some_and(|l| l.contains(",yes,")));
        update(&mut st, Msg::ToggleHideEstimates);
        let hidden = st.result.as_ref().unwrap().spc.clone().unwrap();
        assert!(hidden.points.iter().all(|p| p.value.is_none()) && hidden.limits.is_none());
        assert!(view(&st).to_markup().contains("hidden by “Hide estimated values”"));
    }
}
