// One small API over two browsers, so a spec is written once and runs in both: Debian's Chromium through
// playwright-core, and Debian's Firefox ESR through W3C WebDriver (geckodriver; Playwright cannot drive it).
//
//   const { eachBrowser } = require('../lib/driver');
//   eachBrowser('the page', (b) => {
//     test('…', async () => {
//       const p = await b.open(url, { width: 390 });
//       await p.click('ics-explorer >>> button[data-view="map"]');
//       assert.equal(await p.eval(() => document.title), '…');
//       await p.close();
//     });
//   });
//
// `p.frame('#frame')` is the same API (eval, waitFor, click) inside that iframe's document; `p.back()` is the
// browser's Back button; `p.goto(url)` opens another page (a file:// one too) in the same tab. `p.requests`
// lists the URLs the page asked for (Firefox tells WebDriver of network requests only, not file:// ones).
// `p.type`, `p.clear` and `p.upload(target, name, text)` (a file chosen in a file input) act on form fields.
// `tableRows(p, '#ics-table-rankings')` reads a table's body rows (cell texts), on these pages and Playwright's;
// `parseCsv(text)` reads a downloaded CSV.
//
// Targets are CSS selectors; ' >>> ' steps into an element's open shadow root ('ics-explorer >>> #ics-period').
// Clicks and typing are real input events from each browser's automation (trusted), not synthetic ones.
// Waiting is always for a condition (`waitFor`), never for a time. Errors on the page are read from the
// loader's own record (`IcsExplorer.errors`) in both browsers, because WebDriver cannot read the console.
// E2E_BROWSERS=chromium (or firefox) runs one.
'use strict';
const { describe, before, after, test } = require('node:test');
const assert = require('node:assert/strict');
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');

const BROWSERS = (process.env.E2E_BROWSERS || 'chromium,firefox').split(',').map((s) => s.trim()).filter(Boolean);
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const FIREFOX = process.env.FIREFOX || '/usr/bin/firefox-esr';
const GECKODRIVER = process.env.GECKODRIVER || 'geckodriver';
const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];
const TIMEOUT = 20000;

// Finds the element a target names, stepping into shadow roots at ' >>> '. Runs in the page.
function find(target) {
  let scope = document;
  let el = null;
  for (const part of target.split(' >>> ')) {
    el = scope.querySelector(part);
    if (!el) return null;
    scope = el.shadowRoot || el;
  }
  return el;
}
const FIND = `(${find})`;
// A call of `fn` with JSON arguments, as source text: evaluated by the automation protocol itself, so it works
// under a Content-Security-Policy that forbids eval.
const call = (fn, args) => `(${fn})(...${JSON.stringify(args)})`;
// Evaluates `fn(...args)` with `evaluate` until it gives a truthy value (returned), or throws after TIMEOUT.
// Each check is one evaluation by the protocol: unlike Playwright's waitForFunction, which evals its predicate
// in the page, it works under a Content-Security-Policy without 'unsafe-eval'.
async function poll(evaluate, fn, args) {
  const t0 = Date.now();
  for (;;) {
    const v = await evaluate(call(fn, args));
    if (v) return v;
    if (Date.now() - t0 > TIMEOUT) throw new Error(`timed out waiting for: ${fn}`);
  }
}

// ---------------------------------------------------------------------------------------------- Chromium

