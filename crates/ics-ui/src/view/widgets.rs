//! The widget kit of the page's controls: labels, options, selects, toggles, checkboxes and empty-state prompts,
//! each built the one way the page's CSS and the web layer's event delegation expect.
//!
//! Building blocks only: no state is read here and no view logic lives here; the caller says what is chosen.

use crate::node::{h, Element, Node};
use crate::Msg;

pub fn label(for_id: &str, t: &str) -> Node<Msg> {
    h("label").class("ics-label").attr("for", for_id.to_string()).text(t).into()
}

pub fn option(value: &str, label: &str, selected: bool) -> Node<Msg> {
    h("option").attr("value", value.to_string()).attr_if(selected, "selected", "selected").text(label).into()
}

/// A labelled control: the label above its select or input.
pub fn field(id: &str, label_text: &str, control: Element<Msg>) -> Node<Msg> {
    h("div").class("ics-field").child(label(id, label_text)).child(control).into()
}

/// A `<select>`'s value where the empty option means none (the default period, no filter).
pub fn some(value: String) -> Option<String> {
    (!value.is_empty()).then_some(value)
}

/// A `<select>` whose `change` becomes a message through `f`, at the edge: `f` reads the option's value into the
/// message's type, falling back to a default (never a panic) for a value the view did not offer.
pub fn select(id: &str, value: &str, f: impl Fn(String) -> Msg + 'static, options: Vec<Node<Msg>>) -> Element<Msg> {
    h("select").class("ics-select").id(id.to_string()).attr("value", value.to_string()).on_change(f).children(options)
}

/// A toggle button (aria-pressed) for view options.
pub fn toggle(label: &str, pressed: bool, msg: Msg) -> Node<Msg> {
    h("button")
        .attr("type", "button")
        .class("ics-toggle")
        .attr("aria-pressed", if pressed { "true" } else { "false" })
        .on_click(msg)
        .text(label)
        .into()
}

pub fn checkbox(id: &str, label_text: &str, checked: bool, f: fn(String) -> Msg) -> Node<Msg> {
    h("div")
        .class("ics-checkbox")
        .child(h("input").attr("type", "checkbox").id(id.to_string()).attr_if(checked, "checked", "checked").on_change(f))
        .child(h("label").attr("for", id.to_string()).text(label_text))
        .into()
}

/// A heading and paragraph used for empty states ("choose an ICS").
pub fn prompt(title: &str, body: &str) -> Node<Msg> {
    h("div").class("ics-prompt").child(h("h3").text(title)).child(h("p").text(body)).into()
}
