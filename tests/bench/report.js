// Renders a benchmark run (tests/bench/run.js) as docs/performance.md: machine and date, the targets with
// met / not met, then one table per measurement. Everything from the "## Analysis" heading of the previous file
// on is hand-written and carried over unchanged, so rerunning the benchmark refreshes numbers without losing it.
'use strict';

const ms = (x, d = 1) => (Number.isFinite(x) ? `${x.toFixed(d)} ms` : '–');
const kb = (b) => `${(b / 1000).toFixed(0)} KB`; // 1 KB = 1,000 bytes, as the targets are read
const times = (x) => (Number.isFinite(x) ? `×${x.toFixed(1)}` : '–');
const num = (n) => n.toLocaleString('en-GB');
const table = (head, rows) => [`| ${head.join(' | ')} |`, `|${head.map((h, i) => (i ? ' ---: ' : ' --- ')).join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');

function targets(r) {
  // The interaction latency: input to all views updated. (The next frame adds the wait for the display's
  // refresh, up to 16.7 ms at 60 Hz, which no code can remove: it is in the interaction table.)
  const interactionP95 = Math.max(...Object.entries(r.interaction).filter(([k]) => k !== 'memory').map(([, v]) => v.update_ms.p95));
  const t = [
    ['First chart painted from file:// (median)', '< 100 ms', ms(r.cold_start.file.first_chart_ms.median), r.cold_start.file.first_chart_ms.median < 100],
    ['Interaction, input to all views updated (worst p95)', '< 8 ms', ms(interactionP95), interactionP95 < 8],
    ['WASM aggregation against the fastest peer', '≥ ×3', times(r.engine.speedup_vs_fastest_peer), r.engine.speedup_vs_fastest_peer >= 3],
    ['Offline folder, raw', '< 2 MB', kb(r.size.total.raw), r.size.total.raw < 2_000_000],
    ['Offline folder, gzipped', '< 700 KB', kb(r.size.total.gzip), r.size.total.gzip < 700_000],
  ];
  return table(['Target', 'Goal', 'Measured', 'Met'], t.map(([a, b, c, ok]) => [a, b, c, ok ? 'yes' : '**no**']));
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
  out.push('From navigation start. "Engine ready" is the WASM instantiated; "mounted" is the dataset decoded, the first view');
  out.push('computed and in the DOM with its handlers attached; "first chart painted" is the first frame after that (the whole');
  out.push('start-up is one task, so the page is interactive from that frame).');
  out.push('');
  out.push(table(['Opened from', 'Engine ready', 'Mounted', 'First chart painted', 'Painted p95'], ['file', 'http'].map((m) => {
    const c = r.cold_start[m];
    return [m === 'file' ? '`file://` (double-click)' : 'loopback HTTP server', ms(c.wasm_ready_ms.median), ms(c.mounted_ms.median), ms(c.first_chart_ms.median), ms(c.first_chart_ms.p95)];
  })));
  out.push('');
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
  out.push('The full aggregation on the real 32,844 LSOAs: per ICS, LSOAs, residents, children and older people in each');
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
  out.push(`WASM is ${times(e.speedup_vs_fastest_peer)} faster than the fastest peer.`);
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