async function chromium() {
  const { chromium: pw } = require('playwright-core');
  const browser = await pw.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
  return {
    name: 'chromium',
    async open(url, { width = 1280, height = 900, ready = 'ics-explorer' } = {}) {
      const context = await browser.newContext({ viewport: { width, height }, acceptDownloads: true });
      const page = await context.newPage();
      const consoleErrors = [];
      page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
      page.on('pageerror', (e) => consoleErrors.push(String(e)));
      const requests = [];
      page.on('request', (r) => requests.push(r.url()));
      const handle = async (target) => {
        const h = await page.evaluateHandle(call(FIND, [target]));
        const el = h.asElement();
        if (!el) throw new Error(`no element matches ${target}`);
        return el;
      };
      const p = {
        browser: 'chromium',
        page,
        consoleErrors,
        requests,
        goto: (u) => page.goto(u),
        eval: (fn, ...args) => page.evaluate(call(fn, args)),
        waitFor: (fn, ...args) => poll((src) => page.evaluate(src), fn, args),
        click: async (target) => (await handle(target)).click(),
        type: async (target, text) => { const el = await handle(target); await el.focus(); await page.keyboard.type(text); },
        clear: async (target) => (await handle(target)).fill(''),
        upload: async (target, name, text) => (await handle(target)).setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(text) }),
        back: () => page.goBack(),
        frame: (target) => {
          const frame = async () => {
            const f = await (await handle(target)).contentFrame();
            if (!f) throw new Error(`${target} is not a frame`);
            return f;
          };
          return {
            eval: async (fn, ...args) => (await frame()).evaluate(call(fn, args)),
            waitFor: async (fn, ...args) => { const f = await frame(); return poll((src) => f.evaluate(src), fn, args); },
            click: async (t) => {
              const el = (await (await frame()).evaluateHandle(call(FIND, [t]))).asElement();
              if (!el) throw new Error(`no element matches ${t} in ${target}`);
              await el.click();
            },
          };
        },
        key: (name) => page.keyboard.press(name),
        resize: (w, h = height) => page.setViewportSize({ width: w, height: h }),
        screenshot: (file) => page.screenshot({ path: file, fullPage: true }),
        close: () => context.close(),
      };
      await p.goto(url);
      if (ready) await waitReady(p, ready);
      return p;
    },
    close: () => browser.close(),
  };
}

// ----------------------------------------------------------------------------------------------- Firefox

function freePort() {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
  });
}

// A WebDriver BiDi connection: `send(method, params)` resolves to the result; `on(event, f)` hears events.
async function connect(url) {
  if (typeof WebSocket !== 'function') throw new Error('Firefox tests need a WebSocket: run Node 20 with --experimental-websocket (npm test does)');
  const ws = new WebSocket(url);
  await new Promise((resolve, reject) => { ws.onopen = resolve; ws.onerror = () => reject(new Error('could not connect to ' + url)); });
  let next = 0;
  const pending = new Map();
  const listeners = {};
  ws.onmessage = (m) => {
    const msg = JSON.parse(m.data);
    if (msg.id !== undefined && pending.has(msg.id)) {
      const { resolve, reject } = pending.get(msg.id);
      pending.delete(msg.id);
      if (msg.type === 'error') reject(new Error(`${msg.error}: ${msg.message}`)); else resolve(msg.result);
    } else if (msg.method && listeners[msg.method]) listeners[msg.method](msg.params);
  };
  return {
    send: (method, params) => new Promise((resolve, reject) => { const id = ++next; pending.set(id, { resolve, reject }); ws.send(JSON.stringify({ id, method, params })); }),
    on: (event, f) => { listeners[event] = f; },
    close: () => ws.close(),
  };
}

// WebDriver's name for an element reference in JSON.
const ELEMENT = 'element-6066-11e4-a52e-4f735466cecf';
// WebDriver key codes for the keys specs use.
const KEYS = { Enter: '\uE007', Escape: '\uE00C', Tab: '\uE004', ArrowDown: '\uE015', ArrowUp: '\uE013', ArrowLeft: '\uE012', ArrowRight: '\uE014', Home: '\uE011', End: '\uE010', Space: ' ' };

