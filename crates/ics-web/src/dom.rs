//! Patches the real DOM to match a [`Node`] tree, keeping elements (and so focus, scroll and caret) wherever
//! the tree keeps them, and records each element's event handlers under a `data-h` id for delegation. The
//! first tree can instead take over a prerendered DOM of the same markup (`Dom::hydrate`).
//!
//! Each call out of WebAssembly costs more than the DOM work it does, so a render makes few: each run of new
//! siblings is encoded and built by `js/dom.js` in one call, and the changes to nodes that stay are queued and
//! applied there in one call at the end. Text goes in with `textContent`-equivalents and attributes with
//! `setAttribute`; neither this module nor `js/dom.js` ever parses markup, so no string can ever become script.

use ics_ui::node::{self, Element, Handler, Node};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::Document;

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
                let mut q = Queue::default();
                let mirror = patch(&self.doc, &old, &new, mirror, &mut q)?;
                q.apply()?;
                mirror
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

#[wasm_bindgen::prelude::wasm_bindgen]
extern "C" {
    /// crates/ics-web/js/dom.js (appended to the wasm-bindgen glue by scripts/build.sh): builds the trees `ops` and
    /// `strs` encode and returns what to insert (the one tree or a fragment of them all), then every node made
    /// in pre-order.
    #[wasm_bindgen(catch, js_namespace = IcsExplorerDom, js_name = build)]
    fn build(doc: &Document, ops: &[u32], strs: &str) -> Result<js_sys::Array, JsValue>;
    /// The same file: carries out a render's `Queue`.
    #[wasm_bindgen(catch, js_namespace = IcsExplorerDom, js_name = apply)]
    fn apply(nodes: Vec<JsValue>, ops: &[u32], strs: &str) -> Result<(), JsValue>;
}

/// Makes the DOM for `n` in one call out of WebAssembly (see `encode`), and its mirror.
fn create<M>(doc: &Document, n: &Node<M>) -> Result<Mirror, JsValue> {
    let (_, mut made) = create_all(doc, std::slice::from_ref(n))?;
    made.pop().ok_or_else(|| JsValue::from_str("nothing was made"))
}

/// Makes the DOM for the siblings `ns` in one call out of WebAssembly (see `encode`): a node to insert (the one
/// made, or a fragment holding them all) and their mirrors.
fn create_all<M>(doc: &Document, ns: &[Node<M>]) -> Result<(web_sys::Node, Vec<Mirror>), JsValue> {
    let (mut ops, mut strs) = (vec![ns.len() as u32], String::new());
    for n in ns {
        encode(n, &mut ops, &mut strs);
    }
    let made = build(doc, &ops, &strs)?;
    let mut next = 1;
    let mirrors = ns.iter().map(|n| mirror(n, &made, &mut next)).collect();
    Ok((made.get(0).unchecked_into(), mirrors))
}

/// A tree in the form crates/ics-web/js/dom.js builds from (after the number of trees): in pre-order, a text node as [0, length], an element
/// as [1 (HTML) or 2 (SVG), tag length, attribute count, child count, name and value length of each attribute],
/// the strings one after another in `strs`, lengths in UTF-16 units (JavaScript's).
fn encode<M>(n: &Node<M>, ops: &mut Vec<u32>, strs: &mut String) {
    match n {
        Node::Text(t) => {
            ops.push(0);
            put(ops, strs, t);
        }
        Node::Element(e) => {
            ops.push(if e.svg { 2 } else { 1 });
            put(ops, strs, e.tag);
            ops.extend([e.attrs.len() as u32, e.children.len() as u32]);
            for (k, v) in &e.attrs {
                put(ops, strs, k);
                put(ops, strs, v);
            }
            for c in &e.children {
                encode(c, ops, strs);
            }
        }
    }
}

/// The mirror of `n`, whose DOM nodes are `made[*next..]` in pre-order.
fn mirror<M>(n: &Node<M>, made: &js_sys::Array, next: &mut u32) -> Mirror {
    let node = made.get(*next).unchecked_into();
    *next += 1;
    let children = match n {
        Node::Element(e) => e.children.iter().map(|c| mirror(c, made, next)).collect(),
        Node::Text(_) => Vec::new(),
    };
    Mirror { node, children }
}

