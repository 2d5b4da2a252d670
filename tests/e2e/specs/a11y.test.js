// Accessibility: axe-core (WCAG 2.0/2.1/2.2 A and AA rules) on every view of today's map with a selected ICB,
// at desktop and phone widths, on every view of the July 2022 map, and on the "Add your own data" panel in use, must report no violations.
'use strict';
const { test } = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const { REPO, sharedBrowser, open, fileUrl, axeViolations, axeTests } = require('../lib/harness');

const VIEWS = ['rankings', 'deprivation', 'scatter', 'funnel', 'map', 'trends', 'profile', 'about'];

const chromium = sharedBrowser();


// Every view with a selected ICS, at desktop and phone widths.
axeTests(fileUrl(path.join(REPO, 'index.html')), VIEWS.map((view) => `v=${view}&s=QOP`), { shared: chromium });

// The July 2022 map, after its edition loaded: the frame controls with the note on what a board became.
for (const view of VIEWS) {
  test(`axe: ${view} view on the July 2022 boundaries, with a note on the switch`, async () => {
    const r = await open(chromium.browser, fileUrl(path.join(REPO, 'index.html')) + `#v=${view}&s=Z9B2Z`);
    await r.page.selectOption('#ics-geography', 'icb22');
    await r.page.waitForSelector('.ics-frame__note');
    assert.deepEqual(await axeViolations(r.page), []);
    await r.context.close();
  });
}

test('axe: rankings with a tooltip open and filters in use', async () => {
  const r = await open(chromium.browser, fileUrl(path.join(REPO, 'index.html')) + '#r=Y56&ri=population&rmin=1000000');
  await r.page.focus('[data-item][tabindex="0"]');
  await r.page.waitForSelector('.ics-tooltip');
  assert.deepEqual(await axeViolations(r.page), []);
  await r.context.close();
});

test('axe: a Fingertips download, with its choices of sex and age and of a breakdown', async () => {
  const r = await open(chromium.browser, fileUrl(path.join(REPO, 'index.html')) + '#g=icb22');
  const head = 'Indicator ID,Indicator Name,Parent Code,Parent Name,Area Code,Area Name,Area Type,Sex,Age,Category Type,Category,Time period,Value,Lower CI 95.0 limit,Upper CI 95.0 limit,Lower CI 99.8 limit,Upper CI 99.8 limit,Count,Denominator,Value note,Recent Trend,Compared to England value or percentiles,Compared to ICB (statutory) value or percentiles,Time period Sortable,New data,Compared to goal,Time period range';
  const row = (code, name, sex, cat, v) => `93014,Percentage of physically active adults,,,${code},${name},"ICBs (statutory, from July 2022)",${sex},19+ yrs,${cat},2022/23,${v},,,,,,,,,,,20220000,,,1y`;
  const csv = [head, row('nE54000057', 'NHS Greater Manchester Integrated Care Board - QOP', 'Persons', ',', 1), row('nE54000057', 'NHS Greater Manchester Integrated Care Board - QOP', 'Male', ',', 2), row('nE54000057', 'NHS Greater Manchester Integrated Care Board - QOP', 'Persons', 'Ethnic groups,Asian', 3)].join('\n') + '\n';
  await r.page.locator('#ics-import-file').setInputFiles({ name: 'fingertips.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await r.page.waitForSelector('#ics-import-sex-age');
  await r.page.waitForSelector('#ics-import-breakdown');
  assert.deepEqual(await axeViolations(r.page), []);
  await r.context.close();
});

test('axe: your own data, with a row to assign and a name left blank', async () => {
  const r = await open(chromium.browser, fileUrl(path.join(REPO, 'index.html')));
  const csv = 'Table 1: test,,\nICB,Value\nGreater Manchester,1.5%\nManchster,2%\n';
  await r.page.locator('#ics-import-file').setInputFiles({ name: 'mine.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await r.page.waitForSelector('#ics-fix-4');
  await r.page.fill('#ics-user-name', '');
  await r.page.waitForSelector('text=Enter a name for the indicator');
  await r.page.click('button.ics-toggle:has-text("Hide ICSs with no data")');
  assert.deepEqual(await axeViolations(r.page), []);
  await r.context.close();
});