async function firefox() {
  const port = await freePort();
  // Its own BiDi port too, so several suites (or developers) can run at once.
  const proc = spawn(GECKODRIVER, ['--port', String(port), '--host', '127.0.0.1', '--websocket-port', String(await freePort())], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  proc.stderr.on('data', (d) => { stderr += d; });
  const base = `http://127.0.0.1:${port}`;
  const call = async (method, p, body) => {
    const r = await fetch(base + p, { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
    const j = await r.json();
    if (j.value && j.value.error) throw new Error(`${j.value.error}: ${j.value.message}`);
    return j.value;
  };
  for (let i = 0; ; i++) {
    try { if ((await call('GET', '/status')).ready) break; } catch (e) { /* not listening yet */ }
    if (i === 200) throw new Error('geckodriver did not start: ' + stderr);
    await new Promise((r) => setTimeout(r, 50)); // polling a process that is starting, not syncing with the page
  }
  // geckodriver runs one session at a time: a test that failed before closing its page leaves one behind.
  let open = null;
  return {
    name: 'firefox',
    async open(url, { width = 1280, height = 900, ready = 'ics-explorer' } = {}) {
      if (open) await open.close().catch(() => {});
      const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'ics-ff-'));
      const caps = { capabilities: { alwaysMatch: { browserName: 'firefox', webSocketUrl: true, 'moz:firefoxOptions': {
        binary: FIREFOX, args: ['-headless', '-profile', profile],
        // Downloads go to a folder of the test's, without asking.
        prefs: { 'browser.download.folderList': 2, 'browser.download.dir': profile, 'browser.download.useDownloadDir': true,
          'browser.download.always_ask_before_handling_new_types': false },
      } } } };
      const { sessionId, capabilities } = await call('POST', '/session', caps);
      const s = `/session/${sessionId}`;
      const exec = (script, args = []) => call('POST', `${s}/execute/sync`, { script, args });
      // WebDriver BiDi, for what classic WebDriver cannot do: a viewport narrower than Firefox's smallest window
      // (about 450 px), and the console's errors.
      const bidi = await connect(capabilities.webSocketUrl);
      const consoleErrors = [];
      bidi.on('log.entryAdded', (e) => { if (e.level === 'error') consoleErrors.push(e.text); });
      const requests = [];
      bidi.on('network.beforeRequestSent', (e) => requests.push(e.request.url));
      await bidi.send('session.subscribe', { events: ['log.entryAdded', 'network.beforeRequestSent'] });
      const { contexts } = await bidi.send('browsingContext.getTree', {});
      const resize = (w, h = height) => bidi.send('browsingContext.setViewport', { context: contexts[0].context, viewport: { width: w, height: h } });
      const run = (fn, args) => call('POST', `${s}/execute/async`, {
        script: `const done = arguments[arguments.length - 1];
          Promise.resolve().then(() => (${fn}).apply(null, arguments[0])).then((v) => done({ ok: v === undefined ? null : v }), (e) => done({ err: String(e && (e.message + ' | ' + e.stack) || e) }));`,
        args: [args],
      }).then((r) => { if (r && 'err' in r) throw new Error(r.err); return r.ok; });
      const element = async (target) => {
        const el = await exec(`return ${FIND}(arguments[0]);`, [target]);
        if (!el) throw new Error(`no element matches ${target}`);
        return el[ELEMENT];
      };
      const waitFor = (fn, ...args) => poll((src) => run(`() => ${src}`, []), fn, args);
      const click = async (target) => call('POST', `${s}/element/${await element(target)}/click`, {});
      // WebDriver acts in one frame at a time: switch into the iframe for one operation, then back out.
      const within = async (target, op) => {
        await call('POST', `${s}/frame`, { id: { [ELEMENT]: await element(target) } });
        try { return await op(); } finally { await call('POST', `${s}/frame/parent`, {}); }
      };
      const p = {
        browser: 'firefox',
        consoleErrors,
        requests,
        goto: (u) => call('POST', `${s}/url`, { url: u }),
        eval: (fn, ...args) => run(String(fn), args),
        waitFor,
        click,
        back: () => call('POST', `${s}/back`, {}),
        frame: (target) => ({
          eval: (fn, ...args) => within(target, () => run(String(fn), args)),
          waitFor: (fn, ...args) => within(target, () => waitFor(fn, ...args)),
          click: (t) => within(target, () => click(t)),
        }),
        type: async (target, text) => call('POST', `${s}/element/${await element(target)}/value`, { text }),
        // As a user clears a field, Ctrl+A then Backspace (WebDriver's own Element Clear fires no input event).
        clear: async (target) => call('POST', `${s}/element/${await element(target)}/value`, { text: '\uE009a\uE000\uE003' }),
        // A file input takes a path: the file is written to the session's folder under its name first.
        upload: async (target, name, text) => {
          const dir = fs.mkdtempSync(path.join(profile, 'upload-'));
          fs.writeFileSync(path.join(dir, name), text);
          return call('POST', `${s}/element/${await element(target)}/value`, { text: path.join(dir, name) });
        },
        key: (name) => call('POST', `${s}/actions`, { actions: [{ type: 'key', id: 'keyboard', actions: [
          { type: 'keyDown', value: KEYS[name] || name }, { type: 'keyUp', value: KEYS[name] || name }] }] }),
        resize,
        screenshot: async (file) => fs.writeFileSync(file, Buffer.from(await call('GET', `${s}/moz/screenshot/full`), 'base64')),
        close: async () => {
          open = null;
          bidi.close();
          await call('DELETE', s);
          fs.rmSync(profile, { recursive: true, force: true });
        },
      };
      open = p;
      await call('POST', `${s}/window/rect`, { width: Math.max(width, 1280), height: Math.max(height, 900) });
      await resize(width, height);
      await p.goto(url);
      if (ready) await waitReady(p, ready);
      return p;
    },
    close: async () => { if (open) await open.close().catch(() => {}); proc.kill(); },
  };
}

// ------------------------------------------------------------------------------------------------ common

// Waits until the explorer(s) matching `selector` are ready (or any has failed, which throws with its message).
async function waitReady(p, selector) {
  const state = await p.waitFor((sel) => {
    const els = Array.from(document.querySelectorAll(sel));
    if (els.some((e) => e.getAttribute('data-state') === 'error')) return 'error';
    return els.length > 0 && els.every((e) => e.getAttribute('data-state') === 'ready') && 'ready';
  }, selector);
  if (state === 'error') throw new Error('the explorer failed to start: ' + await p.eval((sel) => document.querySelector(sel).shadowRoot.textContent, selector));
}

// Runs `body(b)` once per browser inside a describe block named for it; `b` is started before and closed after.
function eachBrowser(title, body) {
  for (const name of BROWSERS) {
    describe(`${title} [${name}]`, () => {
      const b = { name };
      before(async () => { Object.assign(b, await (name === 'firefox' ? firefox() : chromium())); });
      after(async () => { if (b.close) await b.close(); });
      body(b);
    });
  }
}

// Downloads, caught in the page in the same way in both browsers: the explorer saves a file by clicking an
// <a download> with a blob: URL, so the click is recorded and the blob read back. Call before the click.
async function catchDownloads(p) {
  await p.eval(() => {
    if (window.__downloads) return;
    window.__downloads = [];
    // The blob behind each blob: URL, read directly: fetching it would break under a strict CSP (connect-src).
    window.__blobs = new Map();
    const create = URL.createObjectURL;
    URL.createObjectURL = function (blob) { const u = create.call(URL, blob); window.__blobs.set(u, blob); return u; };
    const click = HTMLAnchorElement.prototype.click;
    HTMLAnchorElement.prototype.click = function () {
      if (this.hasAttribute('download')) window.__downloads.push({ name: this.download, url: this.href });
      else click.call(this);
    };
  });
}

// The n-th download (from 1) once it has happened: its file name, MIME type, size, and its text (or for an
// image, its pixel size).
async function download(p, n = 1) {
  await p.waitFor((k) => window.__downloads && window.__downloads.length >= k, n);
  return p.eval(async (k) => {
    const d = window.__downloads[k - 1];
    const blob = window.__blobs.get(d.url) || await (await fetch(d.url)).blob();
    const out = { name: d.name, type: blob.type, size: blob.size };
    if (blob.type.startsWith('image/png')) {
      const img = await createImageBitmap(blob);
      Object.assign(out, { width: img.width, height: img.height });
    } else out.text = await blob.text();
    return out;
  }, n);
}

// The body rows of a table, each as its cells' texts (th and td, in order). `table` is a selector inside the
// explorer's shadow root (`root`; null for the document itself). Takes a driver page (`b.open`) or a Playwright
// page (harness.js), so every spec reads tables the same way.
function readRows(table, root) {
  const scope = root ? document.querySelector(root).shadowRoot : document;
  return Array.from(scope.querySelectorAll(`${table} tbody tr`), (r) => Array.from(r.children, (c) => c.textContent));
}
async function tableRows(p, table, root = 'ics-explorer') {
  return p.eval ? p.eval(readRows, table, root) : p.evaluate(call(readRows, [table, root]));
}

// A CSV text (RFC 4180: quoted fields, doubled quotes, CRLF or LF; a leading BOM dropped) as rows of fields.
function parseCsv(text) {
  const rows = [];
  let row = [''];
  let q = false;
  text = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (q) {
      if (c === '"' && text[i + 1] === '"') { row[row.length - 1] += '"'; i++; } else if (c === '"') q = false; else row[row.length - 1] += c;
    } else if (c === '"') q = true;
    else if (c === ',') row.push('');
    else if (c === '\n') { rows.push(row); row = ['']; } else if (c !== '\r') row[row.length - 1] += c;
  }
  if (row.length > 1 || row[0] !== '') rows.push(row);
  return rows;
}

