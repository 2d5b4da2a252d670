/* ICS Explorer loader: the <ics-explorer> custom element and the IcsExplorer JavaScript API.
 *
 * One classic script, so it works from file://, under a strict Content-Security-Policy (no inline script, no
 * eval, no style attributes) and in any host page. It loads the dataset and the engine from the folder it
 * lives in (if the page has not already), starts the WebAssembly once with the async WebAssembly.instantiate
 * path, and mounts each explorer into its own shadow root with its own copy of the stylesheet, so host CSS
 * cannot reach in and ours cannot leak out. Anything that fails ends in a visible error panel. It computes
 * nothing: every figure comes from the Rust engine.
 *
 *   <script src="ics-explorer/www/ics-explorer.js"></script>
 *   <ics-explorer indicator="ae_4hr_pct" ics="QOP" view="rankings"></ics-explorer>
 *   IcsExplorer.mount(element, { indicator: 'ae_4hr_pct', ics: 'QOP' }).then(function (ex) { ex.query({...}) });
 */
(function () {
  'use strict';
  if (window.IcsExplorer) { return; }

  // Uncaught errors on the page, kept for diagnosis (and for the cross-browser tests, which cannot read the
  // console): never sent anywhere.
  var errors = [];
  window.addEventListener('error', function (e) { errors.push(String(e.message || e.error)); });
  window.addEventListener('unhandledrejection', function (e) { errors.push(String(e.reason && e.reason.message || e.reason)); });

  var here = document.currentScript && document.currentScript.src;
  // The explorer's folder: this script lives in <folder>/www/.
  var base = here ? here.replace(/[^/]*$/, '').replace(/www\/$/, '') : '';

  function load(src) {
    return new Promise(function (resolve, reject) {
      var s = document.createElement('script');
      s.src = base + src;
      s.onload = resolve;
      s.onerror = function () { reject(new Error('Could not load ' + src + ' from the ICS Explorer folder.')); };
      document.head.appendChild(s);
    });
  }

  function base64ToBytes(b64) {
    if (typeof Uint8Array.fromBase64 === 'function') { return Uint8Array.fromBase64(b64); }
    var bin = atob(b64);
    var bytes = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) { bytes[i] = bin.charCodeAt(i); }
    return bytes;
  }

  // The engine's bytes from pkg/ics_explorer_wasm.js: {encoding: 'deflate-raw' | 'raw', bytes, base64}.
  function wasmBytes(w) {
    var damaged = function (why) { return new Error('Its program file pkg/ics_explorer_wasm.js is damaged (' + why + ').'); };
    var packed;
    try {
      packed = base64ToBytes(w.base64);
    } catch (e) {
      return Promise.reject(damaged(e.message));
    }
    var unpacked;
    if (w.encoding === 'raw') {
      unpacked = Promise.resolve(packed);
    } else if (w.encoding === 'deflate-raw') {
      if (typeof DecompressionStream !== 'function') {
        return Promise.reject(new Error('This browser is too old to unpack ICS Explorer. Use a current version of Edge, Chrome, Firefox or Safari.'));
      }
      unpacked = new Response(new Blob([packed]).stream().pipeThrough(new DecompressionStream('deflate-raw'))).arrayBuffer()
        .then(function (b) { return new Uint8Array(b); }, function (e) { throw damaged(e.message); });
    } else {
      return Promise.reject(damaged('unknown encoding ' + String(w.encoding)));
    }
    return unpacked.then(function (bytes) {
      if (bytes.length !== w.bytes) { throw damaged(bytes.length + ' bytes instead of ' + w.bytes); }
      return bytes;
    });
  }

  var engine = null;
  // Loads whatever is missing, then instantiates the wasm once for every explorer on the page.
  function start() {
    if (engine) { return engine; }
    engine = Promise.resolve()
      .then(function () { return typeof window.ICS_EXPLORER_DATASET === 'string' ? null : load('www/data/dataset.js'); })
      .then(function () { return typeof IcsExplorerWasm !== 'undefined' ? null : load('pkg/ics_explorer.js'); })
      .then(function () { return typeof window.ICS_EXPLORER_WASM === 'object' ? null : load('pkg/ics_explorer_wasm.js'); })
      .then(function () {
        if (typeof window.ICS_EXPLORER_DATASET !== 'string') {
          throw new Error('Its dataset (www/data/dataset.js) did not load, or is damaged.');
        }
        var w = window.ICS_EXPLORER_WASM;
        if (typeof IcsExplorerWasm === 'undefined' || !w || typeof w.base64 !== 'string') {
          throw new Error('Its program files (pkg/ics_explorer.js and pkg/ics_explorer_wasm.js) did not load.');
        }
        if (typeof WebAssembly !== 'object') {
          throw new Error('This browser does not support WebAssembly. Use a current version of Edge, Chrome, Firefox or Safari.');
        }
        return wasmBytes(w);
      })
      .then(function (bytes) {
        return IcsExplorerWasm({ module_or_path: bytes }).catch(function (e) {
          if (e instanceof WebAssembly.CompileError) {
            throw new Error('Its engine could not be compiled (' + e.message + '). It needs WebAssembly with SIMD: a current version of Edge, Chrome, Firefox or Safari (Safari 16.4 or later).');
          }
          throw e;
        });
      });
    return engine;
  }

  function text(tag, className, content) {
    var el = document.createElement(tag);
    if (className) { el.className = className; }
    if (content) { el.textContent = content; }
    return el;
  }

  var mounted = [];

  // Called by the engine's panic hook: a bug stopped it, so every explorer says so and offers a reload.
  function fatal(message) {
    mounted.forEach(function (m) {
      showError(m.container, 'ICS Explorer stopped because of a bug: ' + message, null, true);
      m.element.setAttribute('data-state', 'error');
    });
  }

  function showError(container, message, problems, reload) {
    container.textContent = '';
    var panel = text('div', 'ics-error');
    panel.setAttribute('role', 'alert');
    panel.appendChild(text('h2', '', 'ICS Explorer could not start'));
    panel.appendChild(text('p', '', message));
    if (problems && problems.length) {
      var ul = text('ul');
      for (var i = 0; i < problems.length && i < 50; i++) { ul.appendChild(text('li', '', String(problems[i]))); }
      panel.appendChild(ul);
    }
    panel.appendChild(text('p', '', reload ? 'Reload the page to start again. If it happens again, report it with the message above.' : 'Try downloading ICS Explorer again. If the problem persists, report it with the message above.'));
    if (reload) {
      var b = text('button', 'ics-button', 'Reload');
      b.type = 'button';
      b.addEventListener('click', function () { location.reload(); });
      panel.appendChild(b);
    }
    container.appendChild(panel);
  }

  // Builds the engine's initial view (a URL-hash string) from friendly options.
  function initialState(o) {
    if (o.state) { return String(o.state).replace(/^#/, ''); }
    var parts = [];
    var map = { view: 'v', indicator: 'i', period: 'p', ics: 's', region: 'r' };
    Object.keys(map).forEach(function (k) {
      if (o[k]) { parts.push(map[k] + '=' + encodeURIComponent(String(o[k]))); }
    });
    return parts.join('&');
  }

  /** Mounts an explorer into `element` (in a shadow root). Resolves to an API object; rejects on failure
   *  (after showing the error panel). Options: indicator, ics, view, period, region, state (a hash string),
   *  views (array or comma list), compact (bool), hash (bool: read and write the page's URL hash). */
  function mount(element, options) {
    var o = options || {};
    var shadow = element.shadowRoot || element.attachShadow({ mode: 'open' });
    shadow.textContent = '';
    var css = document.createElement('link');
    css.rel = 'stylesheet';
    css.href = base + 'www/app.css';
    shadow.appendChild(css);
    var container = text('div', 'ics-root');
    container.appendChild(text('p', 'ics-loading', 'Loading ICS Explorer…'));
    container.firstChild.setAttribute('role', 'status');
    shadow.appendChild(container);
    element.setAttribute('data-state', 'loading');
    var views = o.views;
    if (typeof views === 'string') { views = views.split(/[\s,]+/).filter(Boolean); }
    return start().then(function () {
      if (window.performance && performance.mark) { performance.mark('ics-explorer:wasm-ready'); }
      var ex = IcsExplorerWasm.mount(container, window.ICS_EXPLORER_DATASET, {
        hash: !!o.hash,
        compact: !!o.compact,
        views: views,
        state: o.hash ? undefined : initialState(o),
        base: base
      });
      mounted.push({ element: element, container: container });
      var a = api(ex);
      // The element's methods use this; it is set before ics-ready so listeners can call them at once.
      element._icsApi = a;
      element.setAttribute('data-state', 'ready');
      if (window.performance && performance.mark) {
        performance.mark('ics-explorer:ready');
        // The first frame with the chart in it: rAF runs just before that frame paints, a task posted from it
        // runs just after. Only the first mount marks it (the benchmark's "first chart painted").
        if (!performance.getEntriesByName('ics-explorer:painted').length) {
          requestAnimationFrame(function () {
            setTimeout(function () {
              if (!performance.getEntriesByName('ics-explorer:painted').length) { performance.mark('ics-explorer:painted'); }
            }, 0);
          });
        }
      }
      element.dispatchEvent(new CustomEvent('ics-ready', { bubbles: true, composed: true }));
      return a;
    }, function (e) {
      throw e;
    }).catch(function (e) {
      showError(container, (e && e.message) ? e.message : String(e), e && e.problems);
      element.setAttribute('data-state', 'error');
      element.dispatchEvent(new CustomEvent('ics-error', { bubbles: true, composed: true, detail: { message: String(e && e.message) } }));
      throw e;
    });
  }

  function api(ex) {
    return {
      /** Runs an engine query; returns the result as a plain object. Read-only. */
      query: function (q) { return ex.query(q); },
      /** Every indicator's metadata. */
      indicators: function () { return ex.indicators(); },
      /** The 42 ICSs with codes and names. */
      icss: function () { return ex.icss(); },
      /** Selects an ICS by code ('' to clear). */
      select: function (code) { ex.select(code || ''); },
      /** The current view as a hash string, and setting one. */
      get state() { return ex.stateHash(); },
      setState: function (hash) { ex.setState(String(hash || '').replace(/^#/, '')); },
      destroy: function () { ex.destroy(); },
      /** For the test suite only: 'engine' or 'panic'. */
      __failForTest: function (kind) { ex.__failForTest(kind); }
    };
  }

  var ATTRS = ['indicator', 'ics', 'view', 'period', 'region', 'state', 'views', 'compact', 'hash', 'height'];

  function options(el) {
    var o = {};
    ATTRS.forEach(function (a) {
      if (el.hasAttribute(a)) { o[a] = el.getAttribute(a); }
    });
    o.compact = el.hasAttribute('compact');
    o.hash = el.hasAttribute('hash');
    return o;
  }

  if (window.customElements && !window.customElements.get('ics-explorer')) {
    var Element = function () { return Reflect.construct(HTMLElement, [], Element); };
    Element.prototype = Object.create(HTMLElement.prototype);
    Element.prototype.constructor = Element;
    Object.setPrototypeOf(Element, HTMLElement);
    Element.prototype.connectedCallback = function () {
      if (this._explorer) { return; }
      var h = this.getAttribute('height');
      // Through the CSSOM (allowed under a strict CSP), never a style attribute.
      if (h) { this.style.setProperty('--ics-explorer-height', h); }
      this._explorer = mount(this, options(this));
      this._explorer.catch(function () {});
    };
    Element.prototype.whenReady = function () { return this._explorer; };
    ['query', 'indicators', 'icss', 'select', 'setState'].forEach(function (m) {
      Element.prototype[m] = function () {
        if (!this._icsApi) { throw new Error('ICS Explorer is still loading: wait for the ics-ready event or whenReady().'); }
        return this._icsApi[m].apply(this._icsApi, arguments);
      };
    });
    Object.defineProperty(Element.prototype, 'state', { get: function () { return this._icsApi ? this._icsApi.state : ''; } });
    window.customElements.define('ics-explorer', Element);
  }

  window.IcsExplorer = { mount: mount, ready: function () { return start(); }, base: base, fatal: fatal, errors: errors };
})();
