// Failure drills, in Chromium and Firefox: the explorer's folder with one thing broken, opened from file:// as a
// double-click would. A dataset script cut short, an engine that does not compile and a dataset from a newer
// schema each end in the error panel saying what happened and what to do; storage that throws, a host page that
// froze Object.prototype and a host page with globals named like the explorer's own each leave a working
// explorer. Never a blank panel. (Missing files: offline.test.js; a panic: hostile.test.js.)
'use strict';
const { test, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const zlib = require('node:zlib');
const { fileUrl, copyFolder } = require('../lib/harness');
const { eachBrowser, pageErrors, tableRows, choose, errorPanel } = require('../lib/driver');

// A copy of the folder a user downloads, with `change(folder)` applied; returns index.html's file:// URL.
const copies = [];
after(() => { for (const d of copies) fs.rmSync(d, { recursive: true, force: true }); });
function broken(change) {
  const to = copyFolder();
  copies.push(to);
  change(to);
  return fileUrl(path.join(to, 'index.html'));
}

// Runs `script` (a file of the copy's) in index.html's head before anything else, as a host page's own script.
function first(folder, script) {
  fs.writeFileSync(path.join(folder, 'www', 'host.js'), script);
  const index = path.join(folder, 'index.html');
  fs.writeFileSync(index, fs.readFileSync(index, 'utf8').replace('<meta charset="utf-8">', '<meta charset="utf-8">\n<script src="www/host.js"></script>'));
}

// The explorer works: ready, its ranking drawn with every ICB, and a change of indicator redraws it.
async function works(p) {
  assert.equal((await tableRows(p, '#ics-table-rankings')).length, 37, "today's 36 ICBs and England");
  await choose(p, 'ics-indicator', 'population');
  await p.waitFor(() => /Population/.test(document.getElementById('ics-explorer').shadowRoot.querySelector('.ics-view h2').textContent));
}

eachBrowser('failure drills', (b) => {
  test('a dataset script cut short (an interrupted download) says the dataset is damaged and what to do', async () => {
    const url = broken((f) => {
      const js = path.join(f, 'www', 'data', 'dataset.js');
      const text = fs.readFileSync(js, 'utf8');
      fs.writeFileSync(js, text.slice(0, Math.floor(text.length / 2)));
    });
    const p = await b.open(url, { ready: null });
    const panel = await errorPanel(p);
    assert.match(panel, /ICS Explorer could not start/);
    assert.match(panel, /www\/data\/dataset\.js/);
    assert.match(panel, /Try downloading ICS Explorer again/);
    await p.close();
  });

  // The engine's script with other bytes in it (the script, its base64 and their deflate all intact).
  function engineOf(bytes, { deflate = true } = {}) {
    return (f) => {
      const js = path.join(f, 'pkg', 'ics_explorer_wasm.js');
      const w = JSON.parse(fs.readFileSync(js, 'utf8').match(/= (\{.*\});/)[1]);
      const packed = deflate ? zlib.deflateRawSync(bytes) : bytes;
      fs.writeFileSync(js, `window.ICS_EXPLORER_WASM = ${JSON.stringify({ ...w, bytes: bytes.length, base64: packed.toString('base64') })};`);
    };
  }

  test('an engine that does not unpack says its program file is damaged', async () => {
    const p = await b.open(broken(engineOf(Buffer.from('not deflated at all'), { deflate: false })), { ready: null });
    const panel = await errorPanel(p);
    assert.match(panel, /Its program file pkg\/ics_explorer_wasm\.js is damaged \(it could not be unpacked\)/);
    assert.match(panel, /Try downloading ICS Explorer again/);
    await p.close();
  });

  test('an engine that does not compile (in a browser that compiles WebAssembly SIMD) says its program file is damaged, not the browser', async () => {
    // A WebAssembly header, then bytes that are not a module.
    const p = await b.open(broken(engineOf(Buffer.concat([Buffer.from([0, 97, 115, 109, 1, 0, 0, 0]), Buffer.alloc(64, 0xee)]))), { ready: null });
    const panel = await errorPanel(p);
    assert.match(panel, /Its program file pkg\/ics_explorer_wasm\.js is damaged \(it is not an engine this browser can compile: /);
    assert.doesNotMatch(panel, /current version of Edge/);
    assert.match(panel, /Try downloading ICS Explorer again/);
    await p.close();
  });

  test('a dataset from a newer schema says which version it reads and what to use', async () => {
    const url = broken((f) => {
      const js = path.join(f, 'www', 'data', 'dataset.js');
      const text = fs.readFileSync(js, 'utf8');
      const newer = text.replace(/\\"schema_version\\":\s*(\d+)/, (_, v) => `\\"schema_version\\":${Number(v) + 1}`);
      assert.notEqual(newer, text, 'the dataset script names its schema version');
      fs.writeFileSync(js, newer);
    });
    const p = await b.open(url, { ready: null });
    const panel = await errorPanel(p);
    assert.match(panel, /The dataset failed validation/);
    assert.match(panel, /schema_version/);
    assert.match(panel, /this version of ICS Explorer reads schema version \d+: use the dataset shipped with it/);
    await p.close();
  });

  test('storage that throws on every use (blocked cookies, some kiosks) leaves a working explorer', async () => {
    const url = broken((f) => first(f, `
      for (const name of ['localStorage', 'sessionStorage', 'indexedDB']) {
        Object.defineProperty(window, name, { get() { throw new DOMException('The operation is insecure.', 'SecurityError'); } });
      }`));
    const p = await b.open(url);
    await works(p);
    assert.deepEqual(await pageErrors(p), []);
    await p.close();
  });

  test('a host page that froze Object.prototype (a hardening library) leaves a working explorer', async () => {
    const url = broken((f) => first(f, 'Object.freeze(Object.prototype); Object.freeze(Function.prototype); Object.freeze(Array.prototype);'));
    const p = await b.open(url);
    await works(p);
    assert.deepEqual(await pageErrors(p), []);
    await p.close();
  });

  test('a host page whose globals have the explorer\'s names (even its own IcsExplorer) leaves a working explorer', async () => {
    // Names the explorer's scripts use inside (wasm-bindgen's), or a similar tool could: declared with var, so a
    // script of the explorer's declaring one with let would not run at all.
    const url = broken((f) => first(f, `
      var wasm_bindgen = 'the host page\\'s';
      var IcsExplorerWasm = function () { throw new Error('the host page\\'s own IcsExplorerWasm'); };
      var IcsExplorerDom = 'the host page\\'s';
      var IcsExplorer = { mount: function () { throw new Error('the host page\\'s own IcsExplorer'); } };`));
    const p = await b.open(url);
    await works(p);
    assert.deepEqual(await pageErrors(p), []);
    // The explorer's scripts left the host page's own globals as they were, but IcsExplorer, which is its API.
    assert.deepEqual(await p.eval(() => [typeof IcsExplorerWasm, IcsExplorerDom, wasm_bindgen, IcsExplorer.isIcsExplorer]), ['function', "the host page's", "the host page's", true]);
    await p.close();
  });
});
