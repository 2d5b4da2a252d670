// Hostile input and failure: your own data (a Fingertips download, a broken file), script payloads in the
// dataset, in imported files and in links rendered inert, an engine error the page recovers from, and a panic
// reported in the error panel.
'use strict';
const { test, before, after, describe } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { REPO, launch, serve, open, fileUrl, foreignRequests } = require('../lib/harness');

const INDEX = fileUrl(path.join(REPO, 'index.html'));
const XSS = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser.close(); });

const FINGERTIPS = [
  'Indicator ID,Indicator Name,Parent Code,Parent Name,Area Code,Area Name,Area Type,Sex,Age,Category Type,Category,Time period,Value,Lower CI 95.0 limit,Upper CI 95.0 limit,Lower CI 99.8 limit,Upper CI 99.8 limit,Count,Denominator,Value note,Recent Trend,Compared to England value or percentiles,Compared to ICBs (statutory) in England,Time period Sortable,New data,Compared to goal,Time period range',
  '92488,Smoking prevalence in adults (18+),,,E92000001,England,England,Persons,18+ yrs,,,2022,12.7,12.5,12.9,,,,,,,,,20220000,,,1y',
  '92488,Smoking prevalence in adults (18+),E92000001,England,E40000010,North West,NHS region,Persons,18+ yrs,,,2022,14.1,13.4,14.8,,,,,,,,,20220000,,,1y',
  '92488,Smoking prevalence in adults (18+),E40000010,North West,E54000057,NHS Greater Manchester Integrated Care Board,ICBs,Persons,18+ yrs,,,2022,14.3,13.1,15.5,,,,,,,,,20220000,,,1y',
  '92488,Smoking prevalence in adults (18+),E40000010,North West,E54000008,NHS Cheshire and Merseyside Integrated Care Board,ICBs,Persons,18+ yrs,,,2022,10.0,9.1,10.9,,,,,,,,,20220000,,,1y',
].join('\r\n') + '\r\n';

async function importFile(page, name, text) {
  await page.locator('#ics-import-file').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(text) });
}

describe('your own data', () => {
  test('a Fingertips download becomes an indicator: ranked, compared with England, mapped, never uploaded', async () => {
    const r = await open(browser, INDEX);
    const { page } = r;
    await importFile(page, 'fingertips-smoking.csv', FINGERTIPS);
    await page.waitForSelector('text=Added from fingertips-smoking.csv');
    assert.equal(await page.$eval('#ics-indicator', (s) => s.selectedOptions[0].textContent), 'Smoking prevalence in adults (18+)');
    const rows = await page.$$eval('#ics-table-rankings tbody tr', (rs) => rs.map((x) => Array.from(x.children, (c) => c.textContent)));
    const gm = rows.find((x) => x[0] === 'Greater Manchester');
    // Read as context until told otherwise: its 95% interval (from the file) is above England's 12.7.
    assert.deepEqual(gm.slice(2, 6), ['14.3', '13.1', '15.5', 'Higher than England']);
    const cm = rows.find((x) => x[0] === 'Cheshire and Merseyside');
    assert.deepEqual(cm.slice(2, 6), ['10.0', '9.1', '10.9', 'Lower than England']);
    assert.deepEqual(rows.find((x) => x[0] === 'England').slice(2, 5), ['12.7', '12.5', '12.9']);
    assert.equal(rows.filter((x) => x[2] === 'no data').length, 40, 'the other 40 ICSs are missing, not zero');
    const warnings = await page.textContent('.ics-import__warnings');
    assert.match(warnings, /no value for 40 of 42 ICSs in 2022: /);
    assert.match(warnings, /1 rows for other kinds of area were left out \(NHS region\)/);
    // Say how to read it: lower is better. Now intervals are judged against England.
    await page.selectOption('#ics-user-polarity', 'lower_is_better');
    await page.waitForSelector('#ics-table-rankings td:has-text("Worse than England")');
    const cmNow = await page.$$eval('#ics-table-rankings tbody tr', (rs) => rs.map((x) => Array.from(x.children, (c) => c.textContent)).find((x) => x[0] === 'Cheshire and Merseyside'));
    assert.equal(cmNow[5], 'Better than England');
    // It works in the other views too.
    await page.click('button[data-view="map"]');
    await page.waitForSelector('#ics-table-map');
    await page.click('button[data-view="scatter"]');
    await page.waitForSelector('text=Smoking prevalence in adults (18+) against deprivation');
    assert.deepEqual(foreignRequests(r, INDEX), [], 'nothing uploaded or fetched');
    assert.deepEqual(r.consoleErrors, []);
    assert.deepEqual(r.pageErrors, []);
    await r.context.close();
  });

  test('a bad file gets a precise list of problems and adds nothing', async () => {
    const r = await open(browser, INDEX);
    const { page } = r;
    await importFile(page, 'bad.csv', 'Area Code,Value\nE54000057,12\nE38000001,3\nQYG,lots\n');
    await page.waitForSelector('.ics-import__failed');
    const items = await page.$$eval('.ics-import__failed li', (li) => li.map((x) => x.textContent));
    assert.deepEqual(items, [
      'line 3, column "Area Code": "E38000001" is not one of the 42 ICBs (July 2022) (that is a sub-ICB location; ICS Explorer needs ICB values): expected an E54 or Q.. code, or an ICB name',
      'line 4, column "Value": "lots" is not a number',
    ]);
    assert.equal(await page.$$eval('#ics-indicator optgroup[label^="Your own data"]', (x) => x.length), 0);
    await r.context.close();
  });
});

