// SPC charts the NHS way (Making Data Count), in Chromium and Firefox ESR, from the folder on disk (file://): the
// trends view's "Show as an SPC chart" from the keyboard; Greater Manchester's A&E chart, whose table twin (limits,
// variation per point), icon text and JS API (`el.spc()`) agree with the native CLI's JSON; the summary of every
// ICS's latest variation without a selection; and axe finds nothing to fix at 1280 and 390 px.
'use strict';
const { test } = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const { execFileSync } = require('node:child_process');
const { REPO, fileUrl } = require('../lib/harness');
const { eachBrowser, pageErrors, axeTests } = require('../lib/driver');

const FILE = fileUrl(path.join(REPO, 'index.html'));
const CLI = path.join(REPO, 'target', 'debug', 'ics-explorer');

// The rows of a table in the explorer's shadow root, header first.
function table(id) {
  const t = document.querySelector('ics-explorer').shadowRoot.getElementById(id);
  if (!t) return null;
  return [Array.from(t.querySelectorAll('thead th'), (c) => c.textContent)].concat(Array.from(t.querySelectorAll('tbody tr'), (r) => Array.from(r.children, (c) => c.textContent)));
}

eachBrowser('SPC charts', (b) => {
  test('Greater Manchester A&E: chart, table twin, icon and API agree with the CLI; reached by keyboard', async () => {
    const cli = JSON.parse(execFileSync(CLI, ['spc', 'ae_4hr_pct', 'QOP', '--format', 'json'], { cwd: REPO }));
    const p = await b.open(`${FILE}#v=trends&i=ae_4hr_pct&s=QOP`);
    // From the keyboard: focus the switch, press Enter; the chart and its table appear and the link keeps it.
    await p.eval(() => Array.from(document.querySelector('ics-explorer').shadowRoot.querySelectorAll('.ics-toggle')).find((x) => x.textContent === 'Show as an SPC chart').focus());
    await p.key('Enter');
    await p.waitFor(() => !!document.querySelector('ics-explorer').shadowRoot.getElementById('ics-table-spc'));
    await p.waitFor(() => /spc=1/.test(location.hash));
    assert.equal(await p.eval(() => document.querySelector('ics-explorer').shadowRoot.activeElement.getAttribute('aria-pressed')), 'true');
    await p.key('Tab');
    assert.equal(await p.eval(() => document.querySelector('ics-explorer').shadowRoot.activeElement.id), 'ics-spc-from');
    // The table twin: one row per period, with the CLI's limits (to the table's decimals) and variation.
    const rows = await p.eval(table, 'ics-table-spc');
    const col = (name) => { const k = rows[0].indexOf(name); assert.ok(k >= 0, `${name} in ${rows[0]}`); return k; };
    assert.equal(rows.length - 1, cli.length);
    const num = (t) => Number(t.replace(/,/g, ''));
    for (let k = 0; k < cli.length; k++) {
      const [row, c] = [rows[k + 1], cli[k]];
      assert.equal(num(row[col('Mean')]), Number(c.mean.toFixed(2)), c.period);
      assert.equal(num(row[col('Lower process limit')]), Number(c.lower_limit.toFixed(2)), c.period);
      assert.equal(num(row[col('Upper process limit')]), Number(c.upper_limit.toFixed(2)), c.period);
      assert.equal(row[col('Variation')], c.variation_label, c.period);
      assert.equal(row[col('In baseline')], c.in_baseline ? 'Yes' : 'No', c.period);
    }
    // The icon's text equivalent is the CLI's variation at the latest point.
    const last = cli[cli.length - 1];
    assert.equal(last.variation_label, 'Special cause variation: improvement');
    const icon = await p.eval(() => document.querySelector('ics-explorer').shadowRoot.querySelector('.ics-spc-icons svg[role="img"]').getAttribute('aria-label'));
    assert.equal(icon, last.variation_label);
    // The chart draws a mark per value, each with its words in a tooltip title.
    const titles = await p.eval(() => Array.from(document.querySelector('ics-explorer').shadowRoot.querySelectorAll('svg.ics-spc > :not(g) > title'), (t) => t.textContent));
    assert.equal(titles.length, cli.filter((c) => c.value !== null).length);
    assert.match(titles[titles.length - 1], /^Jul 2025: 71\.4%; Special cause variation: improvement \(Beyond a process limit \(above\)\)$/);
    // The element's API gives the same figures.
    const api = await p.eval(() => {
      const r = document.querySelector('ics-explorer').spc({ indicator: 'ae_4hr_pct', ics: 'QOP' });
      return [r.spc.limits.mean, r.spc.limits.lower, r.spc.limits.upper, r.spc.variation_label, r.summary.length];
    });
    assert.deepEqual(api, [cli[0].mean, cli[0].lower_limit, cli[0].upper_limit, last.variation_label, 36]);
    const bad = await p.eval(() => { try { document.querySelector('ics-explorer').spc({ indicator: 'ae_4hr_pct', ics: 'QOP', run: 3 }); return ''; } catch (e) { return e.message; } });
    assert.match(bad, /run length must be 5 to 12/);
    assert.deepEqual(await pageErrors(p), []);
    await p.close();
  });

  test('without an ICS: a prompt, and every ICS\'s latest variation', async () => {
    const p = await b.open(`${FILE}#v=trends&i=rtt_within_18w_pct&spc=1`);
    await p.waitFor(() => !!document.querySelector('ics-explorer').shadowRoot.getElementById('ics-table-spc-summary'));
    const text = await p.eval(() => document.querySelector('ics-explorer').shadowRoot.querySelector('.ics-view').textContent);
    assert.match(text, /Choose an ICS to see its SPC chart/);
    assert.match(text, /How to read an SPC chart/);
    const rows = await p.eval(table, 'ics-table-spc-summary');
    assert.equal(rows.length, 1 + 36);
    const essex = JSON.parse(execFileSync(CLI, ['spc', 'rtt_within_18w_pct', 'D7T5G', '--format', 'json'], { cwd: REPO }));
    const row = rows.find((r) => r[0] === 'Essex');
    assert.ok(row);
    assert.ok(row.includes(essex[essex.length - 1].variation_label), `${row}`);
    assert.deepEqual(await pageErrors(p), []);
    await p.close();
  });
});

axeTests(FILE, ['v=trends&i=ae_4hr_pct&s=QOP&spc=1', 'v=trends&i=rtt_within_18w_pct&spc=1', 'v=trends&i=rtt_waiting_list&s=D7T5G&spc=1&sb=2023-05..2024-03'], {
  ready: '#ics-table-spc, #ics-table-spc-summary',
});
