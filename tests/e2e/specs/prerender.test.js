// The first view prerendered into index.html and embed.html (`ics-explorer prerender`), in Chromium and Firefox
// ESR: it is in the page before any of the engine's scripts has run, it is exactly what the engine draws live
// (the same markup, parsed by the same browser), the engine takes that DOM over instead of redrawing it, a
// visitor's clicks and choices made before the engine is ready are carried out once it is, a link to another view
// (index.html or embed.html) hides the prerendered view and draws the linked one, and from file://, http and under
// a strict Content-Security-Policy the page starts with no error.
//
// The engine is held back without sleeps: the page is served with a wrapper around the wasm glue's start
// function that waits until the test calls `window.__icsRelease()`.
'use strict';
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { REPO, serve, fileUrl } = require('../lib/harness');
const { eachBrowser, pageErrors } = require('../lib/driver');

const read = (f) => fs.readFileSync(path.join(REPO, f), 'utf8');
// The view markup a prerendered page carries, and the page with it taken out (drawn live).
const prerendered = (page) => read(page).match(/<div class="ics-root"[^>]*data-prerender="[^"]*">([\s\S]*)<\/div><\/template>/)[1];
const live = (page) => read(page).replace(/<template shadowrootmode="open">[\s\S]*<\/template>/, '');
const GATED = read('pkg/ics_explorer.js') + `
(function () {
  var start = window.ICS_EXPLORER_ENGINE;
  var gate = new Promise(function (resolve) { window.__icsRelease = resolve; });
  window.ICS_EXPLORER_ENGINE = Object.assign(function (o) { return gate.then(function () { return start(o); }); }, start);
})();`;
const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'";

// Lets the held engine start, once its glue has loaded (a prerendered page loads it after its first frame).
const release = (p) => p.waitFor(() => typeof window.__icsRelease === 'function' && (window.__icsRelease(), true));

// Equal strings, or a failure that shows where they first differ.
function sameMarkup(actual, expected, what) {
  if (actual === expected) return;
  let i = 0;
  while (actual[i] === expected[i]) i++;
  assert.fail(`${what} differ at character ${i}:\n  live:        …${actual.slice(i - 120, i + 80)}…\n  prerendered: …${expected.slice(i - 120, i + 80)}…`);
}

let plain, gated, strict;
before(async () => {
  const overrides = { '/index-live.html': live('index.html'), '/embed-live.html': live('embed.html') };
  plain = await serve(REPO, { overrides });
  gated = await serve(REPO, { overrides: { ...overrides, '/pkg/ics_explorer.js': GATED } });
  strict = await serve(REPO, { headers: { 'Content-Security-Policy': CSP } });
});
after(async () => { for (const s of [plain, gated, strict]) await s.close(); });

// Runs in the page: what the explorer shows.
const shown = () => {
  const el = document.querySelector('ics-explorer');
  const root = el.shadowRoot;
  return {
    state: el.getAttribute('data-state'),
    view: (root.querySelector('button[aria-current="page"]') || {}).dataset.view,
    indicator: (root.getElementById('ics-indicator') || {}).value,
    title: (root.getElementById('ics-view-title') || {}).textContent,
    hydrated: performance.getEntriesByName('ics-explorer:hydrated').length,
    visibility: getComputedStyle(root.querySelector('.ics-root')).visibility,
    hash: location.hash,
  };
};

