//! Chart items: the marks of a chart that stand for one ICS (a bar, a point, an area, a row) and can be picked.
//! Every chart draws them through [`Item`], so each is the same widget for pointer, keyboard and screen reader
//! users: a button (`role`, `aria-pressed`, an accessible name) that selects its ICS on click, Enter or Space,
//! shows its tooltip on hover or focus where the chart has one, and sits in a group ([`group`]) whose arrow
//! keys move focus from item to item, with one item in the tab order (a roving tab stop).
//!
//! The attributes the web layer reads back ([`ITEM`], [`ROVING`] and their selectors) are defined here, once,
//! and used by both sides. Marks only: an item's position, shape and words come from the view that draws it,
//! from the engine's results; nothing is computed here.

use crate::node::{s, Element, Node};
use crate::Msg;

/// The attribute every chart item carries (empty): Enter and Space on an element with it act as a click.
pub const ITEM: &str = "data-item";
/// A CSS selector for chart items.
pub const ITEM_SELECTOR: &str = "[data-item]";
/// The attribute of the group whose items the arrow keys, Home and End move between.
pub const ROVING: &str = "data-roving";
/// A CSS selector for such groups.
pub const ROVING_SELECTOR: &str = "[data-roving]";

/// One ICS's mark in a chart, as a widget: which ICS, its accessible name and its state.
pub struct Item {
    ics: usize,
    label: String,
    selected: bool,
    peer: bool,
    tab_stop: bool,
    tooltip: bool,
    kind: Option<&'static str>,
    code: Option<String>,
}

impl Item {
    /// The item of ICS `ics` (a dataset index), named `label` for screen readers (its name, value and what the
    /// chart says of it: what is drawn inside it is hidden from them).
    pub fn new(ics: usize, label: String) -> Item {
        Item { ics, label, selected: false, peer: false, tab_stop: false, tooltip: false, kind: None, code: None }
    }

    /// The user's ICS: `is-selected`, and `aria-pressed="true"`.
    pub fn selected(mut self, yes: bool) -> Item {
        self.selected = yes;
        self
    }

    /// A peer of the user's ICS (`is-peer`, unless it is selected), for charts that mark peers this way.
    pub fn peer(mut self, yes: bool) -> Item {
        self.peer = yes;
        self
    }

    /// The chart's one item in the tab order (`tabindex="0"`; the others have `-1`).
    pub fn tab_stop(mut self, yes: bool) -> Item {
        self.tab_stop = yes;
        self
    }

    /// Hovering or focusing the item opens the chart's tooltip for its ICS.
    pub fn tooltip(mut self) -> Item {
        self.tooltip = true;
        self
    }

    /// A class of its own beside `ics-item` (e.g. `ics-area` for the map's areas).
    pub fn kind(mut self, class: &'static str) -> Item {
        self.kind = Some(class);
        self
    }

    /// The ICS's code as `data-ics`, for charts whose items are found by code.
    pub fn code(mut self, code: String) -> Item {
        self.code = Some(code);
        self
    }

    /// Makes `el` (the item's SVG element, with any attributes it already has) this item.
    pub fn on(self, el: Element<Msg>) -> Element<Msg> {
        let state = if self.selected {
            " is-selected"
        } else if self.peer {
            " is-peer"
        } else {
            ""
        };
        let class = match self.kind {
            Some(k) => format!("ics-item {k}{state}"),
            None => format!("ics-item{state}"),
        };
        let mut el = el.class(class).attr(ITEM, "");
        if let Some(code) = self.code {
            el = el.attr("data-ics", code);
        }
        let el = el
            .attr("tabindex", if self.tab_stop { "0" } else { "-1" })
            .attr("role", "button")
            .attr("aria-pressed", if self.selected { "true" } else { "false" })
            .attr("aria-label", self.label)
            .on_click(Msg::Pick(self.ics));
        if self.tooltip {
            el.on_hover(Msg::Hover(Some(self.ics)))
        } else {
            el
        }
    }
}

/// The group of a chart's items, between which the arrow keys move focus.
pub fn group(items: impl IntoIterator<Item = Node<Msg>>) -> Element<Msg> {
    s("g").attr(ROVING, "").children(items)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_item_is_a_button_that_picks_its_ics_and_the_selectors_name_the_attributes() {
        assert_eq!((ITEM_SELECTOR, ROVING_SELECTOR), (format!("[{ITEM}]").as_str(), format!("[{ROVING}]").as_str()));
        let cases = [
            (Item::new(3, "A: 1%".into()), "<g class=\"ics-item\" data-item=\"\" tabindex=\"-1\" role=\"button\" aria-pressed=\"false\" aria-label=\"A: 1%\"/>"),
            (
                Item::new(3, "A".into()).selected(true).peer(true).tab_stop(true).kind("ics-area"),
                "<g class=\"ics-item ics-area is-selected\" data-item=\"\" tabindex=\"0\" role=\"button\" aria-pressed=\"true\" aria-label=\"A\"/>",
            ),
            (
                Item::new(3, "A".into()).peer(true).code("QOP".into()),
                "<g class=\"ics-item is-peer\" data-item=\"\" data-ics=\"QOP\" tabindex=\"-1\" role=\"button\" aria-pressed=\"false\" aria-label=\"A\"/>",
            ),
        ];
        for (item, markup) in cases {
            assert_eq!(Node::from(item.on(s("g"))).to_markup(), markup);
        }
        let hovering = Item::new(5, String::new()).tooltip().on(s("g"));
        let msgs: Vec<Msg> = hovering
            .handlers
            .iter()
            .map(|h| match h {
                crate::node::Handler::Click(m) | crate::node::Handler::Hover(m) => m.clone(),
                _ => Msg::Escape,
            })
            .collect();
        assert_eq!(msgs, [Msg::Pick(5), Msg::Hover(Some(5))]);
        assert_eq!(Item::new(5, String::new()).on(s("g")).handlers.len(), 1);
    }
}
