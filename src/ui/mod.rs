//! The page as pure Rust, in the Elm architecture: one [`State`], one [`Msg`] enum, `update(state, msg)` and
//! `view(state)`, which returns a [`node::Node`] tree.
//!
//! Nothing here touches the browser, so the whole page logic is tested natively; `web` only patches the DOM
//! with the tree and turns DOM events back into messages. Views never compute figures: they ask the engine.

pub mod node;

use crate::dataset::Dataset;
use crate::format;
use node::{h, Node};

pub struct State {
    pub dataset: Dataset,
}

#[derive(Clone, Debug)]
pub enum Msg {}

pub fn update(_state: &mut State, msg: Msg) {
    match msg {}
}

pub fn view(state: &State) -> Node<Msg> {
    let ds = &state.dataset;
    let pop = ds.measure("projected_population");
    let rows = ds.icss.iter().enumerate().map(|(i, ics)| {
        let value = pop.and_then(|m| m.values[0][i]).map(|v| format::number(v, 0)).unwrap_or_else(|| "no data".into());
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
        .child(h("p").class("ics-attribution").text(ds.meta.attribution.clone()))
        .into()
}