eachBrowser('the prerendered first view', (b) => {
  test('is in the page before the engine runs, and is exactly what the engine draws live', async () => {
    for (const [page, base] of [['index.html', 'index-live.html'], ['embed.html', 'embed-live.html']]) {
      const p = await b.open(`${gated.url}/${page}`, { ready: null });
      const before = await p.waitFor(() => {
        const el = document.querySelector('ics-explorer');
        const root = el && el.shadowRoot && el.shadowRoot.querySelector('.ics-root');
        return root && root.querySelector('svg.ics-chart') && { state: el.getAttribute('data-state'), prerender: root.hasAttribute('data-prerender') };
      });
      assert.equal(before.state, 'loading', `${page}: shown while the engine is held back`);
      assert.ok(before.prerender, `${page}: the prerendered root`);
      await release(p);
      await p.waitFor(() => document.querySelector('ics-explorer').getAttribute('data-state') === 'ready');
      assert.equal((await p.eval(shown)).hydrated, 1, `${page}: the engine took the prerendered DOM over`);
      assert.deepEqual(await pageErrors(p), []);

      // The same page drawn live at the same width (1,200 px at a 1,280 px window for index.html): the same
      // markup, once the folder's address (which the build cannot know) is taken out of the embed snippets.
      await p.goto(`${plain.url}/${base}`);
      await p.waitFor(() => document.querySelector('ics-explorer').getAttribute('data-state') === 'ready');
      const same = await p.eval((markup, folder, width) => {
        const root = document.querySelector('ics-explorer').shadowRoot.querySelector('.ics-root');
        const parsed = document.createElement('div');
        parsed.innerHTML = markup;
        return { width: root.clientWidth, live: root.innerHTML.split(folder).join(''), prerendered: parsed.innerHTML };
      }, prerendered(page), `${plain.url}/`);
      if (page === 'index.html') {
        assert.equal(same.width, 1200, 'drawn live at the prerender\'s width');
        sameMarkup(same.live, same.prerendered, page);
      } else {
        // embed.html fills the window: at 1,200 px the same, once the explorer has redrawn at its new width (in
        // the frame after the resize; a timeout falls through to the comparison, which shows the difference).
        await p.resize(1200 + (await p.eval(() => window.innerWidth - document.querySelector('ics-explorer').shadowRoot.querySelector('.ics-root').clientWidth)));
        const live = (folder) => document.querySelector('ics-explorer').shadowRoot.querySelector('.ics-root').innerHTML.split(folder).join('');
        await p.waitFor((markup, folder) => {
          const parsed = document.createElement('div');
          parsed.innerHTML = markup;
          return document.querySelector('ics-explorer').shadowRoot.querySelector('.ics-root').innerHTML.split(folder).join('') === parsed.innerHTML;
        }, prerendered(page), `${plain.url}/`).catch(() => {});
        sameMarkup(await p.eval(live, `${plain.url}/`), same.prerendered, page);
      }
      await p.close();
    }
  });

  test('a click and a choice made before the engine is ready are carried out once it is', async () => {
    const p = await b.open(`${gated.url}/index.html`, { ready: null });
    await p.waitFor(() => !!document.querySelector('ics-explorer').shadowRoot.querySelector('[data-prerender] #ics-indicator'));
    // A choice in the indicator list, then a click on the map's tab: both on the prerendered page.
    await p.eval(() => {
      const select = document.querySelector('ics-explorer').shadowRoot.getElementById('ics-indicator');
      select.value = 'population';
      select.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await p.click('ics-explorer >>> button[data-view="map"]');
    assert.equal((await p.eval(shown)).state, 'loading');
    await release(p);
    await p.waitFor(() => document.querySelector('ics-explorer').getAttribute('data-state') === 'ready');
    const s = await p.waitFor(() => {
      const root = document.querySelector('ics-explorer').shadowRoot;
      return root.querySelector('svg.ics-map') && (root.getElementById('ics-view-title') || {}).textContent;
    });
    const now = await p.eval(shown);
    assert.equal(now.view, 'map');
    assert.equal(now.indicator, 'population');
    assert.match(s, /Population/);
    assert.match(now.hash, /v=map/);
    assert.match(now.hash, /i=population/);
    assert.deepEqual(await pageErrors(p), []);
    await p.close();
  });

  test('a link to another view hides the prerendered view until the engine draws the linked one', async () => {
    for (const page of ['index.html', 'embed.html']) {
      const p = await b.open(`${gated.url}/${page}#v=map&i=population`, { ready: null });
      await p.waitFor(() => document.querySelector('ics-explorer').getAttribute('data-state') === 'loading');
      const held = await p.eval(shown);
      assert.equal(held.visibility, 'hidden', `${page}: the prerendered view is not shown for a link to another`);
      await release(p);
      await p.waitFor(() => document.querySelector('ics-explorer').getAttribute('data-state') === 'ready');
      const now = await p.eval(shown);
      // The engine took the prerendered DOM over, then drew the linked view into it.
      assert.deepEqual([now.view, now.indicator, now.visibility, now.hydrated], ['map', 'population', 'visible', 1], page);
      assert.deepEqual(await pageErrors(p), []);
      await p.close();
    }
  });

  test('starts with no error from file://, http and under a strict Content-Security-Policy', async () => {
    for (const url of [fileUrl(path.join(REPO, 'index.html')), `${plain.url}/index.html`, `${strict.url}/index.html`, fileUrl(path.join(REPO, 'embed.html')), `${strict.url}/embed.html`]) {
      const p = await b.open(url);
      const s = await p.eval(shown);
      assert.deepEqual([s.state, s.view, s.hydrated], ['ready', 'rankings', 1], url);
      assert.deepEqual(await pageErrors(p), [], url);
      await p.close();
    }
  });
});
