//! Patches the real DOM to match a [`Node`] tree, keeping elements (and so focus, scroll and caret) wherever
//! the tree keeps them, and records each element's event handlers under a `data-h` id for delegation. The
//! first tree can instead take over a prerendered DOM of the same markup (`Dom::hydrate`).
//!
//! Text goes in with `textContent`-equivalents and attributes with `setAttribute`; this module never parses
//! markup, so no string can ever become script.

use ics_ui::node::{self, Element, Handler, Node};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::Document;

const SVG_NS: &str = "http://www.w3.org/2000/svg";

pub struct Dom<M> {
    doc: Document,
    root: web_sys::Element,
    /// The last tree rendered and the live DOM node behind each of its nodes.
    old: Option<(Node<M>, Mirror)>,
    /// `handlers[id]` for the element carrying `data-h="id"` in the current tree.
    pub handlers: Vec<Vec<Handler<M>>>,
}

/// The live DOM node behind each node of the last tree, in the same shape, so a patch goes straight to the
/// nodes that changed instead of walking the DOM (each step of a walk is a call out of WebAssembly).
struct Mirror {
    node: web_sys::Node,
    children: Vec<Mirror>,
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
        self.handlers = node::number_handlers(&mut new);
        let mirror = match self.old.take() {
            // Patch only while the root still holds exactly what we put there.
            Some((old, mirror)) if self.root.child_nodes().length() == 1 && self.root.first_child().as_ref() == Some(&mirror.node) => {
                patch(&self.doc, &old, &new, mirror)?
            }
            _ => {
                self.root.set_text_content(None);
                let fresh = create(&self.doc, &new)?;
                self.root.append_child(&fresh.node)?;
                fresh
            }
        };
        self.old = Some((new, mirror));
        Ok(())
    }

    /// Takes over the DOM the page was prerendered with (`ics-explorer prerender`) as the DOM of `new`, when
    /// the root holds exactly `new`'s markup (its fingerprint is `fingerprint`): its nodes stay as they are, so
    /// what the visitor sees, and any choice made in a control meanwhile, is kept. Returns whether it did;
    /// otherwise nothing changed, and the next `render` replaces the prerendered DOM (in the same task, so
    /// nothing flashes).
    pub fn hydrate(&mut self, mut new: Node<M>, fingerprint: &str) -> bool {
        let handlers = node::number_handlers(&mut new);
        let only = self.root.first_child().filter(|_| self.root.child_nodes().length() == 1);
        let Some(mirror) = only.filter(|_| node::fingerprint(&new.to_markup()) == fingerprint).and_then(|first| adopt(&self.doc, &new, first)) else {
            return false;
        };
        self.handlers = handlers;
        self.old = Some((new, mirror));
        true
    }
}

/// The live node behind each node of `n`, when `dom` has the same shape (the same element names, a text node
/// for each text). The parser merges adjacent texts and drops empty ones: an empty text gets a node of its own
/// here, and anything else that differs gives `None`.
fn adopt<M>(doc: &Document, n: &Node<M>, dom: web_sys::Node) -> Option<Mirror> {
    match n {
        Node::Text(_) => (dom.node_type() == web_sys::Node::TEXT_NODE).then_some(Mirror { node: dom, children: Vec::new() }),
        Node::Element(e) => {
            if dom.node_type() != web_sys::Node::ELEMENT_NODE || !dom.node_name().eq_ignore_ascii_case(e.tag) {
                return None;
            }
            let mut children = Vec::with_capacity(e.children.len());
            let mut next = dom.first_child();
            for c in &e.children {
                if matches!(c, Node::Text(t) if t.is_empty()) {
                    let empty: web_sys::Node = doc.create_text_node("").into();
                    dom.insert_before(&empty, next.as_ref()).ok()?;
                    children.push(Mirror { node: empty, children: Vec::new() });
                    continue;
                }
                let here = next?;
                next = here.next_sibling();
                children.push(adopt(doc, c, here)?);
            }
            next.is_none().then_some(Mirror { node: dom, children })
        }
    }
}

fn create<M>(doc: &Document, n: &Node<M>) -> Result<Mirror, JsValue> {
    match n {
        Node::Text(t) => Ok(Mirror { node: doc.create_text_node(t).into(), children: Vec::new() }),
        Node::Element(e) => {
            let el = if e.svg { doc.create_element_ns(Some(SVG_NS), e.tag)? } else { doc.create_element(e.tag)? };
            for (k, v) in &e.attrs {
                set_attr(&el, k, v)?;
            }
            let mut children = Vec::with_capacity(e.children.len());
            for c in &e.children {
                let m = create(doc, c)?;
                el.append_child(&m.node)?;
                children.push(m);
            }
            sync_value(&el, e)?;
            Ok(Mirror { node: el.into(), children })
        }
    }
}

/// Updates the DOM behind `old` (held by `m`) to match `new`, calling out to the DOM only for what differs.
fn patch<M>(doc: &Document, old: &Node<M>, new: &Node<M>, m: Mirror) -> Result<Mirror, JsValue> {
    match (old, new) {
        (Node::Text(a), Node::Text(b)) => {
            if a != b {
                m.node.set_text_content(Some(b));
            }
            Ok(m)
        }
        (Node::Element(a), Node::Element(b)) if a.tag == b.tag && a.svg == b.svg => {
            let el: &web_sys::Element = m.node.unchecked_ref();
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
            let mut olds = m.children.into_iter();
            let mut children = Vec::with_capacity(b.children.len());
            for (i, nb) in b.children.iter().enumerate() {
                match (a.children.get(i), olds.next()) {
                    (Some(na), Some(cm)) => children.push(patch(doc, na, nb, cm)?),
                    _ => {
                        let fresh = create(doc, nb)?;
                        m.node.append_child(&fresh.node)?;
                        children.push(fresh);
                    }
                }
            }
            // Remove what the new tree no longer has.
            for gone in olds {
                m.node.remove_child(&gone.node)?;
            }
            sync_value(el, b)?;
            Ok(Mirror { node: m.node, children })
        }
        _ => {
            let fresh = create(doc, new)?;
            if let Some(parent) = m.node.parent_node() {
                parent.replace_child(&fresh.node, &m.node)?;
            }
            Ok(fresh)
        }
    }
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
