//! Trends: the indicator over every period for the selected ICS against England, its peers' mean and the
//! spread of all ICSs (range and middle half); flagged values are marked and explained with their periods, gaps
//! in the source are gaps in the lines, "change since" says when it starts after a break in the series, and the
//! selected ICS's estimated values are ringed (or, hidden, said to be).

use super::notes::period_notes;
use super::widgets::{prompt, select};
use super::{Chart, Content, Ctx};
use crate::chart::{self, Key, Scale};
use crate::node::{h, s, Node};
use crate::table::{col, Cell, DataTable, Row, ESTIMATE};
use crate::Msg;
use ics_data::format;
use ics_data::num::clamp;
use ics_engine::trend::period_ordinal;

pub fn content(cx: &Ctx) -> Content {
    let ind = cx.ind;
    let Some(t) = &cx.r.trend else {
        return Content::new(format!("Trend: {}", ind.name), "trend".into());
    };
    let who = cx.st.settings.selected.map(|i| cx.name(i).to_string());
    let mut c = Content::new(
        match &who {
            Some(n) => format!("{n}: {} over time", ind.name),
            None => format!("{} over time", ind.name),
        },
        format!("trend-{}-{}", ind.id, cx.st.settings.selected.map(|i| cx.ds.icss[i].ods.clone()).unwrap_or_else(|| "england".into())),
    );
    c.subtitle = format!(
        "{}; {} periods{}.",
        ind.unit,
        t.points.len(),
        if t.gaps.is_empty() {
            String::new()
        } else {
            format!("; missing from the source: {}", t.gaps.iter().map(|g| format::period(t.period_kind, g)).collect::<Vec<_>>().join(", "))
        }
    );
    if t.points.len() < 2 {
        c.notes.push(prompt("Only one period", "This indicator has a single period, so there is no trend to draw. The table shows its value."));
    }
    if who.is_none() {
        c.notes
            .push(prompt("Choose your ICS to see its trend", "Use “Your ICS” above. Until then the chart shows England and the spread of all ICSs."));
    }
    let default_label = match (&t.change, cx.st.settings.base_period.is_none()) {
        (Some(ch), true) => format!("First comparable period ({})", format::period(t.period_kind, &ch.base)),
        _ => "First comparable period".to_string(),
    };
    let mut bases =
        vec![h("option").attr("value", "").attr_if(cx.st.settings.base_period.is_none(), "selected", "selected").text(default_label).into()];
    bases.extend(t.points.iter().map(|p| {
        h("option")
            .attr("value", p.period.clone())
            .attr_if(cx.st.settings.base_period.as_deref() == Some(&p.period), "selected", "selected")
            .text(format::period(t.period_kind, &p.period))
            .into()
    }));
    c.controls.push(super::spc::switch(false));
    c.controls.push(
        h("div")
            .class("ics-field")
            .child(h("label").class("ics-label").attr("for", "ics-base").text("Change since"))
            .child(select("ics-base", cx.st.settings.base_period.as_deref().unwrap_or(""), |p| Msg::SetBasePeriod(super::widgets::some(p)), bases))
            .into(),
    );
    if let (Some(ch), Some(n)) = (&t.change, &who) {
        let d = ind.decimals;
        let sign = if ch.absolute > 0.0 { "+" } else { "" };
        let per = |p: &str| format::period(t.period_kind, p);
        // A change in a percentage is in percentage points; the relative change is a per cent of the base.
        let units = if ind.unit.starts_with('%') { " percentage points".to_string() } else { format!(" {}", ind.unit) };
        let relative = ch
            .relative
            .map(|r| format!(", or {}{}% of the {} value", if r > 0.0 { "+" } else { "" }, format::number(r, 1), per(&ch.base)))
            .unwrap_or_default();
        let mut text = format!(
            "From {} to {}, {n} went from {} to {}: a change of {sign}{}{units}{relative}.",
            per(&ch.base),
            per(&ch.to),
            cx.value(Some(ch.from_value)),
            cx.value(Some(ch.to_value)),
            format::number(ch.absolute, d),
        );
        if ch.default_base && !ch.breaks.is_empty() && ch.comparable && ch.breaks.first() == Some(&ch.base) {
            text.push_str(&format!(
                " The series breaks in {} (see the data quality notes), so the change is measured from there, not from the start.",
                per(&ch.base)
            ));
        } else if ch.default_base && !ch.breaks.is_empty() && ch.comparable {
            text.push_str(&format!(
                " A temporary break in between ({}) does not affect this change: both values are on the series' usual level.",
                ch.breaks.iter().map(|b| per(b)).collect::<Vec<_>>().join(", ")
            ));
        } else if !ch.comparable {
            text.push_str(" These two values are not on the same basis (a break in the series or an incomplete month lies between them; see the data quality notes): treat the change with great care.");
        }
        c.notes.push(h("p").class("ics-callout").text(text).into());
    }
    c.notes.extend(estimates_note(cx, t, who.as_deref()));
    let flagged: Vec<(&str, &ics_engine::values::FlagNote)> =
        t.points.iter().flat_map(|p| p.flags.iter().chain(p.england_flags.iter()).map(move |f| (p.period.as_str(), f))).collect();
    c.notes.extend(period_notes(cx, &flagged, "Data quality notes for the periods shown", true));
    if t.points.len() >= 2 {
        c.chart = Some(line_chart(cx, t, who.as_deref()));
        let span = format!(
            "{} to {}",
            format::period(t.period_kind, &t.points[0].period),
            format::period(t.period_kind, &t.points[t.points.len() - 1].period)
        );
        c.source = Some(cx.source_for(&span));
    }
    let d = ind.decimals;
    let estimates = who.is_some() && t.points.iter().any(|p| p.estimate);
    let hidden = |p: &ics_engine::trend::TrendPoint| cx.st.settings.filters.hide_estimates && p.estimate && p.value.is_none();
    let mut columns = vec![col("Period", false), col(&who.clone().unwrap_or_else(|| "Selected ICS".into()), true)];
    columns.extend(estimates.then(|| col(ESTIMATE, false)));
    columns.extend([col("England", true), col("Peers' mean", true), col("Lowest ICS", true), col("Highest ICS", true), col("Notes", false)]);
    c.table = Some(DataTable {
        id: "ics-table-trend",
        caption: format!(
            "{} ({}) by period: {}England, peers' mean and the range of ICSs",
            ind.name,
            ind.unit,
            who.as_ref().map(|n| format!("{n}, ")).unwrap_or_default()
        ),
        columns,
        rows: t
            .points
            .iter()
            .map(|p| {
                let mut period = Cell::text(format::period(t.period_kind, &p.period));
                period.sort = crate::table::SortValue::Text(p.period.clone());
                period.csv = p.period.clone();
                let own = if hidden(p) {
                    Cell { text: "hidden (estimate)".into(), csv: String::new(), sort: crate::table::SortValue::Missing }
                } else {
                    Cell::estimated(p.value, d, p.estimate)
                };
                let mut cells = vec![period, own];
                cells.extend(estimates.then(|| Cell::estimate_flag(p.estimate)));
                cells.extend([Cell::num(p.england, d), Cell::num(p.peers_mean, d), Cell::num(p.min, d), Cell::num(p.max, d), Cell::text(notes(p))]);
                Row { cells, ics: None, class: "" }
            })
            .collect(),
        sortable: true,
    });
    c
}

