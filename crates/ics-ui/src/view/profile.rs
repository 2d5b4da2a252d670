//! One ICS's profile: every indicator against the spread of ICSs and England (a Fingertips-style spine
//! chart), its deprivation peers with why they are peers, and the variation inside it (its local authorities
//! and sub-ICB locations, its neighbourhoods' national deciles, and gradients across them).

use super::notes::period_notes;
use super::widgets::{checkbox, prompt, select};
use super::{Chart, Content, Ctx};
use crate::chart::{self, Key, Scale};
use crate::node::{h, s, Node};
use crate::table::{col, Cell, DataTable, Row, ESTIMATE};
use crate::Msg;
use ics_data::dataset::{Domain, Polarity};
use ics_data::format;
use ics_engine::aggregate::Level;
use ics_engine::compare::Significance;
use ics_engine::peers::{PeerBasis, PeerSettings, MAX_PEERS};
use ics_engine::profile::SpineRow;

fn in_spine(cx: &Ctx, row: &SpineRow) -> bool {
    let id = &cx.ds.indicators[row.indicator].id;
    cx.st.settings.spine_all || !(id.starts_with("hi_sub_") || id.starts_with("hi_ind_"))
}

pub fn content(cx: &Ctx) -> Content {
    let (Some(i), Some(rows), Some(within)) = (cx.st.settings.selected, &cx.r.profile, &cx.r.within) else {
        let mut c = Content::new("ICS profile".into(), "profile".into());
        c.notes.push(prompt(
            "Choose an ICS",
            "Use “Your ICS” above, or select an ICS in any chart, to see all its indicators, its peers and the variation inside it.",
        ));
        return c;
    };
    let ics = &cx.ds.icss[i];
    let mut c = Content::new(format!("{}: all indicators", ics.short_name), format!("profile-{}", ics.ods));
    c.subtitle = format!(
        "{} ({}, {}). Each indicator at its default period (the latest with unflagged values for at least {} of the {} ICSs), against England and the range of ICSs.",
        ics.name,
        ics.code,
        cx.ds.regions[ics.region].name,
        cx.st.engine.default_threshold(),
        cx.ds.icss.len()
    );
    c.notes.push(populations_note(within));
    // Caveats on this ICS's values, each with the periods of the indicators it was found on.
    let flagged: Vec<(&str, &ics_engine::values::FlagNote)> =
        rows.iter().flat_map(|r| r.value.flags.iter().map(move |f| (r.period.as_str(), f))).collect();
    c.notes.extend(period_notes(cx, &flagged, "Data quality notes for this ICS's values", false));
    c.controls
        .push(checkbox("ics-spine-all", "Show all ONS Health Index subdomains and indicators", cx.st.settings.spine_all, |_| Msg::ToggleSpineAll));
    let shown: Vec<&SpineRow> = rows.iter().filter(|r| in_spine(cx, r)).collect();
    c.notes.extend(estimates_note(cx, &shown));
    c.chart = Some(spine(cx, &shown));
    c.table = Some(spine_table(cx, &shown));
    c.source = Some("Sources: see each indicator in the table and About the data. ICB (July 2022 boundaries)".into());
    // How the board was formed (or what it became), then peers: what people look for on arriving.
    c.lead.extend(super::transition::section(cx, i));
    c.lead.push(peers(cx, i));
    c.extra.push(within_section(cx, within));
    c
}

