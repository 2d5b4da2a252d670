/* ICS Explorer loader: the <ics-explorer> custom element and the IcsExplorer JavaScript API.
 *
 * One classic script, so it works from file://, under a strict Content-Security-Policy (no inline script, no
 * eval, no style attributes) and in any host page. It loads the dataset and the engine from the folder it
 * lives in (if the page has not already), starts the WebAssembly once with the async WebAssembly.instantiate
 * path, and mounts each explorer into its own shadow root with its own copy of the stylesheet, so host CSS
 * cannot reach in and ours cannot leak out. Anything that fails ends in a visible error panel. The element's
 * attributes are the engine's settings: changing one changes the running explorer, and a mistake in one is
 * reported to the page's editor (an ics-error event and a console warning) while the explorer carries on.
 * Removing the element stops its explorer. It computes nothing: every figure, and every check of a setting
 * but the height (a CSS length), comes from the Rust engine.
 *
 *   <script src="/tools/ics-explorer/www/ics-explorer.js"></script>
 *   <ics-explorer indicator="ae_4hr_pct" ics="QOP" view="rankings"></ics-explorer>
 *   IcsExplorer.mount(element, { indicator: 'ae_4hr_pct', ics: 'QOP' }).then(function (ex) { ex.query({...}) });
 */
