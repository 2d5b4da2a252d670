//! The page as pure Rust, in the Elm architecture: one [`State`], one [`Msg`] enum, `update(state, msg)` and
//! `view(state)`, which returns a [`node::Node`] tree.
//!
//! Nothing here touches the browser, so the whole page logic is tested natively; `web` only patches the DOM
//! with the tree and turns DOM events back into messages. Views never compute figures: they ask the engine.

pub mod export;
pub mod node;

use crate::dataset::Dataset;
use crate::engine::query::Query;
use crate::engine::Engine;
use crate::format;
use node::{h, Node};

pub struct State {
    pub engine: Engine,
}

#[derive(Clone, Debug)]
pub enum Msg {}

pub fn update(_state: &mut State, msg: Msg) {
    match msg {}
}

pub fn view(state: &State) -> Node<Msg> {
    let ds = state.engine.dataset();
    let pop = state.engine.query(&Query::new("population")).ok();
    let rows = ds.icss.iter().enumerate().map(|(i, ics)| {
        let value = pop.as_ref().and_then(|r| r.comparison.rows[i].value.value).map(|v| format::number(v, 0)).unwrap_or_else(|| "no data".into());
        h("tr")
            .child(h("th").attr("scope", "row").text(ics.short_name.clone()))
            .child(h("td").text(ds.regions[ics.region].name.clone()))
            .child(h("td").class("num").text(value))
            .into()
    });
    h("main")
        .class("ics-main")
        .child(
            h("table")
                .class("ics-table")
                .id("ics-list")
                .child(h("caption").text(format!("The {} Integrated Care Systems, projected population 2022/23 (NHS England allocations)", ds.icss.len())))
                .child(
                    h("thead").child(
                        h("tr")
                            .child(h("th").attr("scope", "col").text("Integrated Care System"))
                            .child(h("th").attr("scope", "col").text("NHS region"))
                            .child(h("th").attr("scope", "col").class("num").text("Population")),
                    ),
                )
                .child(h("tbody").children(rows)),
        )
        .child(provenance(ds))
        .into()
}

/// Where every figure comes from: each source with its period, licence and caveats; what is missing; the
/// attribution the Open Government Licence requires. Generated from the dataset, never written by hand.
pub fn provenance(ds: &Dataset) -> Node<Msg> {
    let sources = ds.sources.iter().map(|s| {
        h("li")
            .class("ics-source")
            .child(h("strong").text(format!("{}: {}", s.publisher, s.dataset)))
            .child(h("span").class("ics-source__meta").text(format!(" {}. {}.", s.period, s.licence)))
            .child(h("span").class("ics-source__via").text(format!(" Via {}.", s.via)))
            .children(s.caveats.iter().map(|c| h("span").class("ics-source__caveat").text(format!(" {c}")).into()))
            .into()
    });
    let missing = ds.unavailable.iter().map(|u| {
        let subs: Vec<String> = u.substitutes.iter().filter_map(|id| ds.indicator(id)).map(|i| i.name.clone()).collect();
        let instead = if subs.is_empty() { String::from(" Nothing stands in for it.") } else { format!(" Shown instead: {}.", subs.join("; ")) };
        h("li").child(h("strong").text(u.name.clone())).text(format!(" ({}). {}{instead}", u.domain.label(), u.reason)).into()
    });
    h("section")
        .class("ics-provenance")
        .attr("aria-labelledby", "ics-provenance-title")
        .child(h("h2").id("ics-provenance-title").text("Where the data comes from"))
        .child(h("ul").class("ics-sources").children(sources))
        .child(h("h3").text("Not available"))
        .child(h("p").text("These indicators are part of the comparison the brief asks for, but no source for them could be obtained. ICS Explorer does not estimate them."))
        .child(h("ul").class("ics-missing").children(missing))
        .child(h("p").class("ics-attribution").text(ds.meta.attribution.clone()))
        .into()
}