fn spine(cx: &Ctx, rows: &[&SpineRow]) -> Chart {
    let w = cx.width.min(1000.0);
    // On a phone each indicator's name has a line of its own above its figures and spine.
    let stacked = w < 560.0;
    let name_w = if stacked { 0.0 } else { (w * 0.42).min(380.0) };
    let value_w = if stacked { (w * 0.22).min(90.0) } else { 90.0 };
    let spine_x0 = name_w + 2.0 * value_w;
    let spine = Scale::new((0.0, 1.0), (spine_x0 + 8.0, w - 10.0));
    let names: Vec<Vec<String>> =
        rows.iter().map(|r| chart::wrap(&cx.ds.indicators[r.indicator].name, if stacked { w - 12.0 } else { name_w - 12.0 }, 12.0)).collect();
    let head_h = 28.0;
    let row_h = |k: usize| if stacked { 14.0 * names[k].len() as f64 + 22.0 } else { (13.0 * names[k].len() as f64 + 9.0).max(22.0) };
    let mut keys: Vec<(Key, String)> = [
        (Significance::Better, "Better than England"),
        (Significance::Similar, "Similar"),
        (Significance::Worse, "Worse"),
        (Significance::Higher, "Higher (context)"),
        (Significance::Lower, "Lower (context)"),
        (Significance::NotCompared, "Not compared"),
    ]
    .into_iter()
    .filter(|(sig, _)| rows.iter().any(|r| r.significance == *sig && r.value.value.is_some()))
    .map(|(sig, label)| {
        (Key::Dot(if sig == Significance::NotCompared { chart::MID_GREY } else { chart::significance_colour(sig) }), label.to_string())
    })
    .collect();
    if rows.iter().any(|r| r.value.estimate && r.value.value.is_some()) {
        keys.push((Key::Halo(chart::MID_GREY), format!("≈ Estimate (dashed ring), from {} ICBs: see the indicator's caveats", old_period(cx))));
    }
    keys.push((Key::Fill("#d8dde0"), "Range of the 42 ICSs".into()));
    keys.push((Key::Fill("#aeb7bd"), "Middle half".into()));
    keys.push((Key::Line(chart::TEXT, ""), "England (or the median ICS)".into()));
    let (legend, legend_h) = chart::legend(&keys, 6.0, w);
    let header_y = legend_h + 22.0;
    let top = header_y + 14.0;
    let mut y = top;
    let mut g = s("g")
        .child(legend)
        .child(chart::svg_text(name_w + value_w - 6.0, header_y, "Value").attr("text-anchor", "end").attr("font-weight", "700"))
        .child(chart::svg_text(name_w + 2.0 * value_w - 6.0, header_y, "England").attr("text-anchor", "end").attr("font-weight", "700"))
        .child(chart::svg_text(spine.at(0.0), header_y, if stacked { "◀ Worse" } else { "◀ Worse / lower" }).attr("font-weight", "700"))
        .child(
            chart::svg_text(spine.at(1.0), header_y, if stacked { "Better ▶" } else { "Better / higher ▶" })
                .attr("text-anchor", "end")
                .attr("font-weight", "700"),
        );
    let mut last_domain: Option<Domain> = None;
    for (k, r) in rows.iter().enumerate() {
        let ind = &cx.ds.indicators[r.indicator];
        if last_domain != Some(ind.domain) {
            last_domain = Some(ind.domain);
            g = g
                .child(chart::rect(0.0, y + 4.0, w, head_h - 6.0, "#f0f4f5"))
                .child(chart::svg_text(6.0, y + 20.0, ind.domain.label()).attr("font-weight", "700"));
            y += head_h;
        }
        let v = r.value.value;
        let row_h = row_h(k);
        // The figures' line: beside the name, or under it on a phone.
        let fy = if stacked { y + row_h - 22.0 } else { y + (row_h - 22.0) / 2.0 };
        let mid = fy + 11.0;
        let (first, step) = if stacked { (y + 13.0, 14.0) } else { (y + (row_h - 13.0 * names[k].len() as f64) / 2.0 + 10.0, 13.0) };
        for (n, line) in names[k].iter().enumerate() {
            g = g.child(chart::svg_text(6.0, first + step * n as f64, line.clone()));
        }
        g = g.child(chart::svg_text(name_w + value_w - 6.0, fy + 15.0, spine_value(cx, r)).attr("text-anchor", "end")).child(
            chart::svg_text(
                name_w + 2.0 * value_w - 6.0,
                fy + 15.0,
                r.england.map(|x| format::number(x, ind.decimals)).unwrap_or_else(|| "–".into()),
            )
            .attr("text-anchor", "end"),
        );
        if let (Some(centre), Some((_, min)), Some((_, max))) = (r.comparator, r.summary.min, r.summary.max) {
            let reach = (min - centre).abs().max((max - centre).abs());
            let dir = if ind.polarity == Polarity::LowerIsBetter { -1.0 } else { 1.0 };
            let pos = |x: f64| if reach > 0.0 { spine.at(0.5 + dir * (x - centre) / (2.0 * reach)) } else { spine.at(0.5) };
            let (a, b) = (pos(min).min(pos(max)), pos(min).max(pos(max)));
            g = g.child(chart::rect(a, mid - 5.0, b - a, 10.0, "#d8dde0"));
            if let (Some(q1), Some(q3)) = (r.summary.q1, r.summary.q3) {
                let (a, b) = (pos(q1).min(pos(q3)), pos(q1).max(pos(q3)));
                g = g.child(chart::rect(a, mid - 5.0, b - a, 10.0, "#aeb7bd"));
            }
            g = g.child(chart::line(spine.at(0.5), mid - 8.0, spine.at(0.5), mid + 8.0, chart::TEXT).attr("stroke-width", "2"));
            if let Some(x) = v {
                let fill = if r.significance == Significance::NotCompared { chart::MID_GREY } else { chart::significance_colour(r.significance) };
                g = g.child(
                    s("circle")
                        .attr("cx", chart::px(pos(x)))
                        .attr("cy", chart::px(mid))
                        .attr("r", "5.5")
                        .attr("fill", fill)
                        .attr("stroke", "#ffffff")
                        .attr("stroke-width", "1.5"),
                );
                if r.value.estimate {
                    g = g.child(chart::halo(pos(x), mid, 5.5));
                }
            }
        }
        g = g.child(chart::line(0.0, y + row_h, w, y + row_h, "#f0f4f5"));
        y += row_h;
    }
    let height = y + 10.0;
    let svg = chart::svg("ics-chart ics-spine", w, height).child(g);
    Chart {
        svg,
        width: w,
        height,
        description: format!(
            "Spine chart of {} indicators. For each, the grey bar spans the 42 ICSs (darker: the middle half), the black line marks England (or the median ICS where England has no value) and the dot this ICS, coloured by its comparison with England; better is always to the right.",
            rows.len()
        ) + &match rows.iter().filter(|r| r.value.estimate && r.value.value.is_some()).count() {
            0 => String::new(),
            1 => " 1 value is an estimate (marked ≈, in a dashed ring).".into(),
            n => format!(" {n} values are estimates (marked ≈, in dashed rings)."),
        },
    }
}