/// Updates the DOM behind `old` (held by `m`) to match `new`, calling out to the DOM only for what differs: nodes
/// made at once; nodes removed and changes to the nodes that stay queued in `q`.
fn patch<M>(doc: &Document, old: &Node<M>, new: &Node<M>, m: Mirror, q: &mut Queue) -> Result<Mirror, JsValue> {
    match (old, new) {
        (Node::Text(a), Node::Text(b)) => {
            if a != b {
                q.push(&m.node, Op::Text, &[b]);
            }
            Ok(m)
        }
        (Node::Element(a), Node::Element(b)) if a.tag == b.tag && a.svg == b.svg => {
            if a.attrs.len() == b.attrs.len() && a.attrs.iter().zip(&b.attrs).all(|((x, _), (y, _))| x == y) {
                // The same attributes in the same order (the usual case): compare them pair by pair. When a name
                // is given twice the last wins, as when the element was made.
                for ((k, was), (_, v)) in a.attrs.iter().zip(&b.attrs) {
                    if was != v {
                        let last = b.attrs.iter().rev().find(|(x, _)| x == k).map_or(v, |(_, v)| v);
                        q.push(&m.node, Op::Set, &[k, last]);
                    }
                }
            } else {
                for (k, v) in &b.attrs {
                    if a.get_attr(k) != Some(v.as_str()) {
                        q.push(&m.node, Op::Set, &[k, v]);
                    }
                }
                for (k, _) in &a.attrs {
                    if b.get_attr(k).is_none() {
                        q.push(&m.node, Op::Remove, &[k]);
                    }
                }
            }
            let children = patch_children(doc, &m.node, &a.children, &b.children, m.children, q)?;
            // Form controls show their `value` property, not the attribute: set it once the options are there.
            if matches!(b.tag, "input" | "select" | "textarea") {
                if let Some(v) = b.get_attr("value") {
                    q.push(&m.node, Op::Value, &[v]);
                }
            }
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
        (Node::Element(a), Node::Element(b)) => a.tag == b.tag && a.svg == b.svg && identity(a) == identity(b),
        _ => false,
    }
}

/// An element's `id` and first class.
fn identity<M>(e: &Element<M>) -> (Option<&str>, Option<&str>) {
    let (mut id, mut class) = (None, None);
    for (k, v) in &e.attrs {
        match *k {
            "id" if id.is_none() => id = Some(v.as_str()),
            "class" if class.is_none() => class = v.split_whitespace().next(),
            _ => {}
        }
    }
    (id, class)
}

/// Patches the children `olds` (the DOM behind `a`) to match `b`. The runs at the start and the end that are
/// the `same` are patched each to its own; between them, children are patched by position and the surplus
/// removed or inserted there. So a paragraph that comes or goes before a table leaves the table's rows alone.
fn patch_children<M>(
    doc: &Document,
    parent: &web_sys::Node,
    a: &[Node<M>],
    b: &[Node<M>],
    olds: Vec<Mirror>,
    q: &mut Queue,
) -> Result<Vec<Mirror>, JsValue> {
    let head = a.iter().zip(b).take_while(|(x, y)| same(x, y)).count();
    let tail = a[head..].iter().rev().zip(b[head..].iter().rev()).take_while(|(x, y)| same(x, y)).count();
    let (a_mid, b_mid) = (&a[head..a.len() - tail], &b[head..b.len() - tail]);
    let common = head + a_mid.len().min(b_mid.len());
    // New children go before the first of the run at the end (or at the end).
    let before = if b_mid.len() > a_mid.len() { olds.get(a.len() - tail).map(|m| m.node.clone()) } else { None };
    let mut olds = olds.into_iter();
    let mut children = Vec::with_capacity(b.len());
    for ((x, y), m) in a[..common].iter().zip(&b[..common]).zip(olds.by_ref()) {
        children.push(patch(doc, x, y, m, q)?);
    }
    for gone in olds.by_ref().take(a.len() - tail - common) {
        q.push(&gone.node, Op::Detach, &[]);
    }
    if b_mid.len() > a_mid.len() {
        let (node, made) = create_all(doc, &b[common..b.len() - tail])?;
        parent.insert_before(&node, before.as_ref())?;
        children.extend(made);
    }
    for ((x, y), m) in a[a.len() - tail..].iter().zip(&b[b.len() - tail..]).zip(olds) {
        children.push(patch(doc, x, y, m, q)?);
    }
    Ok(children)
}

/// What crates/ics-web/js/dom.js `apply` does to a node that stays, with the strings that follow it.
#[derive(Clone, Copy)]
enum Op {
    /// Its text (a text node).
    Text = 0,
    /// An attribute, name and value (`checked` also as the property).
    Set = 1,
    /// An attribute removed (`checked` also as the property).
    Remove = 2,
    /// A form control's `value` property, when it differs.
    Value = 3,
    /// The node taken out of the page.
    Detach = 4,
}

/// The changes to nodes that stay, sent out of WebAssembly in one call at the end of a render instead of one
/// call per attribute or text (each call decodes its strings on its own): the nodes, the operations with the
/// lengths of their strings (UTF-16 units), and the strings one after another.
#[derive(Default)]
struct Queue {
    nodes: Vec<JsValue>,
    ops: Vec<u32>,
    strs: String,
}

impl Queue {
    fn push(&mut self, node: &web_sys::Node, op: Op, strs: &[&str]) {
        self.nodes.push(node.clone().into());
        self.ops.push(op as u32);
        for s in strs {
            put(&mut self.ops, &mut self.strs, s);
        }
    }

    fn apply(self) -> Result<(), JsValue> {
        if self.ops.is_empty() {
            return Ok(());
        }
        apply(self.nodes, &self.ops, &self.strs)
    }
}

/// Appends `s` to `strs` and its length in UTF-16 units (JavaScript's) to `ops`.
fn put(ops: &mut Vec<u32>, strs: &mut String, s: &str) {
    strs.push_str(s);
    ops.push(if s.is_ascii() { s.len() } else { s.encode_utf16().count() } as u32);
}
