// Today's map (the 36 ICBs of April 2026 with IMD 2025) as a visitor first sees it, in Chromium and Firefox ESR:
// every view at desktop and phone widths, nothing scrolling sideways; the Boundaries control loads IMD 2019
// only when the July 2022 map is chosen (from file://, as a classic script) and carries the selection across,
// saying what a board became; Back returns to the map before; a link to the July 2022 map opens it directly
// and writes itself back unchanged; a folder missing its IMD 2019 file says so and stays on today's map.
'use strict';
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { REPO, fileUrl } = require('../lib/harness');
const { eachBrowser, pageErrors, choose } = require('../lib/driver');

const FILE = fileUrl(path.join(REPO, 'index.html'));
const VIEWS = ['rankings', 'deprivation', 'scatter', 'funnel', 'map', 'trends', 'profile', 'about'];

// A copy of the folder without www/data/imd2019.js, as a careless partial copy leaves it.
let dir;
before(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ics-no2019-'));
  fs.copyFileSync(path.join(REPO, 'index.html'), path.join(dir, 'index.html'));
  for (const d of ['pkg', 'www']) fs.cpSync(path.join(REPO, d), path.join(dir, d), { recursive: true, filter: (f) => !f.endsWith('imd2019.js') });
});
after(() => { fs.rmSync(dir, { recursive: true, force: true }); });

// Runs in the page: what the explorer shows.
const shown = () => {
  const root = document.querySelector('ics-explorer').shadowRoot;
  const value = (id) => (root.getElementById(id) || {}).value;
  const rows = Array.from(root.querySelectorAll('#ics-table-rankings tbody tr'), (r) => r.children[0].textContent);
  const map = root.querySelector('svg.ics-map');
  return {
    view: (root.querySelector('button[aria-current="page"]') || {}).dataset.view,
    geography: value('ics-geography'),
    edition: value('ics-edition'),
    selected: value('ics-selected'),
    rows: rows.filter((n) => n !== 'England').length,
    areas: map ? map.querySelectorAll('path.ics-area').length : null,
    notes: Array.from(root.querySelectorAll('.ics-frame__note'), (n) => n.textContent),
    loaded2019: typeof (window.ICS_EXPLORER_EDITIONS || {}).imd2019 === 'string',
    cannot: root.textContent.includes('This view cannot be shown'),
    sideways: document.documentElement.scrollWidth > window.innerWidth,
    hash: location.hash,
  };
};
// Waits until `cond(shown, ...args)` holds in the page; returns what is shown then (on a timeout, says what was).
const until = async (p, cond, ...args) => {
  try {
    return await p.waitFor(`function (...a) { const x = (${shown})(); return (${cond})(x, ...a) && x; }`, ...args);
  } catch (e) {
    e.message += `\nshown then: ${JSON.stringify(await p.eval(shown))}`;
    throw e;
  }
};

eachBrowser("today's map", (b) => {
  for (const width of [1280, 390]) {
    test(`every view shows the 36 ICBs of April 2026 at ${width}px, nothing scrolling sideways`, async () => {
      const p = await b.open(FILE, { width });
      const first = await p.eval(shown);
      assert.deepEqual([first.geography, first.edition, first.rows, first.loaded2019], ['icb26', 'imd2025', 36, false], 'IMD 2019 is not loaded for today');
      for (const view of VIEWS) {
        await p.click(`ics-explorer >>> button[data-view="${view}"]`);
        const s = await until(p, (x, v) => x.view === v, view);
        assert.equal(s.cannot, false, view);
        assert.equal(s.sideways, false, `${view} scrolls sideways at ${width}px`);
        if (view === 'map') assert.equal(s.areas, 36, 'one area per ICB');
      }
      assert.deepEqual(await pageErrors(p), []);
      await p.close();
    });
  }

  test('choosing the July 2022 boundaries loads IMD 2019 then, carries the selection across and Back returns', async () => {
    const p = await b.open(`${FILE}#s=Z9B2Z`);
    await choose(p, 'ics-geography', 'icb22');
    const july = await until(p, (x) => x.geography === 'icb22' && x.rows === 42);
    assert.equal(july.edition, 'imd2019');
    assert.equal(july.loaded2019, true, 'loaded from www/data/imd2019.js, a classic script');
    assert.equal(july.selected, 'QRV');
    assert.deepEqual(july.notes, ['West and North London (April 2026) was made from North West London and North Central London; North West London is shown.']);
    // The address bar follows once the frame is painted.
    await p.waitFor(() => location.hash !== '#s=Z9B2Z');
    assert.equal(await p.eval(() => location.hash), '#g=icb22&s=QRV');
    // Back to today's boundaries with the control: North West London is now part of West and North London.
    await choose(p, 'ics-geography', 'icb26');
    const today = await until(p, (x) => x.geography === 'icb26' && x.rows === 36);
    assert.equal(today.selected, 'Z9B2Z');
    assert.deepEqual(today.notes, ['North West London (July 2022) is now part of West and North London; West and North London is shown.']);
    // The browser's Back, once the address bar has followed (a change gets its history entry after the frame
    // that shows it is painted; on a slow machine that is after the view has changed): the July 2022 map again,
    // at once (its edition is loaded).
    await p.waitFor(() => location.hash === '#s=Z9B2Z');
    await p.back();
    const back = await until(p, (x) => x.geography === 'icb22');
    assert.deepEqual([back.rows, back.selected], [42, 'QRV']);
    assert.deepEqual(await pageErrors(p), []);
    await p.close();
  });

  test('a link to the July 2022 map opens it directly and writes itself back unchanged', async () => {
    const hash = '#g=icb22&v=map&i=ae_4hr_pct&s=QNQ';
    const p = await b.open(FILE + hash);
    const s = await until(p, (x) => x.geography === 'icb22' && x.view === 'map');
    assert.deepEqual([s.areas, s.selected, s.edition, s.hash], [42, 'QNQ', 'imd2019', hash]);
    assert.deepEqual(s.notes, []);
    assert.deepEqual(await pageErrors(p), []);
    await p.close();
  });

  test('without its IMD 2019 file, the folder says what is missing and stays on today\'s map', async () => {
    const p = await b.open(fileUrl(path.join(dir, 'index.html')));
    await choose(p, 'ics-geography', 'icb22');
    const s = await until(p, (x) => x.notes.length > 0);
    assert.match(s.notes[0], /^The imd2019 file could not be loaded \(Could not load www\/data\/imd2019\.js from the ICS Explorer folder\..*\), so the view stays as it was\./);
    assert.deepEqual([s.geography, s.rows], ['icb26', 36]);
    // Still usable.
    await choose(p, 'ics-selected', 'QOP');
    await p.waitFor(() => document.querySelector('ics-explorer').shadowRoot.getElementById('ics-selected').value === 'QOP');
    await p.close();
  });
});