/// The period of the boards estimates come from ("July 2022").
fn old_period<'a>(cx: &Ctx<'a>) -> &'a str {
    cx.ds.shipped().other_set.as_ref().map_or("July 2022", |o| o.period.as_str())
}

/// A spine row's value as drawn: "≈ 91.2" for an estimate, "hidden" for one hidden, "–" for none.
fn spine_value(cx: &Ctx, r: &SpineRow) -> String {
    let d = cx.ds.indicators[r.indicator].decimals;
    match r.value.value {
        Some(x) if r.value.estimate => format!("≈ {}", format::number(x, d)),
        Some(x) => format::number(x, d),
        None if r.value.estimate && cx.st.settings.filters.hide_estimates => "hidden".into(),
        None => "–".into(),
    }
}

/// Which of the ICS's values are estimates (or hidden for being estimates).
fn estimates_note(cx: &Ctx, rows: &[&SpineRow]) -> Option<Node<Msg>> {
    let n = rows.iter().filter(|r| r.value.estimate).count();
    if n == 0 {
        return None;
    }
    let old = old_period(cx);
    let values = if n == 1 { "1 of the values shown is an estimate".to_string() } else { format!("{n} of the values shown are estimates") };
    let text = if cx.st.settings.filters.hide_estimates {
        format!("{values} from {old} ICBs, so they are hidden; estimated values of other ICSs are left out of the ranges and ranks too. Untick “Hide estimated values” under Filter the ICSs shown to show them.")
    } else {
        format!("{values} from {old} ICBs: counts apportioned by residents, and scores that cannot be added up (the Health Index) as population-weighted means. They are marked ≈ with a dashed ring, and each indicator's caveats say how it is made. To leave them out, tick “Hide estimated values” under Filter the ICSs shown.")
    };
    Some(h("p").class("ics-callout ics-estimates").child(h("strong").text("≈ Estimates: ")).text(text).into())
}

fn significance_cell(sig: Significance) -> Cell {
    Cell::text(match sig {
        Significance::NotCompared => "Not compared".to_string(),
        s => ics_data::format::upper_first(s.label()),
    })
}

