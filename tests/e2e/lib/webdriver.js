// A minimal W3C WebDriver client (fetch against geckodriver): enough to drive Debian's firefox-esr, which
// Playwright cannot. Sessions are headless with a fresh profile.
'use strict';
const { spawn } = require('node:child_process');
const net = require('node:net');

function freePort() {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
  });
}

async function startDriver(binary) {
  const port = await freePort();
  const proc = spawn(binary, ['--port', String(port), '--host', '127.0.0.1'], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  proc.stderr.on('data', (d) => { stderr += d; });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    try {
      const r = await fetch(base + '/status');
      if ((await r.json()).value.ready) break;
    } catch (e) { /* not up yet */ }
    await new Promise((res) => setTimeout(res, 100));
    if (i === 99) throw new Error('geckodriver did not start: ' + stderr);
  }
  return { base, stop: () => proc.kill() };
}

async function call(base, method, path, body) {
  const r = await fetch(base + path, { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  const j = await r.json();
  if (j.value && j.value.error) throw new Error(`${j.value.error}: ${j.value.message}`);
  return j.value;
}

async function session(driver, firefox) {
  const caps = { capabilities: { alwaysMatch: { browserName: 'firefox', 'moz:firefoxOptions': { binary: firefox, args: ['-headless'] } } } };
  const { sessionId } = await call(driver.base, 'POST', '/session', caps);
  const p = `/session/${sessionId}`;
  return {
    go: (url) => call(driver.base, 'POST', `${p}/url`, { url }),
    run: (script, ...args) => call(driver.base, 'POST', `${p}/execute/sync`, { script, args }),
    // Polls `script` (a function body returning truthy when done) until it returns a truthy value.
    until: async (script, ms = 20000) => {
      const t0 = Date.now();
      for (;;) {
        const v = await call(driver.base, 'POST', `${p}/execute/sync`, { script, args: [] });
        if (v) return v;
        if (Date.now() - t0 > ms) throw new Error('timed out waiting for: ' + script);
        await new Promise((res) => setTimeout(res, 50));
      }
    },
    close: () => call(driver.base, 'DELETE', p),
  };
}

module.exports = { startDriver, session };
