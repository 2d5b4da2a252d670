//! Patches the real DOM to match a [`Node`] tree, keeping elements (and so focus, scroll and caret) wherever
//! the tree keeps them, and records each element's event handlers under a `data-h` id for delegation.
//!
//! Text goes in with `textContent`-equivalents and attributes with `setAttribute`; this module never parses
//! markup, so no string can ever become script.

use ics_ui::node::{Element, Handler, Node};
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
        self.handlers.clear();
        assign_handlers(&mut new, &mut self.handlers);
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
            let children = patch_children(doc, &m.node, &a.children, &b.children, m.children)?;
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

/// Whether `b` is the element `a` was, moved by siblings added or removed before it: the same kind, `id` and
/// first class. A run of such children at each end is kept as it is; only the middle is patched in place.
fn same<M>(a: &Node<M>, b: &Node<M>) -> bool {
    match (a, b) {
        (Node::Text(_), Node::Text(_)) => true,
        (Node::Element(a), Node::Element(b)) => {
            fn first<M>(e: &Element<M>) -> Option<&str> {
                e.get_attr("class").and_then(|c| c.split_whitespace().next())
            }
            a.tag == b.tag && a.svg == b.svg && a.get_attr("id") == b.get_attr("id") && first(a) == first(b)
        }
        _ => false,
    }
}

/// Patches the children `olds` (the DOM behind `a`) to match `b`. The runs at the start and the end that are
/// the `same` are patched each to its own; between them, children are patched by position and the surplus
/// removed or inserted there. So a paragraph that comes or goes before a table leaves the table's rows alone.
fn patch_children<M>(doc: &Document, parent: &web_sys::Node, a: &[Node<M>], b: &[Node<M>], olds: Vec<Mirror>) -> Result<Vec<Mirror>, JsValue> {
    let head = a.iter().zip(b).take_while(|(x, y)| same(x, y)).count();
    let tail = a[head..].iter().rev().zip(b[head..].iter().rev()).take_while(|(x, y)| same(x, y)).count();
    let (a_mid, b_mid) = (&a[head..a.len() - tail], &b[head..b.len() - tail]);
    let mut olds = olds.into_iter();
    let mut children = Vec::with_capacity(b.len());
    for ((x, y), m) in a[..head].iter().zip(&b[..head]).zip(olds.by_ref()) {
        children.push(patch(doc, x, y, m)?);
    }
    let mut mid: Vec<Mirror> = olds.by_ref().take(a_mid.len()).collect();
    let rest: Vec<Mirror> = olds.collect();
    let before = rest.first().map(|m| m.node.clone());
    let surplus = mid.split_off(a_mid.len().min(b_mid.len()));
    for ((x, y), m) in a_mid.iter().zip(b_mid).zip(mid) {
        children.push(patch(doc, x, y, m)?);
    }
    for gone in surplus {
        parent.remove_child(&gone.node)?;
    }
    for y in &b_mid[a_mid.len().min(b_mid.len())..] {
        let fresh = create(doc, y)?;
        parent.insert_before(&fresh.node, before.as_ref())?;
        children.push(fresh);
    }
    for ((x, y), m) in a[a.len() - tail..].iter().zip(&b[b.len() - tail..]).zip(rest) {
        children.push(patch(doc, x, y, m)?);
    }
    Ok(children)
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