(function () {
  'use strict';
  // Loaded twice (two embeds of one page, each with its loader): the first one serves both.
  if (window.IcsExplorer && window.IcsExplorer.isIcsExplorer === true) { return; }
  if (window.IcsExplorer !== undefined && typeof console === 'object') {
    console.warn('ICS Explorer: this page already had a global named IcsExplorer, which ICS Explorer\'s own replaces (window.IcsExplorer).');
  }

  // Uncaught errors on the page, kept for diagnosis (and for the cross-browser tests, which cannot read the
  // console): never sent anywhere.
  var errors = [];
  window.addEventListener('error', function (e) { errors.push(String(e.message || e.error)); });
  window.addEventListener('unhandledrejection', function (e) { errors.push(String(e.reason && e.reason.message || e.reason)); });

  var here = document.currentScript && document.currentScript.src;
  // The explorer's folder: this script lives in <folder>/www/.
  var base = here ? here.replace(/[^/]*$/, '').replace(/www\/$/, '') : '';

  // From a folder on this computer, a missing file usually means the page was opened from inside a ZIP file.
  var EXTRACT = ' If you opened ICS Explorer from inside a ZIP file, extract all the files first (in Windows, right-click the ZIP file and choose Extract All), then open index.html in the extracted folder.';

  function load(src) {
    return new Promise(function (resolve, reject) {
      var s = document.createElement('script');
      s.src = base + src;
      s.onload = resolve;
      s.onerror = function () { reject(new Error('Could not load ' + src + ' from the ICS Explorer folder.' + (/^file:/.test(base || location.href) ? EXTRACT : ''))); };
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

  // The engine's glue (pkg/ics_explorer.js) once it has run: checked by its shape, so a host page's global of a
  // similar name is never taken for it.
  function glue() {
    var g = window.ICS_EXPLORER_ENGINE;
    return typeof g === 'function' && typeof g.mount === 'function' ? g : null;
  }

  // Whether this browser compiles WebAssembly SIMD (a module of one i8x16 instruction), which the engine needs.
  function simd() {
    return WebAssembly.validate(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 10, 1, 8, 0, 65, 0, 253, 15, 253, 98, 11]));
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
        // The browsers' own reasons ("Failed to fetch", "NetworkError…") say nothing to a reader.
        .then(function (b) { return new Uint8Array(b); }, function () { throw damaged('it could not be unpacked'); });
    } else {
      return Promise.reject(damaged('unknown encoding ' + String(w.encoding)));
    }
    return unpacked.then(function (bytes) {
      if (bytes.length !== w.bytes) { throw damaged(bytes.length + ' bytes instead of ' + w.bytes); }
      return bytes;
    });
  }

  // Editions shipped apart (www/data/<id>.js, e.g. imd2019 for the July 2022 map): loaded once, when a view
  // first needs one, as classic scripts (so it works from file://). Resolves to the edition's JSON text.
  var editions = {};
  function loadEdition(id) {
    if (!/^[a-z0-9]+$/.test(String(id))) { return Promise.reject(new Error('"' + String(id) + '" is not an edition of the dataset.')); }
    var shipped = function () { return window.ICS_EXPLORER_EDITIONS && window.ICS_EXPLORER_EDITIONS[id]; };
    if (!editions[id]) {
      editions[id] = (typeof shipped() === 'string' ? Promise.resolve() : load('www/data/' + id + '.js')).then(function () {
        if (typeof shipped() !== 'string') { throw new Error('Its file www/data/' + id + '.js is damaged.'); }
        return shipped();
      });
      // A failure is not kept: the next attempt tries again.
      editions[id].catch(function () { delete editions[id]; });
    }
    return editions[id];
  }

  // A User Timing mark of a start-up phase (names are stable: tests/bench/run.js reads them).
  function mark(name) {
    if (window.performance && performance.mark) { performance.mark(name); }
  }

  var engine = null;
  // Loads whatever is missing, then instantiates the wasm once for every explorer on the page. The engine's
  // scripts and the dataset's load side by side: the wasm is unpacked and compiled (off the main thread) while
  // the dataset's script is still being parsed.
  function start() {
    if (engine) { return engine; }
    var need = function (present, src) { return present() ? Promise.resolve() : load(src); };
    var code = Promise.all([
      need(glue, 'pkg/ics_explorer.js'),
      need(function () { return typeof window.ICS_EXPLORER_WASM === 'object'; }, 'pkg/ics_explorer_wasm.js')
    ]).then(function () {
      var w = window.ICS_EXPLORER_WASM;
      if (!glue() || !w || typeof w.base64 !== 'string') {
        throw new Error('Its program files (pkg/ics_explorer.js and pkg/ics_explorer_wasm.js) did not load.');
      }
      if (typeof WebAssembly !== 'object') {
        throw new Error('This browser does not support WebAssembly. Use a current version of Edge, Chrome, Firefox or Safari.');
      }
      mark('ics-explorer:scripts-parsed');
      return wasmBytes(w);
    }).then(function (bytes) {
      mark('ics-explorer:wasm-unpacked');
      return glue()({ module_or_path: bytes }).catch(function (e) {
        if (e instanceof WebAssembly.CompileError) {
          // A browser that compiles SIMD but not this file: the file is at fault, not the browser.
          throw new Error(simd() ? 'Its program file pkg/ics_explorer_wasm.js is damaged (it is not an engine this browser can compile: ' + e.message + ').'
            : 'Its engine could not be compiled (' + e.message + '). It needs WebAssembly with SIMD: a current version of Edge, Chrome, Firefox or Safari (Safari 16.4 or later).');
        }
        throw e;
      });
    });
    var data = need(function () { return typeof window.ICS_EXPLORER_DATASET === 'string'; }, 'www/data/dataset.js').then(function () {
      if (typeof window.ICS_EXPLORER_DATASET !== 'string') {
        throw new Error('Its dataset (www/data/dataset.js) did not load, or is damaged.');
      }
      mark('ics-explorer:dataset-parsed');
    });
    engine = Promise.all([code, data]);
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

  // The settings the engine understands (ui::settings), as strings: from IcsExplorer.mount's options or the
  // element's attributes. The engine checks them; this only carries them.
  var SETTINGS = ['views', 'compact', 'geography', 'imd', 'state', 'indicator', 'period', 'ics', 'region', 'view'];
  function settingsOf(o) {
    var s = {};
    SETTINGS.forEach(function (k) {
      var v = o[k];
      if (v === undefined || v === null) { return; }
      if (Array.isArray(v)) { v = v.join(','); }
      s[k] = String(v);
    });
    return s;
  }

  // Reports mistakes in the settings to the page's editor: a console warning, and an ics-error event whose
  // detail says which setting (the explorer keeps working, with that setting's default). `where(setting)`
  // names the setting as the editor wrote it, e.g. <ics-explorer views="foo">.
  function report(element, problems, where) {
    (problems || []).forEach(function (p) {
      var message = where(p.setting) + ': ' + p.message;
      if (window.console && console.warn) { console.warn(message); }
      element.dispatchEvent(new CustomEvent('ics-error', { bubbles: true, composed: true, detail: { message: message, setting: p.setting } }));
    });
  }
  function quoted(v) { return '"' + String(v).replace(/"/g, '\\"') + '"'; }
  function inOptions(o) { return function (k) { return 'IcsExplorer.mount(…, { ' + k + ': ' + quoted(o[k]) + ' })'; }; }
  function inAttribute(el) { return function (k) { return '<ics-explorer ' + k + '="' + (el.getAttribute(k) || '') + '">'; }; }
  function inCall(name, arg) { return function () { return name + '(' + quoted(arg) + ')'; }; }

  function cancelled() {
    var e = new Error('ICS Explorer was removed from the page before it started.');
    e.cancelled = true;
    return e;
  }

  /** Mounts an explorer into `element` (in a shadow root). Resolves to an API object once the view asked for
   *  is shown; rejects on failure (after showing the error panel). Options: geography ('icb26', today's 36
   *  ICBs, or 'icb22', the 42 of July 2022), imd ('2025' or '2019'), indicator, ics, view, period ('latest'
   *  or one of the indicator's), region, state (a hash string), views (array or comma list), compact (bool),
   *  hash (bool: read and write the page's URL hash). Mistakes in them are reported as ics-error events and
   *  console warnings; the explorer still starts. */
  function mount(element, options) {
    var o = options || {};
    return mountWith(element, function () {
      return { settings: settingsOf(o), hash: !!o.hash, where: inOptions(o), problems: [] };
    }, {});
  }

  // What the visitor does to a prerendered first view before the engine is ready (a click, a choice in a
  // control) is kept, in order, and handed to the engine, which replays it once it has taken the view over.
  var QUEUED = ['click', 'change', 'input'];
  function queueInput(container) {
    var queued = [];
    var keep = function (e) {
      var el = e.target && e.target.closest ? e.target.closest('[data-h]') : null;
      if (!el) { return; }
      queued.push({ type: e.type, h: Number(el.getAttribute('data-h')), value: typeof el.value === 'string' ? el.value : '' });
    };
    QUEUED.forEach(function (k) { container.addEventListener(k, keep); });
    return function stop() {
      QUEUED.forEach(function (k) { container.removeEventListener(k, keep); });
      return queued;
    };
  }

  // Resolves once the page's first frame has been painted (a task posted from requestAnimationFrame runs after
  // it), or after 100 ms if frames are not running (a background tab). A prerendered first view is shown
  // before the engine's scripts load: from disk they would arrive, and run, before that frame and hold it back.
  function afterFirstPaint() {
    return new Promise(function (resolve) {
      if (typeof requestAnimationFrame === 'function') {
        requestAnimationFrame(function () { setTimeout(resolve, 0); });
      }
      setTimeout(resolve, 100);
    });
  }

  // `read()` gives the settings when the engine is ready (an element's attributes may change while it loads);
  // `token.cancelled` stops a mount whose element was removed meanwhile.
  function mountWith(element, read, token) {
    // The first view prerendered into the page (index.html, embed.html): shown as it is until the engine takes
    // it over (the engine draws it afresh if its settings or a link ask for another view).
    var shadow = element.shadowRoot;
    var container = shadow && shadow.querySelector('.ics-root[data-prerender]');
    var queue = function () { return []; };
    // Shown, that is: on a link to another view (www/link-guard.js) it stays hidden, and waits for nothing.
    var prerendered = !!container && !document.documentElement.hasAttribute('data-ics-linked');
    if (container) {
      // The element's own content (the page's loading message) is shown through a slot until this script runs.
      Array.prototype.forEach.call(shadow.querySelectorAll('slot'), function (s) { s.remove(); });
      queue = queueInput(container);
    } else {
      shadow = shadow || element.attachShadow({ mode: 'open' });
      shadow.textContent = '';
      var css = document.createElement('link');
      css.rel = 'stylesheet';
      css.href = base + 'www/app.css';
      shadow.appendChild(css);
      container = text('div', 'ics-root');
      container.appendChild(text('p', 'ics-loading', 'Loading ICS Explorer…'));
      container.firstChild.setAttribute('role', 'status');
      shadow.appendChild(container);
    }
    element.setAttribute('data-state', 'loading');
    return (prerendered ? afterFirstPaint() : Promise.resolve()).then(start).then(function () {
      var queued = queue();
      if (token.cancelled) { throw cancelled(); }
      mark('ics-explorer:wasm-ready');
      var o = read();
      var ex = glue().mount(container, window.ICS_EXPLORER_DATASET, { hash: o.hash, settings: o.settings, base: base, queued: queued });
      var entry = { element: element, container: container };
      mounted.push(entry);
      var a = api(ex, element, function () {
        var i = mounted.indexOf(entry);
        if (i >= 0) { mounted.splice(i, 1); }
      });
      // The element's methods use this; it is set before ics-ready so listeners can call them at once.
      element._icsApi = a;
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
      var found = o.problems.concat(ex.problems());
      // Ready once the view asked for is shown: a view of the July 2022 map loads its edition first.
      return ex.settled().then(function (late) {
        if (token.cancelled) { throw cancelled(); }
        element.setAttribute('data-state', 'ready');
        element.dispatchEvent(new CustomEvent('ics-ready', { bubbles: true, composed: true }));
        report(element, found.concat(late), o.where);
        return a;
      });
    }).catch(function (e) {
      queue();
      if (e && e.cancelled) { throw e; }
      showError(container, (e && e.message) ? e.message : String(e), e && e.problems);
      element.setAttribute('data-state', 'error');
      element.dispatchEvent(new CustomEvent('ics-error', { bubbles: true, composed: true, detail: { message: String(e && e.message) } }));
      throw e;
    });
  }

  function api(ex, element, forget) {
    var live = true;
    // The engine's explorer, while it lives: a destroyed one is freed, and any later call says so.
    function use() {
      if (!live) { throw new Error('This ICS Explorer was destroyed: mount a new one (IcsExplorer.mount, or add an <ics-explorer> to the page).'); }
      return ex;
    }
    // Applies settings and reports their problems: those found at once, and those found when an edition the
    // view needed has loaded. Resolves when the view is shown.
    function change(settings, where) {
      report(element, use().set(settings), where);
      return ex.settled().then(function (late) { report(element, late, where); });
    }
    return {
      /** Runs an engine query; returns the result as a plain object. Read-only. */
      query: function (q) { return use().query(q); },
      /** The funnel plot of an indicator with counts ({indicator, period, overdispersion}); a plain object. */
      funnel: function (q) { return use().funnel(q); },
      /** An SPC chart (Making Data Count) and every ICS's latest variation; read-only. */
      spc: function (q) { return use().spc(q); },
      /** Every indicator's metadata. */
      indicators: function () { return use().indicators(); },
      /** The ICSs (ICBs) shown, with codes and names. */
      icss: function () { return use().icss(); },
      /** Selects an ICS by code ('' to clear); throws for a code that is not an ICS. */
      select: function (code) { use().select(code == null ? '' : String(code)); },
      /** The current view as a hash string, and setting one (mistakes are reported as ics-error). */
      get state() { return use().stateHash(); },
      setState: function (hash) {
        var h = String(hash == null ? '' : hash).replace(/^#/, '');
        return change({ state: h }, inCall('setState', h));
      },
      /** Stops the explorer: removes its content, listeners and observers. */
      destroy: function () {
        if (!live) { return; }
        live = false;
        ex.destroy();
        // Its memory now, not when the garbage collector finds the handle (a page that mounts and destroys
        // explorers again and again would otherwise grow the engine's memory by a dataset's worth each time).
        ex.free();
        forget();
      },
      /** For the element: applies changed settings, reporting their problems as `where` names them. */
      _set: change,
      /** For the test suite only: 'engine' or 'panic'. */
      __failForTest: function (kind) { use().__failForTest(kind); }
    };
  }

  // The element's attributes that change a running explorer. `hash` is read once, when it starts.
  var OBSERVED = SETTINGS.concat(['height']);

  // A height in pixels (a plain number) or any CSS length; null when it is neither.
  function cssHeight(h) {
    var t = String(h).trim();
    if (/^\d+(\.\d+)?$/.test(t)) { return t + 'px'; }
    if (window.CSS && CSS.supports && CSS.supports('height', t) && !/^(auto|inherit|initial|unset|revert|revert-layer)$/i.test(t)) { return t; }
    return null;
  }

  // Applies the height attribute through the CSSOM (allowed under a strict CSP; never a style attribute).
  // Returns its problems.
  function applyHeight(el) {
    if (!el.hasAttribute('height')) {
      el.style.removeProperty('--ics-explorer-height');
      return [];
    }
    var h = cssHeight(el.getAttribute('height'));
    if (h) {
      el.style.setProperty('--ics-explorer-height', h);
      return [];
    }
    el.style.removeProperty('--ics-explorer-height');
    return [{ setting: 'height', message: quoted(el.getAttribute('height')) + ' is not a height; use a number of pixels (such as 600) or a CSS length (such as 40em or 80vh)' }];
  }

  if (window.customElements && !window.customElements.get('ics-explorer')) {
    var Element = function () { return Reflect.construct(HTMLElement, [], Element); };
    Element.prototype = Object.create(HTMLElement.prototype);
    Element.prototype.constructor = Element;
    Object.setPrototypeOf(Element, HTMLElement);
    Object.defineProperty(Element, 'observedAttributes', { get: function () { return OBSERVED; } });
    Element.prototype.connectedCallback = function () {
      if (this._explorer) { return; }
      var el = this;
      var token = {};
      el._token = token;
      el._explorer = mountWith(el, function () {
        var s = {};
        SETTINGS.forEach(function (k) { if (el.hasAttribute(k)) { s[k] = el.getAttribute(k); } });
        return { settings: s, hash: el.hasAttribute('hash') ? el.getAttribute('hash') : false, where: inAttribute(el), problems: applyHeight(el) };
      }, token);
      el._explorer.catch(function () {});
    };
    // Removed from the page: stopped, so nothing keeps listening. Moved (removed and added again at once, as
    // appendChild does): kept as it is.
    Element.prototype.disconnectedCallback = function () {
      var el = this;
      Promise.resolve().then(function () { if (!el.isConnected) { el.destroy(); } });
    };
    Element.prototype.attributeChangedCallback = function (name, before, after) {
      // Before it is ready, the attributes are read when it starts.
      if (!this._icsApi || before === after) { return; }
      if (name === 'height') {
        report(this, applyHeight(this), inAttribute(this));
        return;
      }
      var change = {};
      change[name] = after;
      var el = this;
      // A whole view, or its boundaries or edition: the single settings written on the element still apply on
      // top of it (what they name depends on the frame).
      if (name === 'state' || name === 'geography' || name === 'imd') {
        ['geography', 'imd', 'state', 'indicator', 'period', 'ics', 'region', 'view'].forEach(function (k) { if (el.hasAttribute(k)) { change[k] = el.getAttribute(k); } });
      }
      this._icsApi._set(change, inAttribute(this));
    };
    Element.prototype.whenReady = function () { return this._explorer || Promise.reject(new Error('ICS Explorer is not on the page.')); };
    /** Stops the explorer (as removing the element does); adding it to a page again starts a new one. */
    Element.prototype.destroy = function () {
      if (this._token) { this._token.cancelled = true; }
      if (this._icsApi) { this._icsApi.destroy(); }
      this._icsApi = null;
      this._explorer = null;
      this._token = null;
      if (this.shadowRoot) { this.shadowRoot.textContent = ''; }
      this.removeAttribute('data-state');
    };
    ['query', 'funnel', 'spc', 'indicators', 'icss', 'select', 'setState'].forEach(function (m) {
      Element.prototype[m] = function () {
        if (!this._icsApi) { throw new Error('ICS Explorer is not ready: wait for the ics-ready event or whenReady().'); }
        return this._icsApi[m].apply(this._icsApi, arguments);
      };
    });
    Object.defineProperty(Element.prototype, 'state', { get: function () { return this._icsApi ? this._icsApi.state : ''; } });
    window.customElements.define('ics-explorer', Element);
  }

  window.IcsExplorer = { mount: mount, loadEdition: loadEdition, ready: function () { return start(); }, base: base, fatal: fatal, errors: errors, isIcsExplorer: true };
})();
