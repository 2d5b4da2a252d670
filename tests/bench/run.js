// ICS Explorer benchmark (scripts/bench.sh): cold start, interaction latency, the engine against plain
// JavaScript, Arquero and DuckDB-WASM in the same browser run, scaling to millions of rows, bytes shipped and
// memory. Prints medians (and p95) with ratios, side by side with the previous run (docs/performance.json), then
// writes the new results there and to docs/performance.md.
'use strict';
const { chromium } = require('playwright-core');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const zlib = require('node:zlib');
const { execSync } = require('node:child_process');
const { REPO, serve, fileUrl } = require('../e2e/lib/harness');

const RUNS = Number(process.env.BENCH_RUNS || 15);
const ONLY = process.env.BENCH_ONLY ? process.env.BENCH_ONLY.split(',') : null;
const SIZES = (process.env.BENCH_SIZES || '100000,1000000,5000000').split(',').map(Number);
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--no-first-run', '--disable-quic', '--enable-precise-memory-info',
  // Extra Chromium flags for an experiment, e.g. BENCH_FLAGS='--js-flags=--no-wasm-lazy-compilation'.
  ...(process.env.BENCH_FLAGS ? process.env.BENCH_FLAGS.split(' ') : [])];

const median = (v) => { const s = [...v].sort((a, b) => a - b); return s.length ? s[Math.floor((s.length - 1) / 2)] : NaN; };
const p95 = (v) => { const s = [...v].sort((a, b) => a - b); return s.length ? s[Math.min(s.length - 1, Math.ceil(s.length * 0.95) - 1)] : NaN; };
const stat = (v) => ({ median: median(v), p95: p95(v), n: v.length });
const gz = (buf) => zlib.gzipSync(buf, { level: 9 }).length;

// The start-up phases, in order: each the User Timing mark that ends it (set by www/ics-explorer.js and
// crates/ics-web/src/lib.rs; the names are stable). A phase's duration is its mark minus the previous one.
const PHASES = [
  ['scripts-parsed', 'scripts loaded and run (dataset text, glue, base64 engine)'],
  ['wasm-unpacked', 'engine bytes unpacked (base64, inflate)'],
  ['wasm-ready', 'engine compiled and instantiated'],
  ['dataset-loaded', 'dataset parsed, validated and decoded'],
  ['state-ready', 'frame, engine and state built'],
  ['view-built', 'first view computed (Node tree)'],
  ['ready', 'DOM built, handlers attached'],
  ['painted', 'first frame painted'],
];
// The cold-start targets: the first chart painted from file://, as a ratio to a static page listing the
// same 42 names, measured in the same run.
const TARGETS = { prerendered: 1.5, live: 3 };

// Temporary pages, written at the repo's root so their relative paths (www/app.css, pkg/…) resolve from
// file://; .gitignore lists them (/.bench-*.html) and they are removed after the run.
function tempPage(name, html) {
  const f = path.join(REPO, `.bench-${name}.html`);
  fs.writeFileSync(f, html);
  return f;
}

// The reference: a static HTML page listing the 42 ICS names of July 2022 (from the shipped dataset), with the
// page's stylesheet and header, no script: what the browser itself needs to show a page from file://.
function staticPage() {
  const ds = JSON.parse(fs.readFileSync(path.join(REPO, 'www/data/dataset.json'), 'utf8'));
  const set = ds.area_sets.find((s) => s.id === 'icb22');
  if (!set || set.icss.length !== 42) throw new Error('the dataset has no area set icb22 of 42 ICSs');
  const esc = (t) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const rows = set.icss.map((i) => `<tr><th scope="row">${esc(i.name)}</th><td>${esc(i.code)}</td><td>${esc(i.ods)}</td></tr>`).join('\n');
  return tempPage('static', `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>The 42 ICSs of July 2022 (benchmark reference page)</title>
<link rel="stylesheet" href="www/app.css">
</head>
<body class="ics-page">
<header class="ics-header"><div class="ics-width"><p class="ics-header__title">ICS Explorer</p></div></header>
<main class="ics-width">
<h1>The ${set.icss.length} ${esc(set.name)}</h1>
<div class="ics-table-wrap"><table class="ics-table"><caption>Integrated Care Systems, ${esc(set.period)}</caption>
<thead><tr><th scope="col">Name</th><th scope="col">Code</th><th scope="col">ODS code</th></tr></thead>
<tbody>
${rows}
</tbody></table></div>
</main>
</body>
</html>
`);
}

