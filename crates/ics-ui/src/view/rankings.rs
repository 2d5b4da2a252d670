//! Rankings: a bar chart of every shown ICS for the indicator, in rank order (or by name), with England's
//! value, 95% intervals, significance in colour and words, the selected ICS and its peers marked, and the
//! lowest and highest labelled, estimates hatched and marked ≈; and its data table.

use super::item::{group, Item};
use super::notes::{estimates_note, flag_notes, no_data_note};
use super::widgets::toggle;
use super::{Chart, Content, Ctx};
use crate::chart::{self, Key, Scale};
use crate::node::{h, s, Node};
use crate::table::{col, Cell, DataTable, Row, ESTIMATE};
use crate::Msg;
use ics_data::format;
use ics_data::num::clamp;
use ics_engine::compare::Significance;

/// Lines for an ICS's tooltip, shared by the charts that show one value per ICS.
pub fn tip_lines(cx: &Ctx, i: usize) -> Vec<String> {
    let c = &cx.r.comparison;
    let row = &c.rows[i];
    let mut lines = vec![cx.name(i).to_string(), format!("{}: {}", cx.ind.unit, cx.value_of(&row.value))];
    if row.value.estimate && row.value.value.is_some() {
        // On two lines, so the tooltip stays narrow enough for a phone.
        let tip = super::notes::estimate_tip(&cx.estimate_words());
        match tip.split_once(" (") {
            Some((a, b)) => lines.extend([a.to_string(), format!("({b}")]),
            None => lines.push(tip),
        }
    }
    if let Some(ci) = row.value.ci95 {
        lines.push(format!("95% interval {} to {}", format::number(ci.lower, cx.ind.decimals), format::number(ci.upper, cx.ind.decimals)));
    }
    if row.significance != Significance::NotCompared {
        lines.push(format!("{} ({} {})", ics_data::format::upper_first(row.significance.label()), c.comparator_label, cx.value(c.comparator)));
    }
    if let Some(rank) = rank_text(cx, i) {
        lines.push(rank);
    }
    for f in &row.value.flags {
        lines.push(format!("⚠ {}", chart::clip(&f.note, 60)));
    }
    lines
}

/// "Rank 3 of 11 shown (9th of 42 in England); 1 = best (lowest)", or "Rank 9 of 42 in England; …".
pub fn rank_text(cx: &Ctx, i: usize) -> Option<String> {
    let c = &cx.r.comparison;
    let national = c.rows[i].rank?;
    Some(match &c.filtered {
        Some(f) => format!("Rank {} of {} shown ({national} of {} in England); {}", f.ranks[i]?, f.summary.n, c.summary.n, c.rank_note),
        None => format!("Rank {national} of {} in England; {}", c.summary.n, c.rank_note),
    })
}

/// The accessible name of a chart item: what it is, its value and what activating it does.
pub fn item_label(cx: &Ctx, i: usize) -> String {
    let row = &cx.r.comparison.rows[i];
    let sig = match row.significance {
        Significance::NotCompared => String::new(),
        s => format!(", {}", s.label()),
    };
    let sel = if cx.st.settings.selected == Some(i) { " (your ICS; press Enter to clear)" } else { " (press Enter to select)" };
    let estimate = if row.value.estimate && row.value.value.is_some() { ", estimate" } else { "" };
    format!("{}: {}{estimate}{sig}{sel}", cx.name(i), cx.value(row.value.value))
}

