// Hostile input and failure: script payloads in the dataset, in imported files and in links rendered inert, an
// engine error the page recovers from, and a panic reported in the error panel. (Imports that work: imports.test.js.)
'use strict';
const { test, describe } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { REPO, sharedBrowser, serve, open, fileUrl, foreignRequests } = require('../lib/harness');

const INDEX = fileUrl(path.join(REPO, 'index.html'));
const XSS = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>';

const chromium = sharedBrowser();

async function importFile(page, name, text) {
  await page.locator('#ics-import-file').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(text) });
}


describe('script payloads are rendered as text', () => {
  test('in the dataset (ICS names, indicator metadata)', async () => {
    const json = fs.readFileSync(path.join(REPO, 'www/data/dataset.json'), 'utf8');
    const hostile = json
      // Every copy: both area sets carry Greater Manchester.
      .replaceAll('"short_name":"Greater Manchester"', `"short_name":${JSON.stringify('Greater Manchester ' + XSS)}`)
      .replaceAll('"name":"Waiting over 52 weeks"', `"name":${JSON.stringify('Waiting ' + XSS)}`)
      .replaceAll('"caveats":["April 2023 is missing from the source."]', `"caveats":[${JSON.stringify(XSS)}]`);
    assert.notEqual(hostile, json);
    const s = await serve(REPO, { overrides: { '/www/data/dataset.js': `window.ICS_EXPLORER_DATASET = ${JSON.stringify(hostile)};` } });
    const r = await open(chromium.browser, s.url + '/#s=QOP&i=rtt_over_52w_pct');
    for (const v of ['rankings', 'map', 'profile', 'about']) {
      await r.page.click(`button[data-view="${v}"]`);
      await r.page.waitForSelector(`button[data-view="${v}"][aria-current="page"]`);
    }
    await r.page.click('button[data-view="rankings"]');
    const cell = await r.page.textContent('#ics-table-rankings tbody th:has-text("Greater Manchester <img")');
    assert.equal(cell, `Greater Manchester ${XSS}`);
    assert.ok((await r.page.textContent('.ics-meta')).includes(XSS), 'the caveat is shown as text');
    assert.equal(await r.page.evaluate(() => window.__pwned), undefined);
    assert.equal(await r.page.locator('ics-explorer').locator('img, script').count(), 0);
    await r.context.close();
    await s.close();
  });

  test('in an imported file', async () => {
    const r = await open(chromium.browser, INDEX);
    await importFile(r.page, 'x.csv', `Indicator Name,Area Name,Value\n"${XSS.replace(/"/g, '""')}",Greater Manchester,1\n`);
    await r.page.waitForSelector('text=Added from x.csv');
    assert.equal(await r.page.$eval('#ics-view-title', (h) => h.textContent), `${XSS}, as supplied`);
    assert.equal(await r.page.evaluate(() => window.__pwned), undefined);
    assert.equal(await r.page.locator('ics-explorer').locator('img, script').count(), 0);
    await r.context.close();
  });

  test('in a link', async () => {
    const r = await open(chromium.browser, INDEX + '#i=' + encodeURIComponent(XSS) + '&s=' + encodeURIComponent(XSS));
    assert.ok((await r.page.textContent('.ics-notice')).includes('<img src=x onerror='));
    assert.equal(await r.page.evaluate(() => window.__pwned), undefined);
    assert.equal(await r.page.locator('ics-explorer').locator('img, script').count(), 0);
    await r.context.close();
  });
});

describe('failures', () => {
  test('an engine error shows why, and the page stays usable', async () => {
    const r = await open(chromium.browser, INDEX);
    await r.page.evaluate(() => document.querySelector('ics-explorer')._icsApi.__failForTest('engine'));
    await r.page.waitForSelector('text=This view cannot be shown');
    assert.match(await r.page.textContent('.ics-error'), /has no period "no-such-period"/);
    await r.page.selectOption('#ics-indicator', 'population');
    await r.page.waitForSelector('#ics-view-title:has-text("Population (projected 2022/23)")');
    assert.deepEqual(r.pageErrors, []);
    await r.context.close();
  });

  test('a panic is reported in the error panel, not a frozen page', async () => {
    const r = await open(chromium.browser, INDEX);
    await r.page.evaluate(() => { try { document.querySelector('ics-explorer')._icsApi.__failForTest('panic'); } catch (e) { window.__trap = String(e); } });
    await r.page.waitForSelector('#ics-explorer[data-state="error"]');
    const panel = await r.page.textContent('.ics-error');
    assert.match(panel, /ICS Explorer stopped because of a bug: panicked at crates\/ics-web\/src\/lib\.rs:\d+:\d+:\s*a failure forced by the test suite/);
    assert.match(panel, /Reload/);
    assert.match(await r.page.evaluate(() => window.__trap), /unreachable/);
    await r.context.close();
  });
});