fn spine_table(cx: &Ctx, rows: &[&SpineRow]) -> DataTable {
    let estimates = rows.iter().any(|r| r.value.estimate);
    let body = rows
        .iter()
        .map(|r| {
            let ind = &cx.ds.indicators[r.indicator];
            let (kind, _) = cx.st.engine.periods(ind);
            let d = ind.decimals;
            let mut period = Cell::text(format::period(kind, &r.period));
            period.csv = r.period.clone();
            let value = match r.value.value {
                None if r.value.estimate && cx.st.settings.filters.hide_estimates => {
                    Cell { text: "hidden (estimate)".into(), csv: String::new(), sort: crate::table::SortValue::Missing }
                }
                v => Cell::estimated(v, d, r.value.estimate),
            };
            let mut cells = vec![Cell::text(ind.name.clone()), Cell::text(ind.domain.label()), Cell::text(ind.unit.clone()), period, value];
            cells.extend(estimates.then(|| Cell::estimate_flag(r.value.estimate)));
            cells.extend([
                Cell::num(r.england, d),
                Cell::num(r.summary.min.map(|m| m.1), d),
                Cell::num(r.summary.max.map(|m| m.1), d),
                Cell::num(r.rank.map(|x| x as f64), 0),
                significance_cell(r.significance),
            ]);
            Row { cells, ics: None, class: "" }
        })
        .collect();
    let mut columns = vec![col("Indicator", false), col("Domain", false), col("Unit", false), col("Period", false), col("Value", true)];
    columns.extend(estimates.then(|| col(ESTIMATE, false)));
    columns.extend([
        col("England", true),
        col("Lowest ICS", true),
        col("Highest ICS", true),
        col("Rank of 42", true),
        col("Compared with England", false),
    ]);
    DataTable {
        id: "ics-table-profile",
        caption: format!("{}: every indicator against England and the 42 ICSs", cx.st.settings.selected.map(|i| cx.name(i)).unwrap_or("")),
        columns,
        rows: body,
        sortable: true,
    }
}

