// The <ics-explorer> element as a page editor uses it, in Chromium and Firefox: attributes changed after load
// change the running explorer; mistakes in them reach the editor (console warning, ics-error) and never the
// visitor; compact, compact="false", period="latest" and a unitless height mean what they say; select() refuses
// a code that is not an ICS; destroy() and removing the element stop it (listeners and observers too) and
// adding it again starts it; with `hash` the attributes are the starting view and a page anchor is left alone;
// a hidden explorer fits its width once shown; the host page's box styles apply, its hostile ones do not.
'use strict';
const { test } = require('node:test');
const assert = require('node:assert/strict');
const { REPO, sharedServer } = require('../lib/harness');
const { eachBrowser, pageErrors } = require('../lib/driver');

// Loaded before ics-explorer.js on every test page: records the events and console warnings a host page would
// see, and how many window listeners and ResizeObservers the explorers hold.
const LOG = `
window.__events = [];
window.__warnings = [];
window.__live = { listeners: 0, observers: 0 };
['ics-ready', 'ics-error', 'ics-select', 'view-change'].forEach(function (t) {
  document.addEventListener(t, function (e) { window.__events.push({ type: t, id: e.target.id, detail: e.detail || null }); });
});
var warn = console.warn;
console.warn = function () { window.__warnings.push(Array.prototype.join.call(arguments, ' ')); return warn.apply(console, arguments); };
var watched = ['hashchange', 'resize', 'popstate'];
var add = window.addEventListener, remove = window.removeEventListener;
window.addEventListener = function (t) { if (watched.indexOf(t) >= 0) { window.__live.listeners++; } return add.apply(this, arguments); };
window.removeEventListener = function (t) { if (watched.indexOf(t) >= 0) { window.__live.listeners--; } return remove.apply(this, arguments); };
var RO = window.ResizeObserver;
window.ResizeObserver = class extends RO {
  observe(t, o) { if (!this.__on) { this.__on = true; window.__live.observers++; } return super.observe(t, o); }
  disconnect() { if (this.__on) { this.__on = false; window.__live.observers--; } return super.disconnect(); }
};
`;
const page = (body, head = '') => `<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><link rel="icon" href="../favicon.svg" type="image/svg+xml"><title>Test host page</title>${head}</head>
<body><h1>Host page</h1>${body}<script src="t-log.js"></script><script src="../ics-explorer.js"></script></body></html>`;
const PAGES = {
  '/www/examples/t-log.js': LOG,
  '/www/examples/t-attrs.html': page('<ics-explorer id="x" indicator="ae_4hr_pct"></ics-explorer>'),
  '/www/examples/t-mistakes.html': page('<ics-explorer id="x" views="foo,map,rankings" ics="NOPE" height="tall" compact="yes" period="2099-01" geography="icb2022"></ics-explorer>'),
  '/www/examples/t-geography.html': page('<ics-explorer id="x" geography="icb22" ics="QRV" view="map"></ics-explorer>'),
  '/www/examples/t-flags.html': page('<ics-explorer id="a" compact indicator="ae_4hr_pct" period="latest" height="600"></ics-explorer><ics-explorer id="b" compact="false"></ics-explorer>'),
  '/www/examples/t-hash.html': page('<ics-explorer id="x" hash indicator="ae_4hr_pct" ics="QOP"></ics-explorer><h2 id="contact-us">Contact us</h2><p>Write to us.</p>'),
  '/www/examples/t-life.html': page('<div id="home"><ics-explorer id="x" hash ics="QOP"></ics-explorer></div><div id="elsewhere"></div>'),
  '/www/examples/t-hidden.html': page('<div id="tab" hidden><ics-explorer id="x"></ics-explorer></div>'),
  '/www/examples/t-box.html': page('<ics-explorer id="x"></ics-explorer>', '<link rel="stylesheet" href="t-box.css">'),
  '/www/examples/t-box.css': 'ics-explorer { margin: 32px 24px; border: 3px solid rgb(0, 94, 184); padding: 8px; border-radius: 4px; }',
};

const server = sharedServer(REPO, { overrides: PAGES });
const url = (name) => `${server.url}/www/examples/${name}`;

