// What the end-to-end specs (and the benchmark) share besides the browsers (lib/driver.js): the repository's
// path, a loopback static server (`serve`, or `sharedServer` for a whole spec), file:// URLs, and a throwaway copy
// of the shippable folder.
'use strict';
const { before, after } = require('node:test');
const http = require('node:http');
const fs = require('node:fs');
const path = require('node:path');
const os = require('node:os');
const { pathToFileURL } = require('node:url');

const REPO = path.resolve(__dirname, '..', '..', '..');

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

// A throwaway copy of the shippable folder (index.html, www, pkg), for tests that break a file.
function copyFolder() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ics-explorer-'));
  for (const p of ['index.html', 'www', 'pkg']) {
    fs.cpSync(path.join(REPO, p), path.join(dir, p), { recursive: true });
  }
  return dir;
}

module.exports = { REPO, serve, sharedServer, fileUrl, copyFolder };
