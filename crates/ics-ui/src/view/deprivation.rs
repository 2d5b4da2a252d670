//! Deprivation profile: 100% stacked bars of each ICS's neighbourhoods (or residents) in England's IMD
//! quintiles (or deciles), most deprived systems first, so that systems with similar profiles sit together. A
//! toggle shows instead the 42 ICSs of July 2022 under IMD 2019 and IMD 2025 (`edition_change`).

use super::item::{group, Item};
use super::widgets::{checkbox, select, toggle};
use super::{Chart, Content, Ctx};
use crate::chart::{self, Key, Scale};
use crate::node::{h, s, Node};
use crate::table::{col, Cell, DataTable, Row};
use crate::Msg;
use ics_data::dataset::{Deprivation, Weight};
use ics_data::format;
use std::fmt::Write;

/// Which of the view's two charts is shown: the profile, or the comparison of editions.
fn mode(cx: &Ctx) -> Node<Msg> {
    h("div")
        .class("ics-toggle-group")
        .attr("role", "group")
        .attr("aria-label", "Show")
        .child(toggle("Deprivation profile", !cx.st.settings.compare_editions, Msg::SetDepCompare(false)))
        .child(toggle("IMD 2019 vs IMD 2025 (42 ICSs)", cx.st.settings.compare_editions, Msg::SetDepCompare(true)))
        .into()
}

