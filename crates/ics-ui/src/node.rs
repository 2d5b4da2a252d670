//! A tiny description of DOM trees (HTML and SVG) that views return, with event handlers as messages.
//!
//! Views are pure functions that build these trees; the web layer (`web::dom`) turns them into real DOM by
//! patching, and `to_markup` turns them into text for SVG export and for native tests. Text and attribute
//! values are always escaped here and set with `textContent`/`setAttribute` there: outside data can never
//! become markup.

use std::fmt::Write;

pub enum Node<M> {
    Element(Element<M>),
    Text(String),
}

pub struct Element<M> {
    pub tag: &'static str,
    pub svg: bool,
    pub attrs: Vec<(&'static str, String)>,
    pub children: Vec<Node<M>>,
    pub handlers: Vec<Handler<M>>,
}

/// What an element does when used. Click handlers also fire on Enter/Space for keyboard users.
pub enum Handler<M> {
    Click(M),
    /// Fires on `change` with the control's new value, read into a message here, at the edge: each control
    /// says how its value becomes a typed message (and what an unexpected value falls back to).
    Change(Box<dyn Fn(String) -> M>),
    /// Fires on every `input` with the control's value.
    Input(Box<dyn Fn(String) -> M>),
    /// Fires when the pointer moves onto the element or it receives focus (tooltips).
    Hover(M),
    /// Fires when the pointer or focus leaves the element (and everything inside it).
    Leave(M),
}

// Size, not speed: the views call these builders a few thousand times. Kept out of line (one copy per type), rather
// than inlined at every call, they make the wasm 26 KB smaller (`#[inline(never)]` below).

/// An HTML element.
#[inline(never)]
pub fn h<M>(tag: &'static str) -> Element<M> {
    Element { tag, svg: false, attrs: Vec::new(), children: Vec::new(), handlers: Vec::new() }
}

/// An SVG element.
#[inline(never)]
pub fn s<M>(tag: &'static str) -> Element<M> {
    Element { tag, svg: true, attrs: Vec::new(), children: Vec::new(), handlers: Vec::new() }
}

#[inline(never)]
pub fn text<M>(t: impl Into<String>) -> Node<M> {
    Node::Text(t.into())
}

impl<M> Element<M> {
    #[inline(never)]
    pub fn attr(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.attrs.push((name, value.into()));
        self
    }

    /// Sets the attribute only when `cond` holds (for booleans like `disabled`, `selected`, `aria-pressed`).
    #[inline(never)]
    pub fn attr_if(self, cond: bool, name: &'static str, value: impl Into<String>) -> Self {
        if cond {
            self.attr(name, value)
        } else {
            self
        }
    }

    #[inline(never)]
    pub fn class(self, c: impl Into<String>) -> Self {
        self.attr("class", c)
    }

    #[inline(never)]
    pub fn id(self, id: impl Into<String>) -> Self {
        self.attr("id", id)
    }

    #[inline(never)]
    pub fn child(mut self, n: impl Into<Node<M>>) -> Self {
        self.children.push(n.into());
        self
    }

    pub fn children(mut self, ns: impl IntoIterator<Item = Node<M>>) -> Self {
        self.children.extend(ns);
        self
    }

    #[inline(never)]
    pub fn text(self, t: impl Into<String>) -> Self {
        self.child(Node::Text(t.into()))
    }

    #[inline(never)]
    pub fn on_click(mut self, m: M) -> Self {
        self.handlers.push(Handler::Click(m));
        self
    }

    pub fn on_change(mut self, f: impl Fn(String) -> M + 'static) -> Self {
        self.handlers.push(Handler::Change(Box::new(f)));
        self
    }

    pub fn on_input(mut self, f: impl Fn(String) -> M + 'static) -> Self {
        self.handlers.push(Handler::Input(Box::new(f)));
        self
    }

    #[inline(never)]
    pub fn on_hover(mut self, m: M) -> Self {
        self.handlers.push(Handler::Hover(m));
        self
    }

    #[inline(never)]
    pub fn on_leave(mut self, m: M) -> Self {
        self.handlers.push(Handler::Leave(m));
        self
    }

    pub fn get_attr(&self, name: &str) -> Option<&str> {
        self.attrs.iter().find(|(k, _)| *k == name).map(|(_, v)| v.as_str())
    }
}

impl<M> From<Element<M>> for Node<M> {
    #[inline(never)]
    fn from(e: Element<M>) -> Self {
        Node::Element(e)
    }
}

impl<M> Node<M> {
    /// Serialises the tree as markup (XML-compatible, so SVG output is a valid standalone file).
    pub fn to_markup(&self) -> String {
        let mut out = String::new();
        self.write_markup(&mut out);
        out
    }

