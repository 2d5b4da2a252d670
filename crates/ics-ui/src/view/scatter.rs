//! Deprivation and performance: the indicator against deprivation (Core20 share or average IMD score) with
//! the engine's fitted line and 95% / 99.8% prediction bands; ICSs beyond the bands are named, so an ICS
//! doing better or worse than its deprivation predicts stands out. Flagged values are drawn hollow and named as
//! left out of the fit, unless the user includes them; estimates have a dashed ring. Click a point to select it.

use super::item::{group, Item};
use super::notes::{estimates_note, flag_notes, flag_reason, no_data_note};
use super::rankings::{item_label, tip_lines};
use super::widgets::{checkbox, prompt, select};
use super::{Chart, Content, Ctx};
use crate::chart::{self, Key, Scale};
use crate::node::{h, s};
use crate::table::{col, Cell, DataTable, Row, ESTIMATE};
use crate::Msg;
use ics_data::dataset::Polarity;
use ics_data::format;
use ics_data::num::clamp;
use ics_engine::adjust::{Axis, Verdict};

fn verdict_text(v: Verdict, p: Polarity) -> &'static str {
    match (v, p) {
        (Verdict::AsExpected, _) => "As expected",
        (Verdict::Above | Verdict::FarAbove, Polarity::HigherIsBetter) | (Verdict::Below | Verdict::FarBelow, Polarity::LowerIsBetter) => {
            "Better than expected"
        }
        (Verdict::Above | Verdict::FarAbove, Polarity::LowerIsBetter) | (Verdict::Below | Verdict::FarBelow, Polarity::HigherIsBetter) => {
            "Worse than expected"
        }
        (Verdict::Above | Verdict::FarAbove, Polarity::Neutral) => "Higher than expected",
        (Verdict::Below | Verdict::FarBelow, Polarity::Neutral) => "Lower than expected",
    }
}

/// A point's name beside it: to its right, or to its left where the right would run off the chart.
fn point_label(px: f64, py: f64, w: f64, name: String) -> crate::node::Element<Msg> {
    let t = if px + 8.0 + chart::text_width(&name, 12.0) > w {
        chart::svg_text(px - 8.0, py - 8.0, name).attr("text-anchor", "end")
    } else {
        chart::svg_text(px + 8.0, py - 8.0, name)
    };
    t.attr("aria-hidden", "true")
}

fn verdict_colour(v: Verdict, p: Polarity) -> &'static str {
    match verdict_text(v, p) {
        "Better than expected" => chart::DARK_BLUE,
        "Worse than expected" => chart::ORANGE,
        "Higher than expected" => chart::TURQUOISE,
        "Lower than expected" => chart::DARK_PINK,
        _ => chart::LIGHT_PURPLE,
    }
}