// index.html's build-time prerender (a declarative shadow root), if it has one.
const TEMPLATE = /<template shadowrootmode="open">[\s\S]*?<\/template>/;

// index.html as it is (the "prerendered" page, if it has the template) and without its template (the "live"
// page, which paints its first chart once the engine has run).
function indexPages() {
  const html = fs.readFileSync(path.join(REPO, 'index.html'), 'utf8');
  const prerendered = TEMPLATE.test(html);
  return { prerendered: prerendered ? path.join(REPO, 'index.html') : null, live: prerendered ? tempPage('live', html.replace(TEMPLATE, '')) : path.join(REPO, 'index.html') };
}

// Whether the prerendered chart is in the DOM before any script has run: checked with scripts disabled.
async function prerenderInDom(browser, url) {
  const ctx = await browser.newContext({ javaScriptEnabled: false });
  const page = await ctx.newPage();
  await page.goto(url);
  const ok = await page.evaluate(() => {
    const el = document.querySelector('ics-explorer');
    return !!(el && el.shadowRoot && el.shadowRoot.querySelector('svg'));
  });
  await ctx.close();
  return ok;
}

const fcp = () => {
  const e = performance.getEntriesByName('first-contentful-paint');
  return e.length ? e[0].startTime : null;
};

// One fresh context per load. `kind`: 'static' (first contentful paint), 'prerendered' (the first contentful
// paint if the prerendered chart was in the DOM by then, else the first frame after it was; and the phases behind
// it) or 'live' (the ics-explorer:painted mark, and every phase).
async function loadOnce(browser, url, kind) {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  if (kind === 'prerendered') {
    // When the prerendered chart is first seen in the DOM (a mutation observer's callback runs before the next
    // paint, and before the first script), and the frame after that: if it was there by the first contentful
    // paint, that paint showed it; if not, the first chart is the first frame after it arrived.
    await page.addInitScript(() => {
      const seen = () => {
        const el = document.querySelector('ics-explorer');
        return !!(el && el.shadowRoot && el.shadowRoot.querySelector('svg'));
      };
      const obs = new MutationObserver(() => {
        if (window.__benchChartAt != null || !seen()) return;
        window.__benchChartAt = performance.now();
        obs.disconnect();
        requestAnimationFrame(() => setTimeout(() => { window.__benchChartPainted = performance.now(); }, 0));
      });
      obs.observe(document, { childList: true, subtree: true });
    });
  }
  await page.goto(url);
  let m;
  if (kind === 'static') {
    await page.waitForFunction(fcp, null, { timeout: 30000 });
    m = { first: await page.evaluate(fcp) };
  } else {
    await page.waitForFunction(() => performance.getEntriesByName('ics-explorer:painted').length > 0, null, { timeout: 30000 });
    m = await page.evaluate((names) => {
      const at = (n) => { const e = performance.getEntriesByName('ics-explorer:' + n); return e.length ? e[0].startTime : null; };
      const e = performance.getEntriesByName('first-contentful-paint');
      return { fcp: e.length ? e[0].startTime : null, marks: Object.fromEntries(names.map((n) => [n, at(n)])) };
    }, PHASES.map(([n]) => n));
    if (kind === 'prerendered') {
      await page.waitForFunction(() => window.__benchChartPainted != null, null, { timeout: 30000 });
      const c = await page.evaluate(() => ({ at: window.__benchChartAt, painted: window.__benchChartPainted }));
      m.chart_in_dom = c.at;
      m.first = m.fcp != null && c.at <= m.fcp ? m.fcp : c.painted;
    } else {
      m.first = m.marks.painted;
    }
  }
  await ctx.close();
  return m;
}

