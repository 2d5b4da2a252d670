// The explorer page as a user drives it, from file:// and from a loopback server: pick an indicator, filter by
// region, select an ICS, open its profile, follow a permalink in a fresh page, go back, download the CSV and
// check it against the engine (the native CLI), survive a hostile link, and do it all from the keyboard.
'use strict';
const { test, describe } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { execFileSync } = require('node:child_process');
const { REPO, sharedServer, sharedBrowser, open, fileUrl, foreignRequests } = require('../lib/harness');
const { tableRows, parseCsv } = require('../lib/driver');

const CLI = path.join(REPO, 'target', 'debug', 'ics-explorer');

const chromium = sharedBrowser();
const server = sharedServer(REPO);

for (const [how, base] of [['file://', () => fileUrl(path.join(REPO, 'index.html'))], ['http', () => server.url + '/']]) {
  describe(`the explorer over ${how}`, () => {
    test('indicator, region filter, selection, profile, permalink, back and CSV download', async () => {
      const r = await open(chromium.browser, base());
      const { page } = r;
      // Pick an indicator: A&E 4-hour performance, its default month.
      await page.selectOption('#ics-indicator', 'ae_4hr_pct');
      await page.waitForSelector('#ics-view-title:has-text("A&E: seen within 4 hours")');
      assert.equal((await tableRows(page, '#ics-table-rankings')).length, 37, "today's 36 ICBs and England");
      // Filter by region: North West has three ICSs.
      await page.selectOption('#ics-region', 'Y62');
      await page.waitForSelector('text=Showing 3 of 36 ICSs.');
      const rows = await tableRows(page, '#ics-table-rankings');
      assert.deepEqual(rows.map((x) => x[0]).slice(0, 3).sort(), ['Cheshire and Merseyside', 'Greater Manchester', 'Lancashire and South Cumbria']);
      // Select an ICS and open its profile.
      await page.selectOption('#ics-selected', 'QOP');
      await page.waitForSelector('#ics-table-rankings tr.is-selected');
      await page.click('button[data-view="profile"]');
      await page.waitForSelector('#ics-view-title:has-text("Greater Manchester: all indicators")');
      assert.equal((await tableRows(page, '#ics-table-peers')).length, 5);
      // The address bar follows once the frame is painted (pushState is slow while a frame is pending).
      await page.waitForFunction(() => /v=profile/.test(location.hash));
      const hash = await page.evaluate(() => location.hash);
      assert.match(hash, /v=profile/);
      assert.match(hash, /i=ae_4hr_pct/);
      assert.match(hash, /s=QOP/);
      assert.match(hash, /r=Y62/);
      // Back goes to the rankings view with the same selection.
      await page.goBack();
      await page.waitForSelector('#ics-view-title:has-text("A&E: seen within 4 hours")');
      assert.equal(await page.$eval('#ics-selected', (s) => s.value), 'QOP');
      // The permalink restores the exact view in a fresh page.
      const fresh = await open(chromium.browser, base() + hash);
      await fresh.page.waitForSelector('#ics-view-title:has-text("Greater Manchester: all indicators")');
      assert.equal(await fresh.page.$eval('#ics-indicator', (s) => s.value), 'ae_4hr_pct');
      assert.equal(await fresh.page.$eval('#ics-region', (s) => s.value), 'Y62');
      assert.equal(await fresh.page.$eval('button[aria-current="page"]', (b) => b.dataset.view), 'profile');
      assert.deepEqual(fresh.consoleErrors, []);
      await fresh.context.close();
      // The CSV download holds exactly the rows shown, and they agree with the engine run natively (the CLI).
      const [download] = await Promise.all([page.waitForEvent('download'), page.click('button[data-download="csv"]')]);
      assert.match(download.suggestedFilename(), /^ics-explorer-rankings-ae_4hr_pct-2025-07\.csv$/);
      const csv = parseCsv(fs.readFileSync(await download.path(), 'utf8'));
      // Today's map has estimated values, so the CSV has an Estimate column: columns are found by name.
      const col = (name) => { const k = csv[0].indexOf(name); assert.ok(k >= 0, `${name} in ${csv[0]}`); return k; };
      assert.deepEqual(csv[0].slice(0, 3), ['ICS', 'NHS region', 'Value (% of attendances)']);
      assert.equal(csv.length, 1 + 3 + 1, 'header, three ICSs, England');
      const engine = JSON.parse(execFileSync(CLI, ['table', 'ae_4hr_pct', '--region', 'Y62', '--format', 'json'], { cwd: REPO }));
      for (const e of engine) {
        const row = csv.find((c) => c[0] === e.name);
        assert.ok(row, e.name);
        assert.equal(Number(row[col('Value (% of attendances)')]), Number(e.value.toFixed(1)), e.name);
        assert.equal(Number(row[col('95% lower')]), Number(e.lower_95.toFixed(1)), e.name);
        assert.equal(Number(row[col('Rank in England (of 36)')]), e.rank, e.name);
      }
      assert.deepEqual(foreignRequests(r, base()), []);
      assert.deepEqual(r.consoleErrors, []);
      assert.deepEqual(r.pageErrors, []);
      await r.context.close();
    });
  });
}

