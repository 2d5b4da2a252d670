// Long sessions: random interactions across every view, mount and destroy cycles of two embedded explorers, and
// repeated imports of a large file, measuring after each phase the JS heap (after a forced garbage collection),
// the wasm memory and the DOM's nodes, which must stay within stated bounds of the first measurement, with no
// error on the page and no listener left on the host page after destroy().
//
// In Chromium only: a heap measured after a forced collection needs the DevTools protocol's
// HeapProfiler.collectGarbage and performance.memory, which Firefox does not offer to WebDriver.
//
//   node tests/e2e/soak/soak.js [short|full]     full: 1,000 interactions, 50 cycles, 20 imports of 10 MB
// `short` runs in the default test run (specs/soak.test.js); `full` is scripts/soak.sh, which prints the curves.
'use strict';
const path = require('node:path');
const { chromium } = require('playwright-core');
const { REPO, fileUrl } = require('../lib/harness');

const SCALES = {
  short: { interactions: 150, cycles: 6, imports: 3, importMb: 2 },
  full: { interactions: 1000, cycles: 50, imports: 20, importMb: 10 },
};

// The bounds, against the first measurement (after the page is ready and has drawn each view once), or for the
// imports, against the first import's.
const BOUNDS = {
  heapGrowth: 1.5, // the JS heap may be at most 1.5 times the first, plus
  heapSlackMb: 4, //   4 MB (a forced collection still leaves the engine's caches and the browser's own)
  wasmGrowthMb: 32, // wasm memory only grows: by at most 32 MB over the first
  // An import needs memory of its own (a 10 MB Fingertips file: about 83 MB at its peak, measured): the later
  // imports must fit in what the first one left, plus
  importGrowthMb: 8,
  domGrowth: 1.25, // the DOM's nodes (page and shadow roots), at most 1.25 times the first
};

// A Fingertips download (its real layout) of one indicator for the 42 ICBs of July 2022, with as many ethnic
// groups as breakdowns as make it about `mb` megabytes.
function bigFingertips(mb) {
  const head = 'Indicator ID,Indicator Name,Parent Code,Parent Name,Area Code,Area Name,Area Type,Sex,Age,Category Type,Category,Time period,Value,Lower CI 95.0 limit,Upper CI 95.0 limit,Lower CI 99.8 limit,Upper CI 99.8 limit,Count,Denominator,Value note,Recent Trend,Compared to England value or percentiles,Compared to ICB (statutory) value or percentiles,Time period Sortable,New data,Compared to goal,Time period range';
  // July 2022 ICBs: ONS code and ODS code, as Fingertips names them.
  const codes = [['E54000008', 'QYG'], ['E54000010', 'QNC'], ['E54000011', 'QOC'], ['E54000013', 'QJM'], ['E54000015', 'QK1'], ['E54000018', 'QWU'], ['E54000019', 'QGH'], ['E54000022', 'QMM']];
  const row = (ons, ods, category, value) => `93014,Percentage of physically active adults,,,n${ons},NHS Integrated Care Board - ${ods},"ICBs (statutory, from July 2022)",Persons,19+ yrs,${category},2022/23,${value},,,,,,,,,,,20220000,,,1y`;
  // The rows imported (no breakdown), then breakdown rows that the import reads, offers and skips.
  const rows = [head, ...codes.map(([ons, ods], i) => row(ons, ods, ',', 60 + i))];
  let size = rows.join('\n').length;
  for (let k = 0; size < mb * 1024 * 1024; k++) {
    for (const [ons, ods] of codes) {
      const r = row(ons, ods, `Ethnic groups,Group ${k}`, (k % 97) + 1);
      rows.push(r);
      size += r.length + 1;
    }
  }
  return rows.join('\n') + '\n';
}