// Medians of each mark (from navigation start) and of each phase's own duration.
function phases(loads) {
  const out = {};
  PHASES.forEach(([name, label], i) => {
    const at = loads.map((l) => l.marks[name]).filter((x) => x != null);
    const own = loads.map((l) => {
      const prev = PHASES.slice(0, i).reverse().map(([n]) => l.marks[n]).find((x) => x != null);
      return l.marks[name] == null ? null : l.marks[name] - (prev == null ? 0 : prev);
    }).filter((x) => x != null);
    out[name] = { label, at_ms: stat(at), duration_ms: stat(own) };
  });
  return out;
}

// Cold start from file:// (fresh context per load, RUNS loads of each page, interleaved in a rotating order so
// that the machine's drift hits all alike): the static reference page, index.html with its prerender (if any) and
// without it. With BENCH_ALT=folder (a copy of index.html, www/ and pkg/ of another build), that build's live page
// is measured in the same rounds, for a before/after in one run.
async function coldStartFile(browser) {
  const pages = indexPages();
  const stat42 = staticPage();
  const kinds = [['static', fileUrl(stat42)], ['live', fileUrl(pages.live)]];
  if (pages.prerendered) kinds.push(['prerendered', fileUrl(pages.prerendered)]);
  if (process.env.BENCH_ALT) kinds.push(['alt_live', fileUrl(path.resolve(process.env.BENCH_ALT, 'index.html'))]);
  const inDom = pages.prerendered ? await prerenderInDom(browser, fileUrl(pages.prerendered)) : null;
  const loads = Object.fromEntries(kinds.map(([k]) => [k, []]));
  try {
    // One round first, not counted: the browser's first loads pay for its own start-up.
    for (const [k, url] of kinds) await loadOnce(browser, url, k === 'alt_live' ? 'live' : k);
    // The order rotates each round, so no page always follows the same one.
    for (let i = 0; i < RUNS; i++) {
      for (let j = 0; j < kinds.length; j++) {
        const [k, url] = kinds[(i + j) % kinds.length];
        loads[k].push(await loadOnce(browser, url, k === 'alt_live' ? 'live' : k));
      }
    }
  } finally {
    for (const f of [stat42, pages.live]) if (path.basename(f).startsWith('.bench-')) fs.rmSync(f, { force: true });
  }
  const first = (k) => stat(loads[k].map((l) => l.first));
  const out = { static_ms: first('static'), live: { first_chart_ms: first('live'), phases: phases(loads.live) } };
  out.live.ratio = out.live.first_chart_ms.median / out.static_ms.median;
  out.live.target = TARGETS.live;
  if (pages.prerendered) {
    // The prerendered chart counts as painted at the first contentful paint only if it was in the DOM before any
    // script ran.
    out.prerendered = { present: true, in_dom_before_scripts: inDom, first_chart_ms: inDom ? first('prerendered') : stat([]), phases: phases(loads.prerendered),
      fcp_ms: stat(loads.prerendered.map((l) => l.fcp)), chart_at_fcp: loads.prerendered.filter((l) => l.first === l.fcp).length, loads: loads.prerendered.length };
    out.prerendered.ratio = out.prerendered.first_chart_ms.median / out.static_ms.median;
  } else {
    out.prerendered = { present: false };
  }
  out.prerendered.target = TARGETS.prerendered;
  if (loads.alt_live) {
    out.alt = { folder: process.env.BENCH_ALT, first_chart_ms: first('alt_live'), phases: phases(loads.alt_live) };
    out.alt.ratio = out.alt.first_chart_ms.median / out.static_ms.median;
  }
  return out;
}

// Cold start over loopback HTTP (index.html as it is): the phases and the first chart painted.
async function coldStartHttp(browser, url) {
  const loads = [];
  await loadOnce(browser, url, 'live');
  for (let i = 0; i < RUNS; i++) loads.push(await loadOnce(browser, url, 'live'));
  return { first_chart_ms: stat(loads.map((l) => l.first)), phases: phases(loads) };
}

