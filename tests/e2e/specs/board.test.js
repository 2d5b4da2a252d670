// Board-ready, in Chromium and Firefox ESR: chart files laid out on their own (the same from a phone as from a
// desktop), the phone layout (nothing to scroll sideways, the chart before the definitions, names whole), a link
// to the view copied (with the warning that a file:// link works only on this computer), the "only your ICS and
// its peers" filter, and the sortable table of local authorities.
'use strict';
const { test } = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const { REPO, sharedServer, fileUrl } = require('../lib/harness');
const { eachBrowser, pageErrors, catchDownloads, download, tableRows } = require('../lib/driver');

const FILE = fileUrl(path.join(REPO, 'index.html'));
const server = sharedServer(REPO);

// Runs in the page: the explorer's shadow root.
const ROOT = () => document.querySelector('ics-explorer').shadowRoot;
const title = (p) => p.eval(() => document.querySelector('ics-explorer').shadowRoot.getElementById('ics-view-title').textContent);
// The first cell (the area's name) of each row.
const rows = async (p, id) => (await tableRows(p, `#${id}`)).map((r) => r[0]);

eachBrowser('board-ready charts', (b) => {
  test('a chart file is laid out at its own width: the same PNG from a phone as from a desktop', async () => {
    const sizes = [];
    for (const width of [390, 1280]) {
      const p = await b.open(`${FILE}#i=rtt_over_52w_pct&r=Y60&s=QHL`, { width });
      await catchDownloads(p);
      await p.click('ics-explorer >>> button[data-download="png"]');
      const png = await download(p, 1);
      await p.click('ics-explorer >>> button[data-download="svg"]');
      const svg = await download(p, 2);
      assert.match(svg.text, /Waiting over 52 weeks, Midlands ICSs, Mar 2026/, 'the title follows the filter');
      assert.match(svg.text, /Source: NHS England, Consultant-led Referral to Treatment Waiting Times/);
      assert.doesNotMatch(svg.text, /ics-tooltip/);
      sizes.push([png.width, png.height, svg.text.length]);
      assert.deepEqual(await pageErrors(p), []);
      await p.close();
    }
    assert.deepEqual(sizes[0], sizes[1], 'phone and desktop files are the same');
    assert.equal(sizes[0][0], 2 * (960 + 32), 'drawn at twice the export width');
  });

  test('on a phone nothing scrolls sideways, the chart comes before the definitions, and names are whole', async () => {
    const p = await b.open(`${FILE}#s=QHL`, { width: 390, height: 844 });
    for (const view of ['rankings', 'deprivation', 'scatter', 'funnel', 'map', 'trends', 'profile', 'about']) {
      await p.click(`ics-explorer >>> button[data-view="${view}"]`);
      await p.waitFor((v) => document.querySelector('ics-explorer').shadowRoot.querySelector('.ics-app').getAttribute('data-view') === v, view);
      const layout = await p.eval(() => {
        const root = document.querySelector('ics-explorer').shadowRoot;
        const wide = Array.from(root.querySelectorAll('.ics-table-wrap, .ics-figure')).filter((e) => e.scrollWidth > e.clientWidth + 1).map((e) => e.className);
        const fig = root.querySelector('.ics-figure');
        const meta = root.querySelector('.ics-meta');
        return {
          page: document.documentElement.scrollWidth,
          wide,
          order: fig && meta ? fig.getBoundingClientRect().top < meta.getBoundingClientRect().top : null,
          clipped: Array.from(root.querySelectorAll('svg.ics-chart text'), (t) => t.textContent).filter((t) => t.endsWith('…')),
        };
      });
      assert.ok(layout.page <= 390, `${view}: the page is ${layout.page} px wide`);
      assert.deepEqual(layout.wide, [], `${view}: scrolls sideways`);
      assert.notEqual(layout.order, false, `${view}: the definitions come before the chart`);
      assert.deepEqual(layout.clipped, [], `${view}: names cut short`);
    }
    // Rankings: every name in full, wrapped where needed.
    await p.click('ics-explorer >>> button[data-view="rankings"]');
    await p.waitFor(() => document.querySelector('ics-explorer').shadowRoot.querySelector('.ics-app').getAttribute('data-view') === 'rankings');
    const text = await p.eval(() => document.querySelector('ics-explorer').shadowRoot.querySelector('svg.ics-chart').textContent);
    assert.match(text, /Bath and North East Somerset, Swindon and\s*Wiltshire/);
    assert.deepEqual(await pageErrors(p), []);
    await p.close();
  });

  test('copy a link to the view; from a folder on disk the page warns it works only on this computer', async () => {
    for (const [base, local] of [[FILE, true], [server.url + '/', false]]) {
      const p = await b.open(`${base}#s=QOP&v=map`);
      if (b.name === 'chromium') await p.page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
      const want = (local ? FILE : server.url + '/index.html') + '#v=map&s=QOP';
      const warning = () => p.eval(() => /opens only on this computer/.test(document.querySelector('ics-explorer').shadowRoot.querySelector('.ics-copy').textContent));
      assert.equal(await warning(), local);
      await p.click('ics-explorer >>> #ics-copy-link');
      const outcome = await p.waitFor(() => {
        const box = document.querySelector('ics-explorer').shadowRoot.querySelector('.ics-copy');
        const field = box.querySelector('#ics-link');
        return (/Link copied/.test(box.textContent) && 'copied') || (field && field.value);
      });
      if (outcome === 'copied') {
        if (b.name === 'chromium') assert.equal(await p.eval(() => navigator.clipboard.readText()), want);
      } else {
        assert.equal(outcome, want, 'shown to copy by hand');
      }
      assert.deepEqual(await pageErrors(p), []);
      await p.close();
    }
  });

  test('only your ICS and its peers; the local authority table sorts', async () => {
    const p = await b.open(`${server.url}/#s=QHL`);
    await p.click('ics-explorer >>> #ics-peers-only');
    await p.waitFor(() => document.querySelector('ics-explorer').shadowRoot.querySelectorAll('#ics-table-rankings tbody tr').length === 7);
    assert.match(await title(p), /Birmingham and Solihull and its peers/);
    const shown = await rows(p, 'ics-table-rankings');
    assert.ok(shown.includes('Birmingham and Solihull') && shown.includes('Black Country') && shown.at(-1) === 'England', shown.join());
    await p.waitFor(() => /po=1/.test(location.hash));
    await p.click('ics-explorer >>> button[data-view="profile"]');
    await p.waitFor(() => document.querySelector('ics-explorer').shadowRoot.getElementById('ics-table-areas'));
    await p.click('ics-explorer >>> #ics-table-areas thead th:nth-child(3) button');
    await p.waitFor(() => document.querySelector('ics-explorer').shadowRoot.querySelector('#ics-table-areas thead th:nth-child(3)').getAttribute('aria-sort') === 'ascending');
    const areas = await rows(p, 'ics-table-areas');
    assert.equal(areas[0], 'Solihull', 'fewest residents first');
    assert.ok(areas.includes('Birmingham and Solihull (15E)'), 'sub-ICB locations by name');
    assert.deepEqual(await pageErrors(p), []);
    await p.close();
  });
});