fn peers(cx: &Ctx, i: usize) -> Node<Msg> {
    let st = cx.st;
    let bases = [PeerBasis::Core20Score, PeerBasis::Deciles]
        .map(|b| h("option").attr("value", b.key()).attr_if(st.settings.peers.basis == b, "selected", "selected").text(b.label()).into());
    let ks: Vec<Node<Msg>> = (1..=MAX_PEERS)
        .map(|k| h("option").attr("value", k.to_string()).attr_if(st.settings.peers.k == k, "selected", "selected").text(k.to_string()).into())
        .collect();
    let controls = h("div")
        .class("ics-view__controls")
        .child(h("div").class("ics-field").child(h("label").class("ics-label").attr("for", "ics-peer-basis").text("Compare on")).child(select(
            "ics-peer-basis",
            st.settings.peers.basis.key(),
            |v| Msg::SetPeerBasis(PeerBasis::from_key(&v).unwrap_or_default()),
            Vec::from(bases),
        )))
        .child(h("div").class("ics-field").child(h("label").class("ics-label").attr("for", "ics-peer-k").text("Number of peers")).child(select(
            "ics-peer-k",
            &st.settings.peers.k.to_string(),
            |v| Msg::SetPeerK(v.parse().unwrap_or(PeerSettings::default().k)),
            ks,
        )))
        .child(checkbox("ics-peer-logpop", "Also match on population size", st.settings.peers.log_population, |_| Msg::TogglePeerLogPopulation))
        .child(checkbox("ics-peer-region", "Prefer the same NHS region", st.settings.peers.region, |_| Msg::TogglePeerRegion));
    let Some(p) = &cx.r.peers else {
        return h("section").class("ics-subsection").child(h("h3").text("Peers")).child(controls).into();
    };
    let unit = |label: &str| if label.starts_with('%') || label.contains("(%)") || label.starts_with("Core20") { "%" } else { "" };
    // The two features that set a peer apart most, with both ICSs' values.
    let why = |x: &ics_engine::peers::Peer| -> String {
        let idx = ics_data::sort::order(x.contributions.len(), &|a, b| x.contributions[b].total_cmp(&x.contributions[a]));
        let total: f64 = x.contributions.iter().sum();
        let parts: Vec<String> = idx
            .iter()
            .take(2)
            .filter(|&&k| x.contributions[k] > 0.0)
            .map(|&k| {
                let f = &p.features[k];
                let share = if total > 0.0 { 100.0 * x.contributions[k] / total } else { 0.0 };
                if f.sd.is_finite() {
                    format!(
                        "{}: {}{u} vs {}{u} ({}% of the distance)",
                        f.label,
                        format::number(x.values[k], 1),
                        format::number(p.values[k], 1),
                        format::number(share, 0),
                        u = unit(&f.label)
                    )
                } else {
                    format!("{} ({}% of the distance)", f.label, format::number(share, 0))
                }
            })
            .collect();
        if parts.is_empty() {
            "Almost identical profile".to_string()
        } else {
            parts.join("; ")
        }
    };
    let value = |k: usize| cx.r.comparison.rows[k].value.value;
    let rows = p
        .peers
        .iter()
        .map(|x| Row {
            cells: vec![
                Cell::text(cx.name(x.ics)),
                Cell::text(cx.ds.regions[cx.ds.icss[x.ics].region].name.clone()),
                Cell::num(Some(x.distance), 2),
                Cell::num(Some(100.0 * (1.0 - x.scaled)), 0),
                Cell::estimated(value(x.ics), cx.ind.decimals, cx.r.comparison.rows[x.ics].value.estimate),
                Cell::text(why(x)),
            ],
            ics: Some(x.ics),
            class: "",
        })
        .collect();
    let table = DataTable {
        id: "ics-table-peers",
        caption: format!("The {} ICSs most similar to {} in deprivation", p.peers.len(), cx.name(i)),
        columns: vec![
            col("Peer", false),
            col("NHS region", false),
            col("Distance", true),
            col("Similarity (0–100)", true),
            col(&format!("{}, {} ({}: {})", cx.ind.name, cx.period(), cx.name(i), cx.value_of(&cx.r.comparison.rows[i].value)), true),
            col("Largest differences (peer vs this ICS)", false),
        ],
        rows,
        sortable: false,
    };
    let other = match st.settings.peers.basis {
        PeerBasis::Core20Score => PeerBasis::Deciles,
        PeerBasis::Deciles => PeerBasis::Core20Score,
    };
    let next = p.next.as_ref().map(|x| {
        h("p")
            .class("ics-hint")
            .text(format!(
                "Just outside the {}: {} (similarity {}), set apart by {}. Peers on another basis may differ: try “{}”.",
                p.peers.len(),
                cx.name(x.ics),
                format::number(100.0 * (1.0 - x.scaled), 0),
                why(x),
                other.label()
            ))
            .into()
    });
    h("section")
        .class("ics-subsection ics-peers")
        .attr("aria-labelledby", "ics-peers-title")
        .child(h("h3").id("ics-peers-title").text(format!("Peers: ICSs with deprivation like {}", cx.name(i))))
        .child(controls)
        .child(h("p").text(p.method.clone()))
        .child(h("p").class("ics-hint").text("Similarity = 100 × (1 − distance ÷ distance to the least similar ICS). Peers are marked ◆ in the other views; “Only your ICS and its peers” under Filter the ICSs shown keeps just them."))
        .child(table.render(None, None))
        .children(next)
        .into()
}

