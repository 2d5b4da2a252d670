// Hostile input and failure: your own data (a Fingertips download, a spreadsheet table with rows to fix, the
// template, a broken file), script payloads in the dataset, in imported files and in links rendered inert, an
// engine error the page recovers from, and a panic reported in the error panel.
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

// A table saved from a spreadsheet: a title and a blank row above the header, percentages, a suppressed cell, a
// misspelt ICS and a source note below.
const SPREADSHEET = [
  'Table 3: Adults who smoke, by ICB,,',
  ',,',
  'ICB name,ICB code,Value',
  'Greater Manchester,QOP,14.3%',
  'Cheshire and Merseyside,QYG,12.0%',
  'Devon,QJK,*',
  'Manchster,,9.9%',
  ',,',
  'Source: Annual Population Survey,,',
].join('\r\n') + '\r\n';

const tableRows = (page) => page.$$eval('#ics-table-rankings tbody tr', (rs) => rs.map((x) => Array.from(x.children, (c) => c.textContent)));

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

  test('a spreadsheet table: the header found below its title, the misspelt ICS assigned, renamed, no-data bars hidden', async () => {
    const r = await open(browser, INDEX);
    const { page } = r;
    await importFile(page, 'table3.csv', SPREADSHEET);
    await page.waitForSelector('text=Added from table3.csv');
    assert.equal(await page.$eval('#ics-indicator', (s) => s.selectedOptions[0].textContent), 'Table 3: Adults who smoke, by ICB');
    const warnings = await page.$$eval('.ics-import__warnings li', (li) => li.map((x) => x.textContent));
    assert.deepEqual(warnings.slice(0, 3), [
      'line 3: read as the header row; line 1 above it was left out (a title or notes)',
      'Line 9 below the table was read as notes and left out',
      '1 cell marked as suppressed or not available (“*”) is shown as no data',
    ]);
    let rows = await tableRows(page);
    assert.deepEqual(['Greater Manchester', 'Cheshire and Merseyside', 'Devon'].map((n) => rows.find((x) => x[0] === n)[2]), ['14.3', '12.0', 'no data']);
    // The % signs set the unit.
    assert.equal(await page.inputValue('#ics-user-unit'), '%');
    // The row that matched no ICS is listed with the closest first; assigned, it joins the same indicator.
    assert.equal(await page.textContent('.ics-import__unmatched legend'), '1 row did not match an ICS and was left out');
    assert.equal(await page.textContent('label[for="ics-fix-7"]'), 'Line 7: “Manchster” (value 9.9%)');
    assert.equal(await page.$eval('#ics-fix-7 optgroup', (g) => `${g.label}: ${g.children[0].textContent}`), 'Closest matches: Greater Manchester');
    await page.selectOption('#ics-fix-7', '7:QKS');
    await page.click('#ics-import-apply');
    await page.waitForSelector('text=Updated: 1 row is now included; any others are left out.');
    rows = await tableRows(page);
    assert.equal(rows.find((x) => x[0] === 'Kent and Medway')[2], '9.9');
    // Renamed and given a unit, typed key by key: titles, tables and downloads follow, and focus stays put.
    await page.fill('#ics-user-name', '');
    await page.waitForSelector('text=Enter a name for the indicator');
    await page.locator('#ics-user-name').pressSequentially('Adults who smoke');
    await page.waitForSelector('#ics-view-title:text-is("Adults who smoke, as supplied")');
    await page.fill('#ics-user-unit', '% of adults');
    await page.waitForSelector('#ics-table-rankings caption:text-is("Adults who smoke (% of adults), as supplied, by ICS")');
    assert.equal(await page.$eval('ics-explorer', (e) => e.shadowRoot.activeElement.id), 'ics-user-unit');
    assert.equal(await page.$eval('#ics-indicator', (s) => s.selectedOptions[0].textContent), 'Adults who smoke');
    const [csv] = await Promise.all([page.waitForEvent('download'), page.click('button[data-download="csv"]')]);
    assert.match(fs.readFileSync(await csv.path(), 'utf8'), /^\uFEFFICS,NHS region,Value \(% of adults\),/);
    // Hide the 39 ICSs with no data: the chart and table lose them, the caption counts them, the link keeps it.
    await page.click('button.ics-toggle:has-text("Hide ICSs with no data")');
    await page.waitForSelector('button.ics-toggle[aria-pressed="true"]:has-text("Hide ICSs with no data")');
    rows = await tableRows(page);
    assert.deepEqual(rows.map((x) => x[0]), ['Greater Manchester', 'Cheshire and Merseyside', 'Kent and Medway', 'England']);
    assert.match(await page.textContent('#ics-table-rankings caption'), /by ICS\. 39 ICSs with no data are hidden$/);
    assert.equal(await page.locator('.ics-chart [data-item]').count(), 3);
    await page.waitForFunction(() => location.hash.includes('nd=hide'));
    assert.deepEqual(foreignRequests(r, INDEX), [], 'nothing uploaded or fetched');
    assert.deepEqual(r.consoleErrors, []);
    assert.deepEqual(r.pageErrors, []);
    await r.context.close();
  });

  test('the template downloads with the 42 ICBs and, filled in, imports cleanly', async () => {
    const r = await open(browser, INDEX);
    const { page } = r;
    await page.click('summary:has-text("Add your own data")');
    const [dl] = await Promise.all([page.waitForEvent('download'), page.click('#ics-import-template')]);
    assert.equal(dl.suggestedFilename(), 'ics-explorer-template.csv');
    const text = fs.readFileSync(await dl.path(), 'utf8');
    const lines = text.split('\r\n');
    assert.equal(lines[0], '\uFEFFICB ONS code,ICB ODS code,ICB name,Time period,Value,Lower CI 95.0 limit,Upper CI 95.0 limit');
    assert.equal(lines.length, 44, '42 ICBs, a header and the final line end');
    assert.ok(lines.includes('E54000057,QOP,NHS Greater Manchester Integrated Care Board,,,,'));
    const filled = lines.map((l, k) => (k === 0 || !l ? l : l.replace(/,,,,$/, `,2024/25,${k}.5,${k},${k + 1}`))).join('\r\n');
    await importFile(page, 'ics-explorer-template.csv', filled);
    await page.waitForSelector('text=Added from ics-explorer-template.csv');
    assert.equal(await page.locator('.ics-import__warnings, .ics-import__unmatched').count(), 0);
    const rows = await tableRows(page);
    assert.equal(rows.filter((x) => x[0] !== 'England' && /^\d+\.5$/.test(x[2])).length, 42);
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
