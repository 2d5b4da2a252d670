//! The deprivation view's "IMD 2019 vs IMD 2025": each of the 42 ICSs of July 2022 with its share of residents
//! in England's most deprived fifth of neighbourhoods (Core20) and its rank among the 42 in both editions, as a
//! dumbbell chart (hollow dot 2019, filled dot 2025) with the ranks beside it, and a table twin. MHCLG's caution
//! is said in words: editions compare as relative positions, not as changes in absolute deprivation.
//!
//! The figures are made in `update` (see `ui::editions`), from an engine per edition; this module only draws
//! them. Under today's map the comparison is still of the 42 (IMD 2019 has no lookup to the April 2026
//! boundaries): the predecessors of your ICB are marked.

use super::item::{group, Item};
use super::{Chart, Content, Ctx};
use crate::chart::{self, Key, Scale};
use crate::editions::{Compared, EditionChange, EditionRow};
use crate::node::{h, s, Node};
use crate::table::{col, Cell, DataTable, Row, SortValue};
use crate::Msg;
use ics_data::format;

/// The comparison's content, with the deprivation view's controls (`controls`).
pub fn content(cx: &Ctx, controls: Vec<Node<Msg>>) -> Content {
    let mut c = Content::new(
        "Residents in England's most deprived fifth of neighbourhoods: IMD 2019 and IMD 2025".into(),
        "deprivation-imd2019-vs-imd2025".into(),
    );
    c.controls = controls;
    let change = match &cx.st.edition_change {
        Some(Compared::Ready(change)) => change,
        Some(Compared::Failed(why)) => {
            c.notes
                .push(h("div").class("ics-error").attr("role", "alert").child(h("p").text(format!("The comparison cannot be shown: {why}."))).into());
            return c;
        }
        Some(Compared::Loading(id)) => {
            let name = if id == "imd2019" { "IMD 2019" } else { id.as_str() };
            c.notes.push(h("p").class("ics-loading").attr("role", "status").text(format!("Loading {name}…")).into());
            return c;
        }
        None => {
            c.notes.push(h("p").class("ics-loading").attr("role", "status").text("Loading…").into());
            return c;
        }
    };
    let [old, new] = &change.sides;
    let n = change.rows.len();
    c.title = format!("Residents in England's most deprived fifth of neighbourhoods: {} and {}, {}", old.short, new.short, change.set_name);
    c.subtitle = format!(
        "Core20: the share of each ICS's residents living in England's most deprived 20% of neighbourhoods, and its rank among the {n} (1 = the largest share), in each edition. Ordered by {}.",
        new.short
    );
    let today = cx.ds.area_set != 0;
    // The areas to mark: your ICS (July 2022 map) or your ICB's predecessors (today's map).
    let mark: Vec<&str> = match cx.st.settings.selected {
        Some(i) if today => cx.ds.links.get(i).map(|l| l.iter().map(|x| x.code.as_str()).collect()).unwrap_or_default(),
        Some(i) => vec![cx.ds.icss[i].code.as_str()],
        None => vec![],
    };
    let symbol = if today { "◆" } else { "▶" };
    c.chart = Some(dumbbell(cx, change, &mark, symbol));
    c.table = Some(table(cx, change));
    let caution = format!(
        "MHCLG advises that the Indices of Deprivation compare between editions as relative positions (ranks and deciles), not as changes in absolute deprivation. An ICS moving down the ranking has not necessarily become less deprived: neighbourhoods elsewhere may have moved past its own. The two editions also use different neighbourhoods ({} for {}, {} for {}) and populations ({} estimates, {}), and some of their indicators and methods differ.",
        old.lsoa, old.short, new.lsoa, new.short, old.population, new.population
    );
    let mut callout = h("div").class("ics-callout").child(h("h3").text("Comparing editions")).child(h("p").text(caution));
    if today {
        let yours = cx.st.settings.selected.map(|i| format!(" {symbol} marks the predecessors of {}.", cx.name(i))).unwrap_or_default();
        callout = callout.child(h("p").text(format!(
            "This comparison is of the {}, not today's {} ICBs: {} is published for {} neighbourhoods, which have a lookup only to the July 2022 boundaries.{yours}",
            change.set_name,
            cx.ds.icss.len(),
            old.short,
            old.lsoa
        )));
    }
    c.notes.push(callout.into());
    let mut sources: Vec<&str> = Vec::new();
    for s in old.sources.iter().chain(&new.sources) {
        if !sources.contains(&s.as_str()) {
            sources.push(s);
        }
    }
    c.source = Some(format!("Sources: {}. {}.", sources.join("; "), change.geography));
    c
}