/// What the chart says about estimates: the selected ICS's (marked, or hidden), and, with estimates hidden, that
/// the peers' mean and the range leave them out too.
fn estimates_note(cx: &Ctx, t: &ics_engine::trend::Trend, who: Option<&str>) -> Option<Node<Msg>> {
    let words = cx.estimate_words();
    let own = who.filter(|_| t.points.iter().any(|p| p.estimate));
    let text = match (own, cx.st.settings.filters.hide_estimates) {
        (Some(n), false) => format!("{n}'s values are estimates ({words}), in dashed rings in the chart and marked “(estimate)” in the table. How they are made is in the indicator's caveats. To leave them out, tick “Hide estimated values” under Filter the ICSs shown."),
        (Some(n), true) => format!("{n}'s values are estimates ({words}), so they are hidden; other ICSs' estimated values are left out of the peers' mean and the range of ICSs. Untick “Hide estimated values” under Filter the ICSs shown to show them."),
        (None, true) if cx.has_estimates() => "Estimated values are hidden: they are left out of the peers' mean and the range of ICSs. Untick “Hide estimated values” under Filter the ICSs shown to include them.".to_string(),
        _ => return None,
    };
    Some(h("p").class("ics-callout ics-estimates").child(h("strong").text("≈ Estimates: ")).text(text).into())
}