pub fn content(cx: &Ctx) -> Content {
    let ind = cx.ind;
    let st = cx.st;
    let mut c = Content::new(
        format!("{} against deprivation, {}{}", ind.name, cx.scope().map(|s| format!("{s}, ")).unwrap_or_default(), cx.period()),
        format!("scatter-{}-{}-{}", ind.id, st.settings.axis.key(), cx.r.comparison.period.replace('/', "-")),
    );
    let axes = [Axis::Core20, Axis::ImdScore]
        .map(|a| h("option").attr("value", a.key()).attr_if(a == st.settings.axis, "selected", "selected").text(a.label()).into());
    c.controls = vec![
        h("div")
            .class("ics-field")
            .child(h("label").class("ics-label").attr("for", "ics-axis").text("Deprivation measure"))
            .child(select("ics-axis", st.settings.axis.key(), |v| Msg::SetAxis(Axis::from_key(&v).unwrap_or_default()), Vec::from(axes)))
            .into(),
        checkbox("ics-weighted", "Weight the fit by population", st.settings.weighted, |_| Msg::ToggleWeighted),
        checkbox("ics-include-flagged", "Include flagged values in the fit", st.settings.include_flagged, |_| Msg::ToggleIncludeFlagged),
    ];
    let Some(fit) = &cx.r.fit else {
        c.notes.push(prompt(
            "No fit for this period",
            "Fewer than three ICSs have a value, so no line can be fitted. Choose another period or indicator.",
        ));
        return c;
    };
    let line = &fit.line;
    c.subtitle = format!(
        "Each dot is an ICS. Line: least-squares fit{} across {} ICSs (R² = {}); shaded bands: where 95% and 99.8% of ICSs would fall if deprivation were all that mattered.",
        if fit.weighted { " weighted by population" } else { "" },
        line.n,
        format::number(line.r_squared, 2)
    );
    let w = cx.width.min(900.0);
    let shown: Vec<&ics_engine::adjust::FitPoint> = fit.points.iter().filter(|p| cx.r.included[p.ics]).collect();
    let left_out: Vec<&ics_engine::adjust::LeftOut> = fit.left_out.iter().filter(|p| cx.r.included[p.ics]).collect();
    // Legend: every mark the chart uses, and only those.
    let mut keys: Vec<(Key, String)> = Vec::new();
    // Better (or higher) first.
    let order = if ind.polarity == Polarity::LowerIsBetter {
        [Verdict::Below, Verdict::AsExpected, Verdict::Above]
    } else {
        [Verdict::Above, Verdict::AsExpected, Verdict::Below]
    };
    for v in order {
        let (text, colour) = (verdict_text(v, ind.polarity), verdict_colour(v, ind.polarity));
        if shown.iter().any(|p| verdict_colour(p.verdict, ind.polarity) == colour) {
            let label = if v == Verdict::AsExpected {
                "Within the 95% band: as deprivation predicts".to_string()
            } else {
                format!("{} than deprivation predicts", text.trim_end_matches(" than expected"))
            };
            keys.push((Key::Dot(colour), label));
        }
    }
    if st.settings.selected.is_some_and(|i| shown.iter().any(|p| p.ics == i)) {
        keys.push((Key::Ringed(chart::LIGHT_PURPLE), "Your ICS (ringed)".into()));
    }
    if shown.iter().any(|p| cx.is_peer(p.ics)) {
        keys.push((Key::Diamond(chart::LIGHT_PURPLE), "Peer of your ICS".into()));
    }
    if !left_out.is_empty() {
        keys.push((Key::Hollow("2 2"), "Flagged value, left out of the fit".into()));
    }
    let estimated = |i: usize| cx.r.comparison.rows[i].value.estimate;
    if shown.iter().map(|p| p.ics).chain(left_out.iter().map(|p| p.ics)).any(estimated) {
        keys.push((Key::Halo(chart::LIGHT_PURPLE), format!("≈ Estimate (dashed ring): {}", cx.estimate_words())));
    }
    keys.push((Key::Line(chart::TEXT, ""), "Fitted line".into()));
    keys.push((Key::Fill("#d2dadd"), "95% prediction band".into()));
    keys.push((Key::Fill("#e8edee"), "99.8% prediction band".into()));
    let (legend, legend_h) = chart::legend(&keys, 8.0, w);
    // The x axis's title wraps on a phone; the y axis's is the unit (the chart's title names the indicator).
    let x_title = chart::wrap(st.settings.axis.label(), w - 80.0, 12.0);
    let (left, right, top, bottom) = (64.0, 16.0, legend_h + 16.0, 34.0 + 16.0 * x_title.len() as f64);
    let height = clamp(w * 0.62, 300.0, 520.0) + legend_h + 16.0 * (x_title.len() as f64 - 1.0);
    let (mut x0, mut x1, mut y0, mut y1) = (f64::INFINITY, f64::NEG_INFINITY, f64::INFINITY, f64::NEG_INFINITY);
    for (x, y) in fit.points.iter().map(|p| (p.x, p.y)).chain(fit.left_out.iter().map(|p| (p.x, p.y))) {
        x0 = x0.min(x);
        x1 = x1.max(x);
        y0 = y0.min(y);
        y1 = y1.max(y);
    }
    for b in &fit.bands {
        y0 = y0.min(b.lower998);
        y1 = y1.max(b.upper998);
    }
    let pad = |a: f64, b: f64| ((a - (b - a) * 0.04), (b + (b - a) * 0.04));
    let (x0, x1) = pad(x0.min(0.0), x1);
    let (y0, y1) = pad(y0, y1);
    let x = Scale::new((x0, x1), (left, w - right));
    let y = Scale::new((y0, y1), (height - bottom, top));
    let xt = chart::ticks(x0, x1, ((w - left - right) / 90.0) as usize);
    let yt = chart::ticks(y0, y1, 6);
    let (xd, yd) = (chart::tick_decimals(&xt), chart::tick_decimals(&yt));
    let mut axes_g = s("g").class("ics-axis");
    for &t in &xt {
        axes_g = axes_g
            .child(chart::line(x.at(t), top, x.at(t), height - bottom, chart::LIGHT_GREY))
            .child(chart::svg_text(x.at(t), height - bottom + 16.0, format::number(t, xd)).attr("text-anchor", "middle"));
    }
    for &t in &yt {
        axes_g = chart::y_tick(axes_g, left, w - right, y.at(t), format::number(t, yd));
    }
    axes_g = axes_g
        .children(x_title.iter().enumerate().map(|(k, line)| {
            chart::svg_text((left + w - right) / 2.0, height - bottom + 36.0 + 16.0 * k as f64, line.clone())
                .attr("text-anchor", "middle")
                .attr("font-weight", "700")
                .into()
        }))
        .child(chart::y_title(12.0, (top + height - bottom) / 2.0, ics_data::format::upper_first(&ind.unit)));
    let band = |lo: fn(&ics_engine::adjust::BandPoint) -> f64, hi: fn(&ics_engine::adjust::BandPoint) -> f64| {
        let mut d = String::new();
        for (k, b) in fit.bands.iter().enumerate() {
            d.push_str(&format!("{}{},{}", if k == 0 { 'M' } else { 'L' }, chart::px(x.at(b.x)), chart::px(y.at(hi(b)))));
        }
        for b in fit.bands.iter().rev() {
            d.push_str(&format!("L{},{}", chart::px(x.at(b.x)), chart::px(y.at(lo(b)))));
        }
        d.push('Z');
        d
    };
    let bands = s("g")
        .child(s("path").attr("d", band(|b| b.lower998, |b| b.upper998)).attr("fill", "#e8edee"))
        .child(s("path").attr("d", band(|b| b.lower95, |b| b.upper95)).attr("fill", "#d2dadd"))
        .child(
            s("path")
                .attr("d", chart::polyline_path(&fit.bands.iter().map(|b| Some((x.at(b.x), y.at(b.fitted)))).collect::<Vec<_>>()))
                .attr("stroke", chart::TEXT)
                .attr("stroke-width", "2")
                .attr("fill", "none"),
        );
    let active = st.settings.selected.filter(|i| shown.iter().any(|p| p.ics == *i)).or(shown.first().map(|p| p.ics));
    let points = shown.iter().map(|p| {
        let selected = st.settings.selected == Some(p.ics);
        let peer = cx.is_peer(p.ics);
        let mut g = Item::new(p.ics, format!("{}; {}", item_label(cx, p.ics), verdict_text(p.verdict, ind.polarity)))
            .selected(selected)
            .tab_stop(Some(p.ics) == active)
            .tooltip()
            .on(s("g"));
        let (px, py) = (x.at(p.x), y.at(p.y));
        let r = if selected { 7.5 } else { 5.5 };
        let shape = if peer {
            {
                let r = chart::px(r);
                s("path").attr("d", format!("M{},{}l{r},{r}l-{r},{r}l-{r},-{r}Z", chart::px(px), chart::px(py - if selected { 7.5 } else { 5.5 })))
            }
        } else {
            s("circle").attr("cx", chart::px(px)).attr("cy", chart::px(py)).attr("r", chart::px(r))
        };
        g = g.child(
            shape
                .attr("fill", verdict_colour(p.verdict, ind.polarity))
                .attr("stroke", if selected { chart::TEXT } else { "#ffffff" })
                .attr("stroke-width", if selected { "2.5" } else { "1" }),
        );
        if estimated(p.ics) {
            g = g.child(chart::halo(px, py, r));
        }
        let label = (selected || p.verdict != Verdict::AsExpected)
            .then(|| point_label(px, py, w, cx.name(p.ics).to_string()).attr_if(selected, "font-weight", "700").into());
        s("g").child(g).children(label).into()
    });
    // Flagged values left out of the fit: hollow, with their names, and no verdict.
    let hollow = left_out.iter().map(|p| {
        let selected = st.settings.selected == Some(p.ics);
        let (px, py) = (x.at(p.x), y.at(p.y));
        s("g")
            .child(
                Item::new(
                    p.ics,
                    format!("{}; left out of the fit: {}", item_label(cx, p.ics), flag_reason(&cx.r.comparison.rows[p.ics].value.flags)),
                )
                .selected(selected)
                .tooltip()
                .on(s("g"))
                .child(
                    s("circle")
                        .attr("cx", chart::px(px))
                        .attr("cy", chart::px(py))
                        .attr("r", "5.5")
                        .attr("fill", "#ffffff")
                        .attr("stroke", chart::TEXT)
                        .attr("stroke-width", "2")
                        .attr("stroke-dasharray", "2 2"),
                )
                .children(estimated(p.ics).then(|| chart::halo(px, py, 5.5).into())),
            )
            .child(point_label(px, py, w, format!("{} (left out)", cx.name(p.ics))))
            .into()
    });
    let mut svg = chart::svg("ics-chart", w, height)
        .on_leave(Msg::Hover(None))
        .child(legend.attr("aria-hidden", "true").attr("transform", "translate(0 4)"))
        .child(bands)
        .child(axes_g)
        .child(group(points).children(hollow));
    if let Some(p) = cx.hover().and_then(|i| shown.iter().find(|p| p.ics == i)) {
        let mut lines = tip_lines(cx, p.ics);
        lines.insert(2, format!("Expected from deprivation: {}", cx.value(Some(p.expected))));
        svg = svg.child(chart::tooltip(x.at(p.x), y.at(p.y), w, &lines));
    } else if let Some(p) = cx.hover().and_then(|i| left_out.iter().find(|p| p.ics == i)) {
        let mut lines = tip_lines(cx, p.ics);
        lines.insert(2, "Left out of the fit (flagged)".into());
        svg = svg.child(chart::tooltip(x.at(p.x), y.at(p.y), w, &lines));
    }
    let named = |pred: fn(&str) -> bool| -> Vec<String> {
        shown.iter().filter(|p| pred(verdict_text(p.verdict, ind.polarity))).map(|p| cx.name(p.ics).to_string()).collect()
    };
    let better = named(|t| t == "Better than expected" || t == "Higher than expected");
    let worse = named(|t| t == "Worse than expected" || t == "Lower than expected");
    let (up, down) = if ind.polarity == Polarity::Neutral {
        ("Higher than deprivation predicts", "Lower than deprivation predicts")
    } else {
        ("Better than deprivation predicts", "Worse than deprivation predicts")
    };
    let list = |title: &str, names: Vec<String>| -> crate::node::Node<Msg> {
        h("p").child(h("strong").text(format!("{title}: "))).text(if names.is_empty() { "none".to_string() } else { names.join(", ") }).into()
    };
    let left_out_text = if left_out.is_empty() {
        if fit.include_flagged {
            "Flagged values are included in the fit, as you asked.".to_string()
        } else {
            String::new()
        }
    } else {
        let names: Vec<String> =
            left_out.iter().map(|p| format!("{} ({})", cx.name(p.ics), flag_reason(&cx.r.comparison.rows[p.ics].value.flags))).collect();
        format!("Left out of the fit: {}. Their values are flagged (see the data quality notes), so they are drawn hollow and get no assessment. Tick “Include flagged values in the fit” to include them.", names.join(", "))
    };
    c.notes.push(h("div").class("ics-callout").child(list(up, better)).child(list(down, worse)).children((!left_out_text.is_empty()).then(|| h("p").text(left_out_text).into())).child(h("p").class("ics-hint").text(format!(
        "Fitted line: value = {} {} {} × ({}). Beyond the 95% band means the gap from the line is larger than deprivation alone would usually give; it is a prompt to look closer, not a verdict.",
        format::number(line.intercept, ind.decimals + 1),
        if line.slope < 0.0 { "−" } else { "+" },
        format::number(line.slope.abs(), ind.decimals + 2),
        st.settings.axis.label()
    ))).into());
    c.chart = Some(Chart {
        svg,
        width: w,
        height,
        description: format!(
            "Scatter plot of {} against {} for {} ICSs, with a fitted line (R² = {}){}.",
            ind.name,
            st.settings.axis.label(),
            shown.len() + left_out.len(),
            format::number(line.r_squared, 2),
            if left_out.is_empty() { String::new() } else { format!("; {} flagged left out of the fit", left_out.len()) }
        ) + &match shown.iter().map(|p| p.ics).chain(left_out.iter().map(|p| p.ics)).filter(|&i| estimated(i)).count() {
            0 => String::new(),
            1 => " 1 value is an estimate (in a dashed ring).".into(),
            n => format!(" {n} values are estimates (in dashed rings)."),
        },
    });
    let flagged: Vec<&ics_engine::values::FlagNote> = cx.shown().into_iter().flat_map(|i| cx.r.comparison.rows[i].value.flags.iter()).collect();
    c.notes.extend(no_data_note(cx));
    c.notes.extend(estimates_note(cx));
    c.notes.extend(flag_notes(cx, &flagged));
    let d = ind.decimals;
    // Where values may be estimates, the value says so and an estimate column follows it.
    let estimates = cx.has_estimates();
    let value_cells = |i: usize, y: f64| -> Vec<Cell> {
        let e = estimated(i);
        let mut cells = vec![Cell::estimated(Some(y), d, e)];
        cells.extend(estimates.then(|| Cell::estimate_flag(e)));
        cells
    };
    let mut columns = vec![
        col("ICS", false),
        col(
            match st.settings.axis {
                Axis::Core20 => "Core20 (%)",
                Axis::ImdScore => "IMD score",
            },
            true,
        ),
        col(&format!("Value ({})", ind.unit), true),
    ];
    columns.extend(estimates.then(|| col(ESTIMATE, false)));
    c.table = Some(DataTable {
        id: "ics-table-scatter",
        caption: format!(
            "{} and {}, with the value deprivation predicts, by ICS{}",
            ind.name,
            st.settings.axis.label(),
            super::notes::hidden_estimates_caption(cx)
        ),
        columns: columns
            .into_iter()
            .chain([col("Expected", true), col("Difference", true), col("Standardised difference", true), col("Assessment", false)])
            .collect(),
        rows: shown
            .iter()
            .map(|p| Row {
                cells: [Cell::text(cx.name(p.ics)), Cell::num(Some(p.x), 1)]
                    .into_iter()
                    .chain(value_cells(p.ics, p.y))
                    .chain([
                        Cell::num(Some(p.expected), d),
                        Cell::num(Some(p.residual), d),
                        Cell::num(Some(p.standardised), 2),
                        Cell::text(verdict_text(p.verdict, ind.polarity)),
                    ])
                    .collect(),
                ics: Some(p.ics),
                class: if cx.is_peer(p.ics) { "is-peer" } else { "" },
            })
            .chain(left_out.iter().map(|p| {
                Row {
                    cells: [Cell::text(cx.name(p.ics)), Cell::num(Some(p.x), 1)]
                        .into_iter()
                        .chain(value_cells(p.ics, p.y))
                        .chain([
                            not_fitted(),
                            not_fitted(),
                            not_fitted(),
                            Cell::text(format!("Left out of the fit: {}", flag_reason(&cx.r.comparison.rows[p.ics].value.flags))),
                        ])
                        .collect(),
                    ics: Some(p.ics),
                    class: if cx.is_peer(p.ics) { "is-peer" } else { "" },
                }
            }))
            .collect(),
        sortable: true,
    });
    c
}

/// A table cell for a figure the fit does not give for a left-out ICS.
fn not_fitted() -> Cell {
    Cell { text: "not fitted".into(), csv: String::new(), sort: crate::table::SortValue::Missing }
}
