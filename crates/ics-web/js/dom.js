// ICS Explorer's DOM writer, for crates/ics-web/src/dom.rs; scripts/build.sh appends it to the wasm-bindgen glue in
// pkg/ics_explorer.js, inside the function that holds both (so `IcsExplorerDom` is theirs alone, not the page's).
// A render calls out of WebAssembly once per new subtree (`build`) and once for all the changes to the nodes that
// stay (`apply`), instead of once per element, attribute and text, each decoding its own strings. `strs` holds
// the strings one after another, their lengths (in UTF-16 units) in `ops`. It decides nothing: dom.rs works out
// what changes. It must never parse markup: text goes in as text and attributes with setAttribute, so no string
// can ever become script.
var IcsExplorerDom = {
  // `ops` holds the number of trees, then each tree in pre-order: a text node as [0, length]; an element as [1
  // (HTML) or 2 (SVG), tag length, attribute count, child count, then name and value lengths per attribute], its
  // children after it. Returns what to insert (the one tree, or a fragment holding them all), then every node made,
  // in pre-order, for dom.rs's Mirror.
  build: function (doc, ops, strs) {
    var i = 1, at = 0, made = [null];
    function str() {
      var s = strs.slice(at, at + ops[i]);
      at += ops[i++];
      return s;
    }
    function node() {
      var kind = ops[i++];
      if (kind === 0) {
        var t = doc.createTextNode(str());
        made.push(t);
        return t;
      }
      var tag = str();
      var el = kind === 2 ? doc.createElementNS('http://www.w3.org/2000/svg', tag) : doc.createElement(tag);
      made.push(el);
      var attrs = ops[i++], children = ops[i++], value = null;
      for (var a = 0; a < attrs; a++) {
        var name = str(), v = str();
        el.setAttribute(name, v);
        if (name === 'checked') el.checked = true;
        if (name === 'value' && value === null) value = v;
      }
      for (var c = 0; c < children; c++) el.appendChild(node());
      // Form controls show their value property, not the attribute: set it once the options exist.
      if (value !== null && (tag === 'input' || tag === 'select' || tag === 'textarea') && el.value !== value) el.value = value;
      return el;
    }
    if (ops[0] === 1) {
      made[0] = node();
    } else {
      made[0] = doc.createDocumentFragment();
      for (var r = 0; r < ops[0]; r++) made[0].appendChild(node());
    }
    return made;
  },
  // `ops` holds per node of `nodes` an operation and its strings' lengths: 0 text; 1 set an attribute (name,
  // value); 2 remove one (name); 3 a form control's value property, set when it differs (value); 4 take the node
  // out of the page (none).
  apply: function (nodes, ops, strs) {
    var i = 0, at = 0;
    function str() {
      var s = strs.slice(at, at + ops[i]);
      at += ops[i++];
      return s;
    }
    for (var n = 0; n < nodes.length; n++) {
      var node = nodes[n], op = ops[i++];
      if (op === 0) {
        node.textContent = str();
      } else if (op === 1) {
        var name = str();
        node.setAttribute(name, str());
        if (name === 'checked') node.checked = true;
      } else if (op === 2) {
        var gone = str();
        node.removeAttribute(gone);
        if (gone === 'checked') node.checked = false;
      } else if (op === 3) {
        var v = str();
        if (node.value !== v) node.value = v;
      } else {
        node.remove();
      }
    }
  },
};