/// A point's caveats, each once (the ICS and England often share one).
fn notes(p: &ics_engine::trend::TrendPoint) -> String {
    let mut out: Vec<&str> = Vec::new();
    for f in p.flags.iter().chain(&p.england_flags) {
        if !out.contains(&f.note.as_str()) {
            out.push(&f.note);
        }
    }
    out.join(" ")
}

fn line_chart(cx: &Ctx, t: &ics_engine::trend::Trend, who: Option<&str>) -> Chart {
    let ind = cx.ind;
    let w = cx.width.min(1000.0);
    let flagged_shown = who.is_some() && t.points.iter().any(|p| p.value.is_some() && !p.flags.is_empty());
    let mut keys: Vec<(Key, String)> = Vec::new();
    if let Some(n) = who {
        keys.push((Key::Line(chart::DARK_BLUE, ""), n.to_string()));
    }
    keys.push((Key::Line(chart::DARK_GREY, "6 4"), "England".into()));
    if t.points.iter().any(|p| p.peers_mean.is_some()) {
        keys.push((Key::Line(chart::ORANGE, "2 3"), "Mean of your ICS's peers".into()));
    }
    keys.push((Key::Fill("#d2dadd"), "Middle half of ICSs".into()));
    keys.push((Key::Fill("#e8edee"), "Range of ICSs".into()));
    if flagged_shown {
        keys.push((Key::Hollow(""), "Value with a data-quality note (marked !)".into()));
    }
    if who.is_some() && t.points.iter().any(|p| p.value.is_some() && p.estimate) {
        keys.push((Key::Halo(chart::DARK_BLUE), format!("≈ Estimate (dashed ring): {}", cx.estimate_words())));
    }
    let (legend, legend_h) = chart::legend(&keys, 8.0, w);
    let (left, right, top, bottom) = (72.0, 16.0, legend_h + 24.0, 40.0);
    let height = clamp(w * 0.5, 280.0, 440.0) + legend_h;
    // Labels that are not dates (a user's file) are spaced evenly in file order.
    let ords: Vec<f64> = t.points.iter().enumerate().map(|(k, p)| period_ordinal(t.period_kind, &p.period).unwrap_or(k as i64) as f64).collect();
    let (o0, o1) = (ords.first().copied().unwrap_or(0.0), ords.last().copied().unwrap_or(1.0));
    let mut lo = f64::INFINITY;
    let mut hi = f64::NEG_INFINITY;
    for p in &t.points {
        for v in [p.min, p.max, p.value, p.england, p.peers_mean].into_iter().flatten() {
            lo = lo.min(v);
            hi = hi.max(v);
        }
    }
    let (lo, hi, from_zero) = chart::line_domain(lo, hi);
    let x = Scale::new((o0, o1), (left, w - right));
    let y = Scale::new((lo, hi), (height - bottom, top));
    let yt = chart::ticks(lo, hi, 5);
    let yd = chart::tick_decimals(&yt);
    let mid = (top + height - bottom) / 2.0;
    let mut g = s("g").class("ics-axis").child(chart::y_title(14.0, mid, ics_data::format::upper_first(&ind.unit)));
    for &v in &yt {
        g = chart::y_tick(g, left, w - right, y.at(v), format::number(v, yd));
    }
    if !from_zero {
        // Said on the chart itself, so it survives in a download.
        g = g.child(chart::svg_text(left, height - 4.0, "The vertical axis does not start at zero").attr("font-style", "italic"));
    }
    // x labels: every period for short series, otherwise one per year (January or the first period of a year).
    let every = t.points.len() <= 8;
    let mut last_label = f64::NEG_INFINITY;
    for (k, p) in t.points.iter().enumerate() {
        let first_of_year = k == 0 || p.period.get(0..4) != t.points[k - 1].period.get(0..4);
        if (every || first_of_year) && x.at(ords[k]) - last_label > 64.0 {
            last_label = x.at(ords[k]);
            g = g.child(chart::line(x.at(ords[k]), height - bottom, x.at(ords[k]), height - bottom + 4.0, chart::TEXT)).child(
                chart::svg_text(x.at(ords[k]), height - bottom + 18.0, format::period(t.period_kind, &p.period)).attr("text-anchor", "middle"),
            );
        }
    }
    // Series: consecutive periods are joined; a gap of more than one period breaks the line.
    let series = |f: &dyn Fn(&ics_engine::trend::TrendPoint) -> Option<f64>| -> Vec<Option<(f64, f64)>> {
        let mut out = Vec::new();
        for (k, p) in t.points.iter().enumerate() {
            if k > 0 && ords[k] - ords[k - 1] > 1.0 {
                out.push(None);
            }
            out.push(f(p).map(|v| (x.at(ords[k]), y.at(v))));
        }
        out
    };
    let area = |lo: &dyn Fn(&ics_engine::trend::TrendPoint) -> Option<f64>,
                hi: &dyn Fn(&ics_engine::trend::TrendPoint) -> Option<f64>,
                fill: &str|
     -> Node<Msg> {
        let top: Vec<(f64, f64)> = t.points.iter().enumerate().filter_map(|(k, p)| hi(p).map(|v| (x.at(ords[k]), y.at(v)))).collect();
        let bottom: Vec<(f64, f64)> = t.points.iter().enumerate().filter_map(|(k, p)| lo(p).map(|v| (x.at(ords[k]), y.at(v)))).collect();
        let mut d = String::new();
        for (k, (a, b)) in top.iter().chain(bottom.iter().rev()).enumerate() {
            d.push_str(&format!("{}{},{}", if k == 0 { 'M' } else { 'L' }, chart::px(*a), chart::px(*b)));
        }
        d.push('Z');
        s("path").attr("d", d).attr("fill", fill.to_string()).into()
    };
    let mut svg = chart::svg("ics-chart", w, height)
        .child(area(&|p| p.min, &|p| p.max, "#e8edee"))
        .child(area(&|p| p.q1, &|p| p.q3, "#d2dadd"))
        .child(g)
        .child(
            s("path")
                .attr("d", chart::polyline_path(&series(&|p| p.england)))
                .attr("fill", "none")
                .attr("stroke", chart::DARK_GREY)
                .attr("stroke-width", "2")
                .attr("stroke-dasharray", "6 4"),
        )
        .child(
            s("path")
                .attr("d", chart::polyline_path(&series(&|p| p.peers_mean)))
                .attr("fill", "none")
                .attr("stroke", chart::ORANGE)
                .attr("stroke-width", "2")
                .attr("stroke-dasharray", "2 3"),
        );
    if who.is_some() {
        svg = svg.child(
            s("path")
                .attr("d", chart::polyline_path(&series(&|p| p.value)))
                .attr("fill", "none")
                .attr("stroke", chart::DARK_BLUE)
                .attr("stroke-width", "2.5"),
        );
        for (k, p) in t.points.iter().enumerate() {
            if let Some(v) = p.value {
                let flagged = !p.flags.is_empty();
                let mut m =
                    s("circle").attr("cx", chart::px(x.at(ords[k]))).attr("cy", chart::px(y.at(v))).attr("r", if flagged { "5.5" } else { "3" });
                m = if flagged {
                    m.attr("fill", "#ffffff").attr("stroke", chart::TEXT).attr("stroke-width", "2")
                } else {
                    m.attr("fill", chart::DARK_BLUE)
                };
                let estimate = if p.estimate { format!("; {}", super::notes::estimate_tip(&cx.estimate_words())) } else { String::new() };
                svg = svg.child(m.child(s("title").text(format!(
                    "{}: {}{}{estimate}",
                    format::period(t.period_kind, &p.period),
                    cx.value(Some(v)),
                    if flagged { " (see data quality notes)" } else { "" }
                ))));
                if p.estimate {
                    svg = svg.child(chart::halo(x.at(ords[k]), y.at(v), if flagged { 5.5 } else { 3.0 }));
                }
                if flagged {
                    svg = svg.child(chart::svg_text(x.at(ords[k]), y.at(v) - 9.0, "!").attr("text-anchor", "middle").attr("font-weight", "700"));
                }
            }
        }
    }
    svg = svg.child(legend.attr("aria-hidden", "true").attr("transform", "translate(0 4)"));
    Chart {
        svg,
        width: w,
        height,
        description: format!(
            "Line chart of {} from {} to {}{}, with England, the peers' mean and the range of ICSs{}. The table below has every value.",
            ind.name,
            format::period(t.period_kind, &t.points[0].period),
            format::period(t.period_kind, &t.points[t.points.len() - 1].period),
            who.map(|n| format!(" for {n}")).unwrap_or_default(),
            if from_zero { "" } else { "; the vertical axis starts near the lowest value, not at zero" }
        ),
    }
}
