// Embedding, in Chromium and Firefox: two independent instances with events and the JS API, a host page with
// hostile CSS, a strict Content-Security-Policy (sent as a header, and as a meta tag from file://) and the iframe
// mode with origin-checked auto-height. The element's behaviour is element.test.js; the iframe's, iframe.test.js;
// the offline ZIP's, offline.test.js; hostile host pages (frozen prototypes, clashing globals), drills.test.js.
'use strict';
const { test } = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const { REPO, serve, fileUrl } = require('../lib/harness');
const { eachBrowser, pageErrors, foreignRequests, choose } = require('../lib/driver');

const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'";
const example = (name) => fileUrl(path.join(REPO, 'www', 'examples', name));

// A control's value inside the shadow root of the explorer `host` (a selector of the page).
const valueOf = (p, host, selector) => p.eval((h, s) => document.querySelector(h).shadowRoot.querySelector(s).value, host, selector);
const FOLDER = fileUrl(REPO) + '/';

eachBrowser('embedding', (b) => {
  test('two instances on one page: each keeps its own state; the host hears each one\'s events and can query each', async () => {
    const p = await b.open(example('two-instances.html'));
    assert.equal(await valueOf(p, '#first', '#ics-indicator'), 'rtt_waiting_list_per_1000');
    assert.equal(await valueOf(p, '#second', '#ics-indicator'), 'gp_fte_per_100k');
    assert.equal(await p.eval(() => document.querySelector('#second').shadowRoot.querySelector('button[aria-current="page"]').dataset.view), 'map');
    // Only the views asked for are offered in the first.
    assert.deepEqual(await p.eval(() => Array.from(document.querySelector('#first').shadowRoot.querySelectorAll('.ics-tab'), (x) => x.dataset.view)), ['rankings', 'map', 'trends']);
    await choose(p, 'ics-selected', 'QYG', '#first');
    await p.waitFor(() => Array.from(document.querySelectorAll('#events li')).some((li) => li.textContent === 'first ics-select QYG'));
    assert.equal(await valueOf(p, '#second', '#ics-selected'), '', 'the second is untouched');
    const heard = await p.eval(() => Array.from(document.querySelectorAll('#events li'), (x) => x.textContent));
    assert.ok(heard.includes('first ics-ready') && heard.includes('second ics-ready'), heard.join('\n'));
    assert.ok(heard.some((e) => e.startsWith('first view-change') && e.includes('s=QYG')), heard.join('\n'));
    assert.ok(!heard.some((e) => e.startsWith('second ics-select')), heard.join('\n'));
    // The host used the second explorer's API to ask its engine a question.
    assert.match(await p.waitFor(() => document.getElementById('answer').textContent.startsWith('Highest') && document.getElementById('answer').textContent), /^Highest: Cornwall and the Isles of Scilly \(\d+\.\d\)$/);
    // The URL hash belongs to the host page: embedded explorers never write it.
    assert.equal(await p.eval(() => location.hash), '');
    // The folder is the explorer's (two levels up from the example): nothing may come from outside it.
    assert.deepEqual(foreignRequests(p, FOLDER), []);
    assert.deepEqual(await pageErrors(p), []);
    await p.close();
  });

  test('a host page with hostile CSS cannot hide, shrink or restyle the explorer', async () => {
    const p = await b.open(example('hostile-css.html'));
    const box = await p.eval(() => { const r = document.querySelector('#explorer').getBoundingClientRect(); return { width: r.width, height: r.height }; });
    assert.ok(box.width > 600 && box.height > 600, JSON.stringify(box));
    const styles = await p.eval(() => {
      const root = document.querySelector('#explorer').shadowRoot;
      const s = getComputedStyle(root.getElementById('ics-view-title'));
      const cell = getComputedStyle(root.querySelector('#ics-table-rankings td'));
      return {
        title: [s.fontSize, s.color, s.letterSpacing, s.display],
        cell: [cell.display, cell.borderTopStyle],
        bar: getComputedStyle(root.querySelector('.ics-item rect[fill^="#"]')).fill,
        // And ours does not leak out: the host's own heading keeps the host's styles.
        host: getComputedStyle(document.querySelector('h1')).color,
      };
    });
    assert.deepEqual(styles.title, ['24px', 'rgb(33, 43, 50)', 'normal', 'block']);
    assert.deepEqual(styles.cell, ['table-cell', 'none']);
    assert.notEqual(styles.bar, 'rgb(0, 255, 0)');
    assert.equal(styles.host, 'rgb(255, 0, 0)');
    assert.deepEqual(await pageErrors(p), []);
    await p.close();
  });

  test(`a strict Content-Security-Policy, served as "${CSP}"`, async () => {
    const s = await serve(REPO, { headers: { 'Content-Security-Policy': CSP } });
    const url = s.url + '/www/examples/strict-csp.html';
    const p = await b.open(url);
    assert.equal(await p.eval(() => document.querySelector('#explorer').shadowRoot.querySelector('button[aria-current="page"]').dataset.view), 'deprivation');
    await choose(p, 'ics-selected', 'QOP', '#explorer');
    await p.click('#explorer >>> button[data-view="rankings"]');
    await p.waitFor(() => document.querySelector('#explorer').shadowRoot.textContent.includes('Core20: population in the most deprived 20%, 2025'));
    assert.deepEqual(await pageErrors(p), [], 'no CSP violation or other error');
    assert.deepEqual(foreignRequests(p, s.url + '/'), []);
    await p.close();
    await s.close();
  });

  test('a strict Content-Security-Policy: the full page under the same header', async () => {
    const s = await serve(REPO, { headers: { 'Content-Security-Policy': CSP } });
    const p = await b.open(s.url + '/#v=profile&s=QWE');
    await p.waitFor(() => document.querySelector('ics-explorer').shadowRoot.textContent.includes('South West London: all indicators'));
    assert.deepEqual(await pageErrors(p), []);
    await p.close();
    await s.close();
  });

  test('a strict Content-Security-Policy as a meta tag, from file://', async () => {
    const p = await b.open(example('strict-csp.html'));
    assert.deepEqual(await pageErrors(p), []);
    await p.close();
  });

  test('iframe mode: the frame shows the view in its hash and is sized by origin-checked messages', async () => {
    const s = await serve(REPO);
    const url = s.url + '/www/examples/iframe.html';
    const p = await b.open(url, { ready: null });
    const frame = p.frame('#frame');
    await frame.waitFor(() => document.querySelector('ics-explorer[data-state="ready"]'));
    assert.deepEqual(await frame.eval(() => {
      const root = document.querySelector('ics-explorer').shadowRoot;
      const filters = root.querySelector('.ics-filters');
      return [root.getElementById('ics-indicator').value, root.getElementById('ics-selected').value, !!filters && filters.getBoundingClientRect().height > 0];
    }), ['ae_4hr_pct', 'QOP', false], 'the view of the hash, compact: no filters');
    const h = Number(await p.waitFor(() => Number(document.getElementById('frame').dataset.height) > 800 && document.getElementById('frame').dataset.height));
    const drawn = await p.eval(() => document.getElementById('frame').getBoundingClientRect().height);
    assert.ok(Math.abs(drawn - h) <= 4, `frame drawn ${drawn}px for ${h}px of content (plus its border)`);
    // A message from anywhere but the frame is ignored: posted, then one task later (when it has been handled).
    await p.eval(() => new Promise((res) => { window.postMessage({ type: 'ics-explorer:height', height: 250 }, '*'); setTimeout(res, 0); }));
    assert.equal(Number(await p.eval(() => document.getElementById('frame').dataset.height)), h);
    assert.deepEqual(foreignRequests(p, s.url + '/'), []);
    // The explorer's loader is the frame's: its record of errors is there (and Chromium's console covers both).
    assert.deepEqual(await frame.eval(() => window.IcsExplorer.errors.slice()), []);
    assert.deepEqual(p.consoleErrors, []);
    await p.close();
    await s.close();
  });
});
