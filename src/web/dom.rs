//! Patches the real DOM to match a [`Node`] tree, keeping elements (and so focus, scroll and caret) wherever
//! the tree keeps them, and records each element's event handlers under a `data-h` id for delegation.
//!
//! Text goes in with `textContent`-equivalents and attributes with `setAttribute`; this module never parses
//! markup, so no string can ever become script.

use crate::ui::node::{Element, Handler, Node};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::Document;

const SVG_NS: &str = "http://www.w3.org/2000/svg";

pub struct Dom<M> {
    doc: Document,
    root: web_sys::Element,
    old: Option<Node<M>>,
    /// `handlers[id]` for the element carrying `data-h="id"` in the current tree.
    pub handlers: Vec<Vec<Handler<M>>>,
}

impl<M> Dom<M> {
    pub fn new(root: web_sys::Element) -> Result<Dom<M>, JsValue> {
        let doc = root.owner_document().ok_or_else(|| JsValue::from_str("the mount element has no document"))?;
        Ok(Dom { doc, root, old: None, handlers: Vec::new() })
    }

    pub fn root(&self) -> &web_sys::Element {
        &self.root
    }

    /// Makes the root's single child match `new`.
    pub fn render(&mut self, mut new: Node<M>) -> Result<(), JsValue> {
        self.handlers.clear();
        assign_handlers(&mut new, &mut self.handlers);
        match (&self.old, self.root.first_child()) {
            (Some(old), Some(dom)) if self.root.child_nodes().length() == 1 => patch(&self.doc, old, &new, &dom)?,
            _ => {
                self.root.set_text_content(None);
                let dom = create(&self.doc, &new)?;
                self.root.append_child(&dom)?;
            }
        }
        self.old = Some(new);
        Ok(())
    }
}

fn assign_handlers<M>(n: &mut Node<M>, out: &mut Vec<Vec<Handler<M>>>) {
    if let Node::Element(e) = n {
        if !e.handlers.is_empty() {
            e.attrs.push(("data-h", out.len().to_string()));
            out.push(std::mem::take(&mut e.handlers));
        }
        for c in &mut e.children {
            assign_handlers(c, out);
        }
    }
}

fn create<M>(doc: &Document, n: &Node<M>) -> Result<web_sys::Node, JsValue> {
    match n {
        Node::Text(t) => Ok(doc.create_text_node(t).into()),
        Node::Element(e) => {
            let el = if e.svg { doc.create_element_ns(Some(SVG_NS), e.tag)? } else { doc.create_element(e.tag)? };
            for (k, v) in &e.attrs {
                set_attr(&el, k, v)?;
            }
            for c in &e.children {
                el.append_child(&create(doc, c)?)?;
            }
            sync_value(&el, e)?;
            Ok(el.into())
        }
    }
}

fn patch<M>(doc: &Document, old: &Node<M>, new: &Node<M>, dom: &web_sys::Node) -> Result<(), JsValue> {
    match (old, new) {
        (Node::Text(a), Node::Text(b)) => {
            if a != b {
                dom.set_text_content(Some(b));
            }
            Ok(())
        }
        (Node::Element(a), Node::Element(b)) if a.tag == b.tag && a.svg == b.svg => {
            let el: &web_sys::Element = dom.unchecked_ref();
            for (k, v) in &b.attrs {
                if a.get_attr(k) != Some(v.as_str()) {
                    set_attr(el, k, v)?;
                }
            }
            for (k, _) in &a.attrs {
                if b.get_attr(k).is_none() {
                    el.remove_attribute(k)?;
                    if *k == "checked" {
                        js_sys::Reflect::set(el, &"checked".into(), &JsValue::FALSE)?;
                    }
                }
            }
            patch_children(doc, a, b, dom)?;
            sync_value(el, b)
        }
        _ => {
            let fresh = create(doc, new)?;
            if let Some(parent) = dom.parent_node() {
                parent.replace_child(&fresh, dom)?;
            }
            Ok(())
        }
    }
}

fn patch_children<M>(doc: &Document, a: &Element<M>, b: &Element<M>, dom: &web_sys::Node) -> Result<(), JsValue> {
    let mut child = dom.first_child();
    for (i, nb) in b.children.iter().enumerate() {
        match (a.children.get(i), child.clone()) {
            (Some(na), Some(c)) => {
                child = c.next_sibling();
                patch(doc, na, nb, &c)?;
            }
            _ => {
                dom.append_child(&create(doc, nb)?)?;
            }
        }
    }
    // Remove what the new tree no longer has.
    while let Some(c) = child {
        child = c.next_sibling();
        dom.remove_child(&c)?;
    }
    Ok(())
}

fn set_attr(el: &web_sys::Element, k: &str, v: &str) -> Result<(), JsValue> {
    el.set_attribute(k, v)?;
    if k == "checked" {
        js_sys::Reflect::set(el, &"checked".into(), &JsValue::TRUE)?;
    }
    Ok(())
}

/// Form controls show their `value` property, not the attribute; set it after the options exist.
fn sync_value<M>(el: &web_sys::Element, e: &Element<M>) -> Result<(), JsValue> {
    if matches!(e.tag, "input" | "select" | "textarea") {
        if let Some(v) = e.get_attr("value") {
            let current = js_sys::Reflect::get(el, &"value".into())?;
            if current.as_string().as_deref() != Some(v) {
                js_sys::Reflect::set(el, &"value".into(), &JsValue::from_str(v))?;
            }
        }
    }
    Ok(())
}
