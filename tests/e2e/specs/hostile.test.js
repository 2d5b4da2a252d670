// Hostile input and failure, in Chromium and Firefox: script payloads in the dataset, in imported files and in
// links rendered inert, an engine error the page recovers from, and a panic reported in the error panel.
// (Imports that work: imports.test.js; broken files and host pages: drills.test.js.)
'use strict';
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { REPO, serve, fileUrl } = require('../lib/harness');
const { eachBrowser, pageErrors, tableRows, choose } = require('../lib/driver');

const INDEX = fileUrl(path.join(REPO, 'index.html'));
const XSS = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>';

// The dataset with the payload in ICS names, an indicator's name and a caveat, served over http.
let server;
before(async () => {
  const json = fs.readFileSync(path.join(REPO, 'www/data/dataset.json'), 'utf8');
  const hostile = json
    // Every copy: both area sets carry Greater Manchester.
    .replaceAll('"short_name":"Greater Manchester"', `"short_name":${JSON.stringify('Greater Manchester ' + XSS)}`)
    .replaceAll('"name":"Waiting over 52 weeks"', `"name":${JSON.stringify('Waiting ' + XSS)}`)
    .replaceAll('"caveats":["April 2023 is missing from the source."]', `"caveats":[${JSON.stringify(XSS)}]`);
  assert.notEqual(hostile, json);
  server = await serve(REPO, { overrides: { '/www/data/dataset.js': `window.ICS_EXPLORER_DATASET = ${JSON.stringify(hostile)};` } });
});
after(() => server.close());

// Nothing of the payload ran, and no element of it exists in the explorer.
async function inert(p) {
  assert.deepEqual(await p.eval(() => [window.__pwned === undefined, document.getElementById('ics-explorer').shadowRoot.querySelectorAll('img, script').length]), [true, 0]);
}

const text = (p, selector) => p.eval((s) => document.getElementById('ics-explorer').shadowRoot.querySelector(s).textContent, selector);

eachBrowser('script payloads are rendered as text', (b) => {
  test('in the dataset (ICS names, indicator metadata)', async () => {
    const p = await b.open(server.url + '/#s=QOP&i=rtt_over_52w_pct');
    for (const v of ['rankings', 'map', 'profile', 'about']) {
      await p.click(`ics-explorer >>> button[data-view="${v}"]`);
      await p.waitFor((s) => document.getElementById('ics-explorer').shadowRoot.querySelector(s), `button[data-view="${v}"][aria-current="page"]`);
    }
    await p.click('ics-explorer >>> button[data-view="rankings"]');
    await p.waitFor(() => document.getElementById('ics-explorer').shadowRoot.getElementById('ics-table-rankings'));
    const names = (await tableRows(p, '#ics-table-rankings')).map((r) => r[0]);
    assert.ok(names.includes(`Greater Manchester ${XSS}`), names.join(' | '));
    assert.ok((await text(p, '.ics-meta')).includes(XSS), 'the caveat is shown as text');
    await inert(p);
    await p.close();
  });

  test('in an imported file', async () => {
    const p = await b.open(INDEX);
    await p.upload('ics-explorer >>> #ics-import-file', 'x.csv', `Indicator Name,Area Name,Value\n"${XSS.replace(/"/g, '""')}",Greater Manchester,1\n`);
    await p.waitFor(() => /Added from x\.csv/.test(document.getElementById('ics-explorer').shadowRoot.textContent));
    assert.equal(await text(p, '#ics-view-title'), `${XSS}, as supplied`);
    await inert(p);
    await p.close();
  });

  test('in a link', async () => {
    const p = await b.open(INDEX + '#i=' + encodeURIComponent(XSS) + '&s=' + encodeURIComponent(XSS));
    assert.ok((await text(p, '.ics-notice')).includes('<img src=x onerror='));
    await inert(p);
    await p.close();
  });
});

eachBrowser('failures', (b) => {
  test('an engine error shows why, and the page stays usable', async () => {
    const p = await b.open(INDEX);
    await p.eval(() => document.querySelector('ics-explorer')._icsApi.__failForTest('engine'));
    await p.waitFor(() => /This view cannot be shown/.test(document.getElementById('ics-explorer').shadowRoot.textContent));
    assert.match(await text(p, '.ics-error'), /has no period "no-such-period"/);
    await choose(p, 'ics-indicator', 'population');
    await p.waitFor(() => /Population \(projected 2022\/23\)/.test(document.getElementById('ics-explorer').shadowRoot.getElementById('ics-view-title').textContent));
    assert.deepEqual(await pageErrors(p), []);
    await p.close();
  });

  test('a panic is reported in the error panel, not a frozen page', async () => {
    const p = await b.open(INDEX);
    await p.eval(() => { try { document.querySelector('ics-explorer')._icsApi.__failForTest('panic'); } catch (e) { window.__trap = String(e); } });
    await p.waitFor(() => document.getElementById('ics-explorer').getAttribute('data-state') === 'error');
    const panel = await text(p, '.ics-error');
    assert.match(panel, /ICS Explorer stopped because of a bug: panicked at crates\/ics-web\/src\/lib\.rs:\d+:\d+:\s*a failure forced by the test suite/);
    assert.match(panel, /Reload/);
    // WebAssembly's trap, in each browser's words.
    assert.match(await p.eval(() => window.__trap), /unreachable/);
    await p.close();
  });
});