async function interactions(browser) {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await ctx.newPage();
  await page.goto(fileUrl(path.join(REPO, 'index.html')));
  await page.waitForSelector('ics-explorer[data-state="ready"]');
  if (process.env.BENCH_CSS) await page.evaluate((c) => { window.__css = c; }, process.env.BENCH_CSS);
  const out = await page.evaluate(async (n) => {
    const root = document.querySelector('ics-explorer').shadowRoot;
    if (window.__css) { const st = document.createElement('style'); st.textContent = window.__css; root.appendChild(st); }
    const frame = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    const change = (id, v) => { const el = root.getElementById(id); el.value = v; el.dispatchEvent(new Event('change', { bubbles: true })); };
    // update: input event to every view's DOM updated (one synchronous task); laidOut: plus the style and
    // layout of the new page, forced at once; toFrame: to the next frame's task, which waits for vsync.
    let peakHeap = 0;
    async function measure(act) {
      const update = [];
      const laidOut = [];
      const toFrame = [];
      for (let i = 0; i < n; i++) {
        await frame();
        const t0 = performance.now();
        act(i);
        const t1 = performance.now();
        if (performance.memory) peakHeap = Math.max(peakHeap, performance.memory.usedJSHeapSize);
        void root.host.getBoundingClientRect().height;
        void root.querySelector('.ics-view').getBoundingClientRect().height;
        const t2 = performance.now();
        await frame();
        update.push(t1 - t0);
        laidOut.push(t2 - t0);
        toFrame.push(performance.now() - t0);
      }
      return { update, laidOut, toFrame };
    }
    const indicators = ['ae_4hr_pct', 'rtt_over_52w_pct', 'core20_pop_share', 'gp_fte_per_100k', 'emergency_admissions_per_1000', 'hi_overall', 'population', 'delayed_discharge_per_100k'];
    const regions = ['Y56', 'Y62', '', 'Y60', 'Y63', ''];
    const icss = ['QOP', 'QYG', 'QHM', 'QWE', 'QOC', ''];
    const r = {};
    r.change_indicator = await measure((i) => change('ics-indicator', indicators[i % indicators.length]));
    r.change_filter = await measure((i) => change('ics-region', regions[i % regions.length]));
    r.select_ics = await measure((i) => change('ics-selected', icss[i % icss.length]));
    root.querySelector('button[data-view="deprivation"]').click();
    await frame();
    // Toggles by their text: the view has two groups of them (which chart; quintiles or deciles).
    const toggle = (text) => {
      const b = Array.from(root.querySelectorAll('.ics-toggle')).find((t) => t.textContent === text);
      if (!b) throw new Error(`the deprivation view has no "${text}" toggle`);
      return b;
    };
    r.toggle_deciles = await measure((i) => toggle(i % 2 ? 'Quintiles' : 'Deciles').click());
    // The view's other chart, IMD 2019 against IMD 2025: a whole chart drawn in place of the other. Its edition
    // loads on the first switch, before the runs.
    toggle('IMD 2019 vs IMD 2025 (42 ICSs)').click();
    const compared = () => toggle('IMD 2019 vs IMD 2025 (42 ICSs)').getAttribute('aria-pressed') === 'true' && typeof (window.ICS_EXPLORER_EDITIONS || {}).imd2019 === 'string';
    for (let n = 0; !compared(); n++) {
      if (n > 600) throw new Error('the IMD 2019 vs IMD 2025 chart did not show within 600 frames (did www/data/imd2019.js load?)');
      await frame();
    }
    await frame();
    r.switch_deprivation_chart = await measure((i) => toggle(i % 2 ? 'IMD 2019 vs IMD 2025 (42 ICSs)' : 'Deprivation profile').click());
    root.querySelector('button[data-view="rankings"]').click();
    return {
      ...r,
      // WASM memory only grows, so its size now is its peak; the JS heap's peak is sampled after each input.
      memory: { js_heap_bytes: performance.memory ? performance.memory.usedJSHeapSize : null, js_heap_peak_bytes: peakHeap, wasm_bytes: ICS_EXPLORER_ENGINE.wasmMemoryBytes() },
    };
  }, Math.max(RUNS * 2, 30));
  await ctx.close();
  const res = {};
  for (const [k, v] of Object.entries(out)) {
    res[k] = k === 'memory' ? v : { update_ms: stat(v.update), laid_out_ms: stat(v.laidOut), to_next_frame_ms: stat(v.toFrame) };
  }
  return res;
}

