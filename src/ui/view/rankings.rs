//! Rankings: a bar chart of every shown ICS for the indicator, in rank order (or by name), with England's
//! value, 95% intervals, significance in colour and words, the selected ICS and its peers marked, and the
//! lowest and highest labelled; and its data table.

use super::super::chart::{self, Scale};
use super::super::node::{h, s, Node};
use super::super::table::{col, Cell, DataTable, Row};
use super::super::Msg;
use super::{flag_notes, no_data_note, toggle, Chart, Content, Ctx};
use crate::engine::compare::Significance;
use crate::format;

/// Lines for an ICS's tooltip, shared by the charts that show one value per ICS.
pub fn tip_lines(cx: &Ctx, i: usize) -> Vec<String> {
    let c = &cx.r.comparison;
    let row = &c.rows[i];
    let mut lines = vec![cx.name(i).to_string(), format!("{}: {}", cx.ind.unit, cx.value(row.value.value))];
    if let Some(ci) = row.value.ci95 {
        lines.push(format!("95% interval {} to {}", format::number(ci.lower, cx.ind.decimals), format::number(ci.upper, cx.ind.decimals)));
    }
    if row.significance != Significance::NotCompared {
        lines.push(format!("{} ({} {})", crate::format::upper_first(row.significance.label()), c.comparator_label, cx.value(c.comparator)));
    }
    if let Some(rank) = row.rank {
        lines.push(format!("Rank {rank} of {} ({})", c.summary.n, c.rank_note));
    }
    for f in &row.value.flags {
        lines.push(format!("⚠ {}", chart::clip(&f.note, 60)));
    }
    lines
}

/// The accessible name of a chart item: what it is, its value and what activating it does.
pub fn item_label(cx: &Ctx, i: usize) -> String {
    let row = &cx.r.comparison.rows[i];
    let sig = match row.significance {
        Significance::NotCompared => String::new(),
        s => format!(", {}", s.label()),
    };
    let sel = if cx.st.selected == Some(i) { " (your ICS; press Enter to clear)" } else { " (press Enter to select)" };
    format!("{}: {}{sig}{sel}", cx.name(i), cx.value(row.value.value))
}

pub fn content(cx: &Ctx) -> Content {
    let c = &cx.r.comparison;
    let ind = cx.ind;
    let mut order = cx.shown();
    if cx.st.by_name {
        crate::sort::indices(&mut order, &|a, b| cx.name(a).cmp(cx.name(b)));
    } else {
        crate::sort::indices(&mut order, &|a, b| c.rows[a].rank.unwrap_or(usize::MAX).cmp(&c.rows[b].rank.unwrap_or(usize::MAX)).then(cx.name(a).cmp(cx.name(b))));
    }
    let mut content = Content::new(format!("{}, {}", ind.name, cx.period()), format!("rankings-{}-{}", ind.id, c.period.replace('/', "-")));
    content.subtitle = format!("{} ({}). {} ICSs shown; rank {}.", ind.unit, if c.england.value.is_some() { format!("England {}", cx.value(c.england.value)) } else { "no England value".into() }, order.len(), c.rank_note);
    content.controls = vec![h("div")
        .class("ics-toggle-group")
        .attr("role", "group")
        .attr("aria-label", "Order the bars")
        .child(toggle("By rank", !cx.st.by_name, Msg::SetOrder(false)))
        .child(toggle("By name", cx.st.by_name, Msg::SetOrder(true)))
        .into()];
    content.chart = Some(bar_chart(cx, &order));
    let flagged: Vec<&crate::engine::values::FlagNote> = order.iter().flat_map(|&i| c.rows[i].value.flags.iter()).chain(c.england.flags.iter()).collect();
    content.notes.extend(no_data_note(cx));
    content.notes.extend(flag_notes(cx, &flagged));
    content.table = Some(table(cx, &order));
    content
}