    fn write_markup(&self, out: &mut String) {
        match self {
            Node::Text(t) => escape_into(out, t),
            Node::Element(e) => {
                out.push('<');
                out.push_str(e.tag);
                for (k, v) in &e.attrs {
                    let _ = write!(out, " {k}=\"");
                    escape_into(out, v);
                    out.push('"');
                }
                if e.children.is_empty() && (e.svg || is_void(e.tag)) {
                    out.push_str("/>");
                    return;
                }
                out.push('>');
                for c in &e.children {
                    c.write_markup(out);
                }
                let _ = write!(out, "</{}>", e.tag);
            }
        }
    }

    /// All text below this node, concatenated (for tests and accessible names).
    pub fn text_content(&self) -> String {
        match self {
            Node::Text(t) => t.clone(),
            Node::Element(e) => e.children.iter().map(Node::text_content).collect(),
        }
    }

    /// Depth-first search for elements matching `pred` (for tests).
    pub fn find_all<'a>(&'a self, pred: &dyn Fn(&Element<M>) -> bool, out: &mut Vec<&'a Element<M>>) {
        if let Node::Element(e) = self {
            if pred(e) {
                out.push(e);
            }
            for c in &e.children {
                c.find_all(pred, out);
            }
        }
    }
}

/// The attribute that ties an element to its handlers: `data-h="N"` for `handlers[N]` of [`number_handlers`].
pub const HANDLER_ATTR: &str = "data-h";

/// Takes every element's handlers out of the tree, in document order, and marks each such element with
/// [`HANDLER_ATTR`] (its index in the list returned). The web layer delegates events through these ids; the
/// prerender writes them into the page, so the same tree numbered twice gives the same ids.
pub fn number_handlers<M>(n: &mut Node<M>) -> Vec<Vec<Handler<M>>> {
    fn walk<M>(n: &mut Node<M>, out: &mut Vec<Vec<Handler<M>>>) {
        if let Node::Element(e) = n {
            if !e.handlers.is_empty() {
                e.attrs.push((HANDLER_ATTR, out.len().to_string()));
                out.push(std::mem::take(&mut e.handlers));
            }
            for c in &mut e.children {
                walk(c, out);
            }
        }
    }
    let mut out = Vec::new();
    walk(n, &mut out);
    out
}

/// A short fingerprint of markup (64-bit FNV-1a, in hex): the prerendered page carries its tree's, and the web
/// layer takes over the prerendered DOM only when its own first tree has the same one.
pub fn fingerprint(markup: &str) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in markup.bytes() {
        h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
    }
    const HEX: &[u8; 16] = b"0123456789abcdef";
    (0..16).rev().map(|i| HEX[((h >> (i * 4)) & 0xf) as usize] as char).collect()
}

fn is_void(tag: &str) -> bool {
    matches!(tag, "br" | "hr" | "img" | "input" | "meta" | "link" | "col" | "wbr")
}

pub fn escape_into(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_escapes_text_and_attributes() {
        let n: Node<()> = h("p").attr("title", "a\"<b>").text("<script>alert(1)</script> & co").into();
        assert_eq!(n.to_markup(), "<p title=\"a&quot;&lt;b&gt;\">&lt;script&gt;alert(1)&lt;/script&gt; &amp; co</p>");
    }

    #[test]
    fn handlers_are_numbered_in_document_order() {
        let mut n: Node<u8> = h("div").on_click(1).child(h("p").text("x")).child(h("button").on_click(2).on_hover(3)).into();
        let hs = number_handlers(&mut n);
        assert_eq!(hs.len(), 2);
        assert!(matches!(hs[1][..], [Handler::Click(2), Handler::Hover(3)]));
        assert_eq!(n.to_markup(), "<div data-h=\"0\"><p>x</p><button data-h=\"1\"></button></div>");
    }

    #[test]
    fn fingerprint_is_fnv1a_64() {
        // The published FNV-1a 64 test vectors (Fowler, Noll, Vo: "FNV hash" test suite).
        assert_eq!(fingerprint(""), "cbf29ce484222325");
        assert_eq!(fingerprint("a"), "af63dc4c8601ec8c");
        assert_eq!(fingerprint("foobar"), "85944171f73967e8");
    }

    #[test]
    fn svg_elements_self_close() {
        let n: Node<()> = s("svg").child(s("rect").attr("width", "3")).into();
        assert_eq!(n.to_markup(), "<svg><rect width=\"3\"/></svg>");
    }
}
