// The iframe embed (embed.html in a host page with www/embed-host.js), in Chromium and Firefox: the frame fits
// its content as it grows and as it shrinks, clicks inside it add no Back step to the host page, it sizes
// itself from file:// too (where both pages' origins are opaque), and it never believes a height from any
// window but its own frame's.
'use strict';
const { test } = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const { REPO, sharedServer, fileUrl } = require('../lib/harness');
const { eachBrowser } = require('../lib/driver');

const server = sharedServer(REPO);

// Errors in the frame (the loader's record) and in the console of either page (where the browser lets us read it).
const errors = async (p, f) => (await f.eval(() => window.IcsExplorer.errors.slice())).concat(p.consoleErrors);
const frameHeight = () => Number(document.getElementById('frame').dataset.height || 0);
const inFrameReady = () => { const el = document.querySelector('ics-explorer'); return el && el.getAttribute('data-state') === 'ready'; };
// The explorer's own height inside the frame, and the frame's drawn height in the host.
const contentHeight = () => Math.ceil(document.querySelector('main').getBoundingClientRect().bottom);

// The frame's height once it matches its content and passes `ok` (heights are posted as the content settles:
// fonts, the first layout, a scrollbar appearing; a condition polled across the two pages, not a timer).
async function settled(p, f, ok) {
  for (const t0 = Date.now(); ;) {
    const [h, c] = [await p.eval(frameHeight), await f.eval(contentHeight)];
    if (ok(h) && Math.abs(h - c) <= 2) return h;
    if (Date.now() - t0 > 20000) throw new Error(`the frame is ${h}px for ${c}px of content`);
  }
}

eachBrowser('iframe embed', (b) => {
  test('the frame grows and shrinks to fit its content', async () => {
    const p = await b.open(server.url + '/www/examples/iframe.html', { ready: null });
    const f = p.frame('#frame');
    await f.waitFor(inFrameReady);
    // Rankings with a 43-row table: taller than the frame's 600px.
    const tall = await settled(p, f, (h) => h > 800);
    // A short view: the profile without an ICS chosen is a prompt. The frame must shrink to it.
    await f.eval(() => document.querySelector('ics-explorer').setState('v=profile'));
    const short = await settled(p, f, (h) => h < tall - 200);
    const drawn = await p.eval(() => document.getElementById('frame').getBoundingClientRect().height);
    assert.ok(Math.abs(drawn - short) <= 4, `drawn ${drawn}px for ${short}px (plus its border)`);
    // And grows again.
    await f.eval(() => document.querySelector('ics-explorer').setState('i=ae_4hr_pct&s=QOP'));
    await p.waitFor((min) => Number(document.getElementById('frame').dataset.height) > min, tall - 50);
    assert.deepEqual(await errors(p, f), []);
    await p.close();
  });

  test('clicks inside the frame add no Back step to the host page', async () => {
    const p = await b.open(server.url + '/www/examples/iframe.html', { ready: null });
    const f = p.frame('#frame');
    await f.waitFor(inFrameReady);
    const steps = await p.eval(() => history.length);
    await f.click('ics-explorer >>> button[data-view="map"]');
    await f.waitFor(() => /v=map/.test(location.hash));
    await f.click('ics-explorer >>> button[data-view="trends"]');
    await f.waitFor(() => /v=trends/.test(location.hash));
    // The frame's address still follows the view (a reload keeps it), but in place.
    assert.equal(await p.eval(() => history.length), steps);
    assert.equal(await f.eval(() => history.length), steps);
    await p.close();
  });

  test('from file:// the frame is sized too, and only by its own frame', async () => {
    const p = await b.open(fileUrl(path.join(REPO, 'www', 'examples', 'iframe.html')), { ready: null });
    const f = p.frame('#frame');
    await f.waitFor(inFrameReady);
    await settled(p, f, (x) => x > 800);
    // A message from any other window (here the host page itself, also file://) is ignored.
    await p.eval(() => new Promise((resolve) => {
      window.postMessage({ type: 'ics-explorer:height', height: 250 }, '*');
      window.addEventListener('message', () => setTimeout(resolve, 0), { once: true });
    }));
    assert.ok(await p.eval(frameHeight) > 800, 'the spoofed height was ignored');
    await settled(p, f, (x) => x > 800);
    assert.deepEqual(await errors(p, f), []);
    await p.close();
  });
});