describe('script payloads are rendered as text', () => {
  test('in the dataset (ICS names, indicator metadata)', async () => {
    const json = fs.readFileSync(path.join(REPO, 'www/data/dataset.json'), 'utf8');
    const hostile = json
      .replace('"short_name":"Greater Manchester"', `"short_name":${JSON.stringify('Greater Manchester ' + XSS)}`)
      .replace('"name":"Waiting over 52 weeks"', `"name":${JSON.stringify('Waiting ' + XSS)}`)
      .replace('"caveats":["April 2023 is missing from the source."]', `"caveats":[${JSON.stringify(XSS)}]`);
    assert.notEqual(hostile, json);
    const s = await serve(REPO, { overrides: { '/www/data/dataset.js': `window.ICS_EXPLORER_DATASET = ${JSON.stringify(hostile)};` } });
    const r = await open(browser, s.url + '/#s=QOP');
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
    const r = await open(browser, INDEX);
    await importFile(r.page, 'x.csv', `Indicator Name,Area Name,Value\n"${XSS.replace(/"/g, '""')}",Greater Manchester,1\n`);
    await r.page.waitForSelector('text=Added from x.csv');
    assert.equal(await r.page.$eval('#ics-view-title', (h) => h.textContent), `${XSS}, as supplied`);
    assert.equal(await r.page.evaluate(() => window.__pwned), undefined);
    assert.equal(await r.page.locator('ics-explorer').locator('img, script').count(), 0);
    await r.context.close();
  });

  test('in a link', async () => {
    const r = await open(browser, INDEX + '#i=' + encodeURIComponent(XSS) + '&s=' + encodeURIComponent(XSS));
    assert.ok((await r.page.textContent('.ics-notice')).includes('<img src=x onerror='));
    assert.equal(await r.page.evaluate(() => window.__pwned), undefined);
    assert.equal(await r.page.locator('ics-explorer').locator('img, script').count(), 0);
    await r.context.close();
  });
});

describe('failures', () => {
  test('an engine error shows why, and the page stays usable', async () => {
    const r = await open(browser, INDEX);
    await r.page.evaluate(() => document.querySelector('ics-explorer')._icsApi.__failForTest('engine'));
    await r.page.waitForSelector('text=This view cannot be shown');
    assert.match(await r.page.textContent('.ics-error'), /has no period "no-such-period"/);
    await r.page.selectOption('#ics-indicator', 'population');
    await r.page.waitForSelector('#ics-view-title:has-text("Population (projected 2022/23)")');
    assert.deepEqual(r.pageErrors, []);
    await r.context.close();
  });

  test('a panic is reported in the error panel, not a frozen page', async () => {
    const r = await open(browser, INDEX);
    await r.page.evaluate(() => { try { document.querySelector('ics-explorer')._icsApi.__failForTest('panic'); } catch (e) { window.__trap = String(e); } });
    await r.page.waitForSelector('#ics-explorer[data-state="error"]');
    const panel = await r.page.textContent('.ics-error');
    assert.match(panel, /ICS Explorer stopped because of a bug: panicked at src\/web\/mod\.rs:\d+:\d+:\s*a failure forced by the test suite/);
    assert.match(panel, /Reload/);
    assert.match(await r.page.evaluate(() => window.__trap), /unreachable/);
    await r.context.close();
  });
});
