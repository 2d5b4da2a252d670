// The skeleton: index.html opens from file:// and from a loopback server, the Rust code renders the 42 ICSs of July 2022
// with their real populations, nothing is requested from outside the folder, and a broken dataset or program
// file produces the error panel instead of a blank page.
'use strict';
const { test, describe } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { REPO, sharedServer, sharedBrowser, serve, open, fileUrl, foreignRequests, copyFolder } = require('../lib/harness');
const { tableRows } = require('../lib/driver');

// Hand-checked against data/ics/icb22_population_allocations_2022_23.csv (projected_population_2022_23,
// rounded to whole people): smallest, largest and two others.
const POPULATIONS = {
  'Shropshire, Telford and Wrekin': '521,391',
  'Greater Manchester': '3,146,943',
  'Cheshire and Merseyside': '2,714,167',
  'Staffordshire and Stoke-on-Trent': '1,172,053',
};

const chromium = sharedBrowser();
const server = sharedServer(REPO);

async function icsRows(page) {
  const rows = await tableRows(page, '#ics-table-rankings');
  return rows.filter((r) => r[0] !== 'England');
}

for (const [how, url] of [['file://', () => fileUrl(path.join(REPO, 'index.html'))], ['http', () => server.url + '/']]) {
  describe(`index.html over ${how}`, () => {
    test('lists all 42 ICSs with their real populations, requesting nothing outside the folder', async () => {
      const r = await open(chromium.browser, url() + '#g=icb22&i=population');
      const rows = await icsRows(r.page);
      assert.equal(rows.length, 42);
      const byName = Object.fromEntries(rows.map(([name, , pop]) => [name, pop]));
      for (const [name, pop] of Object.entries(POPULATIONS)) {
        assert.equal(byName[name], pop, name);
      }
      const regions = new Set(rows.map(([, region]) => region));
      assert.equal(regions.size, 7);
      assert.deepEqual(foreignRequests(r, url()), []);
      assert.deepEqual(r.consoleErrors, []);
      assert.deepEqual(r.pageErrors, []);
      await r.context.close();
    });
  });
}

describe('failures show the error panel', () => {
  const dataset = fs.readFileSync(path.join(REPO, 'www/data/dataset.json'), 'utf8');
  const asScript = (json) => `window.ICS_EXPLORER_DATASET = ${JSON.stringify(json)};`;
  const wasmScript = fs.readFileSync(path.join(REPO, 'pkg/ics_explorer_wasm.js'), 'utf8');
  const cases = [
    ['a truncated dataset', { '/www/data/dataset.js': asScript(dataset.slice(0, dataset.length / 2)) }, /truncated/],
    ['a dataset from an unknown schema version', { '/www/data/dataset.js': asScript(dataset.replace('"schema_version":3', '"schema_version":99')) }, /schema_version is 99/],
    ['a dataset with a duplicated ICS code', { '/www/data/dataset.js': asScript(dataset.replace('"code":"E54000010"', '"code":"E54000008"')) }, /ics E54000008: code "E54000008" appears more than once/],
    ['a missing dataset script', { '/www/data/dataset.js': 'this is not javascript (' }, /dataset \(www\/data\/dataset\.js\) did not load/],
    ['a damaged wasm', { '/pkg/ics_explorer_wasm.js': 'window.ICS_EXPLORER_WASM = {"encoding":"deflate-raw","bytes":8,"base64":"AGFzbQEAAAA="};' }, /ics_explorer_wasm\.js is damaged/],
    // A module the browser cannot compile (here: a bad section; in an old browser: SIMD) says what it needs.
    ['a wasm the browser cannot compile', { '/pkg/ics_explorer_wasm.js': 'window.ICS_EXPLORER_WASM = {"encoding":"raw","bytes":11,"base64":"AGFzbQEAAAABAf8="};' }, /engine could not be compiled .*WebAssembly with SIMD/],
    ['a truncated wasm', { '/pkg/ics_explorer_wasm.js': wasmScript.replace(/"base64":"(.*)"/, (m, b) => `"base64":"${b.slice(0, b.length - 4000)}"`) }, /ics_explorer_wasm\.js is damaged/],
    ['a wasm that is not WebAssembly', { '/pkg/ics_explorer_wasm.js': 'window.ICS_EXPLORER_WASM = {"encoding":"raw","bytes":12,"base64":"AGFzbQEAAAAAAAAA"};' }, /could not start/],
  ];
  for (const [name, overrides, expected] of cases) {
    test(`over http: ${name}`, async () => {
      const s = await serve(REPO, { overrides });
      const r = await open(chromium.browser, s.url + '/', { waitFor: 'error' });
      const panel = await r.page.textContent('#ics-explorer .ics-error');
      assert.match(panel, expected);
      assert.match(panel, /could not start/);
      await r.context.close();
      await s.close();
    });
  }

  test('over file://: a folder whose dataset is broken', async () => {
    const dir = copyFolder();
    fs.writeFileSync(path.join(dir, 'www/data/dataset.js'), asScript(dataset.replace('"name":"North West"', '"name":""')));
    const r = await open(chromium.browser, fileUrl(path.join(dir, 'index.html')), { waitFor: 'error' });
    const items = await r.page.$$eval('#ics-explorer .ics-error li', (lis) => lis.map((li) => li.textContent));
    assert.deepEqual(items, ['region E40000010: name is empty']);
    await r.context.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