/// "16 → 30" and its sign.
fn places_text(r: &EditionRow) -> String {
    let rank = |x: Option<usize>| x.map_or("–".to_string(), |x| x.to_string());
    format!("{} → {}", rank(r.rank[0]), rank(r.rank[1]))
}

/// How an ICS moved in words, for its text alternative and the table: "up 13 places", "down 14 places".
fn moved(places: Option<i64>) -> String {
    match places {
        None => "no rank in one edition".into(),
        Some(0) => "same rank".into(),
        Some(p) => format!("{} {} place{}", if p > 0 { "up" } else { "down" }, p.abs(), if p.abs() == 1 { "" } else { "s" }),
    }
}

fn dumbbell(cx: &Ctx, change: &EditionChange, mark: &[&str], symbol: &'static str) -> Chart {
    let [old, new] = &change.sides;
    let w = cx.width.min(1000.0);
    let stacked = w < 560.0;
    let label_w = if stacked { 4.0 } else { (w * 0.34).min(260.0) };
    let rank_w = 96.0;
    let today = cx.ds.area_set != 0;
    let max = change.rows.iter().flat_map(|r| r.share.iter().flatten()).fold(0.0f64, |m, &x| m.max(x));
    let ticks = chart::ticks(0.0, max.max(10.0), 6);
    let top_tick = ticks.last().copied().unwrap_or(10.0).max(max);
    let x = Scale::new((0.0, top_tick), (label_w + 6.0, w - rank_w - 10.0));
    // England first, then the ICSs.
    let england = EditionRow {
        code: String::new(),
        ods: String::new(),
        name: "England".into(),
        share: [old.england, new.england],
        population: [None, None],
        rank: [None, None],
        places: None,
        points: None,
    };
    let all: Vec<&EditionRow> = std::iter::once(&england).chain(change.rows.iter()).collect();
    let names: Vec<Vec<String>> = all
        .iter()
        .map(|r| {
            let m = if mark.contains(&r.code.as_str()) { format!("{symbol} ") } else { String::new() };
            chart::wrap(&format!("{m}{}", r.name), if stacked { w - 8.0 } else { label_w - 12.0 }, 12.0)
        })
        .collect();
    let row_h = |k: usize| if stacked { 14.0 * names[k].len() as f64 + 18.0 } else { (13.0 * names[k].len() as f64 + 7.0).max(20.0) };
    let mut keys: Vec<(Key, String)> = vec![
        (Key::Hollow(""), format!("{} ({} residents, {})", old.short, old.population, old.lsoa)),
        (Key::Dot(chart::DARK_BLUE), format!("{} ({} residents, {})", new.short, new.population, new.lsoa)),
    ];
    if !mark.is_empty() {
        keys.push((Key::Symbol(symbol), if today { "Predecessor of your ICB".into() } else { "Your ICS".into() }));
    }
    let (legend, legend_h) = chart::legend(&keys, 6.0, w);
    // The axis's title, wrapped beside the rank column's heading.
    let title = chart::wrap("% of residents in England's most deprived 20% of neighbourhoods", w - rank_w - 16.0 - x.at(0.0), 12.0);
    let title_y = legend_h + 20.0;
    let axis_y = title_y + 14.0 * title.len() as f64 + 4.0;
    let top = axis_y + 8.0;
    let height = top + (0..all.len()).map(row_h).sum::<f64>() + 8.0;
    let mut g = s("g")
        .child(legend.attr("transform", "translate(0 4)"))
        .children(
            title
                .iter()
                .enumerate()
                .map(|(k, line)| chart::svg_text(x.at(0.0), title_y + 14.0 * k as f64, line.clone()).attr("fill", chart::MID_GREY).into()),
        )
        .child(chart::svg_text(w - 10.0, title_y, format!("Rank of {}", change.rows.len())).attr("text-anchor", "end").attr("font-weight", "700"));
    for t in &ticks {
        g = g
            .child(chart::line(x.at(*t), top, x.at(*t), height - 8.0, chart::LIGHT_GREY))
            .child(chart::svg_text(x.at(*t), axis_y, format::number(*t, chart::tick_decimals(&ticks))).attr("text-anchor", "middle"));
    }
    let here = |r: &EditionRow| if today { None } else { cx.ds.ics_index(&r.code) };
    let active = all.iter().filter_map(|r| here(r)).find(|i| cx.st.settings.selected == Some(*i)).or_else(|| change.rows.first().and_then(&here));
    let mut y0 = top;
    let rows: Vec<Node<Msg>> = all
        .iter()
        .enumerate()
        .map(|(k, r)| {
            let (y, rh) = (y0, row_h(k));
            y0 += rh;
            let mid = if stacked { y + rh - 9.0 } else { y + rh / 2.0 };
            let bold = k == 0 || mark.contains(&r.code.as_str());
            let labels = names[k].iter().enumerate().map(|(n, line)| {
                let t = if stacked {
                    chart::svg_text(label_w, y + 12.0 + 14.0 * n as f64, line.clone())
                } else {
                    chart::svg_text(label_w - 8.0, y + (rh - 13.0 * names[k].len() as f64) / 2.0 + 10.0 + 13.0 * n as f64, line.clone())
                        .attr("text-anchor", "end")
                };
                t.attr("aria-hidden", "true").attr_if(bold, "font-weight", "700").into()
            });
            let mut item = s("g");
            if let Some(i) = (k > 0).then(|| here(r)).flatten() {
                item = Item::new(i, row_label(change, r)).selected(cx.st.settings.selected == Some(i)).tab_stop(Some(i) == active).on(item);
            }
            // A hit area the height of the row, so the whole row can be pointed at.
            item = item.child(chart::rect(0.0, y, w, rh, "transparent").class("ics-item__hit"));
            if let (Some(a), Some(b)) = (r.share[0], r.share[1]) {
                item = item.child(chart::line(x.at(a), mid, x.at(b), mid, chart::MID_GREY).attr("stroke-width", "2"));
            }
            if let Some(b) = r.share[1] {
                item =
                    item.child(s("circle").attr("cx", chart::px(x.at(b))).attr("cy", chart::px(mid)).attr("r", "5").attr("fill", chart::DARK_BLUE));
            }
            if let Some(a) = r.share[0] {
                item = item.child(
                    s("circle")
                        .attr("cx", chart::px(x.at(a)))
                        .attr("cy", chart::px(mid))
                        .attr("r", "5")
                        .attr("fill", "#ffffff")
                        .attr("stroke", chart::TEXT)
                        .attr("stroke-width", "2"),
                );
            }
            // The ranks are in the item's accessible name, so their text is hidden from screen readers here.
            let ranks = (k > 0).then(|| {
                chart::svg_text(w - 10.0, mid + 4.0, places_text(r))
                    .attr("text-anchor", "end")
                    .attr("aria-hidden", "true")
                    .attr_if(bold, "font-weight", "700")
                    .into()
            });
            s("g").children(labels).children(ranks).child(item).into()
        })
        .collect();
    g = g.child(group(rows));
    let svg = chart::svg("ics-chart ics-dumbbell", w, height).child(g);
    // The largest moves either way, for the text alternative.
    let by = |up: bool| -> Vec<String> {
        let mut idx: Vec<usize> = (0..change.rows.len()).filter(|&k| change.rows[k].places.is_some_and(|p| if up { p > 0 } else { p < 0 })).collect();
        ics_data::sort::indices(&mut idx, &|a, b| {
            let (p, q) = (change.rows[a].places.unwrap_or(0).abs(), change.rows[b].places.unwrap_or(0).abs());
            q.cmp(&p)
        });
        idx.iter().take(3).map(|&k| format!("{} ({})", change.rows[k].name, places_text(&change.rows[k]))).collect()
    };
    let (up, down) = (by(true), by(false));
    let list = |v: &[String]| if v.is_empty() { "none".to_string() } else { v.join(", ") };
    Chart {
        svg,
        width: w,
        height,
        description: format!(
            "Dumbbell chart of the {}: for each, a hollow dot for its share of residents in England's most deprived fifth of neighbourhoods under {} and a filled dot under {}, joined by a line, with its rank among them in each edition (1 = the largest share). Furthest up the ranking (a larger share relative to other ICSs): {}. Furthest down: {}. The table below gives every value.",
            change.set_name,
            old.short,
            new.short,
            list(&up),
            list(&down)
        ),
    }
}

