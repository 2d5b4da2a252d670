// The explorer page as a user drives it, in Chromium and Firefox, from file://, from a loopback server and from one
// with a strict Content-Security-Policy: pick an indicator, filter by region, select an ICS, open its profile,
// follow a permalink in a fresh page, go back, download the CSV and check it against the engine (the native CLI),
// survive a hostile link, download the chart as SVG and PNG, and do it all from the keyboard.
'use strict';
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const { execFileSync } = require('node:child_process');
const { REPO, serve, fileUrl } = require('../lib/harness');
const { eachBrowser, pageErrors, tableRows, parseCsv, catchDownloads, download, foreignRequests, choose } = require('../lib/driver');

const CLI = path.join(REPO, 'target', 'debug', 'ics-explorer');
const INDEX = fileUrl(path.join(REPO, 'index.html'));
const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'";

let server;
let cspServer;
before(async () => {
  server = await serve(REPO);
  cspServer = await serve(REPO, { headers: { 'Content-Security-Policy': CSP } });
});
after(async () => {
  await server.close();
  await cspServer.close();
});

// In the explorer's shadow root: an element's text, and a control's value.
const text = (p, selector) => p.eval((s) => { const el = document.getElementById('ics-explorer').shadowRoot.querySelector(s); return el && el.textContent; }, selector);
const value = (p, id) => p.eval((i) => document.getElementById('ics-explorer').shadowRoot.getElementById(i).value, id);
const titled = (p, re) => p.waitFor((src) => new RegExp(src).test((document.getElementById('ics-explorer').shadowRoot.getElementById('ics-view-title') || {}).textContent), re.source);

