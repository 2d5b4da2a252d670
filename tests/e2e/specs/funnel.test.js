// The funnel plot, in Chromium and Firefox ESR, from the folder on disk (file://): for A&E within 4 hours on
// today's map with the φ adjustment, the ICSs the page names outside the limits are those the command line's
// JSON puts there, and its table has a row for every point; the points are reached and chosen from the keyboard;
// the element's funnel() gives the same figures; on a phone nothing scrolls sideways; and axe finds nothing to
// fix at 1280 and 390 px.
'use strict';
const { test } = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const { execFileSync } = require('node:child_process');
const { REPO, fileUrl } = require('../lib/harness');
const { eachBrowser, pageErrors, axeTests } = require('../lib/driver');

const FILE = fileUrl(path.join(REPO, 'index.html'));
const CLI = path.join(REPO, 'target', 'debug', 'ics-explorer');
const HASH = 'v=funnel&i=ae_4hr_pct&od=phi';

// What the command line says: the ICSs outside the adjusted limits, worded as the page's notes word them.
const engine = JSON.parse(execFileSync(CLI, ['funnel', 'ae_4hr_pct', '--overdispersion', 'phi', '--format', 'json'], { cwd: REPO }));
const named = (key) => {
  const out = engine.points.filter((p) => p[key] !== 'within').map((p) => `${p.estimate ? '≈ ' : ''}${p.name} (${p[key]})`);
  return out.length ? out.join(', ') : 'none';
};

const shown = () => {
  const root = document.querySelector('ics-explorer').shadowRoot;
  const table = root.getElementById('ics-table-funnel');
  return {
    notes: Array.from(root.querySelectorAll('.ics-funnel-notes p'), (p) => p.textContent),
    rows: table ? table.querySelectorAll('tbody tr').length : 0,
    items: root.querySelectorAll('svg.ics-chart [data-item]').length,
    help: !!root.querySelector('details.ics-funnel-help'),
    page: document.documentElement.scrollWidth,
    wide: Array.from(root.querySelectorAll('.ics-table-wrap, .ics-figure')).filter((e) => e.scrollWidth > e.clientWidth + 1).map((e) => e.className),
  };
};

eachBrowser('the funnel plot', (b) => {
  test('names the ICSs outside the limits as the command line does, with a table twin', async () => {
    const p = await b.open(`${FILE}#${HASH}`);
    await p.waitFor(() => !!document.querySelector('ics-explorer').shadowRoot.getElementById('ics-table-funnel'));
    const s = await p.eval(shown);
    assert.equal(engine.points.length, 36);
    assert.equal(s.items, 36);
    assert.equal(s.rows, 36);
    assert.ok(s.help, 'How to read a funnel plot');
    assert.ok(s.notes.includes(`Outside the adjusted 99.8% limits: ${named('adjusted998')}.`), s.notes.join('\n'));
    assert.ok(s.notes.includes(`Outside the adjusted 95% limits: ${named('adjusted95')}.`), s.notes.join('\n'));
    // The element's API gives the same plot.
    const api = await p.eval(() => {
      const f = document.querySelector('ics-explorer').funnel({ indicator: 'ae_4hr_pct', overdispersion: 'phi' });
      return { phi: f.dispersion.phi, centre: f.centre, sides: f.points.map((x) => x.adjusted95), notes: f.notes.length };
    });
    // The wasm build's arcsine (Rust's libm) and the native one (the C library's) may differ in the last bit.
    assert.ok(Math.abs(api.phi / engine.dispersion.phi - 1) < 1e-12, `${api.phi} vs ${engine.dispersion.phi}`);
    assert.equal(api.centre, engine.centre);
    assert.deepEqual(api.sides, engine.points.map((x) => x.adjusted95));
    assert.ok(api.notes >= 4);
    const refused = await p.eval(() => { try { document.querySelector('ics-explorer').funnel({ indicator: 'population' }); return ''; } catch (e) { return e.message; } });
    assert.match(refused, /no funnel: "population" has no numerator and denominator\. These indicators have one: ae_4hr_pct/);
    assert.deepEqual(await pageErrors(p), []);
    await p.close();
  });

  test('points are reached with the arrow keys and chosen with Enter', async () => {
    const p = await b.open(`${FILE}#${HASH}`);
    await p.waitFor(() => !!document.querySelector('ics-explorer').shadowRoot.querySelector('svg.ics-chart [data-item][tabindex="0"]'));
    const key = (k) => p.eval((name) => {
      const root = document.querySelector('ics-explorer').shadowRoot;
      const el = root.activeElement || root.querySelector('svg.ics-chart [data-item][tabindex="0"]');
      el.dispatchEvent(new KeyboardEvent('keydown', { key: name, bubbles: true, composed: true, cancelable: true }));
    }, k);
    const focused = () => p.eval(() => { const a = document.querySelector('ics-explorer').shadowRoot.activeElement; return a ? a.getAttribute('data-ics') : null; });
    await p.eval(() => document.querySelector('ics-explorer').shadowRoot.querySelector('svg.ics-chart [data-item][tabindex="0"]').focus());
    const first = await focused();
    assert.equal(first, engine.points[0].code);
    await key('ArrowRight');
    assert.equal(await focused(), engine.points[1].code);
    await key('End');
    assert.equal(await focused(), engine.points[35].code);
    await key('Enter');
    await p.waitFor(() => /s=/.test(location.hash));
    const pressed = await p.eval(() => document.querySelector('ics-explorer').shadowRoot.querySelector('svg.ics-chart [data-item][aria-pressed="true"]').getAttribute('data-ics'));
    assert.equal(pressed, engine.points[35].code);
    assert.deepEqual(await pageErrors(p), []);
    await p.close();
  });

  test('on a phone, nothing scrolls sideways', async () => {
    const p = await b.open(`${FILE}#${HASH}&s=QOP`, { width: 390, height: 844 });
    await p.waitFor(() => !!document.querySelector('ics-explorer').shadowRoot.getElementById('ics-table-funnel'));
    const s = await p.eval(shown);
    assert.ok(s.page <= 390, `the page is ${s.page} px wide`);
    assert.deepEqual(s.wide, []);
    await p.close();
  });
});

axeTests(FILE, [`${HASH}&s=QOP`, 'v=funnel&i=rtt_waiting_list_per_1000&od=tau', 'v=funnel&i=population'], { ready: '.ics-app[data-view="funnel"]' });