async function soak(scale) {
  const s = SCALES[scale];
  if (!s) throw new Error(`scale "${scale}": use short or full`);
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--enable-precise-memory-info'] });
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  // Listeners on the host page's window and document, counted from before any script of the page runs.
  await page.addInitScript(() => {
    const live = new Map();
    const key = (t, type, f, capture) => [t === window ? 'window' : t === document ? 'document' : null, type, f, !!capture];
    const add = EventTarget.prototype.addEventListener;
    const remove = EventTarget.prototype.removeEventListener;
    EventTarget.prototype.addEventListener = function (type, f, o) {
      const k = key(this, type, f, typeof o === 'object' ? o && o.capture : o);
      if (k[0]) live.set(k.join('|') + '|' + (live.size + Math.random()), k);
      return add.call(this, type, f, o);
    };
    EventTarget.prototype.removeEventListener = function (type, f, o) {
      const k = key(this, type, f, typeof o === 'object' ? o && o.capture : o);
      for (const [id, v] of live) if (v[0] === k[0] && v[1] === k[1] && v[2] === k[2] && v[3] === k[3]) { live.delete(id); break; }
      return remove.call(this, type, f, o);
    };
    window.__hostListeners = () => Array.from(live.values(), (v) => `${v[0]} ${v[1]}`);
  });
  const cdp = await context.newCDPSession(page);
  const measure = async (phase) => {
    await cdp.send('HeapProfiler.collectGarbage');
    return page.evaluate((p) => {
      const count = (root) => Array.from(root.querySelectorAll('*')).reduce((n, el) => n + 1 + (el.shadowRoot ? count(el.shadowRoot) : 0), 0);
      return { phase: p, heapMb: performance.memory.usedJSHeapSize / 1048576, wasmMb: window.ICS_EXPLORER_ENGINE ? window.ICS_EXPLORER_ENGINE.wasmMemoryBytes() / 1048576 : 0, dom: count(document) };
    }, phase);
  };

  // 1. Random interactions across every view (a fixed seed: the same run every time).
  await page.goto(fileUrl(path.join(REPO, 'index.html')));
  await page.waitForSelector('ics-explorer[data-state="ready"]');
  const views = await page.evaluate(() => Array.from(document.querySelector('ics-explorer').shadowRoot.querySelectorAll('button[data-view]'), (b) => b.dataset.view));
  for (const v of views) await page.evaluate((x) => document.querySelector('ics-explorer').shadowRoot.querySelector(`button[data-view="${x}"]`).click(), v);
  await page.evaluate(() => document.querySelector('ics-explorer').shadowRoot.querySelector('button[data-view="rankings"]').click());
  const curve = [await measure('first')];
  const done = await page.evaluate(async (n) => {
    let seed = 42;
    const rand = (k) => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % k; };
    const root = document.querySelector('ics-explorer').shadowRoot;
    const frame = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    const pick = (els) => els[rand(els.length)];
    const actions = [
      () => { const s = root.getElementById('ics-indicator'); if (s) { s.value = pick(Array.from(s.options)).value; s.dispatchEvent(new Event('change', { bubbles: true })); } },
      () => { const s = root.getElementById('ics-selected'); if (s) { s.value = pick(Array.from(s.options)).value; s.dispatchEvent(new Event('change', { bubbles: true })); } },
      () => { const s = root.getElementById('ics-region'); if (s) { s.value = pick(Array.from(s.options)).value; s.dispatchEvent(new Event('change', { bubbles: true })); } },
      () => pick(Array.from(root.querySelectorAll('button[data-view]'))).click(),
      () => { const t = Array.from(root.querySelectorAll('.ics-toggle')); if (t.length) pick(t).click(); },
      () => { const items = Array.from(root.querySelectorAll('[data-item]')); if (items.length) pick(items).dispatchEvent(new MouseEvent('mouseover', { bubbles: true })); },
    ];
    for (let i = 0; i < n; i++) {
      pick(actions)();
      // Each change shown before the next, as a person's would be.
      await frame();
    }
    return n;
  }, s.interactions);
  curve.push(await measure(`after ${done} interactions`));

  // 2. Mount and destroy two embedded explorers, again and again, on a host page.
  await page.goto(fileUrl(path.join(REPO, 'www', 'examples', 'two-instances.html')));
  await page.waitForFunction(() => document.querySelectorAll('ics-explorer[data-state="ready"]').length === 2);
  const before = await page.evaluate(() => window.__hostListeners());
  curve.push(await measure('two embedded explorers, as the page opened'));
  // Each cycle removes both (which destroys them) and adds new elements like them in their places.
  await page.evaluate(() => {
    window.__places = Array.from(document.querySelectorAll('ics-explorer'), (e) => ({ parent: e.parentNode, next: e.nextSibling, attrs: Array.from(e.attributes, (a) => [a.name, a.value]) }));
  });
  for (let c = 0; c < s.cycles; c++) {
    await page.evaluate(() => document.querySelectorAll('ics-explorer').forEach((e) => e.remove()));
    await page.waitForFunction(() => !document.querySelector('ics-explorer'));
    await page.evaluate(() => {
      for (const { parent, next, attrs } of window.__places) {
        const el = document.createElement('ics-explorer');
        for (const [name, value] of attrs) if (name !== 'data-state') el.setAttribute(name, value);
        parent.insertBefore(el, next);
      }
    });
    await page.waitForFunction(() => document.querySelectorAll('ics-explorer[data-state="ready"]').length === 2);
  }
  curve.push(await measure(`after ${s.cycles} mount and destroy cycles`));
  await page.evaluate(() => document.querySelectorAll('ics-explorer').forEach((e) => e.remove()));
  await page.evaluate(() => new Promise((r) => setTimeout(r, 0)));
  const after = await page.evaluate(() => window.__hostListeners());
  const left = after.filter((l) => !before.includes(l) || after.filter((x) => x === l).length > before.filter((x) => x === l).length);

  // 3. Import a large file again and again.
  await page.goto(fileUrl(path.join(REPO, 'index.html')) + '#g=icb22');
  await page.waitForSelector('ics-explorer[data-state="ready"]');
  const csv = Buffer.from(bigFingertips(s.importMb));
  for (let k = 0; k < s.imports; k++) {
    await page.locator('#ics-import-file').setInputFiles({ name: `big-${k}.csv`, mimeType: 'text/csv', buffer: csv });
    await page.waitForFunction((name) => document.querySelector('ics-explorer').shadowRoot.textContent.includes(`Added from ${name}`), `big-${k}.csv`, { timeout: 120000 });
    // The first import's peak is the memory any import of this size needs; the later ones must reuse it.
    if (k === 0) curve.push(await measure(`after 1 import of ${(csv.length / 1048576).toFixed(1)} MB`));
  }
  curve.push(await measure(`after ${s.imports} imports of ${(csv.length / 1048576).toFixed(1)} MB`));
  await browser.close();

  // Each phase against its own start (the same page): the interactions against the first measurement, the
  // cycles against the host page as it opened, the imports against the first import.
  const [first, afterInteractions, hostFirst, afterCycles, afterFirstImport, afterImports] = curve;
  const broken = [];
  for (const m of curve.slice(1)) {
    if (m.heapMb > first.heapMb * BOUNDS.heapGrowth + BOUNDS.heapSlackMb) broken.push(`${m.phase}: JS heap ${m.heapMb.toFixed(1)} MB, over ${BOUNDS.heapGrowth}× the first (${first.heapMb.toFixed(1)} MB) + ${BOUNDS.heapSlackMb} MB`);
  }
  for (const [from, to, slack] of [[first, afterInteractions, BOUNDS.wasmGrowthMb], [hostFirst, afterCycles, BOUNDS.wasmGrowthMb], [afterFirstImport, afterImports, BOUNDS.importGrowthMb]]) {
    if (to.wasmMb > from.wasmMb + slack) broken.push(`${to.phase}: wasm memory ${to.wasmMb.toFixed(1)} MB, over ${from.phase}'s ${from.wasmMb.toFixed(1)} MB + ${slack} MB`);
    if (to.dom > from.dom * BOUNDS.domGrowth) broken.push(`${to.phase}: ${to.dom} DOM nodes, over ${BOUNDS.domGrowth}× ${from.phase}'s ${from.dom}`);
  }
  if (left.length) broken.push(`listeners left on the host page after destroy(): ${left.join(', ')}`);
  if (errors.length) broken.push(`errors on the page: ${errors.join(' | ')}`);
  return { scale, curve, bounds: BOUNDS, listenersLeft: left, errors, broken };
}

module.exports = { soak, SCALES, BOUNDS };

if (require.main === module) {
  soak(process.argv[2] || 'full').then((r) => {
    console.log(`soak (${r.scale}): phase, JS heap after a forced collection, wasm memory, DOM nodes`);
    for (const m of r.curve) console.log(`  ${m.phase.padEnd(44)} ${m.heapMb.toFixed(1).padStart(7)} MB ${m.wasmMb.toFixed(1).padStart(7)} MB ${String(m.dom).padStart(7)}`);
    console.log(`bounds: ${JSON.stringify(r.bounds)}`);
    console.log(r.broken.length ? `FAILED:\n  ${r.broken.join('\n  ')}` : 'within bounds; no listener left; no error');
    process.exit(r.broken.length ? 1 : 0);
  }, (e) => { console.error(e); process.exit(1); });
}
