// The offline ZIP made by `ics-explorer dist`, in Chromium and Firefox: extracted, it opens from file://
// without requesting anything, holds the embedding guide and no test fixtures, and its "Embed this view" box
// says the folder must be hosted first instead of offering file:/// snippets. Opened without extracting (as
// Windows does with a page double-clicked inside a ZIP: that one file alone, or part of the folder), the page
// says to extract all the files first.
'use strict';
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { execFileSync } = require('node:child_process');
const { REPO, fileUrl } = require('../lib/harness');
const { eachBrowser, pageErrors, tableRows, foreignRequests, errorPanel } = require('../lib/driver');

let dir;
let folder;
before(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ics-dist-'));
  const zip = path.join(dir, 'ics-explorer.zip');
  execFileSync(path.join(REPO, 'target', 'debug', 'ics-explorer'), ['dist', '--out', zip], { cwd: REPO });
  execFileSync('python3', ['-m', 'zipfile', '-e', zip, path.join(dir, 'extracted')]);
  folder = path.join(dir, 'extracted', 'ics-explorer');
});
after(() => { fs.rmSync(dir, { recursive: true, force: true }); });

// A copy of some of the extracted files only, as a partial extraction leaves them.
function partial(name, files) {
  const to = path.join(dir, name);
  for (const f of files) fs.cpSync(path.join(folder, f), path.join(to, f), { recursive: true });
  return to;
}

test('the ZIP holds the pages, the engine, the guide and a README that says to extract all; no test fixtures', () => {
  assert.deepEqual(fs.readdirSync(folder).sort(), ['LICENCE-DATA.txt', 'LICENSE', 'README.txt', 'docs', 'embed.html', 'index.html', 'pkg', 'www']);
  assert.deepEqual(fs.readdirSync(path.join(folder, 'docs')), ['embedding.md']);
  assert.ok(!fs.existsSync(path.join(folder, 'www', 'data', 'dataset.json')), 'no duplicate dataset');
  assert.deepEqual(fs.readdirSync(path.join(folder, 'www', 'examples')).filter((f) => /hostile/.test(f)), []);
  assert.match(fs.readFileSync(path.join(folder, 'README.txt'), 'utf8'), /Extract all the files before opening/);
});

eachBrowser('the offline ZIP', (b) => {
  test('extracted, it works from file://, and "Embed this view" says to host the folder first', async () => {
    const p = await b.open(fileUrl(path.join(folder, 'index.html')) + '#i=population');
    assert.equal((await tableRows(p, '#ics-table-rankings')).length, 37);
    await p.click('ics-explorer >>> .ics-embed summary');
    const box = await p.waitFor(() => { const d = document.getElementById('ics-explorer').shadowRoot.querySelector('.ics-embed'); return d.open && d.innerText; });
    assert.match(box, /first put the ICS Explorer folder on a web server or intranet site/);
    assert.match(box, /docs\/embedding\.md/);
    assert.ok(!/file:\/\//.test(box), box);
    assert.equal(await p.eval(() => document.getElementById('ics-explorer').shadowRoot.querySelectorAll('textarea').length), 0);
    // Nothing outside the folder was asked for. (Firefox does not report file:// loads to WebDriver, so only
    // Chromium's list has the folder's own files in it.)
    if (p.browser === 'chromium') assert.ok(p.requests.some((u) => u.endsWith('/www/app.css')), p.requests.join('\n'));
    assert.deepEqual(foreignRequests(p, fileUrl(folder) + '/'), []);
    assert.deepEqual(await pageErrors(p), []);
    await p.close();
  });

  test('index.html opened alone (from inside the ZIP) says to extract all the files first', async () => {
    const alone = partial('alone', ['index.html']);
    const p = await b.open(fileUrl(path.join(alone, 'index.html')), { ready: null });
    const text = await p.eval(() => document.body.innerText);
    assert.match(text.replace(/\s+/g, ' '), /If you opened this page from inside a ZIP file, extract all the files first/);
    await p.close();
  });

  test('with the engine missing, the error panel says to extract all the files first', async () => {
    const some = partial('some', ['index.html', 'www']);
    const p = await b.open(fileUrl(path.join(some, 'index.html')), { ready: null });
    const panel = await errorPanel(p);
    // Both engine scripts are missing and load side by side: the first to fail is named, in Firefox either one.
    assert.match(panel, /Could not load pkg\/ics_explorer(_wasm)?\.js from the ICS Explorer folder\. If you opened ICS Explorer from inside a ZIP file, extract all the files first/);
    await p.close();
  });
});