fn bar_chart(cx: &Ctx, order: &[usize]) -> Chart {
    let c = &cx.r.comparison;
    let w = cx.width.min(1000.0);
    let label_w = (w * 0.36).min(270.0);
    let value_w = 150.0;
    let (top, row_h, bottom) = (34.0, 22.0, 30.0);
    let height = top + row_h * order.len().max(1) as f64 + bottom;
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
    g = g.child(chart::line(x.at(0.0), top - 4.0, x.at(0.0), axis_y, chart::TEXT));
    let (min_i, max_i) = (c.summary.min.map(|m| m.0), c.summary.max.map(|m| m.0));
    let active = cx.st.selected.filter(|i| order.contains(i)).or(order.first().copied());
    let bars = order.iter().enumerate().map(|(k, &i)| {
        let row = &c.rows[i];
        let y = top + row_h * k as f64;
        let selected = cx.st.selected == Some(i);
        let peer = cx.is_peer(i);
        let mut name = chart::clip(cx.name(i), ((label_w - 16.0) / 6.6) as usize);
        if selected {
            name = format!("▶ {name}");
        } else if peer {
            name = format!("◆ {name}");
        }
        let mut item = s("g")
            .class(if selected { "ics-item is-selected" } else if peer { "ics-item is-peer" } else { "ics-item" })
            .attr("data-item", "")
            .attr("tabindex", if Some(i) == active { "0" } else { "-1" })
            .attr("role", "button")
            .attr("aria-pressed", if selected { "true" } else { "false" })
            .attr("aria-label", item_label(cx, i))
            .on_click(Msg::Pick(i))
            .on_hover(Msg::Hover(Some(i)))
            .child(chart::rect(0.0, y, w, row_h, "transparent").class("ics-item__hit"));
        // Text sits beside the interactive element, hidden from assistive technology (the item's label and the
        // table carry it), so an item's accessible name never contradicts what is drawn inside it.
        let mut texts = vec![chart::svg_text(label_w - 8.0, y + row_h * 0.68, name).attr("text-anchor", "end").attr_if(selected, "font-weight", "700")];
        match row.value.value {
            Some(v) => {
                let (x0, x1) = (x.at(0.0), x.at(v));
                let bar = chart::rect(x0.min(x1), y + 4.0, (x1 - x0).abs(), row_h - 8.0, chart::significance_colour(row.significance));
                item = item.child(if selected { bar.attr("stroke", chart::TEXT).attr("stroke-width", "2") } else { bar });
                if let Some(ci) = row.value.ci95 {
                    let (a, b, m) = (x.at(ci.lower), x.at(ci.upper), y + row_h / 2.0);
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
                    item = item.child(s("path").class("ics-ci").attr("d", d).attr("stroke", chart::TEXT).attr("stroke-width", "1.5").attr("fill", "none"));
                }
                let mut label = format!("{}{}", format::number(v, cx.ind.decimals), super::unit_suffix(cx.ind));
                let word = chart::significance_word(row.significance);
                if !word.is_empty() {
                    label = format!("{label} {word}");
                }
                if Some(i) == max_i && !cx.st.by_name {
                    label = format!("{label} (highest)");
                } else if Some(i) == min_i && !cx.st.by_name {
                    label = format!("{label} (lowest)");
                }
                texts.push(chart::svg_text(w - value_w + 6.0, y + row_h * 0.68, label));
            }
            None => texts.push(chart::svg_text(x.at(0.0) + 6.0, y + row_h * 0.68, "no data").attr("fill", chart::MID_GREY)),
        }
        s("g").child(item).child(s("g").attr("aria-hidden", "true").children(texts.into_iter().map(Node::from))).into()
    });
    let mut svg = s("svg")
        .class("ics-chart")
        .attr("width", chart::px(w))
        .attr("height", chart::px(height))
        .attr("viewBox", format!("0 0 {} {}", chart::px(w), chart::px(height)))
        .on_leave(Msg::Hover(None))
        .child(g)
        .child(s("g").attr("data-roving", "").children(bars));
    if let Some(e) = c.england.value {
        svg = svg
            .child(chart::line(x.at(e), top - 6.0, x.at(e), axis_y, chart::TEXT).attr("stroke-dasharray", "4 3").attr("stroke-width", "1.5"))
            .child(chart::svg_text(x.at(e), top - 12.0, format!("England {}", cx.value(Some(e)))).attr("text-anchor", "middle").attr("font-weight", "700"));
    }
    if let Some(i) = cx.st.hover.filter(|i| order.contains(i)) {
        let k = order.iter().position(|&x| x == i).unwrap_or(0);
        let xv = c.rows[i].value.value.map_or(label_w, |v| x.at(v));
        svg = svg.child(chart::tooltip(xv, top + row_h * k as f64 + row_h / 2.0, w, &tip_lines(cx, i)));
    }
    let description = match (c.summary.min, c.summary.max) {
        (Some((a, av)), Some((b, bv))) => format!(
            "Bar chart of {} for {} ICSs. Values run from {} ({}) to {} ({}){}. The table below gives every value.",
            cx.ind.name,
            order.len(),
            cx.value(Some(av)),
            cx.name(a),
            cx.value(Some(bv)),
            cx.name(b),
            c.england.value.map(|e| format!("; England is {}", cx.value(Some(e)))).unwrap_or_default()
        ),
        _ => "Bar chart with no data for this period.".into(),
    };
    Chart { svg, width: w, height, description }
}

fn table(cx: &Ctx, order: &[usize]) -> DataTable {
    let c = &cx.r.comparison;
    let d = cx.ind.decimals;
    let mut rows: Vec<Row> = order
        .iter()
        .map(|&i| {
            let row = &c.rows[i];
            let notes: Vec<&str> = row.value.flags.iter().map(|f| f.note.as_str()).collect();
            Row {
                cells: vec![
                    Cell::text(cx.name(i)),
                    Cell::text(cx.ds.regions[cx.ds.icss[i].region].name.clone()),
                    Cell::num(row.value.value, d),
                    Cell::num(row.value.ci95.map(|x| x.lower), d),
                    Cell::num(row.value.ci95.map(|x| x.upper), d),
                    Cell::text(match row.significance {
                        Significance::NotCompared => "Not compared".into(),
                        s => crate::format::upper_first(s.label()),
                    }),
                    Cell::num(row.rank.map(|r| r as f64), 0),
                    Cell::text(notes.join(" ")),
                ],
                ics: Some(i),
                class: if cx.is_peer(i) { "is-peer" } else { "" },
            }
        })
        .collect();
    rows.push(Row {
        cells: vec![
            Cell::text("England"),
            Cell::text(""),
            Cell::num(c.england.value, d),
            Cell::num(c.england.ci95.map(|x| x.lower), d),
            Cell::num(c.england.ci95.map(|x| x.upper), d),
            Cell::text(""),
            Cell::text("not applicable"),
            Cell::text(c.england.flags.iter().map(|f| f.note.as_str()).collect::<Vec<_>>().join(" ")),
        ],
        ics: None,
        class: "is-england",
    });
    DataTable {
        id: "ics-table-rankings",
        caption: format!("{} ({}), {}, by ICS", cx.ind.name, cx.ind.unit, cx.period()),
        columns: vec![
            col("ICS", false),
            col("NHS region", false),
            col(&format!("Value ({})", cx.ind.unit), true),
            col("95% lower", true),
            col("95% upper", true),
            col("Compared with England", false),
            col("Rank", true),
            col("Notes", false),
        ],
        rows,
        sortable: true,
    }
}
