// The skeleton, in Chromium and Firefox: index.html opens from file:// and from a loopback server, the Rust code
// renders the 42 ICSs of July 2022 with their real populations, nothing is requested from outside the folder, and
// a broken dataset or program file produces the error panel instead of a blank page. (Broken folders opened from
// file://, and hostile host pages: drills.test.js.)
'use strict';
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { REPO, serve, fileUrl, copyFolder } = require('../lib/harness');
const { eachBrowser, pageErrors, tableRows, foreignRequests, errorPanel } = require('../lib/driver');

// Hand-checked against data/ics/icb22_population_allocations_2022_23.csv (projected_population_2022_23,
// rounded to whole people): smallest, largest and two others.
const POPULATIONS = {
  'Shropshire, Telford and Wrekin': '521,391',
  'Greater Manchester': '3,146,943',
  'Cheshire and Merseyside': '2,714,167',
  'Staffordshire and Stoke-on-Trent': '1,172,053',
};

const dataset = fs.readFileSync(path.join(REPO, 'www/data/dataset.json'), 'utf8');
const asScript = (json) => `window.ICS_EXPLORER_DATASET = ${JSON.stringify(json)};`;
const wasmScript = fs.readFileSync(path.join(REPO, 'pkg/ics_explorer_wasm.js'), 'utf8');
// Each broken file (served in place of the real one) and what the error panel must say.
const BROKEN = [
  ['a truncated dataset', { '/www/data/dataset.js': asScript(dataset.slice(0, dataset.length / 2)) }, /truncated/],
  ['a dataset from an unknown schema version', { '/www/data/dataset.js': asScript(dataset.replace('"schema_version":3', '"schema_version":99')) }, /schema_version is 99/],
  ['a dataset with a duplicated ICS code', { '/www/data/dataset.js': asScript(dataset.replace('"code":"E54000010"', '"code":"E54000008"')) }, /ics E54000008: code "E54000008" appears more than once/],
  ['a missing dataset script', { '/www/data/dataset.js': 'this is not javascript (' }, /dataset \(www\/data\/dataset\.js\) did not load/],
  ['a damaged wasm', { '/pkg/ics_explorer_wasm.js': 'window.ICS_EXPLORER_WASM = {"encoding":"deflate-raw","bytes":8,"base64":"AGFzbQEAAAA="};' }, /ics_explorer_wasm\.js is damaged/],
  // A module a browser with WebAssembly SIMD cannot compile (here: a bad section) is a damaged file. (In a browser
  // without SIMD the panel says the engine needs it: not testable in these browsers, which all have it.)
  ['a wasm the browser cannot compile', { '/pkg/ics_explorer_wasm.js': 'window.ICS_EXPLORER_WASM = {"encoding":"raw","bytes":11,"base64":"AGFzbQEAAAABAf8="};' }, /ics_explorer_wasm\.js is damaged \(it is not an engine this browser can compile/],
  ['a truncated wasm', { '/pkg/ics_explorer_wasm.js': wasmScript.replace(/"base64":"(.*)"/, (m, b) => `"base64":"${b.slice(0, b.length - 4000)}"`) }, /ics_explorer_wasm\.js is damaged/],
  ['a wasm that is not WebAssembly', { '/pkg/ics_explorer_wasm.js': 'window.ICS_EXPLORER_WASM = {"encoding":"raw","bytes":12,"base64":"AGFzbQEAAAAAAAAA"};' }, /could not start/],
];

let server;
before(async () => { server = await serve(REPO); });
after(() => server.close());

eachBrowser('the skeleton', (b) => {
  for (const how of ['file://', 'http']) {
    test(`over ${how}: lists all 42 ICSs with their real populations, requesting nothing outside the folder`, async () => {
      const url = how === 'http' ? server.url + '/' : fileUrl(path.join(REPO, 'index.html'));
      const p = await b.open(url + '#g=icb22&i=population');
      const rows = (await tableRows(p, '#ics-table-rankings')).filter((r) => r[0] !== 'England');
      assert.equal(rows.length, 42);
      const byName = Object.fromEntries(rows.map(([name, , pop]) => [name, pop]));
      for (const [name, pop] of Object.entries(POPULATIONS)) assert.equal(byName[name], pop, name);
      assert.equal(new Set(rows.map(([, region]) => region)).size, 7);
      assert.deepEqual(foreignRequests(p, how === 'http' ? server.url + '/' : fileUrl(REPO) + '/'), []);
      assert.deepEqual(await pageErrors(p), []);
      await p.close();
    });
  }

  for (const [name, overrides, expected] of BROKEN) {
    test(`over http, the error panel: ${name}`, async () => {
      const s = await serve(REPO, { overrides });
      const p = await b.open(s.url + '/', { ready: null });
      const panel = await errorPanel(p);
      assert.match(panel, expected);
      assert.match(panel, /could not start/);
      await p.close();
      await s.close();
    });
  }

  test('over file://, the error panel: a folder whose dataset is broken lists the problem', async () => {
    const dir = copyFolder();
    fs.writeFileSync(path.join(dir, 'www/data/dataset.js'), asScript(dataset.replace('"name":"North West"', '"name":""')));
    const p = await b.open(fileUrl(path.join(dir, 'index.html')), { ready: null });
    await errorPanel(p);
    const items = await p.eval(() => Array.from(document.getElementById('ics-explorer').shadowRoot.querySelectorAll('.ics-error li'), (li) => li.textContent));
    assert.deepEqual(items, ['region E40000010: name is empty']);
    await p.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
