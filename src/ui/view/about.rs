//! About the data: every source with its period, licence, route and caveats; every indicator's metadata; the
//! indicators that could not be sourced; and the Open Government Licence attribution. All generated from the
//! dataset.

use super::super::node::{h, Node};
use super::super::table::{col, Cell, DataTable, Row};
use super::super::Msg;
use super::{Content, Ctx};
use crate::dataset::Polarity;
use crate::format;

pub fn content(cx: &Ctx) -> Content {
    let ds = cx.ds;
    let mut c = Content::new("About the data".into(), "indicators".into());
    c.subtitle = format!(
        "ICS Explorer shows {} indicators for England's {} Integrated Care Systems, built from {} published sources. Every figure is computed in your browser from the data listed here; nothing is sent anywhere.",
        ds.indicators.len(),
        ds.icss.len(),
        ds.sources.len()
    );
    c.notes.push(sources(cx));
    c.notes.push(missing(cx));
    c.table = Some(DataTable {
        id: "ics-table-indicators",
        caption: "Every indicator: domain, unit, polarity, periods and sources".into(),
        columns: vec![col("Indicator", false), col("Id", false), col("Domain", false), col("Unit", false), col("Polarity", false), col("Periods", false), col("Definition", false)],
        rows: ds
            .indicators
            .iter()
            .map(|i| {
                let (kind, periods) = cx.st.engine.periods(i);
                let span = match (periods.first(), periods.last()) {
                    (Some(a), Some(b)) if a != b => format!("{} to {}", format::period(kind, a), format::period(kind, b)),
                    (Some(a), _) => format::period(kind, a),
                    _ => String::new(),
                };
                Row {
                    cells: vec![
                        Cell::text(i.name.clone()),
                        Cell::text(i.id.clone()),
                        Cell::text(i.domain.label()),
                        Cell::text(i.unit.clone()),
                        Cell::text(match i.polarity {
                            Polarity::HigherIsBetter => "Higher is better",
                            Polarity::LowerIsBetter => "Lower is better",
                            Polarity::Neutral => "Context",
                        }),
                        Cell::text(span),
                        Cell::text(i.definition.clone()),
                    ],
                    ics: None,
                    class: "",
                }
            })
            .collect(),
        sortable: true,
    });
    c
}

fn sources(cx: &Ctx) -> Node<Msg> {
    let items = cx.ds.sources.iter().map(|s| {
        h("li")
            .class("ics-source")
            .child(h("strong").text(format!("{}: {}", s.publisher, s.dataset)))
            .child(h("span").class("ics-source__meta").text(format!(" {}. {}.", s.period, s.licence)))
            .child(h("span").text(" Published at "))
            .child(h("a").attr("href", s.url.clone()).attr("rel", "noopener noreferrer").text(s.url.clone()))
            .child(h("span").class("ics-source__via").text(format!(". Copied from {}.", s.via)))
            .children(s.caveats.iter().map(|c| h("span").class("ics-source__caveat").text(format!(" {c}")).into()))
            .into()
    });
    h("section")
        .class("ics-subsection ics-provenance")
        .attr("aria-labelledby", "ics-sources-title")
        .child(h("h3").id("ics-sources-title").text("Where the data comes from"))
        .child(h("ul").class("ics-sources").children(items))
        .child(h("p").class("ics-attribution").text(cx.ds.meta.attribution.clone()))
        .into()
}

fn missing(cx: &Ctx) -> Node<Msg> {
    let items = cx.ds.unavailable.iter().map(|u| {
        let subs: Vec<String> = u.substitutes.iter().filter_map(|id| cx.ds.indicator(id)).map(|i| i.name.clone()).collect();
        let instead = if subs.is_empty() { String::from(" Nothing stands in for it.") } else { format!(" Shown instead: {}.", subs.join("; ")) };
        h("li").child(h("strong").text(u.name.clone())).text(format!(" ({}). {}{instead}", u.domain.label(), u.reason)).into()
    });
    h("section")
        .class("ics-subsection")
        .attr("aria-labelledby", "ics-missing-title")
        .child(h("h3").id("ics-missing-title").text("Not available"))
        .child(h("p").text("These indicators are part of a fair comparison of ICSs, but no source for them could be obtained. ICS Explorer does not estimate them."))
        .child(h("ul").class("ics-missing").children(items))
        .into()
}