async function engine(browser, server) {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  const bytes = {};
  page.on('response', async (resp) => {
    try {
      const u = new URL(resp.url());
      const body = await resp.body();
      const key = u.pathname.includes('duckdb') || u.pathname.includes('apache-arrow') ? 'duckdb' : u.pathname.includes('arquero') ? 'arquero' : u.pathname.startsWith('/pkg/') ? 'wasm' : 'other';
      bytes[key] = bytes[key] || { raw: 0, gzip: 0 };
      bytes[key].raw += body.length;
      bytes[key].gzip += gz(body);
    } catch (e) { /* redirects and aborted requests have no body */ }
  });
  await page.goto(server.url + '/tests/bench/bench.html');
  await page.waitForFunction(() => document.getElementById('status').textContent === 'ready', null, { timeout: 30000 });
  const r = await page.evaluate(async ({ runs, sizes }) => {
    const B = window.benchPeers;
    const now = () => performance.now();
    // Each sample times `reps` back-to-back runs and divides: browsers coarsen performance.now() to 0.1 ms.
    const time = async (f, n, reps = 1) => {
      const t = [];
      let check;
      for (let i = 0; i < n; i++) {
        const t0 = now();
        for (let k = 0; k < reps; k++) check = await f();
        t.push((now() - t0) / reps);
      }
      return { t, check };
    };
    const REPS = 10;
    const out = { init: {}, load: {}, run: {}, checks: {}, scaling: [] };
    const w = await B.initWasm();
    out.init.wasm = w.instantiateMs + w.mountMs;
    out.init.wasm_instantiate = w.instantiateMs;
    const real = B.realTable();
    let t0 = now();
    B.wasmLoad(real);
    out.load.wasm = now() - t0;
    let x = await time(B.wasmRun, runs, REPS);
    out.run.wasm = x.t; out.checks.wasm = x.check;
    x = await time(() => B.jsRun(real), runs, REPS);
    out.run.js = x.t; out.checks.js = x.check;
    out.init.js = 0;
    out.load.js = 0;
    t0 = now();
    const table = B.arqueroLoad(real);
    out.load.arquero = now() - t0;
    out.init.arquero = 0;
    x = await time(() => B.arqueroRun(table), runs, 2);
    out.run.arquero = x.t; out.checks.arquero = x.check;
    const d = await B.initDuckdb();
    out.init.duckdb = d.initMs;
    t0 = now();
    await B.duckdbLoad(d.conn, real, 'lsoa');
    out.load.duckdb = now() - t0;
    x = await time(() => B.duckdbRun(d.conn, 'lsoa'), runs, 2);
    out.run.duckdb = x.t; out.checks.duckdb = x.check;
    for (const n of sizes) {
      const t = B.synthetic(real, n);
      const row = { rows: n };
      const reps = n >= 5e6 ? 3 : 5;
      t0 = now(); B.wasmLoad(t); row.wasm_load = now() - t0;
      row.wasm = (await time(B.wasmRun, reps)).t;
      row.js = (await time(() => B.jsRun(t), reps)).t;
      t0 = now(); const at = B.arqueroLoad(t); row.arquero_load = now() - t0;
      row.arquero = (await time(() => B.arqueroRun(at), reps)).t;
      t0 = now(); await B.duckdbLoad(d.conn, t, 'big'); row.duckdb_load = now() - t0;
      row.duckdb = (await time(() => B.duckdbRun(d.conn, 'big'), reps)).t;
      out.scaling.push(row);
    }
    return out;
  }, { runs: RUNS, sizes: SIZES });
  await ctx.close();
  const impls = ['wasm', 'js', 'arquero', 'duckdb'];
  const result = { init_ms: r.init, load_ms: r.load, run_ms: {}, checksum: r.checks, bytes_shipped: bytes, dataset_load_ms: await datasetLoad(browser, server) };
  // The four must compute the same figures: their checksums agree to a millionth (DuckDB's and the engine's
  // score sums are exact, JavaScript's and Arquero's are sums of doubles).
  result.checks_agree = impls.every((k) => Number.isFinite(r.checks[k]) && Math.abs(r.checks[k] - r.checks.wasm) <= 1e-6 * Math.abs(r.checks.wasm));
  for (const k of impls) result.run_ms[k] = stat(r.run[k]);
  const fastestPeer = Math.min(...['js', 'arquero', 'duckdb'].map((k) => result.run_ms[k].median));
  result.speedup_vs_fastest_peer = fastestPeer / result.run_ms.wasm.median;
  result.scaling = r.scaling.map((row) => {
    const o = { rows: row.rows };
    for (const k of impls) o[k + '_ms'] = median(row[k]);
    for (const k of impls) o[k + '_per_million_rows_ms'] = median(row[k]) / (row.rows / 1e6);
    o.load_ms = { wasm: row.wasm_load, arquero: row.arquero_load, duckdb: row.duckdb_load };
    return o;
  });
  return result;
}

