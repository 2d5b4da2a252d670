// The soak test's short version (tests/e2e/soak/soak.js; the full one is scripts/soak.sh): random interactions,
// mount and destroy cycles of two embedded explorers and repeated imports of a large file leave the JS heap, the
// wasm memory and the DOM within their bounds, no listener on the host page and no error. In Chromium only: the
// heap after a forced garbage collection needs the DevTools protocol, which Firefox does not offer to WebDriver.
'use strict';
const { test } = require('node:test');
const assert = require('node:assert/strict');
const { soak } = require('../soak/soak');

test('a short soak: memory and DOM within bounds, no listener left, no error [chromium]', async () => {
  const r = await soak('short');
  for (const m of r.curve) console.log(`# soak: ${m.phase}: JS heap ${m.heapMb.toFixed(1)} MB, wasm ${m.wasmMb.toFixed(1)} MB, ${m.dom} DOM nodes`);
  assert.deepEqual(r.broken, []);
  assert.equal(r.curve.length, 6);
});