pub fn content(cx: &Ctx) -> Content {
    let c = &cx.r.comparison;
    let ind = cx.ind;
    let mut order = cx.shown();
    let rank = |i: usize| c.filtered.as_ref().map_or(c.rows[i].rank, |f| f.ranks[i]);
    // ICSs with no value are "no data" rows, or left out on request (the table says how many).
    let no_data = order.iter().filter(|&&i| c.rows[i].value.value.is_none()).count();
    let hidden = if cx.st.settings.hide_missing { no_data } else { 0 };
    order.retain(|&i| !cx.st.settings.hide_missing || c.rows[i].value.value.is_some());
    if cx.st.settings.by_name {
        ics_data::sort::indices(&mut order, &|a, b| cx.name(a).cmp(cx.name(b)));
    } else {
        ics_data::sort::indices(&mut order, &|a, b| {
            rank(a).unwrap_or(usize::MAX).cmp(&rank(b).unwrap_or(usize::MAX)).then(cx.name(a).cmp(cx.name(b)))
        });
    }
    let scope = cx.scope();
    let title = match &scope {
        Some(s) => format!("{}, {s}, {}", ind.name, cx.period()),
        None => format!("{}, {}", ind.name, cx.period()),
    };
    let mut content = Content::new(title, format!("rankings-{}-{}", ind.id, c.period.replace('/', "-")));
    let england = if c.england.value.is_some() { format!("England {}", cx.value(c.england.value)) } else { "no England value".into() };
    content.subtitle = match &c.filtered {
        Some(f) => format!("{} ({england}). {} of {} ICSs shown; ranked among them, {}.", ind.unit, f.shown, c.rows.len(), c.rank_note),
        None => format!("{} ({england}). All {} ICSs, ranked {}.", ind.unit, c.rows.len(), c.rank_note),
    };
    content.controls = vec![h("div")
        .class("ics-toggle-group")
        .attr("role", "group")
        .attr("aria-label", "Order the bars")
        .child(toggle("By rank", !cx.st.settings.by_name, Msg::SetOrder(false)))
        .child(toggle("By name", cx.st.settings.by_name, Msg::SetOrder(true)))
        .into()];
    if no_data > 0 {
        content.controls.push(
            h("button")
                .attr("type", "button")
                .class("ics-toggle")
                .id("ics-hide-missing")
                .attr("aria-pressed", if cx.st.settings.hide_missing { "true" } else { "false" })
                .on_click(Msg::SetHideMissing(!cx.st.settings.hide_missing))
                .text("Hide ICSs with no data")
                .into(),
        );
    }
    content.chart = Some(bar_chart(cx, &order));
    let flagged: Vec<&ics_engine::values::FlagNote> =
        order.iter().flat_map(|&i| c.rows[i].value.flags.iter()).chain(c.england.flags.iter()).collect();
    content.notes.extend(no_data_note(cx));
    content.notes.extend(estimates_note(cx));
    content.notes.extend(flag_notes(cx, &flagged));
    content.table = Some(table(cx, &order, hidden));
    content
}

/// Below this chart width, names go on a line of their own above each bar (wrapped, never cut).
const STACKED_BELOW: f64 = 560.0;