describe('hostile and broken links', () => {
  test('an invalid or hostile hash falls back to defaults with a visible notice', async () => {
    const bad = '#v=nope&i=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E&s=ZZZ&p=1999-99&k=999&zzz=1';
    const r = await open(chromium.browser, fileUrl(path.join(REPO, 'index.html')) + bad);
    let dialog = false;
    r.page.on('dialog', async (d) => { dialog = true; await d.dismiss(); });
    const notice = await r.page.textContent('.ics-notice');
    for (const part of ['view "nope"', 'indicator "<img src=x onerror=alert(1)>"', 'ICS "ZZZ"', 'number of peers "999"', 'setting "zzz=1"']) {
      assert.ok(notice.includes(part), `${part} in: ${notice}`);
    }
    assert.equal(await r.page.$$eval('.ics-app img', (x) => x.length), 0);
    assert.equal(await r.page.$eval('#ics-indicator', (s) => s.value), 'core20_pop_share');
    await r.page.click('.ics-notice button');
    assert.equal(await r.page.$$eval('.ics-notice', (x) => x.length), 0);
    assert.equal(dialog, false);
    assert.deepEqual(r.pageErrors, []);
    await r.context.close();
  });
});

describe('keyboard only', () => {
  test('choose an indicator and an ICS, move through a chart, select with Enter, dismiss the tooltip', async () => {
    const r = await open(chromium.browser, fileUrl(path.join(REPO, 'index.html')));
    const { page } = r;
    // The explorer lives in a shadow root: follow activeElement into it.
    const focused = () => page.evaluate(() => {
      let a = document.activeElement;
      while (a && a.shadowRoot && a.shadowRoot.activeElement) a = a.shadowRoot.activeElement;
      return a && (a.id || a.getAttribute('aria-label') || a.textContent);
    });
    const onItem = () => page.evaluate(() => {
      let a = document.activeElement;
      while (a && a.shadowRoot && a.shadowRoot.activeElement) a = a.shadowRoot.activeElement;
      return !!a && a.hasAttribute('data-item');
    });
    await page.keyboard.press('Tab'); // skip link
    await page.keyboard.press('Tab');
    assert.equal(await focused(), 'ics-indicator');
    await page.keyboard.press('Tab');
    assert.equal(await focused(), 'ics-period');
    await page.keyboard.press('Tab');
    assert.equal(await focused(), 'ics-selected');
    // Typing on a focused select picks an option, as in any form.
    await page.keyboard.type('Greater');
    await page.waitForSelector('#ics-table-rankings tr.is-selected');
    // Tab onwards to the chart: its one tab stop is the selected ICS.
    for (let i = 0; i < 40 && !(await onItem()); i++) {
      await page.keyboard.press('Tab');
    }
    assert.match(await focused(), /^Greater Manchester: .* \(your ICS; press Enter to clear\)$/);
    assert.equal(await page.$$eval('.ics-tooltip', (x) => x.length), 1, 'focus shows the tooltip');
    await page.keyboard.press('Escape');
    assert.equal(await page.$$eval('.ics-tooltip', (x) => x.length), 0, 'Escape dismisses it');
    await page.keyboard.press('ArrowDown');
    const next = await focused();
    assert.doesNotMatch(next, /^Greater Manchester/);
    await page.keyboard.press('Enter');
    const name = next.split(':')[0];
    await page.waitForFunction((n) => document.querySelector('ics-explorer').shadowRoot.querySelector('#ics-selected').selectedOptions[0].textContent === n, name);
    assert.deepEqual(r.consoleErrors, []);
    await r.context.close();
  });
});

describe('chart downloads', () => {
  test('SVG carries the title, period and source; PNG is a real image', async () => {
    const r = await open(chromium.browser, fileUrl(path.join(REPO, 'index.html')) + '#v=map&i=ae_4hr_pct');
    const [svgDl] = await Promise.all([r.page.waitForEvent('download'), r.page.click('button[data-download="svg"]')]);
    assert.equal(svgDl.suggestedFilename(), 'ics-explorer-map-ae_4hr_pct-2025-07.svg');
    const svg = fs.readFileSync(await svgDl.path(), 'utf8');
    assert.match(svg, /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    assert.ok(svg.includes('Map: A&amp;E: seen within 4 hours, Jul 2025'), 'title and period');
    assert.ok(svg.includes('Source: NHS England'), 'source');
    assert.ok(svg.includes('Open Government Licence'), 'licence');
    assert.equal((svg.match(/<path /g) || []).length, 36, "one area per ICB of today's map");
    const [pngDl] = await Promise.all([r.page.waitForEvent('download'), r.page.click('button[data-download="png"]')]);
    assert.equal(pngDl.suggestedFilename(), 'ics-explorer-map-ae_4hr_pct-2025-07.png');
    const png = fs.readFileSync(await pngDl.path());
    assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    assert.ok(png.length > 10000, `a drawn image, not a blank one (${png.length} bytes)`);
    assert.deepEqual(r.consoleErrors, []);
    await r.context.close();
  });
});
