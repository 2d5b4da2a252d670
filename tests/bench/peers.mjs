// The same LSOA → ICS aggregation in four implementations, for tests/bench/run.js: the ICS Explorer engine
// (WebAssembly), plain JavaScript over typed arrays, Arquero, and DuckDB-WASM. Every one computes, per ICS: the
// LSOAs, residents, children and older people in each national decile of all 10 indices of deprivation, the
// residents by age band, and the population-weighted IMD, income and employment scores; each returns the same
// checksum (residents in IMD decile 1 + weighted IMD score sum), so equal work is checked, not assumed.
import * as arrow from 'apache-arrow';
import * as duckdb from '/tests/bench/node_modules/@duckdb/duckdb-wasm/dist/duckdb-browser.mjs';

const now = () => performance.now();
const STRIDE = 1 + 5 + 10 * 10 * 4 + 3;

// The engine's bytes as the page's loader gets them (www/ics-explorer.js): base64, then inflated.
async function wasmBytes() {
  const w = window.ICS_EXPLORER_WASM;
  const packed = Uint8Array.fromBase64(w.base64);
  if (w.encoding === 'raw') return packed;
  return new Uint8Array(await new Response(new Blob([packed]).stream().pipeThrough(new DecompressionStream('deflate-raw'))).arrayBuffer());
}

// ---- the engine ----
// Instantiates the engine only (for timing what its first calls cost).
async function instantiate() {
  await IcsExplorerWasm({ module_or_path: await wasmBytes() });
}

async function initWasm() {
  const t0 = now();
  await IcsExplorerWasm({ module_or_path: await wasmBytes() });
  const t1 = now();
  const ex = IcsExplorerWasm.mount(document.getElementById('explorer'), window.ICS_EXPLORER_DATASET, { hash: false });
  const t2 = now();
  return { ex, instantiateMs: t1 - t0, mountMs: t2 - t1 };
}

// The real table: IMD 2019 on the 42 ICSs of July 2022 (all 10 indices have LSOA deciles only in that edition).
function realTable() {
  return IcsExplorerWasm.benchColumns(window.ICS_EXPLORER_DATASET, window.ICS_EXPLORER_EDITIONS.imd2019);
}

function wasmLoad(t) {
  const n = t.ics.length;
  const dec = new Uint8Array(10 * n);
  t.deciles.forEach((d, k) => dec.set(d, k * n));
  const pop = new Uint16Array(5 * n);
  t.population.forEach((p, k) => pop.set(p, k * n));
  IcsExplorerWasm.benchSetTable(t.ics, dec, pop, t.imd_score, t.income, t.employment);
}
const wasmRun = () => IcsExplorerWasm.benchAggregate();

// ---- plain JavaScript ----
function jsRun(t) {
  const n = t.ics.length;
  const out = new Float64Array(42 * STRIDE);
  const [p0, p1, p2, p3, p4] = t.population;
  const dec = t.deciles;
  for (let r = 0; r < n; r++) {
    const base = t.ics[r] * STRIDE;
    const b0 = p0[r], b1 = p1[r], b2 = p2[r], b3 = p3[r], b4 = p4[r];
    const pop = b0 + b1 + b2 + b3 + b4;
    const older = b2 + b3 + b4;
    out[base] += 1;
    out[base + 1] += b0; out[base + 2] += b1; out[base + 3] += b2; out[base + 4] += b3; out[base + 5] += b4;
    for (let d = 0; d < 10; d++) {
      const k = base + 6 + (d * 10 + dec[d][r] - 1) * 4;
      out[k] += 1; out[k + 1] += pop; out[k + 2] += b0; out[k + 3] += older;
    }
    const s = base + 406;
    out[s] += pop * t.imd_score[r] / 1000;
    out[s + 1] += pop * t.income[r] / 1000;
    out[s + 2] += pop * t.employment[r] / 1000;
  }
  let check = 0;
  for (let i = 0; i < 42; i++) check += out[i * STRIDE + 6 + 1] + out[i * STRIDE + 406];
  return check;
}

// ---- Arquero ----
function arqueroLoad(t) {
  const cols = { ics: t.ics, pop: new Float64Array(t.ics.length), children: t.population[0], imd_score: t.imd_score, income: t.income, employment: t.employment };
  const older = new Float64Array(t.ics.length);
  for (let r = 0; r < t.ics.length; r++) {
    cols.pop[r] = t.population[0][r] + t.population[1][r] + t.population[2][r] + t.population[3][r] + t.population[4][r];
    older[r] = t.population[2][r] + t.population[3][r] + t.population[4][r];
  }
  cols.older = older;
  t.population.forEach((p, b) => { cols['band' + b] = p; });
  t.deciles.forEach((d, k) => { cols['d' + k] = d; });
  return aq.table(cols);
}