/// A row's text for screen readers: both shares and ranks, and how it moved.
fn row_label(change: &EditionChange, r: &EditionRow) -> String {
    let [old, new] = &change.sides;
    let one = |short: &str, share: Option<f64>, rank: Option<usize>| match (share, rank) {
        (Some(v), Some(k)) => format!("{short} {}% (rank {k})", format::number(v, 1)),
        _ => format!("{short} no data"),
    };
    format!("{}: {}, {}; {}", r.name, one(&old.short, r.share[0], r.rank[0]), one(&new.short, r.share[1], r.rank[1]), moved(r.places))
}

fn table(cx: &Ctx, change: &EditionChange) -> DataTable {
    let [old, new] = &change.sides;
    let today = cx.ds.area_set != 0;
    let places = |p: Option<i64>| match p {
        Some(p) => {
            Cell { text: if p > 0 { format!("+{p}") } else { format::number(p as f64, 0) }, csv: p.to_string(), sort: SortValue::Num(p as f64) }
        }
        None => Cell::num(None, 0),
    };
    let rank = |k: Option<usize>| Cell::num(k.map(|k| k as f64), 0);
    let mut rows: Vec<Row> = change
        .rows
        .iter()
        .map(|r| Row {
            cells: vec![
                Cell::text(r.name.clone()),
                Cell::text(r.code.clone()),
                Cell::num(r.share[0], 1),
                rank(r.rank[0]),
                Cell::num(r.share[1], 1),
                rank(r.rank[1]),
                places(r.places),
                Cell::num(r.points, 1),
                Cell::num(r.population[0], 0),
                Cell::num(r.population[1], 0),
            ],
            ics: if today { None } else { cx.ds.ics_index(&r.code) },
            class: "",
        })
        .collect();
    rows.push(Row {
        cells: vec![
            Cell::text("England"),
            Cell::text(String::new()),
            Cell::num(old.england, 1),
            Cell::text(String::new()),
            Cell::num(new.england, 1),
            Cell::text(String::new()),
            Cell::text(String::new()),
            Cell::num(change.england_points, 1),
            Cell::text(String::new()),
            Cell::text(String::new()),
        ],
        ics: None,
        class: "is-england",
    });
    let n = change.rows.len();
    DataTable {
        id: "ics-table-imd-change",
        caption: format!(
            "Core20 (% of residents in England's most deprived 20% of neighbourhoods) and rank among the {n}, {} and {}, by ICS ({})",
            old.short, new.short, change.set_name
        ),
        columns: vec![
            col("ICS", false),
            col("ONS code", false),
            col(&format!("{}: Core20 (% of {} residents)", old.short, old.population), true),
            col(&format!("{}: rank of {n}", old.short), true),
            col(&format!("{}: Core20 (% of {} residents)", new.short, new.population), true),
            col(&format!("{}: rank of {n}", new.short), true),
            col("Change in rank (+ = up, towards the largest share)", true),
            col("Difference in share (percentage points)", true),
            col(&format!("Residents ({})", old.population), true),
            col(&format!("Residents ({})", new.population), true),
        ],
        rows,
        sortable: true,
    }
}