// Reading the dataset inside the wasm, step by step, each in a fresh page whose engine has just been
// instantiated (so the first call also pays for compiling the code it runs, as the page's start-up does): parsing
// the core file's JSON (first call, then again), loading the core file (every table decoded and checked, its
// IMD 2025 LSOA table included: first call, code for the checks and decoders not yet compiled; then again), and
// the IMD 2019 edition loaded after it (its JSON parsed, its 32,844-row LSOA table decoded and checked).
async function datasetLoad(browser, server) {
  const runs = [];
  for (let i = 0; i < Math.max(5, Math.ceil(RUNS / 3)); i++) {
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    await page.goto(server.url + '/tests/bench/bench.html');
    await page.waitForFunction(() => document.getElementById('status').textContent === 'ready', null, { timeout: 30000 });
    runs.push(await page.evaluate(async () => {
      await window.benchPeers.instantiate();
      const ds = window.ICS_EXPLORER_DATASET;
      const ed = window.ICS_EXPLORER_EDITIONS.imd2019;
      const t = (json, step) => { const t0 = performance.now(); ICS_EXPLORER_ENGINE.benchLoad(json, ed, step); return performance.now() - t0; };
      const o = { core_parse_first: t(ds, 0), core_parse: t(ds, 0), core_load_first: t(ds, 1), core_load: t(ds, 1), edition_parse: t(ed, 0) };
      o.core_and_edition_load = t(ds, 2);
      return o;
    }));
    await ctx.close();
  }
  const m = (k) => median(runs.map((r) => r[k]));
  const out = { core_parse_first_call: m('core_parse_first'), core_parse: m('core_parse'), core_load_first_call: m('core_load_first'), core_load: m('core_load'),
    edition_parse: m('edition_parse') };
  out.edition_load = median(runs.map((r) => r.core_and_edition_load - r.core_load));
  out.edition_lsoa_decode = out.edition_load - out.edition_parse;
  return out;
}

function sizes() {
  const parts = { wasm: [], glue: [], scripts: [], data: [], css: [], html: [], other: [] };
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ics-size-'));
  const zip = path.join(tmp, 'x.zip');
  execSync(`${path.join(REPO, 'target/release/ics-explorer')} dist --out ${zip}`, { cwd: REPO });
  execSync(`python3 -m zipfile -e ${zip} ${tmp}`);
  const root = path.join(tmp, 'ics-explorer');
  const walk = (d) => fs.readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(d, e.name)) : [path.join(d, e.name)]));
  for (const f of walk(root)) {
    const rel = path.relative(root, f);
    const key = rel === 'pkg/ics_explorer_wasm.js' ? 'wasm' : rel === 'pkg/ics_explorer.js' ? 'glue' : rel === 'www/data/dataset.js' ? 'data'
      : rel.endsWith('.js') ? 'scripts' : rel.endsWith('.css') ? 'css' : rel.endsWith('.html') ? 'html' : 'other';
    parts[key].push(fs.readFileSync(f));
  }
  const out = {};
  let raw = 0;
  let gzip = 0;
  for (const [k, bufs] of Object.entries(parts)) {
    const r = bufs.reduce((a, b) => a + b.length, 0);
    const g = bufs.reduce((a, b) => a + gz(b), 0);
    out[k] = { raw: r, gzip: g };
    raw += r;
    gzip += g;
  }
  out.total = { raw, gzip, zip: fs.statSync(zip).size };
  const w = JSON.parse(fs.readFileSync(path.join(REPO, 'pkg/ics_explorer_wasm.js'), 'utf8').match(/ICS_EXPLORER_WASM = (\{.*\});/)[1]);
  const packed = Buffer.from(w.base64, 'base64');
  const wasmBytes = w.encoding === 'raw' ? packed : zlib.inflateRawSync(packed);
  out.wasm_binary = { raw: wasmBytes.length, gzip: gz(wasmBytes) };
  fs.rmSync(tmp, { recursive: true, force: true });
  return out;
}