fn bar_chart(cx: &Ctx, order: &[usize]) -> Chart {
    let c = &cx.r.comparison;
    let shown = c.shown_summary();
    let w = cx.width.min(1000.0);
    let stacked = w < STACKED_BELOW;
    let label_w = if stacked { 4.0 } else { (w * 0.36).min(270.0) };
    let value_w = if stacked { 150.0 } else { 160.0 };
    let flagged = |i: usize| !c.rows[i].value.flags.is_empty();
    // Names wrap (on a phone, on a line of their own above the bar); the selected ICS is ▶, peers ◆.
    let names: Vec<Vec<String>> = order
        .iter()
        .map(|&i| {
            let mark = if cx.st.settings.selected == Some(i) {
                "▶ "
            } else if cx.is_peer(i) {
                "◆ "
            } else {
                ""
            };
            chart::wrap(&format!("{mark}{}", cx.name(i)), if stacked { w - 8.0 } else { label_w - 12.0 }, 12.0)
        })
        .collect();
    let row_h = |k: usize| if stacked { 14.0 * names[k].len() as f64 + 20.0 } else { (13.0 * names[k].len() as f64 + 9.0).max(22.0) };
    // Legend: every mark the chart uses, and only those.
    let mut keys: Vec<(Key, String)> = Vec::new();
    for sig in
        [Significance::Better, Significance::Similar, Significance::Worse, Significance::Higher, Significance::Lower, Significance::NotCompared]
    {
        if order.iter().any(|&i| c.rows[i].significance == sig && c.rows[i].value.value.is_some()) {
            let label = match sig {
                Significance::NotCompared => "Not compared".to_string(),
                s => format!("{} {} {}", chart::significance_word(s), if s == Significance::Similar { "to" } else { "than" }, c.comparator_label),
            };
            keys.push((Key::Fill(chart::significance_colour(sig)), label));
        }
    }
    if c.england.value.is_some() {
        keys.push((Key::Line(chart::TEXT, "4 3"), "England".into()));
    }
    if order.iter().any(|&i| c.rows[i].value.ci95.is_some()) {
        keys.push((Key::Whisker, "95% confidence interval".into()));
    }
    if cx.st.settings.selected.is_some_and(|i| order.contains(&i)) {
        keys.push((Key::Symbol("▶"), "Your ICS".into()));
    }
    if order.iter().any(|&i| cx.is_peer(i)) {
        keys.push((Key::Symbol("◆"), "Peer of your ICS".into()));
    }
    if order.iter().any(|&i| flagged(i)) {
        keys.push((Key::Symbol("!"), "Data-quality note (listed below the chart)".into()));
    }
    let estimated = |i: usize| c.rows[i].value.estimate && c.rows[i].value.value.is_some();
    if order.iter().any(|&i| estimated(i)) {
        keys.push((Key::Hatch, format!("≈ Estimate: {}", cx.estimate_words())));
    }
    let (legend, legend_h) = chart::legend(&keys, 4.0, w);
    let (top, bottom) = (legend_h + 34.0, 46.0);
    let rows_h: f64 = (0..order.len()).map(row_h).sum::<f64>().max(22.0);
    let height = top + rows_h + bottom;
    let mut lo = f64::INFINITY;
    let mut hi = f64::NEG_INFINITY;
    for &i in order {
        let v = &c.rows[i].value;
        for x in [v.value, v.ci95.map(|x| x.lower), v.ci95.map(|x| x.upper)].into_iter().flatten() {
            lo = lo.min(x);
            hi = hi.max(x);
        }
    }
    if let Some(e) = c.england.value {
        lo = lo.min(e);
        hi = hi.max(e);
    }
    if !lo.is_finite() {
        (lo, hi) = (0.0, 1.0);
    }
    let (d0, d1) = chart::domain_with_zero(lo, hi);
    let x = Scale::new((d0, d1), (label_w, w - value_w));
    let ticks = chart::ticks(d0, d1, ((w - label_w - value_w) / 90.0).max(2.0) as usize);
    let dec = chart::tick_decimals(&ticks);
    let axis_y = height - bottom;
    let mut g = s("g").class("ics-axis").children(ticks.iter().map(|&t| {
        s("g")
            .child(chart::line(x.at(t), top - 4.0, x.at(t), axis_y, chart::LIGHT_GREY))
            .child(chart::svg_text(x.at(t), axis_y + 16.0, format::number(t, dec)).attr("text-anchor", "middle"))
            .into()
    }));
    g = g.child(chart::line(x.at(0.0), top - 4.0, x.at(0.0), axis_y, chart::TEXT)).child(
        chart::svg_text((x.at(d0) + x.at(d1)) / 2.0, axis_y + 36.0, cx.ind.unit.clone()).attr("text-anchor", "middle").attr("font-weight", "700"),
    );
    let (min_i, max_i) = (shown.min.map(|m| m.0), shown.max.map(|m| m.0));
    let active = cx.st.settings.selected.filter(|i| order.contains(i)).or(order.first().copied());
    let mut y = top;
    let mut row_top = Vec::with_capacity(order.len());
    let bars: Vec<Node<Msg>> = order
        .iter()
        .enumerate()
        .map(|(k, &i)| {
            let row = &c.rows[i];
            let (y0, rh) = (y, row_h(k));
            y += rh;
            row_top.push(y0);
            // The bar's band: under the name on a phone, beside it otherwise.
            let (by, bh) = if stacked { (y0 + rh - 20.0, 20.0) } else { (y0, rh) };
            let selected = cx.st.settings.selected == Some(i);
            let mut item = Item::new(i, item_label(cx, i))
                .selected(selected)
                .peer(cx.is_peer(i))
                .tab_stop(Some(i) == active)
                .tooltip()
                .on(s("g"))
                .child(chart::rect(0.0, y0, w, rh, "transparent").class("ics-item__hit"));
            // Text sits beside the interactive element, hidden from assistive technology (the item's label and
            // the table carry it), so an item's accessible name never contradicts what is drawn inside it.
            let mut texts: Vec<Node<Msg>> = names[k]
                .iter()
                .enumerate()
                .map(|(n, line)| {
                    let t = if stacked {
                        // Over the grid lines: a white halo keeps the name legible.
                        chart::svg_text(label_w, y0 + 12.0 + 14.0 * n as f64, line.clone())
                            .attr("stroke", "#ffffff")
                            .attr("stroke-width", "3")
                            .attr("paint-order", "stroke")
                    } else {
                        let first = y0 + (rh - 13.0 * names[k].len() as f64) / 2.0 + 10.0;
                        chart::svg_text(label_w - 8.0, first + 13.0 * n as f64, line.clone()).attr("text-anchor", "end")
                    };
                    t.attr_if(selected, "font-weight", "700").into()
                })
                .collect();
            let baseline = by + bh / 2.0 + 4.0;
            match row.value.value {
                Some(v) => {
                    let (x0, x1) = (x.at(0.0), x.at(v));
                    let colour = chart::significance_colour(row.significance);
                    let fill = if estimated(i) { chart::hatch(colour) } else { colour.to_string() };
                    let bar = chart::rect(x0.min(x1), by + 4.0, (x1 - x0).abs(), bh - 8.0, &fill);
                    item = item.child(if selected { bar.attr("stroke", chart::TEXT).attr("stroke-width", "2") } else { bar });
                    if let Some(ci) = row.value.ci95 {
                        let (a, b, m) = (x.at(ci.lower), x.at(ci.upper), by + bh / 2.0);
                        // One path (the interval and its two end caps): a third of the nodes of three lines, and
                        // one attribute to change when the indicator does.
                        let d = format!(
                            "M{a},{m}H{b}M{a},{top}V{bottom}M{b},{top}V{bottom}",
                            a = chart::px(a),
                            b = chart::px(b),
                            m = chart::px(m),
                            top = chart::px(m - 4.0),
                            bottom = chart::px(m + 4.0)
                        );
                        item = item.child(
                            s("path").class("ics-ci").attr("d", d).attr("stroke", chart::TEXT).attr("stroke-width", "1.5").attr("fill", "none"),
                        );
                    }
                    let mut label = format!(
                        "{}{}{}",
                        if estimated(i) { "≈ " } else { "" },
                        format::number(v, cx.ind.decimals),
                        super::notes::unit_suffix(cx.ind)
                    );
                    let word = chart::significance_word(row.significance);
                    if !word.is_empty() {
                        label = format!("{label} {word}");
                    }
                    if flagged(i) {
                        label.push_str(" !");
                    }
                    if !cx.st.settings.by_name && shown.n > 1 {
                        if Some(i) == max_i {
                            label.push_str(" (highest)");
                        } else if Some(i) == min_i {
                            label.push_str(" (lowest)");
                        }
                    }
                    texts.push(chart::svg_text(w - value_w + 6.0, baseline, label).into());
                }
                None => texts.push(
                    chart::svg_text(x.at(0.0) + 6.0, baseline, if flagged(i) { "no data !" } else { "no data" }).attr("fill", chart::MID_GREY).into(),
                ),
            }
            s("g").child(item).child(s("g").attr("aria-hidden", "true").children(texts)).into()
        })
        .collect();
    let mut svg = chart::svg("ics-chart", w, height).on_leave(Msg::Hover(None)).child(legend.attr("aria-hidden", "true")).child(g).child(group(bars));
    let hatched: Vec<&str> = order.iter().filter(|&&i| estimated(i)).map(|&i| chart::significance_colour(c.rows[i].significance)).collect();
    if !hatched.is_empty() {
        svg = svg.child(chart::hatch_defs(&hatched));
    }
    if let Some(e) = c.england.value {
        svg = svg
            .child(chart::line(x.at(e), top - 6.0, x.at(e), axis_y, chart::TEXT).attr("stroke-dasharray", "4 3").attr("stroke-width", "1.5"))
            .child({
                // Centred on the line, but never past either edge of the chart.
                let label = format!("England {}", cx.value(Some(e)));
                let half = chart::text_width(&label, 12.0) / 2.0;
                chart::svg_text(clamp(x.at(e), half, (w - half).max(half)), top - 12.0, label)
                    .attr("text-anchor", "middle")
                    .attr("font-weight", "700")
            });
    }
    if let Some(i) = cx.hover().filter(|i| order.contains(i)) {
        let k = order.iter().position(|&x| x == i).unwrap_or(0);
        let xv = c.rows[i].value.value.map_or(label_w, |v| x.at(v));
        svg = svg.child(chart::tooltip(xv, row_top[k] + row_h(k) / 2.0, w, &tip_lines(cx, i)));
    }
    let among = match &cx.scope() {
        Some(s) => format!("{} {s}", order.len()),
        None => format!("all {} ICSs", order.len()),
    };
    let estimates = match order.iter().filter(|&&i| estimated(i)).count() {
        0 => String::new(),
        1 => " 1 value is an estimate (hatched, marked ≈).".to_string(),
        n => format!(" {n} values are estimates (hatched, marked ≈)."),
    };
    let description = match (shown.min, shown.max) {
        (Some((a, av)), Some((b, bv))) => format!(
            "Bar chart of {} for {among}. Values run from {} ({}) to {} ({}){}.{estimates} The table below gives every value.",
            cx.ind.name,
            cx.value(Some(av)),
            cx.name(a),
            cx.value(Some(bv)),
            cx.name(b),
            c.england.value.map(|e| format!("; England is {}", cx.value(Some(e)))).unwrap_or_default()
        ),
        _ => format!("Bar chart of {} for {among}, none of which has a value for this period.", cx.ind.name),
    };
    Chart { svg, width: w, height, description }
}