eachBrowser('the explorer as a user drives it', (b) => {
  for (const how of ['file://', 'http', 'http with a strict CSP']) {
    test(`over ${how}: indicator, region filter, selection, profile, permalink, back and CSV download`, async () => {
      const base = { 'file://': INDEX, http: server && server.url + '/', 'http with a strict CSP': cspServer && cspServer.url + '/' }[how];
      const p = await b.open(base);
      await catchDownloads(p);
      // Pick an indicator: A&E 4-hour performance, its default month.
      await choose(p, 'ics-indicator', 'ae_4hr_pct');
      await titled(p, /A&E: seen within 4 hours/);
      assert.equal((await tableRows(p, '#ics-table-rankings')).length, 37, "today's 36 ICBs and England");
      // Filter by region: North West has three ICSs.
      await choose(p, 'ics-region', 'Y62');
      await p.waitFor(() => document.getElementById('ics-explorer').shadowRoot.textContent.includes('Showing 3 of 36 ICSs.'));
      const rows = await tableRows(p, '#ics-table-rankings');
      assert.deepEqual(rows.map((x) => x[0]).slice(0, 3).sort(), ['Cheshire and Merseyside', 'Greater Manchester', 'Lancashire and South Cumbria']);
      // Select an ICS and open its profile.
      await choose(p, 'ics-selected', 'QOP');
      await p.waitFor(() => document.getElementById('ics-explorer').shadowRoot.querySelector('#ics-table-rankings tr.is-selected'));
      await p.click('ics-explorer >>> button[data-view="profile"]');
      await titled(p, /Greater Manchester: all indicators/);
      assert.equal((await tableRows(p, '#ics-table-peers')).length, 5);
      // The address bar follows once the frame is painted (pushState is slow while a frame is pending).
      const hash = await p.waitFor(() => /v=profile/.test(location.hash) && location.hash);
      for (const part of [/i=ae_4hr_pct/, /s=QOP/, /r=Y62/]) assert.match(hash, part);
      // Back goes to the rankings view with the same selection.
      await p.back();
      await titled(p, /A&E: seen within 4 hours/);
      assert.equal(await value(p, 'ics-selected'), 'QOP');
      // The CSV download holds exactly the rows shown, and they agree with the engine run natively (the CLI).
      await p.click('ics-explorer >>> button[data-download="csv"]');
      const file = await download(p);
      assert.match(file.name, /^ics-explorer-rankings-ae_4hr_pct-2025-07\.csv$/);
      const csv = parseCsv(file.text);
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
      assert.deepEqual(foreignRequests(p, how === 'file://' ? fileUrl(REPO) + '/' : base), [], 'nothing requested outside the folder');
      assert.deepEqual(await pageErrors(p), []);
      await p.close();
      // The permalink restores the exact view in a fresh page.
      const fresh = await b.open(base + hash);
      await titled(fresh, /Greater Manchester: all indicators/);
      assert.deepEqual([await value(fresh, 'ics-indicator'), await value(fresh, 'ics-region')], ['ae_4hr_pct', 'Y62']);
      assert.equal(await fresh.eval(() => document.getElementById('ics-explorer').shadowRoot.querySelector('button[aria-current="page"]').dataset.view), 'profile');
      assert.deepEqual(await pageErrors(fresh), []);
      await fresh.close();
    });
  }

  test("a filter that leaves out the user's ICS says so, and its button brings it back", async () => {
    // Greater Manchester (North West) with the region filter on London.
    const p = await b.open(INDEX + '#s=QOP&r=Y56');
    const note = await p.waitFor(() => { const el = document.getElementById('ics-explorer').shadowRoot.querySelector('.ics-selected-hidden'); return el && el.textContent; });
    assert.match(note, /^Your ICS, Greater Manchester, is not among the ICSs shown: the filters under “Filter the ICSs shown” leave it out\./);
    await p.click('ics-explorer >>> .ics-selected-hidden button');
    await p.waitFor(() => !document.getElementById('ics-explorer').shadowRoot.querySelector('.ics-selected-hidden'));
    assert.equal((await tableRows(p, '#ics-table-rankings')).length, 37, "today's 36 ICBs and England");
    assert.equal(await text(p, '#ics-table-rankings tr.is-selected th'), 'Greater Manchester');
    assert.deepEqual(await pageErrors(p), []);
    await p.close();
  });

  test('an invalid or hostile hash falls back to defaults with a visible notice', async () => {
    const bad = '#v=nope&i=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E&s=ZZZ&p=1999-99&k=999&zzz=1';
    const p = await b.open(INDEX + bad);
    const notice = await text(p, '.ics-notice');
    for (const part of ['view "nope"', 'indicator "<img src=x onerror=alert(1)>"', 'ICS "ZZZ"', 'number of peers "999"', 'setting "zzz=1"']) {
      assert.ok(notice.includes(part), `${part} in: ${notice}`);
    }
    assert.equal(await p.eval(() => document.getElementById('ics-explorer').shadowRoot.querySelectorAll('.ics-app img').length), 0);
    assert.equal(await value(p, 'ics-indicator'), 'core20_pop_share');
    await p.click('ics-explorer >>> .ics-notice button');
    await p.waitFor(() => !document.getElementById('ics-explorer').shadowRoot.querySelector('.ics-notice'));
    // alert() would have blocked the page: the driver's next call would fail.
    assert.deepEqual(await pageErrors(p), []);
    await p.close();
  });

  test('keyboard only: choose an indicator and an ICS, move through a chart, select with Enter, dismiss the tooltip', async () => {
    const p = await b.open(INDEX);
    // The explorer lives in a shadow root: follow activeElement into it.
    const focused = () => p.eval(() => {
      let a = document.activeElement;
      while (a && a.shadowRoot && a.shadowRoot.activeElement) a = a.shadowRoot.activeElement;
      return a && (a.id || a.getAttribute('aria-label') || a.textContent);
    });
    const onItem = () => p.eval(() => {
      let a = document.activeElement;
      while (a && a.shadowRoot && a.shadowRoot.activeElement) a = a.shadowRoot.activeElement;
      return !!a && a.hasAttribute('data-item');
    });
    const tooltips = () => p.eval(() => document.getElementById('ics-explorer').shadowRoot.querySelectorAll('.ics-tooltip').length);
    await p.key('Tab'); // skip link
    await p.key('Tab');
    assert.equal(await focused(), 'ics-indicator');
    await p.key('Tab');
    assert.equal(await focused(), 'ics-period');
    await p.key('Tab');
    assert.equal(await focused(), 'ics-selected');
    // Typing on a focused select picks an option, as in any form.
    for (const c of 'Greater') await p.key(c);
    await p.waitFor(() => document.getElementById('ics-explorer').shadowRoot.querySelector('#ics-table-rankings tr.is-selected'));
    // Tab onwards to the chart: its one tab stop is the selected ICS.
    for (let i = 0; i < 40 && !(await onItem()); i++) await p.key('Tab');
    assert.match(await focused(), /^Greater Manchester: .* \(your ICS; press Enter to clear\)$/);
    assert.equal(await tooltips(), 1, 'focus shows the tooltip');
    await p.key('Escape');
    assert.equal(await tooltips(), 0, 'Escape dismisses it');
    await p.key('ArrowDown');
    const next = await focused();
    assert.doesNotMatch(next, /^Greater Manchester/);
    await p.key('Enter');
    const name = next.split(':')[0];
    await p.waitFor((n) => document.querySelector('ics-explorer').shadowRoot.querySelector('#ics-selected').selectedOptions[0].textContent === n, name);
    assert.deepEqual(await pageErrors(p), []);
    await p.close();
  });

  test('chart downloads: the SVG carries the title, period and source; the PNG is a real image', async () => {
    const p = await b.open(INDEX + '#v=map&i=ae_4hr_pct');
    await catchDownloads(p);
    await p.click('ics-explorer >>> button[data-download="svg"]');
    const svg = await download(p, 1);
    assert.equal(svg.name, 'ics-explorer-map-ae_4hr_pct-2025-07.svg');
    assert.match(svg.text, /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    assert.ok(svg.text.includes('Map: A&amp;E: seen within 4 hours, Jul 2025'), 'title and period');
    assert.ok(svg.text.includes('Source: NHS England'), 'source');
    assert.ok(svg.text.includes('Open Government Licence'), 'licence');
    assert.equal((svg.text.match(/<path /g) || []).length, 36, "one area per ICB of today's map");
    await p.click('ics-explorer >>> button[data-download="png"]');
    const png = await download(p, 2);
    assert.equal(png.name, 'ics-explorer-map-ae_4hr_pct-2025-07.png');
    assert.equal(png.type, 'image/png');
    assert.ok(png.width > 600 && png.height > 400, `a drawn image (${png.width}×${png.height})`);
    assert.ok(png.size > 10000, `not a blank one (${png.size} bytes)`);
    assert.deepEqual(await pageErrors(p), []);
    await p.close();
  });
});
