// For people moving between the two maps, in Chromium and Firefox ESR, from the folder on disk (file://): a
// board's profile says how it was formed, and a predecessor's name opens it on the July 2022 map (loading IMD
// 2019 first); the map draws the other set's boundaries as outlines; the deprivation view compares the 42 under
// IMD 2019 and IMD 2025 (loading IMD 2019 first); and axe finds nothing to fix in any of them.
'use strict';
const { test } = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const { REPO, fileUrl } = require('../lib/harness');
const { eachBrowser, pageErrors, tableRows, axeTests } = require('../lib/driver');

const FILE = fileUrl(path.join(REPO, 'index.html'));

eachBrowser('what changed between the maps', (b) => {
  test('a predecessor named in a profile opens on the July 2022 map, selected', async () => {
    const p = await b.open(`${FILE}#v=profile&s=D7T5G`);
    const section = () => p.eval(() => document.querySelector('ics-explorer').shadowRoot.querySelector('.ics-transition').textContent);
    assert.match(await section(), /Formed in April 2026 from 3 July 2022 ICBs:/);
    assert.match(await section(), /Suffolk and North East Essex: 35% of its residents \(206 neighbourhoods\)/);
    await p.click('ics-explorer >>> .ics-transition li:first-child button');
    await p.waitFor(() => /g=icb22/.test(location.hash));
    assert.match(await p.eval(() => location.hash), /s=QJG/);
    assert.match(await section(), /What this ICS became/);
    assert.match(await p.eval(() => document.querySelector('ics-explorer').shadowRoot.getElementById('ics-view-title').textContent), /Suffolk and North East Essex/);
    assert.deepEqual(await pageErrors(p), []);
    await p.close();
  });

  test('the map draws the July 2022 boundaries over today\'s 36', async () => {
    const p = await b.open(`${FILE}#v=map`);
    await p.click('ics-explorer >>> #ics-map-outlines');
    await p.waitFor(() => document.querySelector('ics-explorer').shadowRoot.querySelectorAll('.ics-outline').length === 42);
    assert.equal(await p.eval(() => document.querySelector('ics-explorer').shadowRoot.querySelectorAll('.ics-area').length), 36);
    assert.match(await p.eval(() => location.hash), /ol=1/);
    // The outlines do not catch the pointer: a click on an area still selects it.
    const hit = await p.eval(() => {
      const root = document.querySelector('ics-explorer').shadowRoot;
      const area = root.querySelector('.ics-area');
      const r = area.getBoundingClientRect();
      for (let dx = 0.3; dx < 0.8; dx += 0.1) {
        for (let dy = 0.3; dy < 0.8; dy += 0.1) {
          const el = root.elementFromPoint(r.left + r.width * dx, r.top + r.height * dy);
          if (el && el.classList.contains('ics-outline')) return 'outline';
        }
      }
      return 'area';
    });
    assert.equal(hit, 'area');
    assert.deepEqual(await pageErrors(p), []);
    await p.close();
  });

  test('the deprivation view loads IMD 2019 and compares the 42', async () => {
    const p = await b.open(`${FILE}#v=deprivation`);
    await p.click('ics-explorer >>> .ics-view__controls .ics-toggle-group button:nth-child(2)');
    await p.waitFor(() => !!document.querySelector('ics-explorer').shadowRoot.getElementById('ics-table-imd-change'));
    assert.equal((await tableRows(p, '#ics-table-imd-change')).length, 43, '42 ICSs and England');
    const text = await p.eval(() => document.querySelector('ics-explorer').shadowRoot.querySelector('.ics-view').textContent);
    assert.match(text, /not as changes in absolute deprivation/);
    assert.match(text, /This comparison is of the 42 ICSs \(July 2022\), not today's 36 ICBs/);
    assert.match(await p.eval(() => location.hash), /dc=1/);
    assert.deepEqual(await pageErrors(p), []);
    await p.close();
  });
});

// Checked once what each shows is there (after any edition it needs has loaded).
axeTests(FILE, ['v=profile&s=D7T5G', 'g=icb22&v=profile&s=QNQ', 'v=map&ol=1&s=QRL', 'v=deprivation&dc=1&s=D7T5G', 'g=icb22&v=deprivation&dc=1&s=QKK'], {
  ready: '.ics-transition, .ics-outline, #ics-table-imd-change',
});
