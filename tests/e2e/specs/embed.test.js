// Embedding, in Chromium (which lets the test see every request): two independent instances with events and
// the JS API, a host page with hostile CSS, a strict Content-Security-Policy (sent as a header, and as a meta
// tag from file://) and the iframe mode with origin-checked auto-height. The element's behaviour in both
// browsers is element.test.js; the iframe's, iframe.test.js; the offline ZIP's, offline.test.js.
'use strict';
const { test, describe } = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const { REPO, sharedBrowser, serve, open, fileUrl, foreignRequests } = require('../lib/harness');

const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'";
const example = (name) => fileUrl(path.join(REPO, 'www', 'examples', name));

const chromium = sharedBrowser();

async function ready(page, selector) {
  await page.waitForSelector(`${selector}[data-state="ready"]`, { timeout: 20000 });
}
const events = (page) => page.$$eval('#events li', (li) => li.map((x) => x.textContent));

describe('two instances on one page', () => {
  test('each keeps its own state; the host hears each one\'s events and can query each', async () => {
    const r = await open(chromium.browser, example('two-instances.html'), { waitFor: null });
    const { page } = r;
    await ready(page, '#first');
    await ready(page, '#second');
    assert.equal(await page.locator('#first').locator('#ics-indicator').inputValue(), 'rtt_waiting_list_per_1000');
    assert.equal(await page.locator('#second').locator('#ics-indicator').inputValue(), 'gp_fte_per_100k');
    assert.equal(await page.locator('#second').locator('button[aria-current="page"]').getAttribute('data-view'), 'map');
    // Only the views asked for are offered in the first.
    assert.deepEqual(await page.locator('#first').locator('.ics-tab').evaluateAll((b) => b.map((x) => x.dataset.view)), ['rankings', 'map', 'trends']);
    await page.locator('#first').locator('#ics-selected').selectOption('QYG');
    await page.waitForFunction(() => Array.from(document.querySelectorAll('#events li')).some((li) => li.textContent === 'first ics-select QYG'));
    assert.equal(await page.locator('#second').locator('#ics-selected').inputValue(), '', 'the second is untouched');
    const heard = await events(page);
    assert.ok(heard.includes('first ics-ready') && heard.includes('second ics-ready'), heard.join('\n'));
    assert.ok(heard.some((e) => e.startsWith('first view-change') && e.includes('s=QYG')), heard.join('\n'));
    assert.ok(!heard.some((e) => e.startsWith('second ics-select')), heard.join('\n'));
    // The host used the second explorer's API to ask its engine a question.
    assert.match(await page.textContent('#answer'), /^Highest: Cornwall and the Isles of Scilly \(\d+\.\d\)$/);
    // The URL hash belongs to the host page: embedded explorers never write it.
    assert.equal(await page.evaluate(() => location.hash), '');
    // The folder is the explorer's (two levels up from the example): nothing may come from outside it.
    assert.deepEqual(foreignRequests(r, fileUrl(path.join(REPO, 'index.html'))), []);
    assert.deepEqual(r.consoleErrors, []);
    assert.deepEqual(r.pageErrors, []);
    await r.context.close();
  });
});

describe('a host page with hostile CSS', () => {
  test('cannot hide, shrink or restyle the explorer', async () => {
    const r = await open(chromium.browser, example('hostile-css.html'), { waitFor: null });
    const { page } = r;
    await ready(page, '#explorer');
    const box = await page.locator('#explorer').boundingBox();
    assert.ok(box.width > 600 && box.height > 600, JSON.stringify(box));
    const title = page.locator('#explorer').locator('#ics-view-title');
    const style = await title.evaluate((el) => { const s = getComputedStyle(el); return [s.fontSize, s.color, s.letterSpacing, s.display]; });
    assert.deepEqual(style, ['24px', 'rgb(33, 43, 50)', 'normal', 'block']);
    const cell = await page.locator('#explorer').locator('#ics-table-rankings td').first().evaluate((el) => [getComputedStyle(el).display, getComputedStyle(el).borderTopStyle]);
    assert.deepEqual(cell, ['table-cell', 'none']);
    const bar = await page.locator('#explorer').locator('.ics-item rect[fill^="#"]').first().evaluate((el) => getComputedStyle(el).fill);
    assert.notEqual(bar, 'rgb(0, 255, 0)');
    // And ours does not leak out: the host's own heading keeps the host's styles.
    assert.equal(await page.$eval('h1', (h) => getComputedStyle(h).color), 'rgb(255, 0, 0)');
    assert.deepEqual(r.consoleErrors, []);
    await r.context.close();
  });
});

