// Your own data, in Chromium and Firefox ESR: a Fingertips download becomes an indicator (ranked, compared with
// England, mapped, never uploaded); a table saved from a spreadsheet imports with its title above the header,
// a misspelt ICS assigned in the page, a new name and unit, and no-data bars hidden; the template downloads and,
// filled in, imports cleanly; a broken file gets a precise list of problems.
'use strict';
const { test } = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const { REPO, fileUrl } = require('../lib/harness');
const { eachBrowser, pageErrors, catchDownloads, download, tableRows, choose } = require('../lib/driver');

const INDEX = fileUrl(path.join(REPO, 'index.html'));

const FINGERTIPS = [
  'Indicator ID,Indicator Name,Parent Code,Parent Name,Area Code,Area Name,Area Type,Sex,Age,Category Type,Category,Time period,Value,Lower CI 95.0 limit,Upper CI 95.0 limit,Lower CI 99.8 limit,Upper CI 99.8 limit,Count,Denominator,Value note,Recent Trend,Compared to England value or percentiles,Compared to ICBs (statutory) in England,Time period Sortable,New data,Compared to goal,Time period range',
  '92488,Smoking prevalence in adults (18+),,,E92000001,England,England,Persons,18+ yrs,,,2022,12.7,12.5,12.9,,,,,,,,,20220000,,,1y',
  '92488,Smoking prevalence in adults (18+),E92000001,England,E40000010,North West,NHS region,Persons,18+ yrs,,,2022,14.1,13.4,14.8,,,,,,,,,20220000,,,1y',
  '92488,Smoking prevalence in adults (18+),E40000010,North West,E54000057,NHS Greater Manchester Integrated Care Board,ICBs,Persons,18+ yrs,,,2022,14.3,13.1,15.5,,,,,,,,,20220000,,,1y',
  '92488,Smoking prevalence in adults (18+),E40000010,North West,E54000008,NHS Cheshire and Merseyside Integrated Care Board,ICBs,Persons,18+ yrs,,,2022,10.0,9.1,10.9,,,,,,,,,20220000,,,1y',
].join('\r\n') + '\r\n';