fn table(cx: &Ctx, order: &[usize], hidden: usize) -> DataTable {
    let c = &cx.r.comparison;
    let d = cx.ind.decimals;
    let filtered = c.filtered.as_ref();
    let estimates = cx.has_estimates();
    let mut rows: Vec<Row> = order
        .iter()
        .map(|&i| {
            let row = &c.rows[i];
            let notes: Vec<&str> = row.value.flags.iter().map(|f| f.note.as_str()).collect();
            let mut cells = vec![
                Cell::text(cx.name(i)),
                Cell::text(cx.ds.regions[cx.ds.icss[i].region].name.clone()),
                Cell::estimated(row.value.value, d, row.value.estimate),
            ];
            if estimates {
                cells.push(Cell::estimate_flag(row.value.estimate));
            }
            cells.extend([
                Cell::num(row.value.ci95.map(|x| x.lower), d),
                Cell::num(row.value.ci95.map(|x| x.upper), d),
                Cell::text(match row.significance {
                    Significance::NotCompared => "Not compared".into(),
                    s => ics_data::format::upper_first(s.label()),
                }),
                Cell::num(row.rank.map(|r| r as f64), 0),
            ]);
            if let Some(f) = filtered {
                cells.push(Cell::num(f.ranks[i].map(|r| r as f64), 0));
            }
            cells.push(Cell::text(notes.join(" ")));
            Row { cells, ics: Some(i), class: if cx.is_peer(i) { "is-peer" } else { "" } }
        })
        .collect();
    let mut england = vec![Cell::text("England"), Cell::text(""), Cell::num(c.england.value, d)];
    if estimates {
        england.push(Cell::estimate_flag(false));
    }
    england.extend([
        Cell::num(c.england.ci95.map(|x| x.lower), d),
        Cell::num(c.england.ci95.map(|x| x.upper), d),
        Cell::text(""),
        Cell::text("not applicable"),
    ]);
    if filtered.is_some() {
        england.push(Cell::text("not applicable"));
    }
    england.push(Cell::text(c.england.flags.iter().map(|f| f.note.as_str()).collect::<Vec<_>>().join(" ")));
    rows.push(Row { cells: england, ics: None, class: "is-england" });
    let mut columns = vec![col("ICS", false), col("NHS region", false), col(&format!("Value ({})", cx.ind.unit), true)];
    if estimates {
        columns.push(col(ESTIMATE, false));
    }
    columns.extend([
        col("95% lower", true),
        col("95% upper", true),
        col(&format!("Compared with {}", c.comparator_label), false),
        col(&format!("Rank in England (of {})", c.summary.n), true),
    ]);
    if let Some(f) = filtered {
        columns.push(col(&format!("Rank among those shown (of {})", f.summary.n), true));
    }
    columns.push(col("Notes", false));
    DataTable {
        id: "ics-table-rankings",
        caption: format!(
            "{} ({}), {}, by ICS{}{}",
            cx.ind.name,
            cx.ind.unit,
            cx.period(),
            cx.scope().map(|s| format!(": {s}")).unwrap_or_default(),
            hidden_note(hidden) + &super::notes::hidden_estimates_caption(cx)
        ),
        columns,
        rows,
        sortable: true,
    }
}

/// What the table's caption says about ICSs hidden for having no data.
fn hidden_note(hidden: usize) -> String {
    match hidden {
        0 => String::new(),
        1 => ". 1 ICS with no data is hidden".into(),
        n => format!(". {n} ICSs with no data are hidden"),
    }
}