fn within_section(cx: &Ctx, w: &ics_engine::within::Within) -> Node<Msg> {
    let total_pop = w.population.max(1.0);
    let width = cx.width.min(600.0);
    let (left, bottom, top, height) = (44.0, 34.0, 10.0, 170.0);
    let max = w.decile_population.iter().fold(0.0f64, |m, &x| m.max(100.0 * x / total_pop)).max(10.0);
    let y = Scale::new((0.0, max * 1.1), (height - bottom, top));
    let bw = (width - left - 10.0) / 10.0;
    let mut g = chart::svg("ics-chart", width, height)
        .attr("role", "img")
        .attr("aria-label", "Bar chart of the share of residents in each national IMD decile; the table below gives the values.");
    for t in chart::ticks(0.0, max * 1.1, 4) {
        g = g
            .child(chart::line(left, y.at(t), width - 10.0, y.at(t), chart::LIGHT_GREY))
            .child(chart::svg_text(left - 6.0, y.at(t) + 4.0, format!("{}%", format::number(t, 0))).attr("text-anchor", "end"));
    }
    for d in 0..10 {
        let share = 100.0 * w.decile_population[d] / total_pop;
        let x = left + bw * d as f64;
        g = g
            .child(chart::rect(x + 3.0, y.at(share), bw - 6.0, y.at(0.0) - y.at(share), chart::SEQUENTIAL_10[d]))
            .child(chart::svg_text(x + bw / 2.0, height - bottom + 16.0, (d + 1).to_string()).attr("text-anchor", "middle"));
    }
    g = g.child(chart::svg_text(left, height - 4.0, "National IMD decile (1 = most deprived); dashed: England's 10%").attr("fill", chart::MID_GREY));
    g = g.child(chart::line(left, y.at(10.0), width - 10.0, y.at(10.0), chart::TEXT).attr("stroke-dasharray", "4 3"));
    let deciles = DataTable {
        id: "ics-table-deciles",
        caption: format!("{}'s neighbourhoods and residents by national IMD 2019 decile", cx.st.settings.selected.map(|i| cx.name(i)).unwrap_or("")),
        columns: vec![
            col("Decile (1 = most deprived)", true),
            col("Neighbourhoods (LSOAs)", true),
            col("Residents (mid-2020)", true),
            col("% of residents", true),
        ],
        rows: (0..10)
            .map(|d| Row {
                cells: vec![
                    Cell::num(Some((d + 1) as f64), 0),
                    Cell::num(Some(w.decile_lsoas[d]), 0),
                    Cell::num(Some(w.decile_population[d]), 0),
                    Cell::num(Some(100.0 * w.decile_population[d] / total_pop), 1),
                ],
                ics: None,
                class: "",
            })
            .collect(),
        sortable: false,
    };
    let level_name = |l: Level| match l {
        Level::Utla => "Upper-tier LA",
        Level::Ltla => "Lower-tier LA",
        _ => "Sub-ICB location",
    };
    let areas = DataTable {
        id: "ics-table-areas",
        caption: "Local authorities and sub-ICB locations inside this ICS (only the parts inside it)".into(),
        columns: vec![
            col("Area", false),
            col("Type", false),
            col("Residents inside", true),
            col("% of ICS residents", true),
            col("% of the area inside the ICS", true),
            col("Core20 (%)", true),
            col("Average IMD score", true),
        ],
        rows: w
            .areas
            .iter()
            .map(|a| Row {
                cells: vec![
                    Cell::text(a.name.clone()),
                    Cell::text(level_name(a.level)),
                    Cell::num(Some(a.population), 0),
                    Cell::num(Some(a.share_of_ics), 1),
                    match a.share_inside {
                        Some(x) => Cell::num(Some(x), 0),
                        None => Cell::text("not applicable"),
                    },
                    Cell::num(Some(a.core20_pop_share), 1),
                    Cell::num(Some(a.imd_score_mean), 1),
                ],
                ics: None,
                class: "",
            })
            .collect(),
        sortable: true,
    };
    let gradient = DataTable {
        id: "ics-table-inequality",
        caption: "Gradients across the ICS's local deprivation deciles, from its most to its least deprived tenth of neighbourhoods".into(),
        columns: vec![
            col("Measure", false),
            col("Most deprived tenth (local decile 1)", true),
            col("Least deprived tenth (local decile 10)", true),
            col("Slope index of inequality (percentage points)", true),
            col("Modelled, most deprived end", true),
            col("Modelled, least deprived end", true),
            col("Relative index", true),
            col("Notes", false),
        ],
        rows: w
            .inequality
            .iter()
            .map(|q| {
                let ends = q.modelled_ends;
                Row {
                    cells: vec![
                        Cell::text(format!("{} ({})", q.variable, q.unit)),
                        Cell::num(q.by_decile[0], 1),
                        Cell::num(q.by_decile[9], 1),
                        Cell::num(q.sii, 1),
                        Cell::num(ends.map(|e| e[0]), 1),
                        Cell::num(ends.map(|e| e[1]), 1),
                        Cell::num(q.rii, 2),
                        Cell::text(inequality_note(q)),
                    ],
                    ics: None,
                    class: "",
                }
            })
            .collect(),
        sortable: false,
    };
    h("section")
        .class("ics-subsection")
        .attr("aria-labelledby", "ics-within-title")
        .child(h("h3").id("ics-within-title").text("Variation inside the ICS"))
        .child(h("p").text("Where the ICS's residents live on England's deprivation scale, and how its places differ. National deciles: decile 1 is England's most deprived 10% of neighbourhoods."))
        .child(g)
        .child(deciles.render(None, None))
        .child(h("p").class("ics-hint").text("Sub-ICB locations are named by the upper-tier local authorities where at least a tenth of their residents live, then their NHS code. Sort the table by any column."))
        .child(areas.render(cx.st.sort, None))
        .child(h("p").class("ics-hint").text("Gradients use local deciles: the ICS's own neighbourhoods ranked by IMD 2019 (most deprived first) and cut into ten groups with equal numbers of neighbourhoods, so every group has residents. This differs from the national deciles above. Slope index of inequality (Public Health England's method): a straight line fitted across the ten groups, weighted by their residents; the SII is the gap between its most and least deprived ends, in percentage points; positive means higher (for deprivation rates, worse) in more deprived areas. Relative index: the modelled most deprived end divided by the least deprived end. It is not shown where an end is zero or below (PHE's rule) or too close to zero to divide by (its 95% confidence interval includes zero)."))
        .child(gradient.render(None, None))
        .into()
}