// Errors the page itself recorded (uncaught errors and rejections, kept by the loader), plus the console's
// errors where the browser lets us read them (Chromium).
async function pageErrors(p) {
  const own = await p.eval(() => (window.IcsExplorer ? window.IcsExplorer.errors.slice() : ['IcsExplorer is not defined']));
  return own.concat(p.consoleErrors);
}

// The WCAG 2.2 A and AA violations axe-core finds in the page, one line each ("id (impact): help — targets").
const AXE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
async function axeViolations(p) {
  await p.eval((src) => {
    if (window.axe) return;
    const s = document.createElement('script');
    s.textContent = src;
    document.head.appendChild(s);
  }, AXE);
  return p.eval(async () => {
    const r = await window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } });
    return r.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
  });
}

// In each browser, one test per hash and width: the page `file#hash`, once `ready` (a selector in the explorer's
// shadow root, if given) is there, has no axe-core violations.
function axeTests(file, hashes, { widths = [1280, 390], ready = null } = {}) {
  eachBrowser('axe-core finds no violations', (b) => {
    for (const hash of hashes) {
      for (const width of widths) {
        test(`axe: #${hash} at ${width} px`, async () => {
          const p = await b.open(`${file}#${hash}`, { width });
          if (ready) await p.waitFor((sel) => !!document.querySelector('ics-explorer').shadowRoot.querySelector(sel), ready);
          assert.deepEqual(await axeViolations(p), []);
          await p.close();
        });
      }
    }
  });
}

