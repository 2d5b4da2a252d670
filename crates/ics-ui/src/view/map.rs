//! Map: a choropleth of the indicator across ICSs, drawn as SVG from the shipped ICB boundaries, in five
//! quintile classes with a legend; ICSs outside the filters are grey. Keyboard users move between areas with
//! the arrow keys; Enter selects. On request, the other set's boundaries (July 2022 under today's map, April 2026
//! under July 2022's) are drawn over the fills as dashed outlines, for people moving between the two.

use super::item::{group, Item};
use super::notes::{estimates_note, flag_notes, no_data_note};
use super::rankings::{item_label, tip_lines};
use super::widgets::checkbox;
use super::{Chart, Content, Ctx};
use crate::chart;
use crate::node::{s, Node};
use crate::table::{col, Cell, DataTable, Row, ESTIMATE};
use crate::Msg;
use ics_data::format;
use ics_engine::stats;

/// Equirectangular projection scaled for England (cos 53°), in 0.0001° units.
const COS_LAT: f64 = 0.6018;

/// The other set's outlines: dark and dashed, so they read apart from the white borders between areas and the
/// solid outline of your ICS.
const OUTLINE: &str = chart::TEXT;
const OUTLINE_DASH: &str = "5 3";

pub fn content(cx: &Ctx) -> Content {
    let c = &cx.r.comparison;
    let ind = cx.ind;
    let scope = cx.scope().map(|s| format!(", {s}")).unwrap_or_default();
    let mut content = Content::new(format!("Map: {}{scope}, {}", ind.name, cx.period()), format!("map-{}-{}", ind.id, c.period.replace('/', "-")));
    content.subtitle = format!("{}; five classes of equal numbers of ICSs (quintiles). Grey: filtered out or no data.", ind.unit);
    let shown = cx.shown();
    let mut values: Vec<f64> = shown.iter().filter_map(|&i| c.rows[i].value.value).collect();
    ics_data::sort::floats(&mut values);
    let breaks: Vec<f64> = (1..5).filter_map(|q| stats::quantile_sorted(&values, q as f64 / 5.0)).collect();
    let class_of = |v: f64| breaks.iter().filter(|&&b| v > b).count();
    let palette = chart::SEQUENTIAL_5;
    let colour = |k: usize| palette[4 - k.min(4)];
    let bounds = cx
        .ds
        .boundaries
        .iter()
        .flat_map(|b| b.rings.iter().flatten())
        .fold((i32::MAX, i32::MIN, i32::MAX, i32::MIN), |(a, b, c, d), p| (a.min(p[0]), b.max(p[0]), c.min(p[1]), d.max(p[1])));
    let (lon0, lon1, lat0, lat1) = (f64::from(bounds.0), f64::from(bounds.1), f64::from(bounds.2), f64::from(bounds.3));
    let w = cx.width.min(560.0);
    let legend_w = 0.0;
    let scale = (w - 20.0 - legend_w) / ((lon1 - lon0) * COS_LAT);
    let map_h = (lat1 - lat0) * scale + 20.0;
    // The other set's boundaries, drawn over the fills when asked for.
    let outlines = cx.ds.other_set.as_ref().filter(|_| !cx.ds.other_boundaries.is_empty());
    let drawn = outlines.filter(|_| cx.st.settings.outlines);
    let height = map_h + 30.0 + 20.0 * if drawn.is_some() { 9.0 } else { 8.0 };
    let project = |p: &[i32; 2]| (10.0 + (f64::from(p[0]) - lon0) * COS_LAT * scale, 10.0 + (lat1 - f64::from(p[1])) * scale);
    let ring_path = |rings: &[Vec<[i32; 2]>]| -> String {
        let mut d = String::new();
        for ring in rings {
            for (k, p) in ring.iter().enumerate() {
                let (x, y) = project(p);
                d.push(if k == 0 { 'M' } else { 'L' });
                d.push_str(&chart::px(x));
                d.push(',');
                d.push_str(&chart::px(y));
            }
            d.push('Z');
        }
        d
    };
    let active = cx.st.settings.selected.filter(|i| shown.contains(i)).or(shown.first().copied());
    let mut areas: Vec<(usize, Node<Msg>)> = Vec::new();
    let mut hatched: Vec<&str> = Vec::new();
    let mut centre = vec![(0.0, 0.0); cx.ds.icss.len()];
    for b in &cx.ds.boundaries {
        let i = b.ics;
        let mut d = String::new();
        let mut best = (0usize, (0.0, 0.0));
        for ring in &b.rings {
            let (mut sx, mut sy) = (0.0, 0.0);
            for (k, p) in ring.iter().enumerate() {
                let (x, y) = project(p);
                sx += x;
                sy += y;
                d.push(if k == 0 { 'M' } else { 'L' });
                d.push_str(&chart::px(x));
                d.push(',');
                d.push_str(&chart::px(y));
            }
            d.push('Z');
            if ring.len() > best.0 {
                best = (ring.len(), (sx / ring.len() as f64, sy / ring.len() as f64));
            }
        }
        centre[i] = best.1;
        let value = c.rows[i].value.value.filter(|_| cx.r.included[i]);
        let base = value.map_or(chart::LIGHT_GREY, |v| colour(class_of(v)));
        // An estimate is hatched over its class's colour.
        let fill = if value.is_some() && c.rows[i].value.estimate {
            hatched.push(base);
            chart::hatch(base)
        } else {
            base.to_string()
        };
        let selected = cx.st.settings.selected == Some(i);
        let mut path = s("path")
            .attr("d", d)
            .attr("fill", fill)
            .attr("stroke", if selected { chart::TEXT } else { "#ffffff" })
            .attr("stroke-width", if selected { "3" } else { "0.75" })
            .attr("stroke-linejoin", "round");
        if cx.r.included[i] {
            path = Item::new(i, item_label(cx, i)).kind("ics-area").selected(selected).tab_stop(Some(i) == active).tooltip().on(path);
        } else {
            path = path.attr("aria-hidden", "true");
        }
        areas.push((i, path.into()));
    }
    // Draw the selected area last so its outline is on top.
    if let Some(k) = areas.iter().position(|(i, _)| cx.st.settings.selected == Some(*i)) {
        let sel = areas.remove(k);
        areas.push(sel);
    }
    let legend_y = map_h + 24.0;
    let mut legend =
        s("g").class("ics-legend").child(chart::svg_text(10.0, legend_y, ics_data::format::upper_first(&ind.unit)).attr("font-weight", "700"));
    let edges: Vec<f64> = values.first().copied().into_iter().chain(breaks.iter().copied()).chain(values.last().copied()).collect();
    for k in 0..5.min(edges.len().saturating_sub(1)) {
        let y = legend_y + 20.0 * (k + 1) as f64;
        legend = legend
            .child(chart::rect(10.0, y - 11.0, 16.0, 14.0, colour(k)).attr("stroke", chart::TEXT).attr("stroke-width", "0.5"))
            .child(chart::svg_text(32.0, y, format!("{} to {}", format::number(edges[k], ind.decimals), format::number(edges[k + 1], ind.decimals))));
    }
    let y = legend_y + 20.0 * 6.0;
    legend = legend
        .child(chart::rect(10.0, y - 11.0, 16.0, 14.0, chart::LIGHT_GREY).attr("stroke", chart::TEXT).attr("stroke-width", "0.5"))
        .child(chart::svg_text(32.0, y, if cx.r.comparison.filtered.is_some() { "No data, or not among the ICSs shown" } else { "No data" }));
    let mut y = y;
    if cx.st.settings.selected.is_some_and(|i| shown.contains(&i)) {
        legend = legend
            .child(chart::rect(10.0, y + 9.0, 16.0, 14.0, "#ffffff").attr("stroke", chart::TEXT).attr("stroke-width", "3"))
            .child(chart::svg_text(32.0, y + 20.0, "Your ICS (outlined)"));
        y += 20.0;
    }
    if !hatched.is_empty() {
        let (key, _) = chart::legend(&[(chart::Key::Hatch, format!("≈ Estimate: {}", cx.estimate_words()))], 8.0, w);
        legend = legend.child(key.attr("transform", format!("translate(0 {})", chart::px(y + 6.0)))).child(chart::hatch_defs(&hatched));
        y += 20.0;
    }
    if let Some(o) = drawn {
        legend = legend
            .child(chart::line(10.0, y + 16.0, 26.0, y + 16.0, OUTLINE).attr("stroke-width", "1.5").attr("stroke-dasharray", OUTLINE_DASH))
            .child(chart::svg_text(32.0, y + 20.0, format!("Boundaries of the {}", o.name)));
    }
    let mut svg = chart::svg("ics-chart ics-map", w, height)
        .on_leave(Msg::Hover(None))
        .child(group(areas.into_iter().map(|(_, n)| n)))
        .children(drawn.map(|_| {
            // Not interactive: pointer events pass through to the areas below, and screen readers skip them
            // (the legend and the text alternative say what they are).
            s("g")
                .class("ics-outlines")
                .attr("aria-hidden", "true")
                .attr("pointer-events", "none")
                .attr("fill", "none")
                .attr("stroke", OUTLINE)
                .attr("stroke-width", "1.5")
                .attr("stroke-dasharray", OUTLINE_DASH)
                .attr("stroke-linejoin", "round")
                .children(cx.ds.other_boundaries.iter().map(|b| s("path").class("ics-outline").attr("d", ring_path(&b.rings)).into()))
                .into()
        }))
        .child(legend);
    if let Some(i) = cx.hover().filter(|i| shown.contains(i)) {
        svg = svg.child(chart::tooltip(centre[i].0, centre[i].1, w, &tip_lines(cx, i)));
    }
    content.chart = Some(Chart {
        svg,
        width: w,
        height,
        description: match cx.scope() {
            Some(s) => format!(
                "Map of England's ICSs with the {} {s} shaded by {} in five classes, the others grey; the table below lists every value.",
                shown.len(),
                ind.name
            ),
            None => format!("Map of England's 42 ICSs shaded by {} in five classes; the table below lists every value.", ind.name),
        } + if hatched.is_empty() { "" } else { " Hatched areas' values are estimates." },
    });
    if let (Some(o), Some(ch)) = (drawn, content.chart.as_mut()) {
        ch.description.push_str(&format!(" Dashed dark lines over it: the boundaries of the {}, for comparison.", o.name));
    }
    if let Some(o) = outlines {
        content.controls.push(checkbox("ics-map-outlines", &format!("Show {} boundaries as outlines", o.period), cx.st.settings.outlines, |_| {
            Msg::ToggleOutlines
        }));
    }
    let d = ind.decimals;
    let estimates = cx.has_estimates();
    content.notes.extend(no_data_note(cx));
    content.notes.extend(estimates_note(cx));
    let flagged: Vec<&ics_engine::values::FlagNote> = shown.iter().flat_map(|&i| c.rows[i].value.flags.iter()).collect();
    content.notes.extend(flag_notes(cx, &flagged));
    content.table = Some(DataTable {
        id: "ics-table-map",
        caption: format!("{} ({}), {}, by ICS, with map class{}", ind.name, ind.unit, cx.period(), super::notes::hidden_estimates_caption(cx)),
        columns: [col("ICS", false), col("NHS region", false), col(&format!("Value ({})", ind.unit), true)]
            .into_iter()
            .chain(estimates.then(|| col(ESTIMATE, false)))
            .chain([col("Class (1 = lowest)", true)])
            .collect(),
        rows: shown
            .iter()
            .map(|&i| {
                let v = c.rows[i].value.value;
                Row {
                    cells: [
                        Cell::text(cx.name(i)),
                        Cell::text(cx.ds.regions[cx.ds.icss[i].region].name.clone()),
                        Cell::estimated(v, d, c.rows[i].value.estimate),
                    ]
                    .into_iter()
                    .chain(estimates.then(|| Cell::estimate_flag(c.rows[i].value.estimate)))
                    .chain([Cell::num(v.map(|v| (class_of(v) + 1) as f64), 0)])
                    .collect(),
                    ics: Some(i),
                    class: "",
                }
            })
            .collect(),
        sortable: true,
    });
    content
}
