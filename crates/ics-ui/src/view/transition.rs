//! What changed between the two maps, for one board, in its profile: how a board of April 2026 was formed from
//! the ICBs of July 2022 (or what a July 2022 ICS became), with the share of each one's residents (Census 2021)
//! and neighbourhoods, whether the board's series are exact or estimated because of it, and a table twin. Each
//! other-set name is a button that shows that board on its own map.
//!
//! Everything comes from the frame's links (`Frame::links`), which the dataset builds from the ONS lookup of
//! 2021 neighbourhoods (LSOA 2021) to both sets of boundaries.

use super::Ctx;
use crate::node::{h, Node};
use crate::table::{col, Cell, DataTable, Row};
use crate::Msg;
use ics_data::dataset::Link;
use ics_data::format;
use ics_engine::query::View;

/// The "How this board was formed" (or "What this ICS became") section for area `i`, or None when the page has
/// no other set to compare with.
pub fn section(cx: &Ctx, i: usize) -> Option<Node<Msg>> {
    let ds = cx.ds;
    let other = ds.other_set.as_ref()?;
    let links = ds.links.get(i).filter(|l| !l.is_empty())?;
    let area = &ds.icss[i];
    let later = links.iter().any(|l| l.predecessor);
    let name = area.short_name.as_str();
    let n = |x: u32| format::number(f64::from(x), 0);
    // Other areas of this set that went into the same successor (for a July 2022 ICS), with their shares.
    let partners = |l: &Link| -> Vec<String> {
        (0..ds.icss.len())
            .filter(|&j| j != i)
            .filter_map(|j| {
                ds.links
                    .get(j)?
                    .iter()
                    .find(|o| o.code == l.code)
                    .map(|o| format!("{} of {}", if o.share >= 1.0 { "all" } else { "part" }, ds.icss[j].short_name))
            })
            .collect()
    };
    let unchanged = links.len() == 1 && links[0].share >= 1.0 && links[0].code == area.code && (later || partners(&links[0]).is_empty());
    let recoded = links.iter().find(|l| l.ods == area.ods && l.code != area.code);
    let button = |l: &Link| -> Node<Msg> {
        h("button")
            .attr("type", "button")
            .class("ics-link-button")
            .attr("aria-describedby", "ics-transition-hint")
            .on_click(Msg::ShowArea(other.id.clone(), l.code.clone()))
            .text(l.name.clone())
            .into()
    };
    let how_much = |l: &Link| -> String {
        if l.share >= 1.0 {
            format!("all of it ({} neighbourhoods)", n(l.lsoas))
        } else {
            format!("{}% of its residents ({} neighbourhoods)", format::number(100.0 * l.share, 0), n(l.lsoas))
        }
    };
    let (title, lead) = if later {
        let lead = if unchanged {
            format!("Unchanged since {}: the same area, ONS code ({}) and NHS code ({}).", other.period, area.code, area.ods)
        } else if let Some(r) = recoded {
            let added: Vec<String> =
                links.iter().filter(|l| l.code != r.code).map(|l| format!("{} of {}", if l.share >= 1.0 { "all" } else { "part" }, l.name)).collect();
            let enlarged = if added.is_empty() { String::new() } else { format!(" It was also enlarged with {}. It is made of:", and_list(&added)) };
            format!(
                "Re-coded in {}: its ONS code changed from {} to {}; its NHS code, {}, did not.{enlarged}",
                ds.set.period, r.code, area.code, area.ods
            )
        } else {
            format!("Formed in {} from {} {} ICBs:", ds.set.period, links.len(), other.period)
        };
        ("How this board was formed", lead)
    } else {
        let lead = if unchanged {
            format!("Unchanged in {}: the same area, ONS code ({}) and NHS code ({}).", other.period, area.code, area.ods)
        } else if let Some(r) = recoded {
            format!("Re-coded in {}: its ONS code changed from {} to {}; its NHS code, {}, did not.", other.period, area.code, r.code, area.ods)
        } else if links.len() == 1 {
            format!("In {} it became part of:", other.period)
        } else {
            format!("In {} it was divided between {} ICBs:", other.period, links.len())
        };
        ("What this ICS became", lead)
    };
    let items: Vec<Node<Msg>> = if unchanged {
        Vec::new()
    } else {
        links
            .iter()
            .map(|l| {
                let mut text = format!(": {}", how_much(l));
                if !l.predecessor {
                    let with = partners(l);
                    if !with.is_empty() {
                        text.push_str(&format!(", with {}", and_list(&with)));
                    }
                }
                h("li").child(button(l)).text(text).into()
            })
            .collect()
    };
    let listed = !items.is_empty();
    let partial = links.iter().any(|l| l.share < 1.0);
    let series = if later && partial {
        format!(
            "Because {name} includes part of a {} ICB, its figures published for {} boards (waiting lists, A&E, workforce and others) are estimates: each part's values are its predecessor's, apportioned by the part's share of that predecessor's residents. Figures built from neighbourhoods (deprivation and age) are exact. Each indicator's caveats give the method:",
            other.period, other.period
        )
    } else if later && !unchanged {
        format!(
            "{name} is made of whole {} ICBs, so its counts are their sums and its rates are recomputed from those sums: exact. Scores that cannot be summed, such as the ONS Health Index, are residents-weighted means of its predecessors' and are marked as estimates.",
            other.period
        )
    } else if !later && partial {
        format!(
            "Its figures here are as published for {} boundaries. On the {} map the boards that took parts of it have estimated figures for series published by ICB.",
            ds.set.period, other.period
        )
    } else {
        String::new()
    };
    let series: Option<Node<Msg>> = (!series.is_empty()).then(|| {
        let p = h("p").text(series);
        if later && partial {
            // The caveats are beside the chart in the views that show an indicator's metadata.
            p.text(" ")
                .child(
                    h("button")
                        .attr("type", "button")
                        .class("ics-link-button")
                        .on_click(Msg::SetView(View::Rankings))
                        .text("see “About this indicator” beside the Rankings chart"),
                )
                .text(".")
                .into()
        } else {
            p.into()
        }
    });
    let shares = format!(
        "Shares are of each {} ICB's residents at Census 2021 and its neighbourhoods (LSOA 2021), from the Office for National Statistics' lookup of 2021 neighbourhoods to both sets of boundaries.",
        if later { other.period.as_str() } else { ds.set.period.as_str() }
    );
    let table = DataTable {
        id: "ics-table-transition",
        caption: if later {
            format!("{name}: the {} ICBs it was formed from", other.period)
        } else {
            format!("{name}: the {} ICBs it became part of", other.period)
        },
        columns: vec![
            col(&format!("ICB ({})", other.period), false),
            col("ONS code", false),
            col("NHS code", false),
            col(if later { "Share of that ICB's residents (%)" } else { "Share of this ICS's residents (%)" }, true),
            col("Neighbourhoods (LSOA 2021)", true),
        ],
        rows: links
            .iter()
            .map(|l| Row {
                cells: vec![
                    Cell::text(l.name.clone()),
                    Cell::text(l.code.clone()),
                    Cell::text(l.ods.clone()),
                    Cell::num(Some(100.0 * l.share), 1),
                    Cell::num(Some(f64::from(l.lsoas)), 0),
                ],
                ics: None,
                class: "",
            })
            .collect(),
        sortable: false,
    };
    Some(
        h("section")
            .class("ics-subsection ics-transition")
            .attr("aria-labelledby", "ics-transition-title")
            .child(h("h3").id("ics-transition-title").text(title))
            .child(h("p").text(lead))
            .children(listed.then(|| h("ul").class("ics-transition__list").children(items).into()))
            .children(listed.then(|| {
                h("p")
                    .class("ics-hint")
                    .id("ics-transition-hint")
                    .text(format!("Select a name to see that ICB's profile on the {} map.", other.period))
                    .into()
            }))
            .children(series)
            .children((!unchanged).then(|| h("p").class("ics-hint").text(shares).into()))
            .children((!unchanged).then(|| table.render(None, None)))
            .into(),
    )
}

/// "A", "A and B", "A, B and C".
fn and_list(items: &[String]) -> String {
    match items.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
        _ => items.join(""),
    }
}
