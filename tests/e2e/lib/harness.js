// Shared helpers for the Chromium-only end-to-end specs: a headless Debian Chromium (`sharedBrowser()` for a
// spec's tests), a loopback static server, a page wrapper that records console errors and every request, so
// specs can assert that nothing leaves the folder, and axe-core checks (`axeTests` for a list of links).
'use strict';
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { chromium } = require('playwright-core');
const http = require('node:http');
const fs = require('node:fs');
const path = require('node:path');
const os = require('node:os');
const { pathToFileURL } = require('node:url');

const REPO = path.resolve(__dirname, '..', '..', '..');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

async function launch() {
  return chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
}

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8', '.css': 'text/css',
  '.json': 'application/json', '.wasm': 'application/wasm', '.svg': 'image/svg+xml', '.png': 'image/png' };

// Serves `root` on 127.0.0.1. `overrides` maps URL paths to replacement bodies; `headers` are added to every
// response (e.g. a Content-Security-Policy).
function serve(root, { overrides = {}, headers = {} } = {}) {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    let rel = decodeURIComponent(url.pathname);
    if (rel.endsWith('/')) rel += 'index.html';
    const type = TYPES[path.extname(rel)] || 'application/octet-stream';
    if (Object.prototype.hasOwnProperty.call(overrides, rel)) {
      res.writeHead(200, { 'Content-Type': type, ...headers });
      return res.end(overrides[rel]);
    }
    const file = path.join(root, rel);
    if (!file.startsWith(root + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404, headers);
      return res.end('not found');
    }
    res.writeHead(200, { 'Content-Type': type, ...headers });
    fs.createReadStream(file).pipe(res);
  });
  // Never keeps a spec's process alive: a test that fails before `close()` must not hang the whole run.
  server.unref();
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      resolve({ url: `http://127.0.0.1:${port}`, close: () => new Promise((r) => { server.close(r); server.closeAllConnections(); }) });
    });
  });
}

// One server of `root` for all of a spec's tests (see `serve`): started before the first (`.url`), closed after
// the last.
function sharedServer(root, options) {
  const shared = {};
  before(async () => { Object.assign(shared, await serve(root, options)); });
  after(async () => { if (shared.close) await shared.close(); });
  return shared;
}

function fileUrl(p) {
  return pathToFileURL(p).href;
}

// Opens `url` in a fresh context. The returned record collects console errors, page errors and requests.
async function open(browser, url, { viewport = { width: 1280, height: 900 }, waitFor = 'ready' } = {}) {
  const context = await browser.newContext({ viewport, acceptDownloads: true });
  const page = await context.newPage();
  const record = { page, context, consoleErrors: [], pageErrors: [], requests: [] };
  page.on('console', (m) => { if (m.type() === 'error') record.consoleErrors.push(m.text()); });
  page.on('pageerror', (e) => record.pageErrors.push(String(e)));
  page.on('request', (r) => record.requests.push(r.url()));
  await page.goto(url);
  if (waitFor) {
    await page.waitForSelector(`#ics-explorer[data-state="${waitFor}"]`, { timeout: 20000 });
  }
  return record;
}

// Requests that leave the page's own folder (file://) or origin (http). data: and blob: stay on the page.
function foreignRequests(record, base) {
  const b = new URL(base);
  return record.requests.filter((u) => {
    const x = new URL(u);
    if (x.protocol === 'data:' || x.protocol === 'blob:') return false;
    if (b.protocol === 'file:') return !(x.protocol === 'file:' && x.pathname.startsWith(path.posix.dirname(b.pathname) + '/'));
    return x.origin !== b.origin;
  });
}

// A throwaway copy of the shippable folder (index.html, www, pkg), for tests that break a file.
function copyFolder() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ics-explorer-'));
  for (const p of ['index.html', 'www', 'pkg']) {
    fs.cpSync(path.join(REPO, p), path.join(dir, p), { recursive: true });
  }
  return dir;
}

// One Chromium for all of a spec's tests: started before the first, closed after the last (`.browser`).
function sharedBrowser() {
  const shared = {};
  before(async () => { shared.browser = await launch(); });
  after(async () => { if (shared.browser) await shared.browser.close(); });
  return shared;
}

module.exports = { REPO, launch, sharedBrowser, serve, sharedServer, open, fileUrl, foreignRequests, copyFolder };