function arqueroRun(table) {
  const op = aq.op;
  let check = 0;
  for (let k = 0; k < 10; k++) {
    const r = table.groupby('ics', 'd' + k).rollup({ n: op.count(), pop: op.sum('pop'), children: op.sum('children'), older: op.sum('older') });
    if (k === 0) r.filter((d) => d.d0 === 1).array('pop').forEach((v) => { check += v; });
  }
  const s = table.groupby('ics').rollup({
    bands0: op.sum('band0'), bands1: op.sum('band1'), bands2: op.sum('band2'), bands3: op.sum('band3'), bands4: op.sum('band4'),
    imd: (d) => op.sum(d.pop * d.imd_score / 1000), income: (d) => op.sum(d.pop * d.income / 1000), employment: (d) => op.sum(d.pop * d.employment / 1000),
  });
  s.array('imd').forEach((v) => { check += v; });
  return check;
}

// ---- DuckDB-WASM ----
async function initDuckdb() {
  const t0 = now();
  const dist = new URL('/tests/bench/node_modules/@duckdb/duckdb-wasm/dist/', location.href).href;
  const worker = new Worker(dist + 'duckdb-browser-eh.worker.js');
  const db = new duckdb.AsyncDuckDB(new duckdb.ConsoleLogger(duckdb.LogLevel.WARNING), worker);
  await db.instantiate(dist + 'duckdb-eh.wasm');
  const conn = await db.connect();
  return { db, conn, initMs: now() - t0 };
}

async function duckdbLoad(conn, t, name) {
  const cols = { ics: t.ics, imd_score: t.imd_score, income: t.income, employment: t.employment };
  t.population.forEach((p, b) => { cols['band' + b] = p; });
  t.deciles.forEach((d, k) => { cols['d' + k] = d; });
  const table = arrow.tableFromArrays(Object.fromEntries(Object.entries(cols).map(([k, v]) => [k, Int32Array.from(v)])));
  await conn.query(`DROP TABLE IF EXISTS ${name}`);
  await conn.insertArrowTable(table, { name });
  await conn.query(`CREATE OR REPLACE TABLE ${name}_p AS SELECT *, band0 + band1 + band2 + band3 + band4 AS pop, band2 + band3 + band4 AS older FROM ${name}`);
}

async function duckdbRun(conn, name) {
  let check = 0;
  for (let k = 0; k < 10; k++) {
    // Sums of integers are HUGEINT in DuckDB (128-bit, which Arrow returns as raw words): cast to BIGINT.
    const r = await conn.query(`SELECT ics, d${k} AS decile, count(*) AS n, sum(pop)::BIGINT AS pop, sum(band0)::BIGINT AS children, sum(older)::BIGINT AS older FROM ${name}_p GROUP BY ics, d${k}`);
    if (k === 0) {
      const dec = r.getChild('decile').toArray();
      const pop = r.getChild('pop').toArray();
      for (let i = 0; i < dec.length; i++) if (Number(dec[i]) === 1) check += Number(pop[i]);
    }
  }
  const s = await conn.query(`SELECT ics, sum(band0)::BIGINT, sum(band1)::BIGINT, sum(band2)::BIGINT, sum(band3)::BIGINT, sum(band4)::BIGINT,
    sum(pop * imd_score / 1000.0) AS imd, sum(pop * income / 1000.0), sum(pop * employment / 1000.0) FROM ${name}_p GROUP BY ics`);
  s.getChild('imd').toArray().forEach((v) => { check += Number(v); });
  return check;
}

// Synthetic tables: real LSOA rows sampled with a fixed seed, each given a random ICS.
function synthetic(real, n, seed = 42) {
  let s = seed >>> 0;
  const rand = () => { s = (s * 1664525 + 1013904223) >>> 0; return s / 4294967296; };
  const m = real.ics.length;
  const t = { ics: new Uint8Array(n), deciles: real.deciles.map(() => new Uint8Array(n)), population: real.population.map(() => new Uint16Array(n)), imd_score: new Uint32Array(n), income: new Uint16Array(n), employment: new Uint16Array(n) };
  for (let r = 0; r < n; r++) {
    const src = Math.floor(rand() * m);
    t.ics[r] = Math.floor(rand() * 42);
    for (let d = 0; d < 10; d++) t.deciles[d][r] = real.deciles[d][src];
    for (let b = 0; b < 5; b++) t.population[b][r] = real.population[b][src];
    t.imd_score[r] = real.imd_score[src];
    t.income[r] = real.income[src];
    t.employment[r] = real.employment[src];
  }
  return t;
}

window.benchPeers = { instantiate, initWasm, realTable, wasmLoad, wasmRun, jsRun, arqueroLoad, arqueroRun, initDuckdb, duckdbLoad, duckdbRun, synthetic };
document.getElementById('status').textContent = 'ready';
