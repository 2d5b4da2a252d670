// A node:test reporter that counts the suite's tests per browser: a test inside a describe block named
// "… [chromium]" or "… [firefox]" (driver.js's eachBrowser), or itself so named, counts for that browser; any
// other for neither.
// scripts/test.sh shows its lines ("# chromium: pass N, fail N") in its summary.
export default async function* browsers(source) {
  // Finished tests and blocks not yet claimed by a block around them, in the order they finished: each is a
  // tally of the tests under it ({ nesting, pass, fail }).
  let pending = [];
  const totals = {};
  const add = (key, t) => {
    totals[key] = totals[key] || { pass: 0, fail: 0 };
    totals[key].pass += t.pass;
    totals[key].fail += t.fail;
  };
  for await (const event of source) {
    if (event.type !== 'test:pass' && event.type !== 'test:fail') continue;
    const { name, nesting } = event.data;
    const inner = pending.filter((t) => t.nesting > nesting);
    pending = pending.filter((t) => t.nesting <= nesting);
    const browser = /\[(chromium|firefox)\]$/.exec(name);
    if (inner.length === 0) {
      // A test of one browser only says which in its own name.
      if (browser) { add(browser[1], { pass: event.type === 'test:pass' ? 1 : 0, fail: event.type === 'test:fail' ? 1 : 0 }); continue; }
      pending.push({ nesting, pass: event.type === 'test:pass' ? 1 : 0, fail: event.type === 'test:fail' ? 1 : 0 });
      continue;
    }
    // A block (a describe, or a spec file): it finished after everything in it.
    const tally = { nesting, pass: 0, fail: 0 };
    for (const t of inner) { tally.pass += t.pass; tally.fail += t.fail; }
    if (browser) add(browser[1], tally); else pending.push(tally);
  }
  for (const t of pending) add('no browser', t);
  for (const [key, t] of Object.entries(totals).sort()) yield `# ${key}: pass ${t.pass}, fail ${t.fail}\n`;
}
