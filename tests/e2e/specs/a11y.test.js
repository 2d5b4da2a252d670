// Accessibility, in Chromium and Firefox: axe-core (WCAG 2.0/2.1/2.2 A and AA rules) on every view of today's map
// with a selected ICB, at desktop and phone widths, on every view of the July 2022 map, and on the "Add your own
// data" panel in use, must report no violations.
'use strict';
const { test } = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const { REPO, fileUrl } = require('../lib/harness');
const { eachBrowser, axeViolations, axeTests, choose } = require('../lib/driver');

const INDEX = fileUrl(path.join(REPO, 'index.html'));
const VIEWS = ['rankings', 'deprivation', 'scatter', 'funnel', 'map', 'trends', 'profile', 'about'];

// In the explorer's shadow root: whether `selector` matches, or (with `text`) whether its text contains `text`.
const has = (selector, text) => {
  const el = document.getElementById('ics-explorer').shadowRoot.querySelector(selector);
  return !!el && (text === undefined || el.textContent.includes(text));
};

// Every view with a selected ICS, at desktop and phone widths.
axeTests(INDEX, VIEWS.map((view) => `v=${view}&s=QOP`));

eachBrowser('axe-core finds no violations while in use', (b) => {
  // The July 2022 map, after its edition loaded: the frame controls with the note on what a board became.
  for (const view of VIEWS) {
    test(`axe: ${view} view on the July 2022 boundaries, with a note on the switch`, async () => {
      const p = await b.open(INDEX + `#v=${view}&s=Z9B2Z`);
      await choose(p, 'ics-geography', 'icb22');
      await p.waitFor(has, '.ics-frame__note');
      assert.deepEqual(await axeViolations(p), []);
      await p.close();
    });
  }

  test('axe: rankings with a tooltip open and filters in use', async () => {
    const p = await b.open(INDEX + '#r=Y56&ri=population&rmin=1000000');
    await p.eval(() => document.getElementById('ics-explorer').shadowRoot.querySelector('[data-item][tabindex="0"]').focus());
    await p.waitFor(has, '.ics-tooltip');
    assert.deepEqual(await axeViolations(p), []);
    await p.close();
  });

  test('axe: a Fingertips download, with its choices of sex and age and of a breakdown', async () => {
    const p = await b.open(INDEX + '#g=icb22');
    const head = 'Indicator ID,Indicator Name,Parent Code,Parent Name,Area Code,Area Name,Area Type,Sex,Age,Category Type,Category,Time period,Value,Lower CI 95.0 limit,Upper CI 95.0 limit,Lower CI 99.8 limit,Upper CI 99.8 limit,Count,Denominator,Value note,Recent Trend,Compared to England value or percentiles,Compared to ICB (statutory) value or percentiles,Time period Sortable,New data,Compared to goal,Time period range';
    const row = (code, name, sex, cat, v) => `93014,Percentage of physically active adults,,,${code},${name},"ICBs (statutory, from July 2022)",${sex},19+ yrs,${cat},2022/23,${v},,,,,,,,,,,20220000,,,1y`;
    const gm = ['nE54000057', 'NHS Greater Manchester Integrated Care Board - QOP'];
    const csv = [head, row(...gm, 'Persons', ',', 1), row(...gm, 'Male', ',', 2), row(...gm, 'Persons', 'Ethnic groups,Asian', 3)].join('\n') + '\n';
    await p.upload('ics-explorer >>> #ics-import-file', 'fingertips.csv', csv);
    await p.waitFor(has, '#ics-import-sex-age');
    await p.waitFor(has, '#ics-import-breakdown');
    assert.deepEqual(await axeViolations(p), []);
    await p.close();
  });

  test('axe: your own data, with a row to assign and a name left blank', async () => {
    const p = await b.open(INDEX);
    await p.upload('ics-explorer >>> #ics-import-file', 'mine.csv', 'Table 1: test,,\nICB,Value\nGreater Manchester,1.5%\nManchster,2%\n');
    await p.waitFor(has, '#ics-fix-4');
    await p.clear('ics-explorer >>> #ics-user-name');
    await p.waitFor(() => document.getElementById('ics-explorer').shadowRoot.textContent.includes('Enter a name for the indicator'));
    await p.eval(() => Array.from(document.getElementById('ics-explorer').shadowRoot.querySelectorAll('button.ics-toggle')).find((t) => t.textContent.includes('Hide ICSs with no data')).click());
    assert.deepEqual(await axeViolations(p), []);
    await p.close();
  });
});