function fmt(x, d = 2) { return Number.isFinite(x) ? x.toFixed(d) : '–'; }

// Prints the parts measured, each beside the previous run's figure where it has one.
function summary(results, previous) {
  const prev = (get) => { try { return get(previous); } catch (e) { return undefined; } };
  const line = (label, now, before, unit = 'ms') => {
    const ratio = before ? ` (previous ${fmt(before)} ${unit}, ×${fmt(now / before)})` : '';
    console.log(`${label.padEnd(56)} ${fmt(now).padStart(10)} ${unit}${ratio}`);
  };
  console.log(`ICS Explorer benchmark — ${results.machine.cpu}, ${results.machine.cores} cores, Chromium ${results.machine.chromium}, ${RUNS} runs; medians`);
  const c = results.cold_start;
  if (c) {
    const f = c.file;
    line('cold start (file): static page of the 42 names, FCP', f.static_ms.median, prev((p) => p.cold_start.file.static_ms.median));
    if (f.prerendered.present) {
      line(`cold start (file): prerendered, first chart (FCP)${f.prerendered.in_dom_before_scripts ? '' : ' NOT IN DOM BEFORE SCRIPTS'}`, f.prerendered.first_chart_ms.median,
        prev((p) => p.cold_start.file.prerendered.first_chart_ms.median));
      console.log(`${''.padEnd(56)} ratio to static ×${fmt(f.prerendered.ratio)} (target ≤ ×${f.prerendered.target}); chart in the first contentful paint in ${f.prerendered.chart_at_fcp} of ${f.prerendered.loads} loads`);
    } else {
      console.log(`${'cold start (file): prerendered'.padEnd(56)} not present (index.html has no <template shadowrootmode="open">)`);
    }
    line('cold start (file): live, first chart painted', f.live.first_chart_ms.median, prev((p) => p.cold_start.file.live.first_chart_ms.median));
    console.log(`${''.padEnd(56)} ratio to static ×${fmt(f.live.ratio)} (target ≤ ×${f.live.target})`);
    if (f.alt) {
      line(`cold start (file): ${f.alt.folder}, live, first chart`, f.alt.first_chart_ms.median);
      console.log(`${''.padEnd(56)} ratio to static ×${fmt(f.alt.ratio)}`);
    }
    const runs = [['file live', f.live.phases], ...(f.alt ? [['file alt', f.alt.phases]] : []), ['http', c.http.phases]];
    for (const [name, ph] of runs) {
      for (const [k, v] of Object.entries(ph)) {
        line(`  ${name} ${k}: at (phase)`, v.at_ms.median);
        console.log(`${''.padEnd(56)} phase ${fmt(v.duration_ms.median).padStart(10)} ms  ${v.label}`);
      }
    }
  }
  if (results.interaction) {
    for (const [k, v] of Object.entries(results.interaction)) {
      if (k === 'memory') continue;
      line(`interaction ${k}: update p50`, v.update_ms.median, prev((p) => p.interaction[k].update_ms.median));
      line(`interaction ${k}: update p95`, v.update_ms.p95, prev((p) => p.interaction[k].update_ms.p95));
      line(`interaction ${k}: update + layout p95`, v.laid_out_ms.p95, prev((p) => p.interaction[k].laid_out_ms.p95));
      line(`interaction ${k}: to next frame p95`, v.to_next_frame_ms.p95, prev((p) => p.interaction[k].to_next_frame_ms.p95));
    }
    console.log(`memory: JS heap peak ${results.interaction.memory.js_heap_peak_bytes} bytes (${results.interaction.memory.js_heap_bytes} after the runs), wasm ${results.interaction.memory.wasm_bytes} bytes`);
  }
  const e = results.engine;
  if (e) {
    for (const k of ['wasm', 'js', 'arquero', 'duckdb']) {
      line(`aggregation, 32,844 LSOAs: ${k} (check ${fmt(e.checksum[k], 1)})`, e.run_ms[k].median, prev((p) => p.engine.run_ms[k].median));
      console.log(`${''.padEnd(56)} init ${fmt(e.init_ms[k], 1)} ms, load ${fmt(e.load_ms[k], 1)} ms, ratio to wasm ×${fmt(e.run_ms[k].median / e.run_ms.wasm.median, 1)}`);
    }
    const d = e.dataset_load_ms;
    console.log(`dataset in the wasm: core parse ${fmt(d.core_parse)} ms (first call ${fmt(d.core_parse_first_call)}), core load ${fmt(d.core_load)} ms (first call ${fmt(d.core_load_first_call)}); IMD 2019 edition parse ${fmt(d.edition_parse)} ms, load ${fmt(d.edition_load)} ms (LSOA table decode ≈ ${fmt(d.edition_lsoa_decode)} ms)`);
    console.log(`checksums ${e.checks_agree ? 'agree' : 'DIFFER'}; wasm speed-up over the fastest peer: ×${fmt(e.speedup_vs_fastest_peer, 1)}`);
    for (const row of e.scaling) {
      console.log(`scaling ${String(row.rows).padStart(8)} rows: wasm ${fmt(row.wasm_ms)}  js ${fmt(row.js_ms)}  arquero ${fmt(row.arquero_ms)}  duckdb ${fmt(row.duckdb_ms)} ms (wasm ${fmt(row.wasm_per_million_rows_ms)} ms per million rows)`);
    }
  }
  if (results.size) {
    for (const [k, v] of Object.entries(results.size)) console.log(`size ${k.padEnd(12)} ${String(v.raw).padStart(9)} bytes raw ${String(v.gzip).padStart(9)} gzipped`);
  }
}