describe('strict Content-Security-Policy', () => {
  test(`served with "${CSP}"`, async () => {
    const s = await serve(REPO, { headers: { 'Content-Security-Policy': CSP } });
    const url = s.url + '/www/examples/strict-csp.html';
    const r = await open(chromium.browser, url, { waitFor: null });
    await ready(r.page, '#explorer');
    assert.equal(await r.page.locator('#explorer').locator('button[aria-current="page"]').getAttribute('data-view'), 'deprivation');
    await r.page.locator('#explorer').locator('#ics-selected').selectOption('QOP');
    await r.page.locator('#explorer').locator('button[data-view="rankings"]').click();
    await r.page.waitForSelector('text=Core20: population in the most deprived 20%, 2025');
    assert.deepEqual(r.consoleErrors, [], 'no CSP violation or other error');
    assert.deepEqual(r.pageErrors, []);
    assert.deepEqual(foreignRequests(r, url), []);
    await r.context.close();
    await s.close();
  });

  test('the full page under the same header', async () => {
    const s = await serve(REPO, { headers: { 'Content-Security-Policy': CSP } });
    const r = await open(chromium.browser, s.url + '/#v=profile&s=QWE');
    await r.page.waitForSelector('text=South West London: all indicators');
    assert.deepEqual(r.consoleErrors, []);
    await r.context.close();
    await s.close();
  });

  test('as a meta tag, from file://', async () => {
    const r = await open(chromium.browser, example('strict-csp.html'), { waitFor: null });
    await ready(r.page, '#explorer');
    assert.deepEqual(r.consoleErrors, []);
    await r.context.close();
  });
});

describe('iframe mode', () => {
  test('the frame shows the view in its hash and is sized by origin-checked messages', async () => {
    const s = await serve(REPO);
    const url = s.url + '/www/examples/iframe.html';
    const r = await open(chromium.browser, url, { waitFor: null });
    const { page } = r;
    const frame = page.frameLocator('#frame');
    await frame.locator('ics-explorer[data-state="ready"]').waitFor({ timeout: 20000 });
    assert.equal(await frame.locator('#ics-indicator').inputValue(), 'ae_4hr_pct');
    assert.equal(await frame.locator('#ics-selected').inputValue(), 'QOP');
    assert.equal(await frame.locator('.ics-filters').count() > 0 ? await frame.locator('.ics-filters').isVisible() : false, false, 'compact: no filters');
    await page.waitForFunction(() => Number(document.getElementById('frame').dataset.height) > 800);
    const h = Number(await page.$eval('#frame', (f) => f.dataset.height));
    const drawn = (await page.locator('#frame').boundingBox()).height;
    assert.ok(Math.abs(drawn - h) <= 4, `frame drawn ${drawn}px for ${h}px of content (plus its border)`);
    // A message from anywhere but the frame is ignored.
    await page.evaluate(() => window.postMessage({ type: 'ics-explorer:height', height: 250 }, '*'));
    await page.evaluate(() => new Promise((res) => setTimeout(res, 0)));
    assert.equal(Number(await page.$eval('#frame', (f) => f.dataset.height)), h);
    assert.deepEqual(foreignRequests(r, url), []);
    assert.deepEqual(r.consoleErrors, []);
    await r.context.close();
    await s.close();
  });
});