// In the page: the value of a control inside an explorer.
const value = (id, control) => document.getElementById(id).shadowRoot.getElementById(control).value;
const currentView = (id) => document.getElementById(id).shadowRoot.querySelector('button[aria-current="page"]').dataset.view;

eachBrowser('the <ics-explorer> element', (b) => {
  test('attributes changed after load change the running explorer', async () => {
    const p = await b.open(url('t-attrs.html'));
    assert.equal(await p.eval(value, 'x', 'ics-indicator'), 'ae_4hr_pct');
    await p.eval(() => document.getElementById('x').setAttribute('ics', 'QYG'));
    await p.waitFor((v) => document.getElementById('x').shadowRoot.getElementById('ics-selected').value === v, 'QYG');
    assert.ok(await p.eval(() => window.__events.some((e) => e.type === 'ics-select' && e.detail.code === 'QYG')));
    await p.eval(() => document.getElementById('x').setAttribute('view', 'map'));
    await p.waitFor((cur) => (document.getElementById('x').shadowRoot.querySelector('button[aria-current="page"]') || {}).dataset.view === cur, 'map');
    await p.eval(() => document.getElementById('x').setAttribute('indicator', 'gp_fte_per_100k'));
    await p.waitFor(() => document.getElementById('x').shadowRoot.getElementById('ics-indicator').value === 'gp_fte_per_100k');
    await p.eval(() => document.getElementById('x').setAttribute('period', 'latest'));
    const latest = await p.eval(() => document.getElementById('x').query({ indicator: 'gp_fte_per_100k', period: 'latest' }).comparison.period);
    await p.waitFor((v) => document.getElementById('x').shadowRoot.getElementById('ics-period').value === v, latest);
    await p.eval(() => document.getElementById('x').removeAttribute('ics'));
    await p.waitFor(() => document.getElementById('x').shadowRoot.getElementById('ics-selected').value === '');
    await p.eval(() => document.getElementById('x').setAttribute('views', 'trends,map'));
    await p.waitFor(() => Array.from(document.getElementById('x').shadowRoot.querySelectorAll('.ics-tab'), (t) => t.dataset.view).join() === 'trends,map');
    assert.equal(await p.eval(currentView, 'x'), 'map', 'the view shown is still offered');
    // compact on and off again; a fixed height, in pixels without a unit.
    await p.eval(() => document.getElementById('x').setAttribute('compact', ''));
    await p.waitFor(() => !document.getElementById('x').shadowRoot.querySelector('.ics-filters-box, .ics-import, .ics-embed'));
    await p.eval(() => document.getElementById('x').setAttribute('compact', 'false'));
    await p.waitFor(() => !!document.getElementById('x').shadowRoot.querySelector('.ics-filters-box'));
    await p.eval(() => document.getElementById('x').setAttribute('height', '400'));
    await p.waitFor(() => Math.round(document.getElementById('x').getBoundingClientRect().height) === 400);
    await p.eval(() => document.getElementById('x').removeAttribute('height'));
    await p.waitFor(() => document.getElementById('x').getBoundingClientRect().height > 1000);
    assert.deepEqual(await p.eval(() => window.__warnings), []);
    assert.deepEqual(await pageErrors(p), []);
    await p.close();
  });

  test("mistakes in attributes are reported to the page's editor, not shown to visitors", async () => {
    const p = await b.open(url('t-mistakes.html'));
    const warnings = await p.waitFor(() => window.__warnings.length >= 6 && window.__warnings);
    assert.deepEqual(warnings.slice().sort(), [
      '<ics-explorer compact="yes">: "yes" is not true or false; write compact on its own (or compact="true") to turn it on, or leave it out',
      '<ics-explorer geography="icb2022">: "icb2022" is not a geography; use icb22 or icb26',
      '<ics-explorer height="tall">: "tall" is not a height; use a number of pixels (such as 600) or a CSS length (such as 40em or 80vh)',
      '<ics-explorer ics="NOPE">: "NOPE" is not an ICS; use its ONS code (such as E54000057) or its NHS code (such as QOP)',
      '<ics-explorer period="2099-01">: "2099-01" is not a period of Core20: population in the most deprived 20%; use latest, or its one period, 2025 (leave it out for its default period: the latest with values for all but two ICSs)',
      '<ics-explorer views="foo,map,rankings">: "foo" is not a view; use rankings, deprivation, scatter, funnel, map, trends, profile or about',
    ]);
    // The same as ics-error events naming the setting; the explorer started with the rest.
    const errors = await p.eval(() => window.__events.filter((e) => e.type === 'ics-error').map((e) => e.detail.setting).sort());
    assert.deepEqual(errors, ['compact', 'geography', 'height', 'ics', 'period', 'views']);
    assert.equal(await p.eval(() => document.getElementById('x').getAttribute('data-state')), 'ready');
    assert.equal(await p.eval(currentView, 'x'), 'map');
    const text = await p.eval(() => document.getElementById('x').shadowRoot.textContent);
    assert.ok(!/this link|could not be used/i.test(text), 'no notice for visitors');
    // A later mistake too.
    await p.eval(() => document.getElementById('x').setAttribute('view', 'scatter'));
    await p.waitFor(() => window.__warnings.length === 7);
    assert.equal(await p.eval(() => window.__warnings[6]), '<ics-explorer view="scatter">: "scatter" is not one of the views offered (see views); use map or rankings');
    // select() refuses a code that is not an ICS and keeps the selection.
    await p.eval(() => document.getElementById('x').select('QOP'));
    const thrown = await p.eval(() => { try { document.getElementById('x').select('NOPE'); return null; } catch (e) { return e.message; } });
    assert.equal(thrown, '"NOPE" is not an ICS; use its ONS code (such as E54000057) or its NHS code (such as QOP)');
    assert.equal(await p.eval(value, 'x', 'ics-selected'), 'QOP');
    await p.close();
  });

  test('geography="icb22" is ready once IMD 2019 has loaded; switching boundaries reports codes they lack', async () => {
    const p = await b.open(url('t-geography.html'));
    // Ready means the view asked for: the 42 ICSs of July 2022, with North West London (only on them) selected.
    await p.waitFor(() => document.getElementById('x').getAttribute('data-state') === 'ready');
    assert.deepEqual(await p.eval(() => [document.getElementById('x').icss().length, document.getElementById('x').shadowRoot.getElementById('ics-geography').value]), [42, 'icb22'], await p.eval(() => window.__warnings.join('\n')));
    assert.equal(await p.eval(value, 'x', 'ics-selected'), 'QRV');
    assert.equal(await p.eval(currentView, 'x'), 'map');
    assert.deepEqual(await p.eval(() => window.__warnings), []);
    // Today's boundaries: North West London is now part of West and North London, and ics="QRV" is the editor's mistake.
    await p.eval(() => document.getElementById('x').setAttribute('geography', 'icb26'));
    await p.waitFor(() => document.getElementById('x').icss().length === 36);
    const warnings = await p.waitFor(() => window.__warnings.length >= 1 && window.__warnings);
    assert.equal(warnings[0], '<ics-explorer ics="QRV">: "QRV" is not an ICS; use its ONS code (such as E54000057) or its NHS code (such as QOP)');
    assert.equal(await p.eval(currentView, 'x'), 'map', 'the rest still applies');
    // A whole view with its boundaries; once the explorer's own attribute is gone, the view's win (and its
    // view attribute still applies on top).
    await p.eval(() => { const x = document.getElementById('x'); x.removeAttribute('ics'); x.removeAttribute('geography'); x.setAttribute('state', 'g=icb22&v=trends&s=QMJ'); });
    await p.waitFor(() => document.getElementById('x').state === 'g=icb22&v=map&s=QMJ');
    assert.equal(await p.eval(() => document.getElementById('x').icss().length), 42);
    // imd="2019" on today's boundaries cannot be shown: said to the editor, today's map shown.
    await p.eval(() => { const x = document.getElementById('x'); x.removeAttribute('state'); x.setAttribute('imd', '2019'); });
    const more = await p.waitFor(() => window.__warnings.length >= 2 && window.__warnings);
    assert.match(more[1], /^<ics-explorer imd="2019">: IMD 2019 \(on LSOA 2011 neighbourhoods\) has no lookup to the 36 ICBs \(April 2026\): choose another edition; today's map is shown$/);
    assert.equal(await p.eval(() => document.getElementById('x').icss().length), 36);
    assert.deepEqual(await pageErrors(p), []);
    await p.close();
  });

  test('compact has no empty filter box, compact="false" is not compact, period="latest" and height="600" apply', async () => {
    const p = await b.open(url('t-flags.html'));
    const boxes = await p.eval(() => ['a', 'b'].map((id) => document.getElementById(id).shadowRoot.querySelectorAll('.ics-filters-box').length));
    assert.deepEqual(boxes, [0, 1]);
    assert.equal(await p.eval(() => !!document.getElementById('b').shadowRoot.querySelector('.ics-import')), true, 'compact="false": the full layout');
    const latest = await p.eval(() => document.getElementById('a').query({ indicator: 'ae_4hr_pct', period: 'latest' }).comparison.period);
    assert.equal(await p.eval(value, 'a', 'ics-period'), latest);
    assert.equal(await p.eval(() => Math.round(document.getElementById('a').getBoundingClientRect().height)), 600);
    assert.deepEqual(await p.eval(() => window.__warnings), []);
    assert.deepEqual(await pageErrors(p), []);
    await p.close();
  });

  test('destroy() and removing the element stop it; moving keeps it; adding it again starts it', async () => {
    const p = await b.open(url('t-life.html'));
    assert.deepEqual(await p.eval(() => window.__live), { listeners: 1, observers: 1 });
    // Moved: the same explorer, in its new place, with its state.
    await p.eval(() => { const x = document.getElementById('x'); x.select('QYG'); document.getElementById('elsewhere').appendChild(x); });
    await p.eval(() => new Promise((r) => requestAnimationFrame(r)));
    assert.equal(await p.eval(value, 'x', 'ics-selected'), 'QYG');
    assert.deepEqual(await p.eval(() => window.__live), { listeners: 1, observers: 1 });
    // destroy(), directly on the element (its API object kept, as a host page might).
    await p.eval(() => { window.__api = document.getElementById('x')._icsApi; document.getElementById('x').destroy(); });
    assert.deepEqual(await p.eval(() => window.__live), { listeners: 0, observers: 0 });
    assert.deepEqual(await p.eval(() => [document.getElementById('x').shadowRoot.childNodes.length, document.getElementById('x').hasAttribute('data-state')]), [0, false]);
    const after = await p.eval(() => { try { document.getElementById('x').select('QOP'); return 'no error'; } catch (e) { return e.message; } });
    assert.match(after, /not ready/);
    // Its engine's memory is freed at once; a call through the old API object says so instead of failing inside.
    const late = await p.eval(() => { try { window.__api.query({ indicator: 'population' }); return 'no error'; } catch (e) { return e.message; } });
    assert.match(late, /This ICS Explorer was destroyed: mount a new one/);
    // Removed and added again: a new explorer, showing the view in the page's hash (it has `hash`).
    await p.eval(() => { const x = document.getElementById('x'); x.remove(); window.__removed = x; });
    await p.eval(() => document.getElementById('home').appendChild(window.__removed));
    await p.waitFor(() => document.getElementById('x').getAttribute('data-state') === 'ready');
    assert.equal(await p.eval(value, 'x', 'ics-selected'), 'QYG');
    assert.deepEqual(await p.eval(() => window.__live), { listeners: 1, observers: 1 });
    // Removed: everything it listened with goes.
    await p.eval(() => document.getElementById('x').remove());
    await p.waitFor(() => window.__live.listeners === 0 && window.__live.observers === 0);
    // Removed while still loading: it never starts.
    await p.eval(() => { const y = document.createElement('ics-explorer'); y.id = 'y'; document.body.appendChild(y); y.remove(); window.__y = y; });
    await p.eval(() => IcsExplorer.ready().then(() => new Promise((r) => setTimeout(r, 0))));
    assert.deepEqual(await p.eval(() => [window.__y.hasAttribute('data-state'), window.__live.observers]), [false, 0]);
    assert.deepEqual(await pageErrors(p), []);
    await p.close();
  });

  test('with hash, the attributes are the starting view, Back returns to it, and a page anchor is left alone', async () => {
    const p = await b.open(url('t-hash.html'));
    assert.deepEqual([await p.eval(value, 'x', 'ics-indicator'), await p.eval(value, 'x', 'ics-selected')], ['ae_4hr_pct', 'QOP']);
    await p.click('#x >>> button[data-view="map"]');
    await p.waitFor(() => location.hash === '#v=map&i=ae_4hr_pct&s=QOP');
    await p.back();
    await p.waitFor((v) => (document.getElementById('x').shadowRoot.querySelector('button[aria-current="page"]') || {}).dataset.view === v, 'rankings');
    assert.deepEqual([await p.eval(value, 'x', 'ics-indicator'), await p.eval(value, 'x', 'ics-selected')], ['ae_4hr_pct', 'QOP']);
    // A link to a heading of the host page: no notice, no change.
    await p.eval(() => { location.hash = '#contact-us'; });
    await p.eval(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0))));
    assert.equal(await p.eval(() => document.getElementById('x').shadowRoot.querySelector('.ics-notice')), null);
    assert.equal(await p.eval(currentView, 'x'), 'rankings');
    assert.equal(await p.eval(() => location.hash), '#contact-us');
    assert.deepEqual(await pageErrors(p), []);
    await p.close();
    // Opened with the anchor: the attributes' view, quietly.
    const q = await b.open(url('t-hash.html') + '#contact-us');
    assert.equal(await q.eval(() => document.getElementById('x').shadowRoot.querySelector('.ics-notice')), null);
    assert.equal(await q.eval(value, 'x', 'ics-selected'), 'QOP');
    // A view's hash still wins.
    await q.eval(() => { location.hash = '#v=trends&s=QYG'; });
    await q.waitFor(() => document.getElementById('x').shadowRoot.getElementById('ics-selected').value === 'QYG');
    assert.equal(await q.eval(currentView, 'x'), 'trends');
    assert.deepEqual(await pageErrors(q), []);
    await q.close();
  });

  test('an explorer that starts hidden (a closed tab) fits its width once shown', async () => {
    const p = await b.open(url('t-hidden.html'));
    const width = () => { const svg = document.getElementById('x').shadowRoot.querySelector('svg.ics-chart'); return svg ? Number(svg.getAttribute('width')) : 0; };
    assert.ok(await p.eval(width) < 300, 'drawn for no width while hidden');
    await p.eval(() => { document.getElementById('tab').hidden = false; });
    const shown = await p.waitFor(() => { const svg = document.getElementById('x').shadowRoot.querySelector('svg.ics-chart'); const w = svg ? Number(svg.getAttribute('width')) : 0; return w > 600 && w; });
    assert.ok(shown > 600, `${shown}px`);
    assert.deepEqual(await pageErrors(p), []);
    await p.close();
  });

  test("the host page's box styles apply to the element; its hostile styles still do not", async () => {
    const p = await b.open(url('t-box.html'));
    const box = await p.eval(() => { const s = getComputedStyle(document.getElementById('x')); return [s.marginTop, s.marginLeft, s.borderTopWidth, s.borderTopStyle, s.borderTopColor, s.paddingTop, s.borderTopLeftRadius]; });
    assert.deepEqual(box, ['32px', '24px', '3px', 'solid', 'rgb(0, 94, 184)', '8px', '4px']);
    // Inside, the explorer's own font and size, whatever the host page's.
    assert.equal(await p.eval(() => getComputedStyle(document.getElementById('x').shadowRoot.getElementById('ics-view-title')).fontSize), '24px');
    await p.goto(url('hostile-css.html'));
    await p.waitFor(() => document.getElementById('explorer') && document.getElementById('explorer').getAttribute('data-state') === 'ready');
    const hostile = await p.eval(() => {
      const el = document.getElementById('explorer');
      const r = el.getBoundingClientRect();
      const t = getComputedStyle(el.shadowRoot.getElementById('ics-view-title'));
      return [r.width > 600, r.height > 600, getComputedStyle(el).opacity, t.fontSize, t.color, t.letterSpacing, t.fontFamily.includes('Comic')];
    });
    assert.deepEqual(hostile, [true, true, '1', '24px', 'rgb(33, 43, 50)', 'normal', false]);
    await p.close();
  });
});
