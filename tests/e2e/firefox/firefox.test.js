// A representative part of the end-to-end suite in Debian's firefox-esr, through WebDriver (geckodriver),
// from file:// and from a loopback server (also under the strict CSP): the page loads, renders every ICS with
// real values, responds to filters and selection, survives a hostile link, and logs no errors.
'use strict';
const { test, before, after, describe } = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const { REPO, serve, fileUrl } = require('../lib/harness');
const { startDriver, session } = require('../lib/webdriver');

const GECKODRIVER = process.env.GECKODRIVER || 'geckodriver';
const FIREFOX = process.env.FIREFOX || '/usr/bin/firefox-esr';
const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'";

let driver;
let server;
let cspServer;
before(async () => {
  driver = await startDriver(GECKODRIVER);
  server = await serve(REPO);
  cspServer = await serve(REPO, { headers: { 'Content-Security-Policy': CSP } });
});
after(async () => {
  await server.close();
  await cspServer.close();
  driver.stop();
});

// Reads the rankings table from inside the explorer's shadow root.
const ROWS = `const root = document.querySelector('ics-explorer').shadowRoot;
  return Array.from(root.querySelectorAll('#ics-table-rankings tbody tr'), (r) => Array.from(r.children, (c) => c.textContent));`;
const READY = `return document.querySelector('ics-explorer').getAttribute('data-state') === 'ready';`;
const ERRORS = 'return (window.IcsExplorer && window.IcsExplorer.errors) || ["IcsExplorer missing"];';

for (const [how, url] of [['file://', () => fileUrl(path.join(REPO, 'index.html'))], ['http', () => server.url + '/'], ['http with a strict CSP', () => cspServer.url + '/']]) {
  describe(`Firefox ESR over ${how}`, () => {
    test('loads, shows real values, filters and selects', async () => {
      const s = await session(driver, FIREFOX);
      try {
        await s.go(url() + '#i=population');
        await s.until(READY);
        let rows = await s.run(ROWS);
        assert.equal(rows.length, 37, "the 36 ICBs of April 2026 and England");
        const gm = rows.find((r) => r[0] === 'Greater Manchester');
        assert.equal(gm[2], '3,146,943');
        assert.equal(rows.find((r) => r[0] === 'Shropshire, Telford and Wrekin')[2], '521,391');
        // Filter to the North West and select an ICS, as a user's change events would.
        await s.run(`const root = document.querySelector('ics-explorer').shadowRoot;
          const pick = (id, v) => { const el = root.getElementById(id); el.value = v; el.dispatchEvent(new Event('change', { bubbles: true })); };
          pick('ics-region', 'Y62'); pick('ics-selected', 'QOP');`);
        await s.until(`return document.querySelector('ics-explorer').shadowRoot.querySelectorAll('#ics-table-rankings tbody tr').length === 4;`);
        rows = await s.run(ROWS);
        assert.deepEqual(rows.map((r) => r[0]).sort(), ['Cheshire and Merseyside', 'England', 'Greater Manchester', 'Lancashire and South Cumbria']);
        // The address bar follows once the frame is painted.
        await s.until("return /s=QOP/.test(location.hash);");
        // Every view renders.
        for (const v of ['deprivation', 'scatter', 'map', 'trends', 'profile', 'about']) {
          await s.run(`document.querySelector('ics-explorer').shadowRoot.querySelector('button[data-view="${v}"]').click();`);
          await s.until(`return document.querySelector('ics-explorer').shadowRoot.querySelector('button[data-view="${v}"]').getAttribute('aria-current') === 'page';`);
        }
        assert.match(await s.run(`return document.querySelector('ics-explorer').shadowRoot.getElementById('ics-view-title').textContent;`), /About the data/);
        assert.deepEqual(await s.run(ERRORS), []);
      } finally {
        await s.close();
      }
    });
  });
}

describe('Firefox ESR with a hostile link', () => {
  test('falls back with a notice and runs nothing', async () => {
    const s = await session(driver, FIREFOX);
    try {
      await s.go(fileUrl(path.join(REPO, 'index.html')) + '#i=%3Cimg%20src%3Dx%20onerror%3Dwindow.__pwned%3D1%3E&v=zzz');
      await s.until(READY);
      const notice = await s.run(`return document.querySelector('ics-explorer').shadowRoot.querySelector('.ics-notice').textContent;`);
      assert.match(notice, /indicator "<img src=x onerror=window.__pwned=1>" was not recognised/);
      assert.equal(await s.run('return window.__pwned === undefined;'), true);
      assert.deepEqual(await s.run(ERRORS), []);
    } finally {
      await s.close();
    }
  });
});