async function main() {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: FLAGS });
  const server = await serve(REPO);
  const baseline = process.env.BENCH_BASELINE || path.join(REPO, 'docs/performance.json');
  const previous = fs.existsSync(baseline) ? JSON.parse(fs.readFileSync(baseline, 'utf8')) : null;
  const results = {
    date: new Date().toISOString(),
    machine: { cpu: os.cpus()[0].model, cores: os.cpus().length, memory_gib: Math.round(os.totalmem() / 2 ** 30), chromium: browser.version(), node: process.version, runs: RUNS },
  };
  if (ONLY) {
    // A quick look at some parts while optimising: printed, not written.
    const parts = { cold_start: async () => ({ file: await coldStartFile(browser), http: await coldStartHttp(browser, server.url + '/') }),
      interaction: () => interactions(browser), engine: () => engine(browser, server), size: async () => sizes() };
    for (const k of ONLY) results[k] = await parts[k]();
    await browser.close();
    await server.close();
    console.log(JSON.stringify(results, (k, v) => (Array.isArray(v) || typeof v !== 'number' ? v : Math.round(v * 100) / 100), 1));
    summary(results, previous);
    return;
  }
  results.cold_start = { file: await coldStartFile(browser), http: await coldStartHttp(browser, server.url + '/') };
  results.interaction = await interactions(browser);
  results.engine = await engine(browser, server);
  results.size = sizes();
  await browser.close();
  await server.close();
  summary(results, previous);
  const mdPath = path.join(REPO, 'docs/performance.md');
  const previousMd = fs.existsSync(mdPath) ? fs.readFileSync(mdPath, 'utf8') : null;
  fs.writeFileSync(path.join(REPO, 'docs/performance.json'), JSON.stringify(results, null, 2) + '\n');
  fs.writeFileSync(mdPath, require('./report').markdown(results, previousMd));
  console.log('wrote docs/performance.json and docs/performance.md');
}

main().catch((e) => { console.error(e); process.exit(1); });
