// Renders a benchmark run (tests/bench/run.js) as docs/performance.md: machine and date, the targets with
// met / not met, then one table per measurement. Everything from the "## Analysis" heading of the previous file
// on is hand-written and carried over unchanged, so rerunning the benchmark refreshes numbers without losing it.
'use strict';

const ms = (x, d = 1) => (Number.isFinite(x) ? `${x.toFixed(d)} ms` : '–');
const kb = (b) => `${(b / 1000).toFixed(0)} KB`; // 1 KB = 1,000 bytes, as the targets are read
const times = (x, d = 1) => (Number.isFinite(x) ? `×${x.toFixed(d)}` : '–');
const num = (n) => n.toLocaleString('en-GB');
const table = (head, rows) => [`| ${head.join(' | ')} |`, `|${head.map((h, i) => (i ? ' ---: ' : ' --- ')).join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');

function targets(r) {
  // The interaction latency: input to all views updated. (The next frame adds the wait for the display's
  // refresh, up to 16.7 ms at 60 Hz, which no code can remove: it is in the interaction table.)
  const interactionP95 = Math.max(...Object.entries(r.interaction).filter(([k]) => k !== 'memory').map(([, v]) => v.update_ms.p95));
  const f = r.cold_start.file;
  const pre = f.prerendered;
  const preMeasured = !pre.present ? 'not present (no prerender in index.html)'
    : !pre.in_dom_before_scripts ? 'not counted: the prerendered chart is not in the DOM before scripts run'
      : `${times(pre.ratio, 2)} (${ms(pre.first_chart_ms.median)} against ${ms(f.static_ms.median)})`;
  const t = [
    ['First chart painted from file://, prerendered, against a static page of the 42 names (medians)', `≤ ×${pre.target}`, preMeasured,
      pre.present && pre.in_dom_before_scripts ? pre.ratio <= pre.target : null],
    ['First chart painted from file://, live (prerender removed), against the same static page', `≤ ×${f.live.target}`,
      `${times(f.live.ratio, 2)} (${ms(f.live.first_chart_ms.median)} against ${ms(f.static_ms.median)})`, f.live.ratio <= f.live.target],
    ['Interaction, input to all views updated (worst p95)', '≤ 5 ms', ms(interactionP95), interactionP95 <= 5],
    ['WASM aggregation against the fastest peer (issue 6)', '≥ ×3', times(r.engine.speedup_vs_fastest_peer), r.engine.speedup_vs_fastest_peer >= 3],
    ['WASM binary, raw (gzipped)', '–', `${num(r.size.wasm_binary.raw)} B (${num(r.size.wasm_binary.gzip)} B)`, null],
    ['Offline folder, raw (issue 6)', '< 2 MB', kb(r.size.total.raw), r.size.total.raw < 2_000_000],
    ['Offline folder, gzipped (issue 6)', '< 700 KB', kb(r.size.total.gzip), r.size.total.gzip < 700_000],
  ];
  return table(['Metric', 'Target', 'Measured', 'Met?'], t.map(([a, b, c, ok]) => [a, b, c, ok === null ? '–' : ok ? 'yes' : '**no**']));
}

// One row per start-up phase: when its mark fell (from navigation start) and how long the phase itself took.
function phaseTable(columns) {
  const names = Object.keys(columns[0][1]);
  const head = ['Phase (mark `ics-explorer:…`)', ...columns.flatMap(([label]) => [`${label}: at`, `${label}: phase`])];
  return table(head, names.map((n) => [`${columns[0][1][n].label} (\`${n}\`)`, ...columns.flatMap(([, ph]) => [ms(ph[n].at_ms.median), ms(ph[n].duration_ms.median)])]));
}