// A physical activity download as Fingertips writes it (27 columns, quoted area types with commas, `n`-prefixed
// codes, ICB names ending in their NHS code), with made-up test values: England, NHS regions under two area types,
// three ICBs and a sub-ICB location of each for Persons, Male and Female, the ICBs' ethnic breakdown, and an ICB
// row repeated.
const FT_HEAD = 'Indicator ID,Indicator Name,Parent Code,Parent Name,Area Code,Area Name,Area Type,Sex,Age,Category Type,Category,Time period,Value,Lower CI 95.0 limit,Upper CI 95.0 limit,Lower CI 99.8 limit,Upper CI 99.8 limit,Count,Denominator,Value note,Recent Trend,Compared to England value or percentiles,Compared to ICB (statutory) value or percentiles,Time period Sortable,New data,Compared to goal,Time period range';
const ftRow = (parent, code, name, type, sex, cat, v, counts = ['', '']) => ['93014', 'Percentage of physically active adults', parent[0], parent[1], code, name, type, sex, '19+ yrs', cat[0], cat[1], '2022/23', v.toFixed(1),
  (v - 1).toFixed(1), (v + 1).toFixed(1), (v - 1.5).toFixed(1), (v + 1.5).toFixed(1), counts[0], counts[1], '', 'Cannot be calculated', code === 'E92000001' ? '' : 'Similar', '', '20220000', 'New data', '', '1y']
  .map((f) => (/[,"]/.test(String(f)) ? `"${String(f).replace(/"/g, '""')}"` : String(f))).join(',');
const FT_ICBS = [
  ['E40000010', 'North West', 'nE54000057', 'NHS Greater Manchester Integrated Care Board - QOP', [['nE38000217', 'NHS Greater Manchester ICB - 14L']]],
  ['E40000011', 'Midlands', 'nE54000055', 'NHS Birmingham and Solihull Integrated Care Board - QHL', [['nE38000258', 'NHS Birmingham and Solihull ICB - 15E']]],
  ['E40000005', 'South East', 'nE54000032', 'NHS Kent and Medway Integrated Care Board - QKS', [['nE38000237', 'NHS Kent and Medway ICB - 91Q']]],
];
const FINGERTIPS_REAL = [FT_HEAD];
[['Persons', 0], ['Male', 10], ['Female', 20]].forEach(([sex, add]) => {
  FINGERTIPS_REAL.push(ftRow(['', ''], 'E92000001', 'England', 'England', sex, ['', ''], 60 + add));
  FT_ICBS.forEach(([rc, rn, code, name, subs], k) => {
    for (const t of ['NHS region (statutory, April 2020 - March 2021)', 'NHS regions (new due to ICB changes)']) FINGERTIPS_REAL.push(ftRow(['E92000001', 'England'], rc, rn, t, sex, ['', ''], 50 + add));
    FINGERTIPS_REAL.push(ftRow([rc, rn], code, name, 'ICBs (statutory, from July 2022)', sex, ['', ''], 61 + k + add));
    for (const [sc, sn] of subs) FINGERTIPS_REAL.push(ftRow([code, name], sc, sn, 'ICB sub-locations', sex, ['', ''], 40 + add));
  });
});
FT_ICBS.forEach(([rc, rn, code, name], k) => FINGERTIPS_REAL.push(ftRow([rc, rn], code, name, 'ICBs (statutory, from July 2022)', 'Persons', ['Ethnic groups', 'Asian'], 30 + k)));
FINGERTIPS_REAL.push(FINGERTIPS_REAL[4]);
const FINGERTIPS_REAL_TEXT = FINGERTIPS_REAL.join('\r\n') + '\r\n';

// The same indicator for the 42 ICBs of July 2022, as almost every download is: Greater Manchester (unchanged in
// April 2026), North West and North Central London (West and North London since April 2026) and their sub-ICB
// locations W2U3Z and 93C with counts (made up: 300 of 2,000 and 313 of 2,097), and England.
const ftCounted = (parent, code, name, type, v, count, den) => ftRow(parent, code, name, type, 'Persons', ['', ''], v, [count, den]);
const FINGERTIPS_2022 = [FT_HEAD,
  ftRow(['', ''], 'E92000001', 'England', 'England', 'Persons', ['', ''], 66.9),
  ftRow(['E40000010', 'North West'], 'nE54000057', 'NHS Greater Manchester Integrated Care Board - QOP', 'ICBs (statutory, from July 2022)', 'Persons', ['', ''], 61.3),
  ftCounted(['E40000003', 'London'], 'nE54000027', 'NHS North West London Integrated Care Board - QRV', 'ICBs (statutory, from July 2022)', 15.0, '', ''),
  ftCounted(['E40000003', 'London'], 'nE54000028', 'NHS North Central London Integrated Care Board - QMJ', 'ICBs (statutory, from July 2022)', 14.9, '', ''),
  ftCounted(['nE54000027', 'NHS North West London Integrated Care Board - QRV'], 'nE38000256', 'NHS North West London ICB - W2U3Z', 'ICB sub-locations', 15.0, '300', '2000'),
  ftCounted(['nE54000028', 'NHS North Central London Integrated Care Board - QMJ'], 'nE38000240', 'NHS North Central London ICB - 93C', 'ICB sub-locations', 14.9, '313', '2097'),
].join('\r\n') + '\r\n';

// A table saved from a spreadsheet: a title and a blank row above the header, percentages, a suppressed cell, a
// misspelt ICS and a source note below.
const SPREADSHEET = [
  'Table 3: Adults who smoke, by ICB,,',
  ',,',
  'ICB name,ICB code,Value',
  'Greater Manchester,QOP,14.3%',
  'Cheshire and Merseyside,QYG,12.0%',
  'Devon,QJK,*',
  'Manchster,,9.9%',
  ',,',
  'Source: Annual Population Survey,,',
].join('\r\n') + '\r\n';

// Runs in the page: the text of the first element matching `sel` in the explorer, or of all of them.
const text = (p, sel) => p.eval((s) => { const e = document.querySelector('ics-explorer').shadowRoot.querySelector(s); return e ? e.textContent : null; }, sel);
const texts = (p, sel) => p.eval((s) => Array.from(document.querySelector('ics-explorer').shadowRoot.querySelectorAll(s), (e) => e.textContent), sel);
const value = (p, sel) => p.eval((s) => document.querySelector('ics-explorer').shadowRoot.querySelector(s).value, sel);
const shows = (p, words) => p.waitFor((w) => document.querySelector('ics-explorer').shadowRoot.textContent.includes(w), words);
const rankings = (p) => tableRows(p, '#ics-table-rankings');
const importFile = (p, name, body) => p.upload('ics-explorer >>> #ics-import-file', name, body);
const indicatorName = (p) => p.eval(() => document.querySelector('ics-explorer').shadowRoot.getElementById('ics-indicator').selectedOptions[0].textContent);
// Nothing left the folder (where the browser reports file:// loads: Chromium).
const foreign = (p) => (p.requests || []).filter((u) => !u.startsWith('file://' + REPO + '/') && !u.startsWith('data:') && !u.startsWith('blob:'));

eachBrowser('your own data', (b) => {
  test('a Fingertips download becomes an indicator: ranked, compared with England, mapped, never uploaded', async () => {
    // A 2022 file of the July 2022 ICBs, on their map.
    const p = await b.open(INDEX + '#g=icb22');
    await importFile(p, 'fingertips-smoking.csv', FINGERTIPS);
    await shows(p, 'Added from fingertips-smoking.csv');
    assert.equal(await indicatorName(p), 'Smoking prevalence in adults (18+)');
    const rows = await rankings(p);
    const gm = rows.find((x) => x[0] === 'Greater Manchester');
    // Read as context until told otherwise: its 95% interval (from the file) is above England's 12.7.
    assert.deepEqual(gm.slice(2, 6), ['14.3', '13.1', '15.5', 'Higher than England']);
    const cm = rows.find((x) => x[0] === 'Cheshire and Merseyside');
    assert.deepEqual(cm.slice(2, 6), ['10.0', '9.1', '10.9', 'Lower than England']);
    assert.deepEqual(rows.find((x) => x[0] === 'England').slice(2, 5), ['12.7', '12.5', '12.9']);
    assert.equal(rows.filter((x) => x[2] === 'no data').length, 40, 'the other 40 ICSs are missing, not zero');
    const warnings = await text(p, '.ics-import__warnings');
    assert.match(warnings, /no value for 40 of 42 ICSs in 2022: /);
    assert.match(warnings, /Fingertips download: used 3 of 4 rows \(2 ICB, 1 England\); skipped 1 row: 1 region/);
    // Say how to read it: lower is better. Now intervals are judged against England.
    await choose(p, 'ics-user-polarity', 'lower_is_better');
    await shows(p, 'Worse than England');
    assert.equal((await rankings(p)).find((x) => x[0] === 'Cheshire and Merseyside')[5], 'Better than England');
    // It works in the other views too.
    await p.click('ics-explorer >>> button[data-view="map"]');
    await p.waitFor(() => document.querySelector('ics-explorer').shadowRoot.getElementById('ics-table-map'));
    await p.click('ics-explorer >>> button[data-view="scatter"]');
    await shows(p, 'Smoking prevalence in adults (18+) against deprivation');
    assert.deepEqual(foreign(p), [], 'nothing uploaded or fetched');
    assert.deepEqual(await pageErrors(p), []);
    await p.close();
  });

  test('a real-shaped Fingertips download imports unedited: one summary line, the ICB rows used, and a choice of sex', async () => {
    const p = await b.open(INDEX + '#g=icb22');
    await importFile(p, 'fingertips-activity.csv', FINGERTIPS_REAL_TEXT);
    await shows(p, 'Added from fingertips-activity.csv');
    assert.equal(await indicatorName(p), 'Percentage of physically active adults');
    const warnings = await texts(p, '.ics-import__warnings li');
    assert.equal(warnings[0], 'Fingertips download: used 4 of 43 rows (3 ICB, 1 England); skipped 38 rows: 3 sub-ICB, 18 region, 3 category breakdown, 14 other sex or age; 1 duplicate kept the first');
    assert.ok(warnings.includes('Rows for Persons, 19+ yrs were imported; the file also has Male, 19+ yrs; Female, 19+ yrs: choose below to import those instead'), warnings.join('\n'));
    assert.ok(warnings.includes('The file also breaks the ICB values down by Ethnic groups (1 category): choose a breakdown below to import it instead'), warnings.join('\n'));
    const values = async () => { const rows = await rankings(p); return ['Greater Manchester', 'Birmingham and Solihull', 'Kent and Medway', 'England'].map((n) => rows.find((x) => x[0] === n)[2]); };
    assert.deepEqual(await values(), ['61', '62', '63', '60']);
    // The choice of sex and age: labelled, Persons first; Female imports the file again in place.
    assert.equal(await text(p, 'label[for="ics-import-sex-age"]'), 'Sex and age to import');
    assert.deepEqual(await texts(p, '#ics-import-sex-age option'), ['Persons, 19+ yrs (6 rows)', 'Male, 19+ yrs (6 rows)', 'Female, 19+ yrs (6 rows)']);
    assert.equal(await value(p, '#ics-import-sex-age'), 'sex:0');
    await choose(p, 'ics-import-sex-age', 'sex:2');
    await p.waitFor(() => Array.from(document.querySelector('ics-explorer').shadowRoot.querySelectorAll('#ics-table-rankings tbody tr')).some((r) => r.children[0].textContent === 'Greater Manchester' && r.children[2].textContent === '81'));
    assert.deepEqual(await values(), ['81', '82', '83', '80']);
    assert.equal(await value(p, '#ics-import-sex-age'), 'sex:2');
    assert.equal(await indicatorName(p), 'Percentage of physically active adults');
    // The breakdown instead: an indicator for its category.
    await choose(p, 'ics-import-breakdown', 'breakdown:0');
    await p.waitFor(() => document.querySelector('ics-explorer').shadowRoot.getElementById('ics-indicator').selectedOptions[0].textContent === 'Percentage of physically active adults: Asian');
    assert.deepEqual((await values()).slice(0, 3), ['30', '31', '32']);
    assert.deepEqual(await pageErrors(p), []);
    await p.close();
  });

  test('on the default April 2026 map, a July 2022 download gives a changed board the exact sum of its sub-ICB locations', async () => {
    const p = await b.open(INDEX);
    await importFile(p, 'fingertips-2022.csv', FINGERTIPS_2022);
    await shows(p, 'Added from fingertips-2022.csv');
    const warnings = await texts(p, '.ics-import__warnings li');
    assert.equal(warnings[0], 'Fingertips download: used 4 of 6 rows (1 ICB, 2 sub-ICB, summed, 1 England); skipped 2 rows: 2 ICB of other boundaries');
    assert.ok(warnings.includes('Percentage of physically active adults: 1 ICB of April 2026 summed exactly from 2 sub-ICB locations in 2022/23, as the file has no ICB rows for it: West and North London (each is its locations\' counts added up over their denominators added up, as a percentage (per 100))'), warnings.join('\n'));
    // (300 + 313) ÷ (2,000 + 2,097) = 14.96…%, shown to the file's one decimal; Greater Manchester's own row.
    const rows = await rankings(p);
    assert.deepEqual(['West and North London', 'Greater Manchester', 'England'].map((n) => rows.find((x) => x[0] === n)[2]), ['15.0', '61.3', '66.9']);
    assert.equal(rows.filter((x) => x[2] === 'no data').length, 34);
    assert.deepEqual(await pageErrors(p), []);
    await p.close();
  });

  test('a spreadsheet table: the header found below its title, the misspelt ICS assigned, renamed, no-data bars hidden', async () => {
    const p = await b.open(INDEX + '#g=icb22');
    await catchDownloads(p);
    await importFile(p, 'table3.csv', SPREADSHEET);
    await shows(p, 'Added from table3.csv');
    assert.equal(await indicatorName(p), 'Table 3: Adults who smoke, by ICB');
    assert.deepEqual((await texts(p, '.ics-import__warnings li')).slice(0, 3), [
      'line 3: read as the header row; line 1 above it was left out (a title or notes)',
      'Line 9 below the table was read as notes and left out',
      '1 cell marked as suppressed or not available (“*”) is shown as no data',
    ]);
    let rows = await rankings(p);
    assert.deepEqual(['Greater Manchester', 'Cheshire and Merseyside', 'Devon'].map((n) => rows.find((x) => x[0] === n)[2]), ['14.3', '12.0', 'no data']);
    // The % signs set the unit.
    assert.equal(await value(p, '#ics-user-unit'), '%');
    // The row that matched no ICS is listed with the closest first; assigned, it joins the same indicator.
    assert.equal(await text(p, '.ics-import__unmatched legend'), '1 row did not match an ICS and was left out');
    assert.equal(await text(p, 'label[for="ics-fix-7"]'), 'Line 7: “Manchster” (value 9.9%)');
    assert.equal(await p.eval(() => { const g = document.querySelector('ics-explorer').shadowRoot.querySelector('#ics-fix-7 optgroup'); return `${g.label}: ${g.children[0].textContent}`; }), 'Closest matches: Greater Manchester');
    await choose(p, 'ics-fix-7', '7:QKS');
    await p.click('ics-explorer >>> #ics-import-apply');
    await shows(p, 'Updated: 1 row is now included; any others are left out.');
    rows = await rankings(p);
    assert.equal(rows.find((x) => x[0] === 'Kent and Medway')[2], '9.9');
    // Renamed and given a unit, typed key by key: titles, tables and downloads follow, and focus stays put.
    await p.clear('ics-explorer >>> #ics-user-name');
    await shows(p, 'Enter a name for the indicator');
    await p.type('ics-explorer >>> #ics-user-name', 'Adults who smoke');
    await p.waitFor(() => document.querySelector('ics-explorer').shadowRoot.getElementById('ics-view-title').textContent === 'Adults who smoke, as supplied');
    await p.clear('ics-explorer >>> #ics-user-unit');
    await p.type('ics-explorer >>> #ics-user-unit', '% of adults');
    await p.waitFor(() => document.querySelector('ics-explorer').shadowRoot.querySelector('#ics-table-rankings caption').textContent === 'Adults who smoke (% of adults), as supplied, by ICS');
    assert.equal(await p.eval(() => document.querySelector('ics-explorer').shadowRoot.activeElement.id), 'ics-user-unit');
    assert.equal(await indicatorName(p), 'Adults who smoke');
    await p.click('ics-explorer >>> button[data-download="csv"]');
    assert.match((await download(p, 1)).text, /^ICS,NHS region,Value \(% of adults\),/);
    // Hide the 39 ICSs with no data: the chart and table lose them, the caption counts them, the link keeps it.
    await p.click('ics-explorer >>> #ics-hide-missing');
    await p.waitFor(() => document.querySelector('ics-explorer').shadowRoot.getElementById('ics-hide-missing').getAttribute('aria-pressed') === 'true');
    rows = await rankings(p);
    assert.deepEqual(rows.map((x) => x[0]), ['Greater Manchester', 'Cheshire and Merseyside', 'Kent and Medway', 'England']);
    assert.match(await text(p, '#ics-table-rankings caption'), /by ICS\. 39 ICSs with no data are hidden$/);
    assert.equal(await p.eval(() => document.querySelector('ics-explorer').shadowRoot.querySelectorAll('.ics-chart [data-item]').length), 3);
    await p.waitFor(() => location.hash.includes('nd=hide'));
    assert.deepEqual(foreign(p), [], 'nothing uploaded or fetched');
    assert.deepEqual(await pageErrors(p), []);
    await p.close();
  });

  test('the template downloads with the 36 ICBs of April 2026 and, filled in, imports cleanly', async () => {
    const p = await b.open(INDEX);
    await catchDownloads(p);
    await p.click('ics-explorer >>> .ics-import summary');
    await p.click('ics-explorer >>> #ics-import-template');
    const dl = await download(p, 1);
    assert.equal(dl.name, 'ics-explorer-template.csv');
    const lines = dl.text.split('\r\n');
    assert.equal(lines[0], 'ICB ONS code,ICB ODS code,ICB name,Time period,Value,Lower CI 95.0 limit,Upper CI 95.0 limit');
    assert.equal(lines.length, 38, '36 ICBs, a header and the final line end');
    assert.ok(lines.includes('E54000057,QOP,NHS Greater Manchester Integrated Care Board,,,,'));
    const filled = lines.map((l, k) => (k === 0 || !l ? l : l.replace(/,,,,$/, `,2024/25,${k}.5,${k},${k + 1}`))).join('\r\n');
    await importFile(p, 'ics-explorer-template.csv', filled);
    await shows(p, 'Added from ics-explorer-template.csv');
    assert.equal(await p.eval(() => document.querySelector('ics-explorer').shadowRoot.querySelectorAll('.ics-import__warnings, .ics-import__unmatched').length), 0);
    const rows = await rankings(p);
    assert.equal(rows.filter((x) => x[0] !== 'England' && /^\d+\.5$/.test(x[2])).length, 36);
    assert.deepEqual(await pageErrors(p), []);
    await p.close();
  });

  test('a bad file gets a precise list of problems and adds nothing', async () => {
    const p = await b.open(INDEX);
    await importFile(p, 'bad.csv', 'Area Code,Value\nE54000057,12\nE38000001,3\nQYG,lots\n');
    await p.waitFor(() => document.querySelector('ics-explorer').shadowRoot.querySelector('.ics-import__failed'));
    assert.deepEqual(await texts(p, '.ics-import__failed li'), [
      'line 3, column "Area Code": "E38000001" is not one of the 36 ICBs (April 2026) (that is a sub-ICB location; ICS Explorer needs ICB values): expected an E54 or NHS (such as S1Y5D) code, or an ICB name',
      'line 4, column "Value": "lots" is not a number',
    ]);
    assert.equal(await p.eval(() => document.querySelector('ics-explorer').shadowRoot.querySelectorAll('#ics-indicator optgroup[label^="Your own data"]').length), 0);
    assert.deepEqual(await pageErrors(p), []);
    await p.close();
  });
});