// A user's choice in the form control `id` of the explorer `host` (a selector of the page): its value set, then
// a change event, as choosing in the control does.
function choose(p, id, value, host = 'ics-explorer') {
  return p.eval((h, i, v) => {
    const el = document.querySelector(h).shadowRoot.getElementById(i);
    el.value = v;
    el.dispatchEvent(new Event('change', { bubbles: true }));
  }, host, id, value);
}

// The text of the explorer's error panel (`host`, a selector of the page) once it has given up.
function errorPanel(p, host = '#ics-explorer') {
  return p.waitFor((h) => {
    const el = document.querySelector(h);
    const panel = el.getAttribute('data-state') === 'error' && el.shadowRoot.querySelector('.ics-error[role="alert"]');
    return panel && panel.textContent;
  }, host);
}

// The requests a page made outside `folder` (a URL prefix: the explorer's folder or origin); data: and blob: stay
// on the page. Firefox tells WebDriver of network requests only, so from file:// only Chromium's list says anything.
function foreignRequests(p, folder) {
  return p.requests.filter((u) => !u.startsWith(folder) && !/^(data|blob):/.test(u));
}

module.exports = { eachBrowser, pageErrors, catchDownloads, download, tableRows, parseCsv, axeViolations, axeTests, foreignRequests, choose, errorPanel, BROWSERS };