pub fn content(cx: &Ctx) -> Content {
    if cx.st.settings.compare_editions {
        return super::edition_change::content(cx, vec![mode(cx)]);
    }
    let Some(d) = &cx.r.deprivation else {
        return Content::new("Deprivation profile".into(), "deprivation".into());
    };
    let st = d.settings;
    let groups = if st.deciles { "decile" } else { "quintile" };
    let what = if st.weight == Weight::Population { "residents" } else { "neighbourhoods (LSOAs)" };
    let rows: Vec<&ics_engine::query::DeprivationRow> = d.rows.iter().filter(|r| cx.r.included[r.ics]).collect();
    let mut c = Content::new(
        format!("Share of {what} in each national {} {groups}{}", st.index.label(), cx.scope().map(|s| format!(", {s}")).unwrap_or_default()),
        format!(
            "deprivation-{}-{}-{}",
            st.index.key(),
            if st.deciles { "deciles" } else { "quintiles" },
            if st.weight == Weight::Population { "population" } else { "lsoas" }
        ),
    );
    c.subtitle = format!(
        "{}{}; ICSs ordered by the share in the most deprived fifth. {} 1 = most deprived in England.",
        cx.ds.edition_info.name,
        if st.weight == Weight::Population { format!(", residents {}", cx.ds.edition_info.population) } else { String::new() },
        ics_data::format::upper_first(groups)
    );
    let mut indices: Vec<Node<Msg>> = Vec::new();
    for dep in Deprivation::ALL {
        indices.push(h("option").attr("value", dep.key()).attr_if(dep == st.index, "selected", "selected").text(dep.label()).into());
    }
    c.controls = vec![
        mode(cx),
        h("div")
            .class("ics-field")
            .child(h("label").class("ics-label").attr("for", "ics-dep-index").text("Index"))
            .child(select("ics-dep-index", st.index.key(), |v| Msg::SetDepIndex(Deprivation::from_key(&v).unwrap_or(Deprivation::Imd)), indices))
            .into(),
        h("div")
            .class("ics-toggle-group")
            .attr("role", "group")
            .attr("aria-label", "Groups")
            .child(toggle("Quintiles", !st.deciles, Msg::SetDepDeciles(false)))
            .child(toggle("Deciles", st.deciles, Msg::SetDepDeciles(true)))
            .into(),
        checkbox("ics-dep-population", "Share of residents (not of neighbourhoods)", st.weight == Weight::Population, |_| Msg::ToggleDepPopulation),
    ];
    c.source = Some(deprivation_source(cx));
    let n = if st.deciles { 10 } else { 5 };
    let palette: &[&str] = if st.deciles { &chart::SEQUENTIAL_10 } else { &chart::SEQUENTIAL_5 };
    let w = cx.width.min(1000.0);
    // Names wrap; on a phone each has a line of its own above its bar.
    let stacked = w < 560.0;
    let label_w = if stacked { 4.0 } else { (w * 0.36).min(270.0) };
    let all_rows: Vec<(String, Option<usize>, &Vec<f64>)> = std::iter::once(("England".to_string(), None, &d.england))
        .chain(rows.iter().map(|r| (cx.name(r.ics).to_string(), Some(r.ics), &r.shares)))
        .collect();
    let names: Vec<Vec<String>> = all_rows
        .iter()
        .map(|(name, ics, _)| {
            let mark = if ics.is_some() && *ics == cx.st.settings.selected {
                "▶ "
            } else if ics.is_some_and(|i| cx.is_peer(i)) {
                "◆ "
            } else {
                ""
            };
            chart::wrap(&format!("{mark}{name}"), if stacked { w - 8.0 } else { label_w - 12.0 }, 12.0)
        })
        .collect();
    let row_h = |k: usize| if stacked { 14.0 * names[k].len() as f64 + 20.0 } else { (13.0 * names[k].len() as f64 + 7.0).max(20.0) };
    let mut keys: Vec<(Key, String)> = (0..n)
        .map(|q| {
            let label = match q {
                0 => format!("{} 1 (most deprived)", ics_data::format::upper_first(groups)),
                q if q == n - 1 => format!("{} {} (least)", ics_data::format::upper_first(groups), q + 1),
                q => format!("{} {}", ics_data::format::upper_first(groups), q + 1),
            };
            (Key::Fill(palette[q]), label)
        })
        .collect();
    if cx.st.settings.selected.is_some_and(|i| rows.iter().any(|r| r.ics == i)) {
        keys.push((Key::Symbol("▶"), "Your ICS".into()));
    }
    if rows.iter().any(|r| cx.is_peer(r.ics)) {
        keys.push((Key::Symbol("◆"), "Peer of your ICS".into()));
    }
    let (legend, legend_h) = chart::legend(&keys, 6.0, w);
    let top = legend_h + 10.0;
    let height = top + (0..all_rows.len()).map(row_h).sum::<f64>() + 8.0;
    let x = Scale::new((0.0, 100.0), (label_w, w - 10.0));
    let active = cx.st.settings.selected.filter(|i| rows.iter().any(|r| r.ics == *i)).or(rows.first().map(|r| r.ics));
    let mut y0 = top;
    // Each group's segments, of every row, as one path (`d` of rectangles): ten paths for 370 segments, so a
    // toggle or a filter changes a few attributes instead of building and removing hundreds of rectangles.
    let mut segments = vec![String::new(); n];
    // Your ICS's outline, drawn over the segments.
    let mut outline = None;
    let bars: Vec<Node<Msg>> = all_rows
        .iter()
        .enumerate()
        .map(|(k, (name, ics, shares))| {
            let (y, rh) = (y0, row_h(k));
            y0 += rh;
            let (by, bh) = if stacked { (y + rh - 20.0, 20.0) } else { (y + (rh - 20.0) / 2.0, 20.0) };
            let selected = ics.is_some() && *ics == cx.st.settings.selected;
            // England's row is drawn like an item, but is not one.
            let mut g = match ics {
                Some(i) => {
                    let parts: Vec<String> =
                        shares.iter().enumerate().map(|(q, v)| format!("{groups} {}: {}%", q + 1, format::number(*v, 1))).collect();
                    Item::new(*i, format!("{name}: {}", parts.join(", "))).selected(selected).tab_stop(Some(*i) == active).on(s("g"))
                }
                None => s("g").class("ics-item"),
            };
            let labels: Vec<Node<Msg>> = names[k]
                .iter()
                .enumerate()
                .map(|(n, line)| {
                    let t = if stacked {
                        chart::svg_text(label_w, y + 12.0 + 14.0 * n as f64, line.clone())
                    } else {
                        chart::svg_text(label_w - 8.0, y + (rh - 13.0 * names[k].len() as f64) / 2.0 + 10.0 + 13.0 * n as f64, line.clone())
                            .attr("text-anchor", "end")
                    };
                    t.attr("aria-hidden", "true").attr_if(selected || ics.is_none(), "font-weight", "700").into()
                })
                .collect();
            // An ICS's row, under its segments: what the pointer hits, and what focus and hover light up (as in the
            // rankings' rows).
            if ics.is_some() {
                g = g.child(chart::rect(0.0, y, w, rh, "transparent").class("ics-item__hit"));
            }
            let mut acc = 0.0;
            for (q, v) in shares.iter().enumerate().take(n) {
                let (from, width) = (x.at(acc), (x.at(acc + v) - x.at(acc)).max(0.0));
                let _ = write!(
                    segments[q],
                    "M{},{}h{}v{}h{}z",
                    chart::px(from),
                    chart::px(by + 2.0),
                    chart::px(width),
                    chart::px(bh - 4.0),
                    chart::px(-width)
                );
                acc += v;
            }
            if selected {
                outline = Some(
                    chart::rect(x.at(0.0), by + 1.0, x.at(100.0) - x.at(0.0), bh - 2.0, "none").attr("stroke", chart::TEXT).attr("stroke-width", "2"),
                );
            }
            // The names over the row's band (which focus fills).
            s("g").child(g).children(labels).into()
        })
        .collect();
    // Over the rows' bands, and transparent to the pointer (the bands below take clicks); the white rule between
    // segments is their stroke.
    let paths = segments.into_iter().enumerate().map(|(q, d)| {
        s("path").attr("d", d).attr("fill", palette[q]).attr("stroke", "#ffffff").attr("stroke-width", "1").attr("pointer-events", "none").into()
    });
    let svg = chart::svg("ics-chart", w, height)
        .child(legend.attr("aria-hidden", "true").attr("transform", "translate(0 4)"))
        .child(group(bars))
        .child(s("g").class("ics-segments").attr("aria-hidden", "true").children(paths).children(outline.map(Node::from)));
    let first = rows
        .first()
        .map(|r| format!("{} has the largest share in the most deprived fifth ({}%)", cx.name(r.ics), format::number(r.core20, 1)))
        .unwrap_or_default();
    let last = rows.last().map(|r| format!("{} the smallest ({}%)", cx.name(r.ics), format::number(r.core20, 1))).unwrap_or_default();
    c.chart = Some(Chart {
        svg,
        width: w,
        height,
        description: format!("Stacked bars, one per ICS, each adding to 100%. {first}; {last}. The table below gives every share."),
    });
    let mut columns = vec![col("ICS", false), col("Most deprived fifth (%)", true)];
    let labels: Vec<String> = (1..=n).map(|q| format!("{} {q} (%)", ics_data::format::upper_first(groups))).collect();
    columns.extend(labels.iter().map(|l| col(l, true)));
    let table_rows = all_rows
        .iter()
        .map(|(name, ics, shares)| {
            let core20 = if st.deciles { shares[0] + shares[1] } else { shares[0] };
            let mut cells = vec![Cell::text(name.clone()), Cell::num(Some(core20), 1)];
            cells.extend(shares.iter().map(|v| Cell::num(Some(*v), 1)));
            Row { cells, ics: *ics, class: if ics.is_none() { "is-england" } else { "" } }
        })
        .collect();
    c.table = Some(DataTable {
        id: "ics-table-deprivation",
        caption: format!("Share of {what} by national {} {groups}, by ICS", st.index.label()),
        columns,
        rows: table_rows,
        sortable: true,
    });
    c
}

/// The deprivation charts' sources: the edition's indices, populations and lookups, and the set's lookups.
pub fn deprivation_source(cx: &Ctx) -> String {
    let ds = &cx.st.dataset;
    let edition = ds.editions().get(cx.ds.edition).map(|e| e.sources.as_slice()).unwrap_or_default();
    let set = ds.area_sets().get(cx.ds.area_set).map(|s| s.sources.as_slice()).unwrap_or_default();
    let mut ids: Vec<usize> = Vec::new();
    for &k in edition.iter().chain(set) {
        if !ids.contains(&k) {
            ids.push(k);
        }
    }
    let names: Vec<String> = ids.iter().filter_map(|&k| cx.ds.sources.get(k)).map(|s| format!("{}, {}", s.publisher, s.dataset)).collect();
    format!("Source: {}. {}.", names.join("; "), cx.ds.set.geography)
}