function markdown(r, previous) {
  const e = r.engine;
  const impls = [['wasm', 'ICS Explorer engine (Rust → WASM)'], ['js', 'Plain JavaScript (typed arrays)'], ['arquero', 'Arquero 7'], ['duckdb', 'DuckDB-WASM']];
  const out = [];
  out.push('# Performance');
  out.push('');
  out.push('Measured by `scripts/bench.sh` (tests/bench/run.js) in headless Chromium; numbers are medians of repeated runs');
  out.push('unless marked p95. The machines are shared and noisy: compare ratios measured in one run, not absolute times');
  out.push('across runs. The raw results are in [performance.json](performance.json).');
  out.push('');
  out.push(`- Date: ${r.date.slice(0, 16).replace('T', ' ')} UTC`);
  out.push(`- Machine: ${r.machine.cpu}, ${r.machine.cores} cores, ${r.machine.memory_gib} GiB; Chromium ${r.machine.chromium}; Node ${r.machine.node}; ${r.machine.runs} runs per measurement`);
  out.push('');
  out.push('## Targets');
  out.push('');
  out.push(targets(r));
  out.push('');
  out.push('## Cold start');
  out.push('');
  out.push('From `file://` (a double-click), each load in a fresh browser context, the pages interleaved (in a rotating order) in every round so that');
  out.push('the machine\'s drift hits them alike; medians of the rounds. The reference is a static HTML page listing the 42');
  out.push('ICS names of July 2022 with the page\'s stylesheet (built by the benchmark from the shipped dataset; no script):');
  out.push('its first contentful paint is what the browser needs to show any page from disk. "Prerendered" is index.html with');
  out.push('its build-time first view (a declarative shadow root), counted only if the chart is in the DOM before any script');
  out.push('runs (checked with scripts disabled): its first chart is painted at the first contentful paint when the chart was');
  out.push('in the DOM by then (a mutation observer notes when it arrives), else at the first frame after it arrived; "live" is');
  out.push('index.html with that template removed, whose first chart is painted at the `ics-explorer:painted` mark (the');
  out.push('first frame after the engine has mounted).');
  out.push('');
  const f = r.cold_start.file;
  const rows = [['Static page of the 42 names (first contentful paint)', ms(f.static_ms.median), ms(f.static_ms.p95), '×1.00', '–']];
  if (f.prerendered.present) {
    rows.push([`index.html, prerendered (first chart painted${f.prerendered.in_dom_before_scripts ? '' : '; **chart not in the DOM before scripts**'})`,
      ms(f.prerendered.first_chart_ms.median), ms(f.prerendered.first_chart_ms.p95), times(f.prerendered.ratio, 2), `≤ ×${f.prerendered.target}`]);
    rows.push([`… its first contentful paint (the chart was in it in ${f.prerendered.chart_at_fcp} of ${f.prerendered.loads} loads)`, ms(f.prerendered.fcp_ms.median), ms(f.prerendered.fcp_ms.p95), '–', '–']);
  } else {
    rows.push(['index.html, prerendered', 'not present', '–', '–', `≤ ×${f.prerendered.target}`]);
  }
  rows.push(['index.html, live (`ics-explorer:painted`)', ms(f.live.first_chart_ms.median), ms(f.live.first_chart_ms.p95), times(f.live.ratio, 2), `≤ ×${f.live.target}`]);
  if (f.alt) rows.push([`${f.alt.folder}/index.html, live`, ms(f.alt.first_chart_ms.median), ms(f.alt.first_chart_ms.p95), times(f.alt.ratio, 2), '–']);
  rows.push(['index.html over loopback HTTP, live', ms(r.cold_start.http.first_chart_ms.median), ms(r.cold_start.http.first_chart_ms.p95), '–', '–']);
  out.push(table(['Page', 'First chart median', 'p95', 'Against the static page', 'Target'], rows));
  out.push('');
  out.push('### Start-up phases');
  out.push('');
  out.push('Each phase ends at a User Timing mark the page sets (www/ics-explorer.js, crates/ics-web/src/lib.rs); "at" is the');
  out.push('median time of the mark from navigation start, "phase" the median of the time since the previous mark.');
  out.push('');
  const cols = [['file:// live', f.live.phases]];
  if (f.prerendered.present) cols.push(['file:// prerendered', f.prerendered.phases]);
  if (f.alt) cols.push([f.alt.folder, f.alt.phases]);
  cols.push(['HTTP', r.cold_start.http.phases]);
  out.push(phaseTable(cols));
  out.push('');
  const d = r.engine.dataset_load_ms;
  if (d) {
    out.push('Reading the dataset inside the wasm, step by step, in fresh pages whose engine has just been instantiated (medians;');
    out.push('the first call of a step also compiles the code it runs, as in the page\'s start-up):');
    out.push('');
    out.push(table(['Step', 'First call', 'Again'], [
      ['Parse the core file\'s JSON (dataset.js)', ms(d.core_parse_first_call), ms(d.core_parse)],
      ['Load the core file: parse, then decode and check every table (the IMD 2025 LSOA table included)', ms(d.core_load_first_call), ms(d.core_load)],
      ['Load the IMD 2019 edition after it: parse its JSON', '–', ms(d.edition_parse)],
      ['… and decode and check its LSOA table (32,844 rows): the edition\'s load less its parse', '–', ms(d.edition_lsoa_decode)],
    ]));
    out.push('');
  }
  out.push('## Interaction latency');
  out.push('');
  out.push('From the input event to every view updated (the engine query, the virtual DOM diff and the DOM patch, one');
  out.push('synchronous task), and to the next frame after it.');
  out.push('');
  out.push(table(['Interaction', 'Update p50', 'Update p95', 'To next frame p50', 'To next frame p95'], Object.entries(r.interaction).filter(([k]) => k !== 'memory').map(([k, v]) => [
    k.replace(/_/g, ' '), ms(v.update_ms.median, 2), ms(v.update_ms.p95, 2), ms(v.to_next_frame_ms.median, 2), ms(v.to_next_frame_ms.p95, 2),
  ])));
  out.push('');
  out.push('## Engine: LSOA → ICS deprivation aggregation, side by side');
  out.push('');
  out.push('The full aggregation on the real 32,844 LSOAs of IMD 2019 into the 42 ICSs of July 2022 (the one edition with deciles');
  out.push('of all 10 indices at LSOA level; IMD 2025 publishes 8): per ICS, LSOAs, residents, children and older people in each');
  out.push('national decile of all 10 indices of deprivation (from which every quintile and decile share and Core20 follow),');
  out.push('residents by age band, and population-weighted IMD, income and employment scores. All four compute the same');
  out.push('figures in the same page and return the same checksum. Initialisation and loading are timed separately from the');
  out.push('query; bytes are what the page fetched for each.');
  out.push('');
  out.push(table(['Implementation', 'Query median', 'Query p95', 'Against WASM', 'Initialise', 'Load table', 'Bytes shipped (gzip)', 'Checksum'], impls.map(([k, label]) => [
    label, ms(e.run_ms[k].median, 2), ms(e.run_ms[k].p95, 2), times(e.run_ms[k].median / e.run_ms.wasm.median), ms(e.init_ms[k]), ms(e.load_ms[k]),
    k === 'js' ? '0 (in the page)' : e.bytes_shipped[k] ? `${kb(e.bytes_shipped[k].raw)} (${kb(e.bytes_shipped[k].gzip)})` : '–', e.checksum[k].toFixed(1),
  ])));
  out.push('');
  out.push(`WASM is ${times(e.speedup_vs_fastest_peer)} faster than the fastest peer. The four checksums ${e.checks_agree ? 'agree' : '**differ**'} (to a millionth).`);
  out.push('');
  out.push('## Scaling');
  out.push('');
  out.push('The same aggregation over synthetic LSOA-like tables (real rows resampled with a fixed seed and given random ICSs;');
  out.push('generated in the page, never shipped).');
  out.push('');
  out.push(table(['Rows', 'WASM', 'WASM per million rows', 'JavaScript', 'Arquero', 'DuckDB-WASM'], e.scaling.map((s) => [
    num(s.rows), ms(s.wasm_ms), ms(s.wasm_per_million_rows_ms), ms(s.js_ms), ms(s.arquero_ms), ms(s.duckdb_ms),
  ])));
  out.push('');
  out.push('## Size of the offline folder');
  out.push('');
  out.push('The ZIP that `ics-explorer dist` builds (everything a double-click needs), by part; gzip level 9 per file.');
  out.push('');
  const parts = { wasm: 'WASM (base64 in a .js)', glue: 'wasm-bindgen glue', scripts: 'Other scripts', data: 'Dataset (dataset.js)', css: 'CSS', html: 'HTML', other: 'Other (licences, README)', total: 'Total' };
  out.push(table(['Part', 'Raw', 'Gzipped'], Object.entries(parts).map(([k, label]) => [label, kb(r.size[k].raw), kb(r.size[k].gzip)])));
  out.push('');
  out.push(`The WASM binary itself is ${kb(r.size.wasm_binary.raw)} (${kb(r.size.wasm_binary.gzip)} gzipped); the ZIP is ${kb(r.size.total.zip)}.`);
  out.push('');
  out.push('## Memory');
  out.push('');
  const mib = (b) => `${(b / 2 ** 20).toFixed(1)} MiB`;
  const m = r.interaction.memory;
  out.push(`Peak JS heap ${m.js_heap_peak_bytes ? mib(m.js_heap_peak_bytes) : '–'} (sampled after every input of the interaction runs; ${mib(m.js_heap_bytes)} after them), `
    + `WASM linear memory ${mib(m.wasm_bytes)} (it only grows, so this is its peak). Chromium runs with --enable-precise-memory-info.`);
  out.push('');
  const analysis = previous && previous.indexOf('\n## Analysis') >= 0 ? previous.slice(previous.indexOf('\n## Analysis') + 1) : '## Analysis\n\n(Write what the numbers mean here; this section survives reruns.)\n';
  return out.join('\n') + '\n' + analysis;
}

module.exports = { markdown };