/// Why a gradient has no SII or RII, in words; empty when it has both.
fn inequality_note(q: &ics_engine::within::Inequality) -> String {
    use ics_engine::stats::{End, RelativeIndexProblem, SlopeIndexProblem};
    let end = |e: End| if e == End::LeastDeprived { "least deprived" } else { "most deprived" };
    if let Some(p) = q.sii_problem {
        return match p {
            SlopeIndexProblem::Groups { groups } => format!("Not calculated: {groups} groups; the method needs 5 to 100."),
            SlopeIndexProblem::NoResidents { usable, groups } => format!("Not calculated: {usable} of {groups} local deciles have residents; the method needs residents in every decile, and at least 5 deciles."),
            SlopeIndexProblem::MissingValues { usable, groups } => format!("Not calculated: {usable} of {groups} local deciles have a value; the method needs a value in every decile."),
            SlopeIndexProblem::NegativeValues { negative, groups } => format!("Not calculated: {negative} of {groups} local deciles have a value below zero; the method needs values of zero or more."),
            SlopeIndexProblem::NoGradient => "Not calculated: the deciles do not spread across the deprivation scale.".into(),
        };
    }
    match q.rii_problem {
        Some(RelativeIndexProblem::NotPositive { end: e, value }) => format!("No relative index: the fitted line reaches {} at the {} end, and a ratio needs both ends above zero.", format::number(value, 1), end(e)),
        Some(RelativeIndexProblem::NearZero { end: e, value, lower, upper }) => format!(
            "No relative index: the fitted line's value at the {} end, {} (95% interval {} to {}), is too close to zero to divide by; the values do not fall in a straight line across the deciles. Read the slope index instead.",
            end(e),
            format::number(value, 1),
            format::number(lower, 1),
            format::number(upper, 1)
        ),
        None => String::new(),
    }
}

/// The ICS's two population figures, what each counts and why they differ.
fn populations_note(w: &ics_engine::within::Within) -> Node<Msg> {
    let p = &w.populations;
    let n = |x: f64| format::number(x, 0);
    let mut items: Vec<Node<Msg>> = vec![h("li")
        .child(h("strong").text(format!("{} residents (mid-2020)", n(p.residents))))
        .text(format!(
            ": ONS estimates for the {} neighbourhoods (LSOAs) in the ICS. The base of the deprivation, age and within-ICS figures.",
            n(f64::from(w.lsoas))
        ))
        .into()];
    if let Some(proj) = p.projected {
        let registered =
            p.registered.map(|r| format!(", from {} patients registered with its GP practices in October 2021", n(r))).unwrap_or_default();
        items.push(
            h("li")
                .child(h("strong").text(format!("{} people, projected for 2022/23", n(proj))))
                .text(format!(
                    ": NHS England's allocations population{registered}. The denominator of the per-head rates (per 1,000 and per 100,000 people)."
                ))
                .into(),
        );
    }
    let why = match p.excess() {
        (Some(ics), Some(england)) => format!(
            "The projection is {}% {} than the resident estimate (England: {}%). They count different things: GP lists include people registered here who live elsewhere or have moved away and are still on a list, practices are assigned to the ICB whole, and the projection is two years later.",
            format::number(ics.abs(), 1),
            if ics >= 0.0 { "higher" } else { "lower" },
            format::number(england, 1)
        ),
        _ => "The two figures count different things: people living in the ICS, and people registered with its GP practices.".into(),
    };
    h("div").class("ics-callout").child(h("h3").text("Two population figures")).child(h("ul").children(items)).child(h("p").text(why)).into()
}
