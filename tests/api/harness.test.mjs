// The harness itself: a server that never becomes ready is killed before the error is thrown,
// and a test process that dies while a server runs takes the server with it. Both run the
// harness in a child Node process, the way the test runner does, and check the pids it saw.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { BIN, SLOW, api, startServer } from './lib/harness.mjs';

const harness = resolve(dirname(fileURLToPath(import.meta.url)), 'lib/harness.mjs');

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function gone(pid, ms = 10000 * SLOW) {
  const deadline = Date.now() + ms;
  while (alive(pid) && Date.now() < deadline) await sleep(50);
  return !alive(pid);
}

/* Run `body` (ES module text) in a child Node with `env`; returns its status and output. */
function runNode(body, env) {
  return spawnSync(process.execPath, ['--input-type=module', '-e', body], {
    env: { ...process.env, ...env }, encoding: 'utf8', timeout: 120000 * SLOW,
  });
}

test('a server that never answers /healthz is killed before startServer throws', () => {
  const dir = mkdtempSync(join(tmpdir(), 'blytz-harness-'));
  try {
    const fake = join(dir, 'never-ready');
    const pidFile = join(dir, 'pid');
    writeFileSync(fake, `#!/bin/sh\necho $$ > ${pidFile}\nexec sleep 600\n`);
    chmodSync(fake, 0o755);
    const r = runNode(`
      import { startServer } from ${JSON.stringify(harness)};
      try {
        await startServer();
        console.log('STARTED');
      } catch (e) {
        console.log('REFUSED ' + e.message.split('\\n')[0]);
      }`, { BLYTZ_BIN: fake, BLYTZ_TEST_SLOW: '0.05' });
    assert.match(r.stdout, /REFUSED blytz: \/healthz did not answer 200/, r.stderr);
    const pid = Number(readFileSync(pidFile, 'utf8'));
    assert.ok(pid > 0);
    assert.equal(alive(pid), false, 'the never-ready child was killed before the error');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a test process that dies mid-test takes its servers with it', async () => {
  const r = runNode(`
    import { startServer } from ${JSON.stringify(harness)};
    const srv = await startServer();
    console.log('PID ' + srv.child.pid);
    throw new Error('a failing test');`, { BLYTZ_BIN: BIN });
  assert.notEqual(r.status, 0);
  const m = /PID (\d+)/.exec(r.stdout);
  assert.ok(m, `the child started a server: ${r.stdout} ${r.stderr}`);
  assert.ok(await gone(Number(m[1])), 'the server died with the test process');
});

test('--demo: /healthz answers while the data loads, /readyz only once it is in', async () => {
  const srv = await startServer({ args: ['--demo'], ready: false });
  try {
    assert.equal((await api(srv, 'GET', '/healthz')).status, 200);
    const deadline = Date.now() + 120000 * SLOW;
    let r;
    for (;;) {
      r = await api(srv, 'GET', '/readyz');
      if (r.status === 200 || Date.now() > deadline) break;
      assert.equal(r.status, 503, r.text);
      assert.deepEqual(r.json.error.details, { starting: 'demo' });
      await sleep(50);
    }
    assert.equal(r.status, 200, r.text);
    const products = await api(srv, 'GET', '/api/v1/products?limit=100');
    assert.equal(products.json.products.length, 30, 'ready means the demo data is in');
  } finally {
    await srv.stop();
  }
});
